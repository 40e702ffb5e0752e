//! Helpers shared by the integration tests.
//!
//! Not every test uses every helper, and this is a binary crate, so unused
//! helpers would warn.
#![allow(dead_code)]

pub mod account;
pub mod allow_list;
pub mod cli;
pub mod contract;
pub mod creds;
pub mod json;
pub mod mock;
pub mod prism;
pub mod proxy;
pub mod router;
pub mod sandbox_api;
pub mod snapshot;
pub mod violations;

pub use account::{hubspot, pipedrive, sell};
pub use contract::ContractServer;
