//! `crm`: one command line for the deals in HubSpot, Pipedrive and Zendesk Sell.

pub mod adapter;
pub mod auth;
pub mod cache;
pub mod cli;
pub mod config;
pub mod connection;
pub mod context;
pub mod env;
pub mod error;
pub mod http;
pub mod import;
pub mod jq;
pub mod model;
pub mod output;
pub mod reports;
pub mod resolve;
/// The built-in emulator of the vendors' APIs (the `crm-sandbox` crate), as `crm::sandbox`.
#[cfg(feature = "sandbox")]
pub use crm_sandbox as sandbox;
pub mod secret;
pub mod streams;
pub mod trash;
