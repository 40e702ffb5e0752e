//! `crm sandbox serve|reset`, and the built-in `sandbox` profiles that run an emulator inside
//! `crm` itself, so a first run needs no account and no configuration.

use std::path::PathBuf;

use clap::Subcommand;

use crate::context::Context;
use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::model::Vendor;
use crate::sandbox::{self, RunningSandbox, SandboxError, SandboxVendor, ServeArgs};

// Parsed once per run: the size of the larger variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    #[command(
        after_help = "Examples:\n  crm sandbox serve --vendor hubspot --port 8080\n  crm sandbox serve --vendor pipedrive --deals 10000 --latency-ms 50 --burst 20/2s\n  crm sandbox serve --vendor sell --fail-rate 0.1 --state sell.db\n\nThen, in another terminal:\n  CRM_VENDOR=hubspot CRM_TOKEN=any CRM_BASE_URL=http://127.0.0.1:8080 crm deals list"
    )]
    Serve(ServeArgs),
    /// Put the built-in sandbox profiles back to their demo data
    #[command(
        after_help = "Examples:\n  crm sandbox reset                      # sandbox, sandbox-pipedrive and sandbox-sell\n  crm sandbox reset --vendor pipedrive   # sandbox-pipedrive only"
    )]
    Reset(ResetArgs),
}

#[derive(Debug, clap::Args)]
pub struct ResetArgs {
    /// Only this vendor's built-in sandbox (default: all three)
    #[arg(long, value_enum)]
    pub vendor: Option<SandboxVendor>,
}

pub async fn run(command: SandboxCommand, ctx: &Context) -> Result<()> {
    match command {
        SandboxCommand::Serve(args) => {
            if args.vendor != SandboxVendor::Hubspot
                && (args.scopes.is_some() || args.search_rate_limit.is_some())
            {
                return Err(Error::usage(
                    "--scopes and --search-rate-limit emulate HubSpot: use them with --vendor hubspot",
                ));
            }
            let state = args.state.clone();
            let vendor = args.vendor;
            // Says where it listens: scripts and scripts/bench read this line.
            let say = |running: &RunningSandbox| {
                ctx.streams.err_line(&format!(
                    "crm sandbox: {} listening on {}",
                    vendor.name(),
                    running.url()
                ))
            };
            let serving = sandbox::serve(args, say);
            serving.await.map_err(|e| match (e, state) {
                (e @ SandboxError::OldState { .. }, Some(file)) => Error::usage_hint(
                    format!("sandbox: {e}"),
                    format!(
                        "{} is in the JSON format of an earlier crm and cannot be read: move it \
                         away to start again from the demo data",
                        file.display()
                    ),
                ),
                (e, _) => Error::usage(format!("sandbox: {e}")),
            })
        }
        SandboxCommand::Reset(args) => reset(args, ctx),
    }
}

impl From<SandboxVendor> for Vendor {
    fn from(vendor: SandboxVendor) -> Self {
        match vendor {
            SandboxVendor::Hubspot => Vendor::Hubspot,
            SandboxVendor::Pipedrive => Vendor::Pipedrive,
            SandboxVendor::Sell => Vendor::Sell,
        }
    }
}

/// The vendor of a built-in sandbox profile name, if it is one.
pub fn builtin_profile(name: &str) -> Option<SandboxVendor> {
    match name {
        "sandbox" | "sandbox-hubspot" => Some(SandboxVendor::Hubspot),
        "sandbox-pipedrive" => Some(SandboxVendor::Pipedrive),
        "sandbox-sell" => Some(SandboxVendor::Sell),
        _ => None,
    }
}

fn profile_name(vendor: SandboxVendor) -> &'static str {
    match vendor {
        SandboxVendor::Hubspot => "sandbox",
        SandboxVendor::Pipedrive => "sandbox-pipedrive",
        SandboxVendor::Sell => "sandbox-sell",
    }
}

/// Where a built-in profile keeps its state: `<data dir>/sandbox/<vendor>.db`, one SQLite
/// database that every `crm` process on that profile shares; `<vendor>.json` is the state file of
/// earlier versions, moved into the database on first use.
fn builtin_state(vendor: SandboxVendor, env: &EnvVars) -> Result<ServeArgs> {
    let dir: PathBuf = env
        .data_dir()
        .ok_or_else(|| {
            Error::internal("no data directory for the sandbox state: set CRM_DATA_DIR")
        })?
        .join("sandbox");
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::internal(format!("cannot create {}: {e}", dir.display())))?;
    let mut args = ServeArgs::new(vendor);
    args.state = Some(dir.join(format!("{}.db", vendor.name())));
    args.legacy_state = Some(dir.join(format!("{}.json", vendor.name())));
    Ok(args)
}

fn builtin_error(vendor: SandboxVendor, e: SandboxError) -> Error {
    match e {
        SandboxError::OldState { .. } => Error::usage_hint(
            format!("sandbox: {e}"),
            format!(
                "`crm sandbox reset --vendor {}` starts the {} profile again from the demo data",
                vendor.name(),
                profile_name(vendor)
            ),
        ),
        e => Error::internal(format!("sandbox: {e}")),
    }
}

fn reset(args: ResetArgs, ctx: &Context) -> Result<()> {
    let vendors = match args.vendor {
        Some(v) => vec![v],
        None => vec![
            SandboxVendor::Hubspot,
            SandboxVendor::Pipedrive,
            SandboxVendor::Sell,
        ],
    };
    for vendor in vendors {
        let serve = builtin_state(vendor, &ctx.env)?;
        sandbox::reset(&serve).map_err(|e| builtin_error(vendor, e))?;
        ctx.streams
            .notice(&format!("{}: back to the demo data", profile_name(vendor)));
    }
    Ok(())
}

/// Starts the emulator for a built-in profile inside this process, its state kept in the data
/// directory so changes persist from one run to the next, and points the connection at it.
pub async fn attach(vendor: SandboxVendor, env: &mut EnvVars) -> Result<RunningSandbox> {
    let args = builtin_state(vendor, env)?;
    let running = sandbox::spawn(args)
        .await
        .map_err(|e| builtin_error(vendor, e))?;
    env.set("CRM_VENDOR", vendor.name());
    env.set("CRM_TOKEN", "sandbox-token-0000000000000000000000000000");
    env.set("CRM_BASE_URL", &running.url());
    Ok(running)
}
