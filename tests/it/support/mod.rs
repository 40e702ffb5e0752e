//! Shared test helpers.

pub mod cli;
pub mod hubspot;
