//! The portal's `_headers` file (public/_headers, copied into dist/) applied to the
//! static files the edge serves: the Content-Security-Policy on every page, a year
//! of caching for hashed output, revalidation for the page itself.

mod common;

use common::{edge_config, generous_limits};

const HEADERS: &str = include_str!("../../../public/_headers");
const NGINX_HEADERS: &str = include_str!("../../../hosting/security-headers.conf");

/// The policy line of public/_headers.
fn csp_of_headers_file() -> &'static str {
    HEADERS
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .expect("public/_headers sets a Content-Security-Policy")
}

#[test]
fn nginx_sends_the_same_policy_as_the_headers_file() {
    let nginx = format!(
        "add_header Content-Security-Policy \"{}\" always;",
        csp_of_headers_file()
    );
    assert!(
        NGINX_HEADERS.contains(&nginx),
        "hosting/security-headers.conf differs"
    );
}

#[tokio::test]
async fn static_files_carry_the_headers_files_headers() {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dist.path().join(name), text).unwrap();
    write("index.html", "<!doctype html><title>portal</title>");
    write("_headers", HEADERS);
    write("_redirects", "/*  /index.html  200\n");
    write("boot-0123456789abcdef.js", "import('/x.js')");
    write("embed-example.css", "p {}");
    // No server: static files never reach it.
    let config = edge_config("http://127.0.0.1:9", generous_limits());
    let base = common::native_edge(config, Some(dist.path().to_path_buf()).into()).await;
    let client = reqwest::Client::new();
    let get = async |path: &str| client.get(format!("{base}{path}")).send().await.unwrap();
    let header = |response: &reqwest::Response, name: &str| {
        response.headers()[name].to_str().unwrap().to_owned()
    };

    for page in ["/", "/users/abc", "/index.html"] {
        let response = get(page).await;
        assert_eq!(response.status(), 200, "{page}");
        assert_eq!(
            header(&response, "content-security-policy"),
            csp_of_headers_file()
        );
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        assert_eq!(header(&response, "referrer-policy"), "no-referrer");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{page}");
    }
    let boot = get("/boot-0123456789abcdef.js").await;
    assert_eq!(
        header(&boot, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        header(&boot, "content-security-policy"),
        csp_of_headers_file()
    );
    // Not content-hashed: revalidated.
    let css = get("/embed-example.css").await;
    assert_eq!(header(&css, "cache-control"), "no-cache");
    for host_file in ["/_headers", "/_redirects"] {
        assert_eq!(get(host_file).await.status(), 404, "{host_file}");
    }
    // The edge's own answers are not static files.
    let api = get("/api/nothing").await;
    assert!(api.headers().get("content-security-policy").is_none());
}
