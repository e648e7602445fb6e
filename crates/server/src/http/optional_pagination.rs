//! Logto's optional pagination (`koaPagination({ isOptional: true })`): without `page`
//! and `page_size` the whole list with no headers, otherwise as [`Paged`].

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::pagination::Paged;
use crate::store::Window;

/// Every row, for an unpaginated list.
const WHOLE_LIST: Window = Window {
    limit: i64::MAX,
    offset: 0,
};

/// Whether the request asked for a page.
pub fn is_paginated(paged: &Paged) -> bool {
    paged
        .pairs
        .iter()
        .any(|(k, _)| k == "page" || k == "page_size")
}

pub fn window(paged: &Paged) -> Window {
    if is_paginated(paged) {
        paged.window()
    } else {
        WHOLE_LIST
    }
}

pub fn respond<T: Serialize>(paged: &Paged, total: i64, items: Vec<T>) -> Response {
    if is_paginated(paged) {
        paged.respond(total, items)
    } else {
        Json(items).into_response()
    }
}

/// The value of the query parameter `name`, if given.
pub fn query_param<'a>(paged: &'a Paged, name: &str) -> Option<&'a str> {
    paged
        .pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
