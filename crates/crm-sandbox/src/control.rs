//! `/__sandbox/…`: what the sandbox has done and holds, for tests and benchmarks. These paths
//! skip the fault layer (no latency, no auth, no limit, no faults) and are not counted.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::db::Persist;
use super::state::Census;

/// Counters kept by the fault layer.
#[derive(Default)]
pub(crate) struct Stats {
    pub requests: AtomicU64,
    pub throttled: AtomicU64,
    pub failed: AtomicU64,
    pub reset: AtomicU64,
    pub truncated: AtomicU64,
    /// Pipedrive's token costs of the requests answered (not refused), as its daily budget counts
    /// them; 0 on the other vendors.
    pub tokens: AtomicU64,
}

impl Stats {
    pub(crate) fn count(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn snapshot(&self) -> Value {
        let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
        json!({
            "requests": n(&self.requests),
            "throttled": n(&self.throttled),
            "failed": n(&self.failed),
            "reset": n(&self.reset),
            "truncated": n(&self.truncated),
            "tokens": n(&self.tokens),
        })
    }
}

struct Control {
    stats: Arc<Stats>,
    census: Census,
    state: Arc<Persist>,
}

/// `GET /__sandbox/stats`: requests answered through the fault layer, 429s sent, injected faults.
/// `GET /__sandbox/deals`: every live deal as `{"id", "name"}`, whatever the vendor's shape.
pub(crate) fn router(stats: Arc<Stats>, census: Census, state: Arc<Persist>) -> Router {
    let control = Arc::new(Control {
        stats,
        census,
        state,
    });
    Router::new()
        .route(
            "/__sandbox/stats",
            get(|State(c): State<Arc<Control>>| async move { Json(c.stats.snapshot()) }),
        )
        .route(
            "/__sandbox/deals",
            get(|State(c): State<Arc<Control>>| async move {
                // What other processes committed to the state file counts too.
                let session = c.state.enter(false).await;
                let deals: Vec<Value> = (c.census)()
                    .into_iter()
                    .map(|(id, name)| json!({"id": id, "name": name}))
                    .collect();
                drop(session);
                Json(Value::Array(deals))
            }),
        )
        .with_state(control)
}
