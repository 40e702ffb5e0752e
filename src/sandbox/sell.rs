//! Sell (stub, filled in next).
use super::data::Demo;
use super::state::Saver;
use super::SandboxError;
use axum::Router;
use std::path::Path;
pub(crate) fn app(_demo: &Demo, _state: Option<&Path>) -> Result<(Router, Saver), SandboxError> {
    Ok((Router::new(), std::sync::Arc::new(|| Ok(()))))
}
