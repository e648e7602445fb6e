//! `cargo xtask logto-suite [--group1] [--timeout SECS] [patterns…]` (not part of
//! `cargo xtask test`): Logto's own API integration tests
//! (`packages/integration-tests/src/tests/api/**` of a Logto source tree in `LOGTO_SRC`)
//! against a tenantry-server on loopback. The test package is prepared once in
//! `<target>/logto-suite/it` (copied, shimmed, npm-installed, built), each test file runs
//! in its own jest process, and the counts per file go to the console and to
//! `<target>/logto-suite/results/`.

mod jest;
mod options;
mod prepare;
mod report;
mod select;
mod tenantry;

use std::path::{Path, PathBuf};

use crate::Result;
use crate::process::{self, cargo, header};
use options::Options;
use report::FileResult;

/// The Logto commit the shim and the group-1 list were written against.
pub const LOGTO_COMMIT: &str = "1fbc55441f";

pub fn run(args: &[String]) -> Result {
    let options = Options::parse(args)?;
    let Some(source) = std::env::var_os("LOGTO_SRC").map(PathBuf::from) else {
        println!("{}", how_to_get_the_source());
        return Ok(());
    };
    let work = process::target_dir().join("logto-suite");

    header("Logto's integration tests: prepare the test package");
    let package = prepare::run(&source, &work.join("it"))?;

    header("cargo build -p tenantry-server");
    process::run(cargo().args(["build", "-p", "tenantry-server"]))?;

    let files = select::files(&package, &options.patterns, options.group1)?;
    if files.is_empty() {
        return Err("no test file matches those patterns".into());
    }
    header(&format!(
        "{} test files against tenantry-server",
        files.len()
    ));
    let results_dir = work.join("results");
    let results = run_files(&package, &results_dir, &files, &options)?;

    let table = report::Table::new(&results);
    println!("\n{}", table.text());
    let markdown = results_dir.join("summary.md");
    std::fs::write(&markdown, table.markdown())?;
    println!("table: {}", markdown.display());
    println!("jest output: {0}/json/, {0}/logs/", results_dir.display());
    if process::interrupted() {
        return Err("interrupted".into());
    }
    Ok(())
}

/// Runs each file in its own jest process against one server, in order.
fn run_files(
    package: &Path,
    results_dir: &Path,
    files: &[String],
    options: &Options,
) -> Result<Vec<FileResult>> {
    // Results of an earlier run must not be read as this one's.
    let _ = std::fs::remove_dir_all(results_dir);
    let (json_dir, log_dir) = (results_dir.join("json"), results_dir.join("logs"));
    std::fs::create_dir_all(&json_dir)?;
    std::fs::create_dir_all(&log_dir)?;

    let server = tenantry::start()?;
    println!("tenantry-server at {}", server.url());
    let mut results = Vec::new();
    for (index, file) in files.iter().enumerate() {
        if process::interrupted() {
            break;
        }
        let key = select::key(file);
        let run = jest::Run {
            package,
            file,
            json: &json_dir.join(format!("{key}.json")),
            log: &log_dir.join(format!("{key}.log")),
            server_url: &server.url(),
            timeout: options.timeout,
        };
        let result = FileResult {
            file: select::short_name(file).to_owned(),
            group1: select::in_group1(file),
            outcome: run.run()?,
        };
        println!("[{}/{}] {}", index + 1, files.len(), result.line());
        results.push(result);
    }
    std::fs::write(results_dir.join("server.log"), server.log_section())?;
    Ok(results)
}

fn how_to_get_the_source() -> String {
    format!(
        "cargo xtask logto-suite runs Logto's own API integration tests against tenantry-server.\n\
         It needs a Logto source tree at commit {LOGTO_COMMIT} in LOGTO_SRC:\n\n  \
         git clone https://github.com/logto-io/logto\n  \
         git -C logto checkout {LOGTO_COMMIT}\n  \
         LOGTO_SRC=$PWD/logto cargo xtask logto-suite            # every file under lib/tests/api/\n  \
         LOGTO_SRC=$PWD/logto cargo xtask logto-suite --group1   # the areas Tenantry implements\n"
    )
}
