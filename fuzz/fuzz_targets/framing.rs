//! The JSON-RPC framing guard on arbitrary input: no panic, only JSON forwarded
//! to the server and answered to the client.
//! The oracle lives in tests/common/oracles.rs, shared with tests/properties.rs.
#![no_main]

#[path = "../../tests/common/oracles.rs"]
#[allow(dead_code)]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::framing_survives(data));
