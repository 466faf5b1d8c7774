//! Components that each do one thing. They take plain data (documents shared as `Arc`s) and
//! signals, so tests can mount them without fetching anything, and the site builder can render
//! them natively.

pub mod coverage_chart;
pub mod embed_button;
pub mod event_header;
pub mod event_list;
pub mod event_sections;
pub mod filter_bar;
pub mod graph;
pub mod inline;
pub mod lens_section;
pub mod load_state;
pub mod related_list;
pub mod search_box;
pub mod share_button;
pub mod site;
pub mod take_card;
