//! The portal's `_headers` file (public/_headers, copied into dist/) applied to the
//! static files the edge serves: the Content-Security-Policy on every page, a year
//! of caching for hashed output, revalidation for the page itself.

use crate::common::{edge_config, generous_limits};

const HEADERS: &str = include_str!("../../../../public/_headers");
const NGINX: &str = include_str!("../../../../hosting/nginx.conf");
const NGINX_HEADERS: &str = include_str!("../../../../hosting/security-headers.conf");

/// The `Name: value` lines of the rule for `pattern` in public/_headers.
fn rule_of_headers_file(pattern: &str) -> Vec<(&'static str, &'static str)> {
    HEADERS
        .lines()
        .skip_while(|line| *line != pattern)
        .skip(1)
        .filter(|line| !line.trim_start().starts_with('#'))
        .take_while(|line| line.starts_with(' '))
        .filter_map(|line| line.trim().split_once(": "))
        .collect()
}

fn csp_of_rule(pattern: &str) -> &'static str {
    rule_of_headers_file(pattern)
        .into_iter()
        .find_map(|(name, value)| (name == "Content-Security-Policy").then_some(value))
        .unwrap_or_else(|| panic!("public/_headers sets no policy for {pattern}"))
}

/// The portal's policy in public/_headers.
fn csp_of_headers_file() -> &'static str {
    csp_of_rule("/*")
}

/// The members widget's example host page's own policy in public/_headers.
fn csp_of_example_page() -> &'static str {
    csp_of_rule("/embed-example.html")
}

#[test]
fn nginx_sends_the_same_policies_as_the_headers_file() {
    // security-headers.conf sends the policy the map of nginx.conf picks by page.
    assert!(NGINX_HEADERS.contains("add_header Content-Security-Policy $tenantry_csp always;"));
    for entry in [
        format!("default \"{}\";", csp_of_headers_file()),
        format!("/embed-example.html \"{}\";", csp_of_example_page()),
    ] {
        assert!(NGINX.contains(&entry), "hosting/nginx.conf lacks {entry}");
    }
    // The other security headers of every page, the example page's too.
    for (name, value) in rule_of_headers_file("/*") {
        if name != "Content-Security-Policy" {
            let line = format!("add_header {name} \"{value}\" always;");
            assert!(
                NGINX_HEADERS.contains(&line),
                "security-headers.conf lacks {line}"
            );
        }
    }
    let example = NGINX
        .split("location = /embed-example.html {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("nginx.conf has a location for the example page");
    assert!(example.contains("include /etc/nginx/conf.d/tenantry-security-headers.inc;"));
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
    write("embed-example.html", "<!doctype html><title>host</title>");
    // No server: static files never reach it.
    let config = edge_config("http://127.0.0.1:9", generous_limits());
    let base = crate::common::native_edge(config, Some(dist.path().to_path_buf()).into()).await;
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
    // The example host page: its own policy in place of the portal's, the other
    // security headers as every page; without .html it is no page, the portal's.
    let example = get("/embed-example.html").await;
    let policies: Vec<_> = example
        .headers()
        .get_all("content-security-policy")
        .iter()
        .collect();
    assert_eq!(policies, [csp_of_example_page()]);
    assert_eq!(header(&example, "x-frame-options"), "DENY");
    let fallback = get("/embed-example").await;
    assert_eq!(
        header(&fallback, "content-security-policy"),
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
