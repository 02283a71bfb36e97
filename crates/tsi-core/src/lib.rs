#![doc = include_str!("../README.md")]
// No unsafe code in any build: the bindings (tsi-wasm, tsi-ffi) hold what needs it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod agency;
pub mod audit;
pub mod case;
pub mod category;
pub mod consent;
pub mod deidentify;
pub mod documents;
pub mod error;
pub mod finding;
pub mod followup;
mod hashing;
pub mod i18n;
pub mod id;
pub mod meeting;
mod named;
pub mod policy;
pub mod reading;
pub mod reference;
#[cfg(feature = "schema")]
pub use documents::schema;
pub mod sip;
mod sorting;
pub mod stats;
pub mod time;
mod words;

pub use chrono::NaiveDate;
pub use error::{Error, Result};
pub use finding::{Code, CodeInfo, CodeKind, Finding, Report, Severity};
pub use i18n::Lang;
pub use policy::Policy;
pub use reading::canonical;

/// The library version, as in Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The repository README's Rust snippet, run as a doctest exactly as written (only when
/// doctests are collected: the published package does not carry the repository README).
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct RepositoryReadme;
