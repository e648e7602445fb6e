//! Shared pieces used by the screens.

pub mod data_table;
pub mod dialog;
pub mod json_editor;
pub mod layout;
pub mod load_error;
pub mod pager;
pub mod progress;
pub mod quick_search;
pub mod search_box;
pub mod toast;
