//! Logto's optional pagination: without `page` or `page_size` the whole list, with no
//! pagination headers; with either, a page as everywhere else.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::pagination::Paged;
use crate::store::Window;

/// The page asked for, if one was.
pub fn window_if_asked(paged: &Paged) -> Option<Window> {
    paged
        .pairs
        .iter()
        .any(|(k, _)| k == "page" || k == "page_size")
        .then(|| paged.window())
}

pub fn respond<T: Serialize>(
    paged: &Paged,
    window: Option<Window>,
    total: i64,
    items: Vec<T>,
) -> Response {
    match window {
        Some(_) => paged.respond(total, items),
        None => Json(items).into_response(),
    }
}
