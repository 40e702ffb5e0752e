//! The one integration-test binary: every suite is a module here.

mod support;

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
mod deals_fields;
mod generated;
mod help;
mod hostile;
mod hubspot_cli;
mod import;
mod keyring;
mod leaks;
mod list_filters;
mod pipedrive_cli;
mod pipedrive_writes;
mod profile_settings;
mod profiles;
mod readme;
mod reliability;
mod sandbox;
mod sandbox_profile;
mod sell_cli;
mod sell_sandbox;
mod snapshots_hubspot;
mod snapshots_pipedrive;
mod snapshots_sell;
mod terminal;
mod user_flows;
