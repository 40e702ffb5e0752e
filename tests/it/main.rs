//! The one integration-test binary: every suite is a module here.

// Cargo.toml's lints keep src/ free of unwraps and stray prints; here a panic is a failed test and
// a print says what was skipped.
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

mod support;

mod anchors;
mod api;
mod auth;
mod auth_status;
mod conformance;
mod contract_auth;
mod contract_harness;
mod contract_hubspot;
mod contract_import;
mod contract_pipedrive;
mod contract_sandbox;
mod contract_sell;
mod deal_shape;
mod deals_fields;
mod fuzz_regressions;
mod generated;
mod help;
mod help_examples;
mod hermetic;
mod hostile;
mod hubspot_cli;
mod hubspot_portal;
mod hubspot_reports;
mod import;
mod keyring;
mod leaks;
mod list_filters;
mod many_processes;
mod pipedrive_cli;
mod pipedrive_reports;
mod pipedrive_writes;
mod profile_settings;
mod profiles;
mod readme;
mod reliability;
mod sandbox;
mod sandbox_profile;
mod sandbox_state;
mod sell_cli;
mod sell_sandbox;
mod shared_limits;
mod snapshots;
mod snapshots_hubspot;
mod snapshots_pipedrive;
mod snapshots_sell;
mod terminal;
mod user_flows;
mod vendor_answers;
