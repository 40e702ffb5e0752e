//! `deals history`: each change of a deal's fields, oldest first.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// One field's change, with names where the vendor gives ids (a stage's name, not `7`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    #[serde(serialize_with = "time_str")]
    pub time: DateTime<Utc>,
    /// The common field name (`stage`, `amount`, `custom.Region`), or the vendor's own key for a
    /// field the common model lacks.
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Who made the change, where the vendor says: a user's name, else their id.
    pub by: Option<String>,
    /// How the change was made, where the vendor says (`api`, `app`, `CRM_UI`, …).
    pub source: Option<String>,
}

fn time_str<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::model::time_text(*t))
}
