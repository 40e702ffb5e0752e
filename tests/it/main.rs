//! The one integration-test binary: every suite is a module here.

mod support;

mod help;
mod hubspot_cli;
