//! House rules that can be checked, as tests (after rust-analyzer's tidy.rs).
//! They read files only, so they run in milliseconds.

use std::path::{Path, PathBuf};

use crate::process::project_root;
use crate::rust_source;
use crate::setup::locked_version;

/// Longest Rust file allowed: past this, split it by concern.
const MAX_RUST_FILE_LINES: usize = 400;

fn read(path: &str) -> String {
    let full = project_root().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{}: {err}", full.display()))
}

/// Every file with extension `ext` under `dir`, skipping build output.
fn files_with_extension(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if matches!(name.to_str(), Some("target" | "node_modules" | "dist")) {
            continue;
        }
        if path.is_dir() {
            files_with_extension(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn rust_files_are_at_most_400_lines() {
    let root = project_root();
    let mut files = Vec::new();
    for dir in ["crates", "src", "xtask", "tests"] {
        files_with_extension(&root.join(dir), "rs", &mut files);
    }
    assert!(!files.is_empty());
    let too_long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path).ok()?.lines().count();
            let shown = path.strip_prefix(&root).unwrap_or(path).display();
            (lines > MAX_RUST_FILE_LINES).then(|| format!("{shown}: {lines} lines"))
        })
        .collect();
    assert!(
        too_long.is_empty(),
        "Rust files over {MAX_RUST_FILE_LINES} lines, split them:\n{}",
        too_long.join("\n")
    );
}

#[test]
fn ci_runs_cargo_xtask_test_and_nothing_else() {
    let script = read(".ci/run");
    assert!(
        script.starts_with("#!/usr/bin/env bash\n"),
        ".ci/run needs a bash shebang"
    );
    let commands: Vec<&str> = script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| !l.starts_with("set ") && !l.starts_with("cd "))
        .collect();
    assert_eq!(commands, ["cargo xtask test"]);
}

#[test]
fn readme_documents_the_two_commands() {
    let readme = read("README.md");
    for command in ["cargo xtask dev", "cargo xtask test"] {
        assert!(
            readme.contains(command),
            "README.md must mention `{command}`"
        );
    }
}

#[test]
fn trunk_uses_the_locked_wasm_bindgen() {
    let locked = locked_version(&read("Cargo.lock"), "wasm-bindgen").expect("wasm-bindgen locked");
    let trunk = read("Trunk.toml");
    assert!(
        trunk.contains(&format!("wasm_bindgen = \"{locked}\"")),
        "Trunk.toml [tools] wasm_bindgen must be {locked}, the version in Cargo.lock"
    );
    assert!(
        trunk.contains("offline = true"),
        "trunk must never download tools"
    );
}

#[test]
fn trunk_uses_the_wasm_opt_of_the_npm_binaryen() {
    let package = read("package.json");
    let pinned = package
        .split("\"binaryen\": \"")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .expect("package.json pins binaryen");
    assert!(
        read("Trunk.toml").contains(&format!("wasm_opt = \"version_{pinned}\"")),
        "Trunk.toml [tools] wasm_opt must be version_{pinned}, the binaryen in package.json"
    );
}

#[test]
fn every_crate_inherits_the_workspace_lints() {
    let root = project_root();
    let mut manifests = vec![root.join("Cargo.toml"), root.join("xtask/Cargo.toml")];
    if let Ok(entries) = std::fs::read_dir(root.join("crates")) {
        manifests.extend(entries.flatten().map(|e| e.path().join("Cargo.toml")));
    }
    for manifest in manifests.iter().filter(|m| m.exists()) {
        let text = std::fs::read_to_string(manifest).unwrap();
        assert!(
            text.contains("[lints]\nworkspace = true"),
            "{} needs `[lints] workspace = true`",
            manifest.display()
        );
    }
}

#[test]
fn cargo_config_sets_no_build_target() {
    let config = read(".cargo/config.toml");
    assert!(
        !config.contains("[build]"),
        ".cargo/config.toml holds aliases only; a [build] target breaks the native crates"
    );
}

#[test]
fn xtask_links_no_project_crate() {
    let manifest = read("xtask/Cargo.toml");
    assert!(
        !manifest.contains("tenantry-"),
        "xtask runs the project's crates as processes and links none of them"
    );
}

/// The server's Rust files under `dir` (relative to `crates/server/src`), as paths
/// relative to the repository root and their text.
fn server_sources(dir: &str) -> Vec<(String, String)> {
    let root = project_root();
    let mut files = Vec::new();
    files_with_extension(&root.join("crates/server/src").join(dir), "rs", &mut files);
    assert!(
        !files.is_empty(),
        "no Rust files in crates/server/src/{dir}"
    );
    files.sort();
    files
        .iter()
        .map(|path| {
            let shown = path
                .strip_prefix(&root)
                .unwrap_or(path)
                .display()
                .to_string();
            (shown, std::fs::read_to_string(path).unwrap())
        })
        .collect()
}

/// Whether a string literal holds a SQL statement (keywords in capitals, as the
/// store writes them; prose such as "select a role" does not match).
fn looks_like_sql(literal: &str) -> bool {
    let update_set = literal
        .find("UPDATE ")
        .is_some_and(|at| literal[at..].contains(" SET "));
    ["SELECT ", "INSERT INTO", "DELETE FROM"]
        .iter()
        .any(|keyword| literal.contains(keyword))
        || update_set
}

/// SQL lives only in the store (`crates/server/src/store/`) and in the migrations
/// (`crates/server/migrations/`, outside `src/`).
#[test]
fn sql_lives_only_in_the_store() {
    let offenders: Vec<String> = server_sources("")
        .into_iter()
        .filter(|(path, _)| !path.starts_with("crates/server/src/store/"))
        .flat_map(|(path, text)| {
            rust_source::split(&text)
                .literals
                .into_iter()
                .filter(|literal| looks_like_sql(literal))
                .map(move |literal| format!("{path}: {literal:?}"))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "SQL outside crates/server/src/store/; move it into a store module:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn sql_detection() {
    assert!(looks_like_sql("SELECT id FROM users WHERE id = $1"));
    assert!(looks_like_sql("INSERT INTO t (a) VALUES ($1)"));
    assert!(looks_like_sql("UPDATE mail_queue SET sent_at = $1"));
    assert!(looks_like_sql("DELETE FROM t"));
    assert!(!looks_like_sql("Select a role to update the settings."));
    assert!(!looks_like_sql("UPDATE_USER"));
}

/// Whether Rust code (comments and literals already removed) names the axum crate:
/// a path `axum::…` or `use axum`.
fn uses_axum(code: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices("axum").any(|(at, _)| {
        let (before, after) = (&code[..at], &code[at + "axum".len()..]);
        let whole_word = !before.ends_with(ident) && !after.starts_with(ident);
        whole_word && (after.starts_with("::") || before.trim_end().ends_with("use"))
    })
}

/// The domain knows nothing of HTTP: handlers in `http/` turn its results into
/// responses, so the domain does not import axum.
#[test]
fn the_domain_does_not_import_axum() {
    let offenders: Vec<String> = server_sources("domain")
        .into_iter()
        .filter(|(_, text)| uses_axum(&rust_source::split(text).code))
        .map(|(path, _)| path)
        .collect();
    assert!(
        offenders.is_empty(),
        "the domain must not import axum; return a DomainError and map it in http/:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn axum_detection() {
    assert!(uses_axum("use axum::http::StatusCode;"));
    assert!(uses_axum(
        "Err((axum::http::StatusCode::TOO_MANY_REQUESTS, x))"
    ));
    assert!(uses_axum("use axum;"));
    assert!(!uses_axum("use crate::error::ApiError;"));
    assert!(!uses_axum("use not_axum::Thing;"));
    assert!(!uses_axum("let axum_like = axumish::f();"));
}
