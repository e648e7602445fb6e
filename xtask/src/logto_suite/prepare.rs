//! The test package in the work folder: Logto's `packages/integration-tests` copied,
//! the shim applied (`xtask/logto-suite/shim.diff`), npm-installed and built with tsup.
//! Each step is skipped when its result is there and up to date, so a second run starts
//! the tests at once.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::Result;
use crate::process::{self, command};

/// Written once the copy is shimmed: the source and the shim it was made from.
const STAMP: &str = ".tenantry-shim";
/// Written once tsup built `lib/` from `src/`.
const BUILT: &str = "lib/.tenantry-built";

/// Prepares `it` from the Logto tree at `source` and returns it.
pub fn run(source: &Path, it: &Path) -> Result<PathBuf> {
    let package = source.join("packages/integration-tests");
    if !package.join("package.json").is_file() {
        return Err(format!(
            "LOGTO_SRC={} has no packages/integration-tests/package.json; \
             run without LOGTO_SRC to see how to get Logto's source",
            source.display()
        )
        .into());
    }
    warn_if_other_commit(source);
    let shim_path = process::project_root().join("xtask/logto-suite/shim.diff");
    let stamp = format!(
        "source: {}\n{}",
        package.canonicalize()?.display(),
        std::fs::read_to_string(&shim_path)?
    );
    if std::fs::read_to_string(it.join(STAMP)).ok().as_deref() == Some(stamp.as_str()) {
        println!("logto-suite: {} is shimmed", it.display());
    } else {
        copy_package(&package, it)?;
        apply_shim(&shim_path, it)?;
        std::fs::write(it.join(STAMP), stamp)?;
    }
    npm_install(it)?;
    build(it)?;
    Ok(it.to_path_buf())
}

/// The shim was written against one commit; another may still apply, or may not.
fn warn_if_other_commit(source: &Path) {
    let head = process::output(Command::new("git").arg("-C").arg(source).args([
        "rev-parse",
        "--short=10",
        "HEAD",
    ]));
    if let Some(head) = head
        && !head.starts_with(super::LOGTO_COMMIT)
    {
        println!(
            "logto-suite: warning: LOGTO_SRC is at {head}, the shim was written for {}",
            super::LOGTO_COMMIT
        );
    }
}

/// A fresh copy of the package in `it`, keeping an earlier `node_modules` (npm brings it
/// up to date) and leaving out the source tree's own `node_modules` and `lib`.
fn copy_package(package: &Path, it: &Path) -> Result {
    println!(
        "logto-suite: copying {} to {}",
        package.display(),
        it.display()
    );
    std::fs::create_dir_all(it)?;
    for entry in std::fs::read_dir(it)? {
        let entry = entry?;
        if entry.file_name() == "node_modules" {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    for entry in std::fs::read_dir(package)? {
        let entry = entry?;
        let name = entry.file_name();
        if name != "node_modules" && name != "lib" {
            copy_tree(&entry.path(), &it.join(name))?;
        }
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else {
        std::fs::copy(from, to)?;
    }
    Ok(())
}

/// `git apply` fails unless every hunk applies, so a source tree the shim does not fit
/// stops here. The work folder is inside this repository's target dir: the ceiling keeps
/// git from taking that repository's root as the base of the patch's paths.
fn apply_shim(shim: &Path, it: &Path) -> Result {
    let ceiling = it.parent().ok_or("the test package has no parent folder")?;
    process::run(
        Command::new("git")
            .current_dir(it)
            .env("GIT_CEILING_DIRECTORIES", ceiling)
            .arg("apply")
            .arg(shim),
    )
}

/// `npm install` when node_modules is missing or older than package.json. Puppeteer's
/// browser download is skipped: the API tests never start a browser.
fn npm_install(it: &Path) -> Result {
    let installed = modified(&it.join("node_modules/.package-lock.json"));
    if installed.is_some() && installed >= modified(&it.join("package.json")) {
        println!("logto-suite: node_modules up to date");
        return Ok(());
    }
    process::run(
        command("npm")
            .current_dir(it)
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
            .env("PUPPETEER_SKIP_DOWNLOAD", "1"),
    )
}

/// tsup builds `src/` into `lib/`, where jest finds the tests, unless `lib/` is newer
/// than every file in `src/`.
fn build(it: &Path) -> Result {
    let built = modified(&it.join(BUILT));
    if built.is_some() && built >= newest(&it.join("src")) {
        println!("logto-suite: lib/ is up to date");
        return Ok(());
    }
    process::run(
        Command::new(it.join("node_modules/.bin/tsup"))
            .current_dir(it)
            .stdout(std::process::Stdio::null()),
    )?;
    std::fs::write(it.join(BUILT), "")?;
    Ok(())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The latest modification time of any file under `dir`.
fn newest(dir: &Path) -> Option<SystemTime> {
    let mut latest = modified(dir);
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let time = if path.is_dir() {
            newest(&path)
        } else {
            modified(&path)
        };
        latest = latest.max(time);
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::TempDir;

    #[test]
    fn the_copy_keeps_node_modules_and_leaves_out_the_build() {
        let dir = TempDir::new("xtask-logto-prepare").unwrap();
        let (package, it) = (dir.path().join("package"), dir.path().join("it"));
        for path in ["src/api/api.ts", "lib/old.js", "node_modules/theirs/x.js"] {
            std::fs::create_dir_all(package.join(path).parent().unwrap()).unwrap();
            std::fs::write(package.join(path), path).unwrap();
        }
        std::fs::create_dir_all(it.join("node_modules/ours")).unwrap();
        std::fs::write(it.join("stale.js"), "").unwrap();

        copy_package(&package, &it).unwrap();
        assert!(it.join("src/api/api.ts").is_file());
        assert!(it.join("node_modules/ours").is_dir());
        assert!(!it.join("node_modules/theirs").exists());
        assert!(!it.join("lib").exists());
        assert!(!it.join("stale.js").exists());
    }

    #[test]
    fn the_shim_fits_logto_s_files() {
        let shim =
            std::fs::read_to_string(process::project_root().join("xtask/logto-suite/shim.diff"))
                .unwrap();
        for file in [
            "src/api/api.ts",
            "jest.setup.api.js",
            "package.json",
            "tsup.config.ts",
        ] {
            assert!(shim.contains(&format!("+++ b/{file}\n")), "{file}");
        }
        assert!(!shim.contains("TENANTRY_DIAG"), "no diagnostic mode");
    }
}
