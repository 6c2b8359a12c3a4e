//! Random incremental edits to an open document give the text and the findings
//! of opening the final text fresh.
//! The oracle lives in tests/common/oracles.rs, shared with tests/properties.rs.
#![no_main]

#[path = "../../tests/common/oracles.rs"]
#[allow(dead_code)]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::edits_match_a_fresh_open(data));
