//! Runtime configuration, read from `/config.json` before the app mounts, so
//! one `dist/` serves every deployment.

use serde::Deserialize;

/// What a deployment may set in `/config.json`. Every field is optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Config {
    /// Base URL of the edge, without a trailing slash; empty means the
    /// portal's own origin (the normal, same-origin deployment).
    pub edge_url: String,
    /// Shown in the header and the page title.
    pub product_name: String,
    /// URL of a logo image for the header; none shows the name only.
    pub logo_url: Option<String>,
    /// CSS colour for `--tn-color-primary`; none keeps the stylesheet's.
    pub primary_color: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            edge_url: String::new(),
            product_name: "Tenantry".into(),
            logo_url: None,
            primary_color: None,
        }
    }
}

impl Config {
    /// Parses `/config.json`'s text. Unknown fields are ignored; a file that
    /// is not a JSON object is an error the caller reports.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        let mut config: Config = serde_json::from_str(text)?;
        config.edge_url = config.edge_url.trim_end_matches('/').to_string();
        if config.product_name.trim().is_empty() {
            config.product_name = Config::default().product_name;
        }
        Ok(config)
    }

    /// Fetches `/config.json`. A missing file gives the defaults (a plain
    /// same-origin deployment needs none); a broken one is logged and ignored,
    /// so a typo in it never leaves a blank page.
    pub async fn load() -> Self {
        let response = match gloo_net::http::Request::get("/config.json").send().await {
            Ok(response) => response,
            Err(err) => {
                log_warning(&format!("config.json not loaded: {err}"));
                return Self::default();
            }
        };
        if !response.ok() {
            return Self::default();
        }
        let text = response.text().await.unwrap_or_default();
        Self::parse(&text).unwrap_or_else(|err| {
            log_warning(&format!("config.json ignored: {err}"));
            Self::default()
        })
    }

    /// Applies the theme and title to the document.
    pub fn apply_to_document(&self) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        document.set_title(&self.product_name);
        if let (Some(color), Some(root)) = (&self.primary_color, document.document_element()) {
            let root: &web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_ref(&root);
            let _ = root.style().set_property("--tn-color-primary", color);
        }
    }
}

fn log_warning(message: &str) {
    web_sys::console::warn_1(&message.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_the_defaults() {
        let config = Config::parse("{}").unwrap();
        assert_eq!(config, Config::default());
    }

    #[test]
    fn fields_are_read_and_the_edge_url_loses_its_trailing_slash() {
        let config = Config::parse(
            r##"{"edgeUrl":"https://edge.example/","productName":"Acme","logoUrl":"/logo.svg","primaryColor":"#0a7"}"##,
        )
        .unwrap();
        assert_eq!(config.edge_url, "https://edge.example");
        assert_eq!(config.product_name, "Acme");
        assert_eq!(config.logo_url.as_deref(), Some("/logo.svg"));
        assert_eq!(config.primary_color.as_deref(), Some("#0a7"));
    }

    #[test]
    fn a_file_that_is_not_an_object_is_an_error() {
        assert!(Config::parse("[1]").is_err());
        assert!(Config::parse("{").is_err());
    }
}
