//! The one integration-test binary: every suite is a module here.

mod support;

mod conformance;
mod contract_harness;
mod contract_hubspot;
mod contract_import;
mod generated;
mod help;
mod hubspot_cli;
mod import;
mod readme;
mod sandbox;
mod sandbox_profile;
mod snapshots_hubspot;
