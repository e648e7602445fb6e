//! Only known query parameters reach the server; the rest are dropped.

/// Parameters of the Management API routes on the allowlist.
const KNOWN: &[&str] = &[
    "page",
    "page_size",
    "search",
    "mode",
    "isCaseSensitive",
    "joint",
    "jointMode",
    "excludeRoleId",
    "excludeOrganizationId",
    "excludeUserId",
    "excludeApplicationId",
    "isLocked",
    "isSuspended",
    "q",
    "showFeatured",
    "organizationRoleId",
    "organizationId",
    "inviterId",
    "invitee",
    "userId",
    "applicationId",
    "logKey",
    "start_time",
    "end_time",
    "type",
    "types",
    "includeScopes",
];

fn is_known(key: &str) -> bool {
    if KNOWN.contains(&key) {
        return true;
    }
    // `search.<field>` and `mode.<field>` name a user field.
    let field = key
        .strip_prefix("search.")
        .or_else(|| key.strip_prefix("mode."));
    field.is_some_and(|f| {
        !f.is_empty() && f.len() <= 32 && f.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
    })
}

/// The known parameters of `raw`, re-encoded, in their order.
pub fn filter(raw: Option<&str>) -> String {
    let Some(raw) = raw else {
        return String::new();
    };
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
        if is_known(&key) {
            out.append_pair(&key, &value);
        }
    }
    out.finish()
}

/// The first value of `name`.
pub fn value(raw: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(raw?.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_known_parameters_only() {
        assert_eq!(
            filter(Some(
                "page=2&evil=1&search.username=%25ann%25&mode.x%3By=1&q=a+b"
            )),
            "page=2&search.username=%25ann%25&q=a+b"
        );
        assert_eq!(filter(None), "");
        assert_eq!(
            value(Some("a=1&organizationId=o1"), "organizationId").as_deref(),
            Some("o1")
        );
    }
}
