//! Components that each do one thing. They take plain data and signals, so tests can mount
//! them without fetching anything.

pub mod coverage_chart;
pub mod embed_button;
pub mod event_header;
pub mod filter_bar;
pub mod graph;
pub mod graph_canvas;
pub mod lens_section;
pub mod load_state;
pub mod markdown;
pub mod related_list;
pub mod share_button;
pub mod site;
pub mod take_card;
