//! A local, stateful emulator of the three vendors' deal APIs (`crm sandbox serve` and the
//! built-in sandbox profiles run it), speaking their wire formats, with optional faults (errors,
//! rate limits, resets, truncated or slow bodies) to exercise a client. A library: it takes
//! [`ServeArgs`] and prints nothing; the command line that runs it says where it listens.
//!
//! Every request goes through one layer (`faults.rs`), in this order: the
//! vendor's authentication (401 in its error shape);
//! `--rate-limit N/WINDOW`, a fixed window opened by its first request, counting
//! requests (Pipedrive: each endpoint's token cost, its daily budget), and `--burst N/WINDOW`,
//! a rolling window counting requests (Pipedrive's 2-second burst window),
//! answering 429 with `Retry-After` and the vendor's own headers (which also
//! ride on every answered request, describing the burst window when there is one); `--fail-rate F`, a 500/502/503 in the vendor's error
//! shape instead of the answer, where for a write half of those faults come
//! *after* the write was applied and saved ("outcome unknown"); then the
//! handler, run against the store brought up to date with `--state FILE` and, for a write,
//! inside one transaction of that database (see `db.rs`); then a
//! wait until `--latency-ms` has passed since the request arrived. On the way
//! out: `--reset-rate` sends the headers and half the body, then drops the
//! connection; `--truncate-rate` sends a complete response whose body is the
//! first half of the JSON; `--slow-body-ms L` sends the body in ten pieces with
//! L ms before each. The dice are seeded from `--seed`, so a run is repeatable
//! for a given order of requests. `/__sandbox/stats` and `/__sandbox/deals`
//! (see `control.rs`) bypass all of this.

// Handlers return a ready vendor error `Response` as their `Err`: it is the
// cold path, and boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

mod control;
mod data;
mod db;
mod errors;
mod faults;
mod hubspot;
mod pipedrive;
mod rates;
mod sell;
mod state;
mod table;
mod util;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Which vendor API the sandbox speaks.
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SandboxVendor {
    Hubspot,
    Pipedrive,
    Sell,
}

impl SandboxVendor {
    pub fn name(self) -> &'static str {
        match self {
            SandboxVendor::Hubspot => "hubspot",
            SandboxVendor::Pipedrive => "pipedrive",
            SandboxVendor::Sell => "sell",
        }
    }
}

/// A rate limit: at most `max` requests (Pipedrive: tokens) per `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u32,
    pub window: Duration,
}

impl FromStr for RateLimit {
    type Err = String;

    /// `N/WINDOW`, WINDOW being `500ms`, `10s`, `1m`, `1h` or plain seconds.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("rate limit {s:?}: expected N/WINDOW, e.g. 100/10s");
        let (n, w) = s.split_once('/').ok_or_else(bad)?;
        let max: u32 = n.trim().parse().map_err(|_| bad())?;
        let w = w.trim();
        let split = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
        let (num, unit) = w.split_at(split);
        let num: u64 = if num.is_empty() {
            1
        } else {
            num.parse().map_err(|_| bad())?
        };
        let window = match unit {
            "ms" => Duration::from_millis(num),
            "" | "s" => Duration::from_secs(num),
            "m" => Duration::from_secs(num * 60),
            "h" => Duration::from_secs(num * 3600),
            _ => return Err(bad()),
        };
        if max == 0 || window.is_zero() {
            return Err(bad());
        }
        Ok(RateLimit { max, window })
    }
}

/// A fraction between 0 and 1, for the `--*-rate` flags.
#[cfg(feature = "clap")]
fn parse_rate(s: &str) -> Result<f64, String> {
    let f: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&f) {
        Ok(f)
    } else {
        Err(format!("{s} is not between 0 and 1"))
    }
}

/// Run a local, stateful emulator of a vendor's deal API, with optional faults.
#[cfg_attr(feature = "clap", derive(clap::Args))]
#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// Vendor API to emulate
    #[cfg_attr(feature = "clap", arg(long, value_enum))]
    pub vendor: SandboxVendor,
    /// Port on 127.0.0.1 (0 = any free port)
    #[cfg_attr(feature = "clap", arg(long, default_value_t = 0))]
    pub port: u16,
    /// Number of demo deals
    #[cfg_attr(feature = "clap", arg(long, default_value_t = 25))]
    pub deals: usize,
    /// Least time from each request to its response, in milliseconds
    #[cfg_attr(feature = "clap", arg(long, default_value_t = 0))]
    pub latency_ms: u64,
    /// Seed of the demo data and of the fault dice
    #[cfg_attr(feature = "clap", arg(long, default_value_t = 1))]
    pub seed: u64,
    /// SQLite database the state is kept in (created when missing; any number of sandboxes
    /// and crm processes may share one); without it, the state lives in memory
    #[cfg_attr(feature = "clap", arg(long))]
    pub state: Option<PathBuf>,
    /// A JSON state file of an earlier version, moved into `state` when that is new, then
    /// removed (the built-in profiles' old `<vendor>.json`)
    #[cfg_attr(feature = "clap", arg(skip))]
    pub legacy_state: Option<PathBuf>,
    /// Fraction of requests answered 500/502/503 (writes: half of them after the write was applied)
    #[cfg_attr(feature = "clap", arg(long, default_value_t = 0.0, value_parser = parse_rate))]
    pub fail_rate: f64,
    /// Rate limit N/WINDOW, e.g. 100/10s (Pipedrive counts token costs)
    #[cfg_attr(feature = "clap", arg(long))]
    pub rate_limit: Option<RateLimit>,
    /// A rolling window of requests besides --rate-limit, e.g. Pipedrive's burst limit 20/2s;
    /// the rate-limit headers then describe this window
    #[cfg_attr(feature = "clap", arg(long))]
    pub burst: Option<RateLimit>,
    /// Fraction of responses whose connection is dropped mid-body
    #[cfg_attr(feature = "clap", arg(long, default_value_t = 0.0, value_parser = parse_rate))]
    pub reset_rate: f64,
    /// Fraction of responses whose JSON body is cut in half
    #[cfg_attr(feature = "clap", arg(long, default_value_t = 0.0, value_parser = parse_rate))]
    pub truncate_rate: f64,
    /// Trickle every body in 10 pieces with this many milliseconds before each
    #[cfg_attr(feature = "clap", arg(long, default_value_t = 0))]
    pub slow_body_ms: u64,
    /// HubSpot: the scopes the token was granted (comma-separated); a request needing another
    /// is answered 403 MISSING_SCOPES, e.g. --scopes crm.objects.deals.read (no owners)
    #[cfg_attr(
        feature = "clap",
        arg(long, value_delimiter = ',', value_name = "SCOPES")
    )]
    pub scopes: Option<Vec<String>>,
    /// HubSpot: the search endpoint's own limit N/WINDOW besides --rate-limit (HubSpot: 5/1s)
    #[cfg_attr(feature = "clap", arg(long, value_name = "N/WINDOW"))]
    pub search_rate_limit: Option<RateLimit>,
}

impl ServeArgs {
    /// The defaults of the command line for `vendor` (handy in tests).
    pub fn new(vendor: SandboxVendor) -> Self {
        ServeArgs {
            vendor,
            port: 0,
            deals: 25,
            latency_ms: 0,
            seed: 1,
            state: None,
            legacy_state: None,
            fail_rate: 0.0,
            rate_limit: None,
            burst: None,
            reset_rate: 0.0,
            truncate_rate: 0.0,
            slow_body_ms: 0,
            scopes: None,
            search_rate_limit: None,
        }
    }

    /// Options that only one vendor's emulator knows, asked of another: what is wrong, for the
    /// caller to report before anything starts.
    pub fn misplaced_options(&self) -> Option<&'static str> {
        let hubspot_only = self.scopes.is_some() || self.search_rate_limit.is_some();
        (self.vendor != SandboxVendor::Hubspot && hubspot_only).then_some(
            "--scopes and --search-rate-limit emulate HubSpot: use them with --vendor hubspot",
        )
    }
}

/// Errors starting the sandbox.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("state file {path}: {message}")]
    State { path: PathBuf, message: String },
    /// A JSON state of an earlier version that cannot be read.
    #[error("old sandbox state {path}: {message}")]
    OldState {
        path: PathBuf,
        vendor: SandboxVendor,
        message: String,
    },
    #[error("sandbox server failed: {0}")]
    Serve(std::io::Error),
}

/// A sandbox serving in the background; dropping it stops the server.
pub struct RunningSandbox {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, finishes in-flight requests, and waits.
    pub async fn shutdown(mut self) -> Result<(), SandboxError> {
        self.stop();
        match self.task.take() {
            Some(task) => match task.await {
                Ok(res) => res.map_err(SandboxError::Serve),
                Err(e) => Err(SandboxError::Serve(std::io::Error::other(e))),
            },
            None => Ok(()),
        }
    }

    fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Binds 127.0.0.1:`args.port`, serves in the background, returns at once.
pub async fn spawn(args: ServeArgs) -> Result<RunningSandbox, SandboxError> {
    let (router, persist, census) = app(&args, false)?;
    let persist = Arc::new(persist);
    let stats = Arc::new(control::Stats::default());
    let ctx = Arc::new(faults::Ctx::new(&args, persist.clone(), stats.clone()));
    let app = control::router(stats, census, persist)
        .merge(router.layer(axum::middleware::from_fn_with_state(ctx, faults::layer)));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
        .await
        .map_err(|source| SandboxError::Bind {
            port: args.port,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
        port: args.port,
        source,
    })?;
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await
    });
    Ok(RunningSandbox {
        addr,
        shutdown: Some(tx),
        task: Some(task),
    })
}

/// The vendor's routes over its store, opened (or, with `reset`, rewritten) as `args` say.
fn app(
    args: &ServeArgs,
    reset: bool,
) -> Result<(axum::Router, db::Persist, state::Census), SandboxError> {
    let demo = data::Demo::generate(args.seed, args.deals);
    let open = state::Open {
        path: args.state.as_deref(),
        legacy: args.legacy_state.as_deref(),
        reset,
    };
    match args.vendor {
        SandboxVendor::Hubspot => hubspot::app(&demo, &open, args),
        SandboxVendor::Pipedrive => pipedrive::app(&demo, &open),
        SandboxVendor::Sell => sell::app(&demo, &open),
    }
}

/// Puts the state file `args.state` back to the demo data `args` describe, in one transaction
/// (processes using it see the change at their next request).
pub fn reset(args: &ServeArgs) -> Result<(), SandboxError> {
    app(args, true).map(|_| ())
}

/// Spawns the sandbox, hands it to `listening` (to say where it listens), and runs until Ctrl-C.
pub async fn serve(
    args: ServeArgs,
    listening: impl FnOnce(&RunningSandbox),
) -> Result<(), SandboxError> {
    let running = spawn(args).await?;
    listening(&running);
    tokio::signal::ctrl_c().await.map_err(SandboxError::Serve)?;
    running.shutdown().await
}
