//! The project's one integration-test binary; each area adds its `mod` line.

mod support;

mod contract_harness;
