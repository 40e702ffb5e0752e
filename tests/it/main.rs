//! The one integration-test binary: every suite is a module here.

mod support;

mod conformance;
mod contract_harness;
mod contract_hubspot;
mod contract_sandbox;
mod generated;
mod help;
mod hubspot_cli;
mod readme;
mod reliability;
mod sandbox;
mod sandbox_profile;
mod snapshots_hubspot;
