//! `crm sandbox serve|reset`, and the built-in `sandbox` profiles that run an emulator inside
//! `crm` itself, so a first run needs no account and no configuration.

use std::path::PathBuf;

use clap::Subcommand;

use crate::connection::{parse_base_url, Connection, TokenSource};
use crate::context::Context;
use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::model::Vendor;
use crate::sandbox::{self, RunningSandbox, SandboxError, SandboxVendor, ServeArgs};
use crate::secret::Secret;

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
    pub vendor: Option<Vendor>,
}

pub async fn run(command: SandboxCommand, ctx: &Context) -> Result<()> {
    match command {
        SandboxCommand::Serve(args) => {
            if let Some(problem) = args.misplaced_options() {
                return Err(Error::usage(problem));
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

/// The emulator of `vendor`, which names its vendors by crm's keys.
fn emulator(vendor: Vendor) -> Result<SandboxVendor> {
    clap::ValueEnum::from_str(vendor.key(), false)
        .map_err(|_| Error::internal(format!("the sandbox has no emulator of {vendor}")))
}

/// Where a built-in profile keeps its state: `<data dir>/sandbox/<vendor>.db`, one SQLite
/// database that every `crm` process on that profile shares; `<vendor>.json` is the state file of
/// earlier versions, moved into the database on first use.
fn builtin_state(vendor: Vendor, env: &EnvVars) -> Result<ServeArgs> {
    let dir: PathBuf = env
        .data_dir()
        .ok_or_else(|| {
            Error::internal("no data directory for the sandbox state: set CRM_DATA_DIR")
        })?
        .join("sandbox");
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::internal(format!("cannot create {}: {e}", dir.display())))?;
    let mut args = ServeArgs::new(emulator(vendor)?);
    args.state = Some(dir.join(format!("{}.db", vendor.key())));
    args.legacy_state = Some(dir.join(format!("{}.json", vendor.key())));
    Ok(args)
}

fn builtin_error(vendor: Vendor, e: SandboxError) -> Error {
    match e {
        SandboxError::OldState { .. } => Error::usage_hint(
            format!("sandbox: {e}"),
            format!(
                "`crm sandbox reset --vendor {}` starts the {} profile again from the demo data",
                vendor.key(),
                vendor.spec().sandbox_profile
            ),
        ),
        e => Error::internal(format!("sandbox: {e}")),
    }
}

fn reset(args: ResetArgs, ctx: &Context) -> Result<()> {
    let vendors = match args.vendor {
        Some(v) => vec![v],
        None => Vendor::ALL.to_vec(),
    };
    for vendor in vendors {
        let serve = builtin_state(vendor, &ctx.env)?;
        sandbox::reset(&serve).map_err(|e| builtin_error(vendor, e))?;
        ctx.streams.notice(&format!(
            "{}: back to the demo data",
            vendor.spec().sandbox_profile
        ));
    }
    Ok(())
}

/// The token every built-in sandbox takes.
const TOKEN: &str = "sandbox-token-0000000000000000000000000000";

/// Starts the emulator of the built-in `profile` (of `vendor`) inside this process, its state
/// kept in the data directory so changes persist from one run to the next, and gives the
/// connection to it. The emulator runs until the returned sandbox is dropped.
pub async fn attach(
    profile: &str,
    vendor: Vendor,
    env: &EnvVars,
) -> Result<(RunningSandbox, Connection)> {
    let args = builtin_state(vendor, env)?;
    let running = sandbox::spawn(args)
        .await
        .map_err(|e| builtin_error(vendor, e))?;
    let connection = Connection {
        vendor,
        base_url: parse_base_url(&running.url())?,
        token: Secret::new(TOKEN),
        profile: profile.to_string(),
        token_source: TokenSource::BuiltIn,
        rate_limit_tier: None,
    };
    Ok((running, connection))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vendor_has_an_emulator_under_its_key() {
        for vendor in Vendor::ALL {
            assert_eq!(emulator(vendor).unwrap().name(), vendor.key());
        }
    }
}
