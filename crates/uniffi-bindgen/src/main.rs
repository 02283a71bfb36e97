//! The uniffi binding generator, built in-workspace so its version equals tsi-ffi's.
fn main() {
    uniffi::uniffi_bindgen_main()
}
