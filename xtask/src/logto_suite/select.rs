//! Which built test files run: every `*.test.js` under `lib/tests/api/`, narrowed by
//! path patterns and by group 1.

use std::path::Path;

use crate::Result;

/// Where the built API tests are, relative to the test package.
const API_TESTS: &str = "lib/tests/api/";

/// The areas Tenantry implements; see the comment at the top of the file.
const GROUP1: &str = include_str!("../../logto-suite/group1.patterns");

/// The test files under the package's `lib/tests/api/` (paths relative to the package,
/// sorted, as Logto's own `jest -i` run orders them) that contain one of `patterns`
/// (every file when there are none), only those of group 1 if `group1`.
pub fn files(package: &Path, patterns: &[String], group1: bool) -> Result<Vec<String>> {
    let mut all = Vec::new();
    collect(&package.join(API_TESTS), API_TESTS, &mut all)?;
    all.sort();
    Ok(all
        .into_iter()
        .filter(|file| patterns.is_empty() || patterns.iter().any(|p| matches(file, p)))
        .filter(|file| !group1 || in_group1(file))
        .collect())
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            collect(&entry.path(), &format!("{prefix}{name}/"), out)?;
        } else if name.ends_with(".test.js") {
            out.push(format!("{prefix}{name}"));
        }
    }
    Ok(())
}

/// A file matches a pattern that is part of its path, as in run.sh (`./` ignored).
pub fn matches(file: &str, pattern: &str) -> bool {
    let pattern = pattern.trim_start_matches("./");
    !pattern.is_empty() && file.contains(pattern)
}

/// Whether the file is one of group 1.
pub fn in_group1(file: &str) -> bool {
    group1_patterns().any(|pattern| matches(file, pattern))
}

fn group1_patterns() -> impl Iterator<Item = &'static str> {
    GROUP1
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The file's path under `lib/tests/api/`, as the table shows it.
pub fn short_name(file: &str) -> &str {
    file.strip_prefix(API_TESTS).unwrap_or(file)
}

/// A flat name for the file's outputs: `organization/organization.test.js` →
/// `organization__organization`.
pub fn key(file: &str) -> String {
    let name = short_name(file);
    name.strip_suffix(".test.js")
        .unwrap_or(name)
        .replace('/', "__")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group1_takes_the_areas_tenantry_implements() {
        for file in [
            "lib/tests/api/admin-user.test.js",
            "lib/tests/api/admin-user.roles.test.js",
            "lib/tests/api/role.test.js",
            "lib/tests/api/role.user.test.js",
            "lib/tests/api/organization/organization-role.test.js",
            "lib/tests/api/application/application.secrets.test.js",
            "lib/tests/api/oidc/client-credentials-grant.test.js",
            "lib/tests/api/log.test.js",
        ] {
            assert!(in_group1(file), "{file}");
        }
    }

    #[test]
    fn group1_leaves_out_the_other_areas() {
        for file in [
            "lib/tests/api/hook/hook.trigger.organization.test.js",
            "lib/tests/api/application/application.sign-in-experience.test.js",
            "lib/tests/api/oidc/get-access-token.test.js",
            "lib/tests/api/sign-in-experience.test.js",
            "lib/tests/api/interaction/sign-in-with-password.test.js",
        ] {
            assert!(!in_group1(file), "{file}");
        }
    }

    #[test]
    fn the_group1_list_has_no_comment_or_blank_patterns() {
        let patterns: Vec<_> = group1_patterns().collect();
        assert_eq!(patterns.len(), 17);
        assert!(patterns.iter().all(|p| !p.contains(' ')));
    }

    #[test]
    fn patterns_match_parts_of_the_path() {
        let file = "lib/tests/api/organization/organization-user.test.js";
        assert!(matches(file, "organization/"));
        assert!(matches(file, "./lib/tests/api/organization"));
        assert!(!matches(file, "role"));
        assert!(!matches(file, ""));
    }

    #[test]
    fn files_are_found_sorted_and_filtered() {
        let dir = crate::process::TempDir::new("xtask-logto-select").unwrap();
        let api = dir.path().join(API_TESTS);
        std::fs::create_dir_all(api.join("oidc")).unwrap();
        for name in ["role.test.js", "oidc/client-authentication.test.js", "x.js"] {
            std::fs::write(api.join(name), "").unwrap();
        }
        std::fs::write(api.join("hook.test.js.map"), "").unwrap();
        let all = files(dir.path(), &[], false).unwrap();
        assert_eq!(
            all,
            [
                "lib/tests/api/oidc/client-authentication.test.js",
                "lib/tests/api/role.test.js"
            ]
        );
        let some = files(dir.path(), &["oidc/".into()], false).unwrap();
        assert_eq!(some, ["lib/tests/api/oidc/client-authentication.test.js"]);
    }

    #[test]
    fn keys_and_short_names() {
        let file = "lib/tests/api/organization/organization.test.js";
        assert_eq!(short_name(file), "organization/organization.test.js");
        assert_eq!(key(file), "organization__organization");
    }
}
