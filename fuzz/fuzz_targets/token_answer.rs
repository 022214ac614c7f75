#![no_main]
// See connect_core::fuzzing::token_answer for what it checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| connect_core::fuzzing::token_answer(data));
