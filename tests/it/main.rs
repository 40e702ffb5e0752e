//! The one integration-test binary: every suite is a module here.

mod support;

mod generated;
mod help;
mod hubspot_cli;
mod readme;
