//! The native library `tsi` for Kotlin, Swift and Python: tsi-core built with its `uniffi`
//! feature (types, derives and exports are declared once, in core: `tsi_core::ffi`). This
//! crate only makes sure the linker keeps the exported functions of core in the library.

tsi_core::uniffi_reexport_scaffolding!();
