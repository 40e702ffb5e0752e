//! The one integration-test binary: every suite is a module here.

mod support;

mod auth;
mod conformance;
mod contract_auth;
mod contract_harness;
mod contract_hubspot;
mod generated;
mod help;
mod hubspot_cli;
mod keyring;
mod leaks;
mod profiles;
mod readme;
mod sandbox;
mod sandbox_profile;
mod snapshots_hubspot;
