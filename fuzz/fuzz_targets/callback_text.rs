#![no_main]
// See connect_core::fuzzing::callback_text for what it checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| connect_core::fuzzing::callback_text(data));
