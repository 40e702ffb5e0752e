//! The fuzz targets' bodies: each takes the fuzzer's bytes, runs one of crm's parsers of hostile
//! input, and panics when it panics or breaks a property it promises. `fuzz_targets/` wraps each
//! for libFuzzer; the main test suite replays `tests/fuzz-regressions/` and a short random pass
//! through the same functions (tests/it/fuzz_regressions.rs includes this file).

pub mod targets;
