//! Shared pieces used by the screens.

pub mod chart;
pub mod data_table;
pub mod dialog;
pub mod drawer;
pub mod json_editor;
pub mod layout;
pub mod link_list;
pub mod load;
pub mod load_error;
pub mod load_view;
pub mod pager;
pub mod picker;
pub mod progress;
pub mod public_page;
pub mod quick_search;
pub mod search_box;
pub mod secret;
pub mod tabs;
pub mod text_field;
pub mod toast;
