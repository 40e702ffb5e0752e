//! HubSpot's reports: through the deals list (a search asking only for the properties a
//! report reads), property history through `propertiesWithHistory`.

use async_trait::async_trait;

use super::HubSpot;
use crate::adapter::Reports;

#[async_trait]
impl Reports for HubSpot {}
