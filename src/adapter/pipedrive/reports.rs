//! Pipedrive's reports: its own summary (`GET /v1/deals/summary`) and timeline
//! (`GET /v1/deals/timeline`) where they answer, the deal's changelog and flow for history.

use async_trait::async_trait;

use super::Pipedrive;
use crate::adapter::Reports;

#[async_trait]
impl Reports for Pipedrive {}
