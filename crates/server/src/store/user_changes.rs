//! One write to a user that names only the columns it changes, so two concurrent
//! writes of different fields (on any server instance) both survive.

/// The columns one write changes; `None` leaves a column as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserChanges {
    pub username: Option<Option<String>>,
    pub primary_email: Option<Option<String>>,
    pub primary_phone: Option<Option<String>>,
    pub name: Option<Option<String>>,
    pub avatar: Option<Option<String>>,
    pub password_encrypted: Option<Option<String>>,
    pub password_encryption_method: Option<Option<String>>,
    pub custom_data: Option<String>,
    pub profile: Option<String>,
    /// Compare-and-set for read-modify-write merges: the write happens only while
    /// `custom_data` still holds this text.
    pub if_custom_data: Option<String>,
    /// The same for `profile`.
    pub if_profile: Option<String>,
}

impl UserChanges {
    /// `UPDATE users SET … WHERE …` for the user in `$1`, stamping `updated_at` from
    /// `$2`; the returned texts bind to `$3, $4, …` in order.
    pub(super) fn statement(&self) -> (String, Vec<Option<String>>) {
        let mut sets = vec!["updated_at = $2".to_owned()];
        let mut conditions = vec!["id = $1".to_owned()];
        let mut binds: Vec<Option<String>> = Vec::new();
        let next = |binds: &mut Vec<Option<String>>, value: Option<String>| {
            binds.push(value);
            format!("${}", binds.len() + 2)
        };
        let columns: [(&str, &Option<Option<String>>); 7] = [
            ("username", &self.username),
            ("primary_email", &self.primary_email),
            ("primary_phone", &self.primary_phone),
            ("name", &self.name),
            ("avatar", &self.avatar),
            ("password_encrypted", &self.password_encrypted),
            (
                "password_encryption_method",
                &self.password_encryption_method,
            ),
        ];
        for (column, change) in columns {
            if let Some(value) = change {
                let placeholder = next(&mut binds, value.clone());
                sets.push(format!("{column} = {placeholder}"));
            }
        }
        for (column, value) in [
            ("custom_data", &self.custom_data),
            ("profile", &self.profile),
        ] {
            if let Some(value) = value {
                let placeholder = next(&mut binds, Some(value.clone()));
                sets.push(format!("{column} = {placeholder}"));
            }
        }
        for (column, value) in [
            ("custom_data", &self.if_custom_data),
            ("profile", &self.if_profile),
        ] {
            if let Some(value) = value {
                let placeholder = next(&mut binds, Some(value.clone()));
                conditions.push(format!("{column} = {placeholder}"));
            }
        }
        let sql = format!(
            "UPDATE users SET {} WHERE {}",
            sets.join(", "),
            conditions.join(" AND ")
        );
        (sql, binds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_changed_columns_are_written() {
        let changes = UserChanges {
            name: Some(Some("Ann".into())),
            avatar: Some(None),
            ..UserChanges::default()
        };
        let (sql, binds) = changes.statement();
        assert_eq!(
            sql,
            "UPDATE users SET updated_at = $2, name = $3, avatar = $4 WHERE id = $1"
        );
        assert_eq!(binds, vec![Some("Ann".to_owned()), None]);
    }

    #[test]
    fn a_merge_writes_only_over_what_it_read() {
        let changes = UserChanges {
            custom_data: Some(r#"{"a":1}"#.into()),
            if_custom_data: Some("{}".into()),
            ..UserChanges::default()
        };
        let (sql, _) = changes.statement();
        assert_eq!(
            sql,
            "UPDATE users SET updated_at = $2, custom_data = $3 WHERE id = $1 AND custom_data = $4"
        );
    }
}
