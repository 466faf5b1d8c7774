#![no_main]

#[path = "../../crates/bundle/tests/fuzz_props/mod.rs"]
mod fuzz_props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_props::inline_model(data));
