#![no_main]
// See connect_core::fuzzing::credentials_answer for what it checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| connect_core::fuzzing::credentials_answer(data));
