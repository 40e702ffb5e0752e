//! `crm sandbox serve`, and the built-in `sandbox` profiles that run an emulator inside `crm`
//! itself, so a first run needs no account and no configuration.

use clap::Subcommand;

use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::sandbox::{self, RunningSandbox, SandboxVendor, ServeArgs};

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    #[command(
        after_help = "Examples:\n  crm sandbox serve --vendor hubspot --port 8080\n  crm sandbox serve --vendor pipedrive --deals 10000 --latency-ms 50 --burst 20/2s\n  crm sandbox serve --vendor sell --fail-rate 0.1 --state sell.json\n\nThen, in another terminal:\n  CRM_VENDOR=hubspot CRM_TOKEN=any CRM_BASE_URL=http://127.0.0.1:8080 crm deals list"
    )]
    Serve(ServeArgs),
}

pub async fn run(command: SandboxCommand) -> Result<()> {
    let SandboxCommand::Serve(args) = command;
    if args.vendor != SandboxVendor::Hubspot
        && (args.scopes.is_some() || args.search_rate_limit.is_some())
    {
        return Err(Error::usage(
            "--scopes and --search-rate-limit emulate HubSpot: use them with --vendor hubspot",
        ));
    }
    sandbox::serve(args)
        .await
        .map_err(|e| Error::usage(format!("sandbox: {e}")))
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

/// Starts the emulator for a built-in profile inside this process, its state kept in the data
/// directory so changes persist from one run to the next, and points the connection at it.
pub async fn attach(vendor: SandboxVendor, env: &mut EnvVars) -> Result<RunningSandbox> {
    let dir = env
        .data_dir()
        .ok_or_else(|| {
            Error::internal("no data directory for the sandbox state: set CRM_DATA_DIR")
        })?
        .join("sandbox");
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::internal(format!("cannot create {}: {e}", dir.display())))?;
    let mut args = ServeArgs::new(vendor);
    args.state = Some(dir.join(format!("{}.json", vendor.name())));
    let running = sandbox::spawn(args)
        .await
        .map_err(|e| Error::internal(format!("sandbox: {e}")))?;
    env.set("CRM_VENDOR", vendor.name());
    env.set("CRM_TOKEN", "sandbox-token-0000000000000000000000000000");
    env.set("CRM_BASE_URL", &running.url());
    Ok(running)
}
