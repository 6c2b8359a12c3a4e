//! The engine and every report on arbitrary bytes, as the language the first byte
//! picks: no panic, ranges inside the text, no whole JWT printed.
//! The oracle lives in tests/common/oracles.rs, shared with tests/properties.rs.
#![no_main]

#[path = "../../tests/common/oracles.rs"]
#[allow(dead_code)]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::engine_survives_in_one_language(data));
