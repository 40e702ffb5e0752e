//! The one integration-test binary: every suite is a module here.

#[allow(dead_code)] // each suite uses some of the shared helpers
mod support;

mod conformance;
mod hubspot_cli;
mod sandbox;
mod sandbox_profile;
mod snapshots_hubspot;
