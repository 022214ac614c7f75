#![no_main]
// See connect_core::fuzzing::registry_file for what it checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| connect_core::fuzzing::registry_file(data));
