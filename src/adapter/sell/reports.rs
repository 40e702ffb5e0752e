//! Zendesk Sell's reports: through the deals list; Sell keeps no field history.

use async_trait::async_trait;

use super::Sell;
use crate::adapter::Reports;

#[async_trait]
impl Reports for Sell {}
