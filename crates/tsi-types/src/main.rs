//! Prints the TypeScript declarations (see the library):
//! `cargo run -p tsi-types > crates/tsi-wasm/src/types.d.ts`.

use std::process::ExitCode;

fn main() -> ExitCode {
    match tsi_types::declarations() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(clashes) => {
            eprintln!(
                "tsi-types: several Rust types share the TypeScript names {clashes:?}; rename one with #[ts(rename)]"
            );
            ExitCode::FAILURE
        }
    }
}
