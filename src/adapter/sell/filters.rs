//! The list filters added after the first Sell adapter: Sell's own query parameters, and the
//! update-time bound Sell lacks, which crm applies to the deals it reads.

use super::list::ListPlan;
use crate::error::{Error, Result};
use crate::model::ListQuery;

/// Sell's own filters for `--ids`, `--name`, `--close-date`, `--hot` and `--source`, in its query.
pub fn native(query: &ListQuery, plan: &mut ListPlan) -> Result<()> {
    let mut param = |k: &str, v: String| plan.params.push((k.to_string(), v));
    if !query.ids.is_empty() {
        param("ids", query.ids.join(","));
    }
    if let Some(name) = &query.name {
        param("name", name.clone());
    }
    if let Some(day) = query.close_date {
        param("estimated_close_date", day.to_string());
    }
    if query.hot {
        param("hot", "true".into());
    }
    if let Some(source) = &query.source {
        param("source_id", source_id(source)?);
    }
    Ok(())
}

/// Sources by id only: neither Sell's deal documentation nor the description in the specs offers
/// an endpoint to look their names up.
fn source_id(text: &str) -> Result<String> {
    crate::model::check_id("source", text).map_err(|_| {
        Error::usage_hint(
            format!("--source {text:?} is not a source id"),
            "Zendesk Sell documents no way to look deal sources up by name: give the source's \
             number, as in a deal's source_id (crm deals get ID --raw)",
        )
    })
}

/// `--updated-until`: Sell has no such filter. Alone, crm sorts oldest first and stops at the first
/// deal changed since then; with another order (or `--updated-since`, which sorts newest first) it
/// reads every page of that order and skips the newer deals.
pub fn updated_until(
    query: &ListQuery,
    plan: &mut ListPlan,
    sort: &mut Option<(&'static str, bool)>,
) {
    let Some(until) = query.updated_until else {
        return;
    };
    plan.until = Some(until);
    let ascending_by_update = matches!(*sort, None | Some(("updated_at", false)));
    if ascending_by_update && query.updated_since.is_none() {
        *sort = Some(("updated_at", false));
        plan.stop_at_newer = true;
        plan.notices.push(
            "Zendesk Sell cannot filter by update time: crm sorts by updated_at, oldest first, \
             and stops at the first deal changed since --updated-until"
                .into(),
        );
    } else {
        plan.notices.push(
            "Zendesk Sell cannot filter by update time: crm skips the deals changed since \
             --updated-until"
                .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::adapter::sell::meta::Meta;
    use crate::model::{Deal, Vendor};

    fn deal(id: &str, t: &str) -> Deal {
        let mut d = Deal::new(Vendor::Sell, id);
        d.updated_at = Some(t.parse().unwrap());
        d
    }

    #[test]
    fn updated_until_alone_sorts_oldest_first_and_stops() {
        let until: DateTime<Utc> = "2026-11-01T00:00:00Z".parse().unwrap();
        let q = ListQuery {
            updated_until: Some(until),
            ..ListQuery::default()
        };
        let plan = super::super::list::list_plan(&q, &Meta::example(), &[]).unwrap();
        assert_eq!(
            plan.params,
            [("sort_by".to_string(), "updated_at".to_string())]
        );
        let (kept, over) = plan.keep(vec![
            deal("1", "2026-10-01T00:00:00Z"),
            deal("2", "2026-11-01T00:00:00Z"),
            deal("3", "2026-10-02T00:00:00Z"),
        ]);
        assert_eq!(
            kept.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["1"]
        );
        assert!(over);
    }

    #[test]
    fn with_updated_since_both_bounds_hold_on_the_newest_first_order() {
        let q = ListQuery {
            updated_since: Some("2026-10-01T00:00:00Z".parse().unwrap()),
            updated_until: Some("2026-11-01T00:00:00Z".parse().unwrap()),
            ..ListQuery::default()
        };
        let plan = super::super::list::list_plan(&q, &Meta::example(), &[]).unwrap();
        assert_eq!(
            plan.params,
            [("sort_by".to_string(), "updated_at:desc".to_string())]
        );
        let (kept, over) = plan.keep(vec![
            deal("1", "2026-11-20T00:00:00Z"),
            deal("2", "2026-10-20T00:00:00Z"),
            deal("3", "2026-09-20T00:00:00Z"),
        ]);
        assert_eq!(
            kept.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["2"]
        );
        assert!(over);
        assert_eq!(plan.notices.len(), 2);
    }
}
