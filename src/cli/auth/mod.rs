//! `crm auth login|status|logout`: tokens in the OS keyring, checked before they are stored.
//! No flag takes a token: it comes from a hidden prompt or from stdin (`--with-token`).

mod login;
mod status;

use clap::{Args, Subcommand};

use crate::config::is_builtin;
use crate::connection;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::Vendor;

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Check a token with the vendor and store it in the OS keyring for a profile
    #[command(
        after_help = "Examples:\n  crm auth login --profile acme --vendor pipedrive --base-url https://acme.pipedrive.com\n  printf %s \"$HUBSPOT_TOKEN\" | crm auth login --profile hub --vendor hubspot --with-token\n\nFor cron and CI, store nothing: set CRM_TOKEN and CRM_VENDOR (and CRM_BASE_URL)."
    )]
    Login(LoginArgs),
    /// Show each profile's account, where its token comes from, and what is wrong
    #[command(
        after_help = "Every profile is checked at once, with one try of at most 5 seconds \
                      (less when CRM_TIMEOUT_SECS is lower).\n\n\
                      Example:\n  crm auth status --profile acme"
    )]
    Status(StatusArgs),
    /// Remove the stored token of a profile (the profile stays)
    #[command(after_help = "Example:\n  crm auth logout --profile acme")]
    Logout,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Which CRM (needed for a new profile)
    #[arg(long)]
    pub vendor: Option<Vendor>,
    /// API server, e.g. your Pipedrive company domain or HubSpot's EU data centre
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Read the token from stdin instead of prompting
    #[arg(long)]
    pub with_token: bool,
    /// Store the token without checking it with the vendor
    #[arg(long)]
    pub no_verify: bool,
    /// Without a keyring, keep the token in a plaintext file (mode 0600) in the config directory
    #[arg(long)]
    pub insecure_storage: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Do not ask the vendors whose tokens they are
    #[arg(long)]
    pub no_verify: bool,
}

pub async fn run(command: AuthCommand, ctx: &Context) -> Result<()> {
    match command {
        AuthCommand::Login(args) => login::run(args, ctx).await,
        AuthCommand::Status(args) => status::run(args, ctx).await,
        AuthCommand::Logout => logout(ctx),
    }
}

/// The profile named by `--profile` or `CRM_PROFILE`, if any.
fn named_profile(ctx: &Context) -> Option<String> {
    let empty = crate::config::Config::default();
    connection::selected_profile(ctx.settings.profile.as_deref(), &ctx.env, &empty).map(|s| s.name)
}

fn refuse_builtin(name: &str) -> Result<()> {
    if is_builtin(name) {
        return Err(Error::usage_hint(
            format!("{name:?} is a built-in sandbox profile: it needs no token"),
            "choose another --profile name",
        ));
    }
    Ok(())
}

fn logout(ctx: &Context) -> Result<()> {
    let config = ctx.config()?;
    let Some(selected) =
        connection::selected_profile(ctx.settings.profile.as_deref(), &ctx.env, &config)
    else {
        return Err(Error::usage_hint(
            "which profile? none is named and there is no default",
            "pass --profile NAME",
        ));
    };
    let name = selected.name;
    refuse_builtin(&name)?;
    let storage = config.profile(&name)?.token_storage;
    let removed = ctx
        .stores()
        .get(storage)
        .delete(&name)
        .map_err(|e| e.into_error())?;
    ctx.streams.notice(&if removed {
        format!(
            "removed the token of profile {name:?}; `crm profiles remove {name}` removes the \
             profile too"
        )
    } else {
        format!("profile {name:?} had no stored token")
    });
    if ctx
        .env
        .get("CRM_TOKEN")
        .is_some_and(|t| !t.trim().is_empty())
    {
        ctx.streams
            .notice("note: CRM_TOKEN is still set in this environment and still works");
    }
    Ok(())
}
