//! `crm auth login|status|logout`: tokens in the OS keyring, checked before they are stored.
//! No flag takes a token: it comes from a hidden prompt or from stdin (`--with-token`).

use std::io::Read;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::profiles::builtin_vendor;
use crate::auth::check;
use crate::config::{check_profile_name, Config, Profile, Storage, BUILTIN_PROFILES};
use crate::connection::{self, parse_base_url, Connection, TokenSource};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::Vendor;
use crate::output::write_records;
use crate::secret::Secret;
use crate::vendor::default_base_url;

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Check a token with the vendor and store it in the OS keyring for a profile
    #[command(
        after_help = "Examples:\n  crm auth login --profile acme --vendor pipedrive --base-url https://acme.pipedrive.com\n  printf %s \"$HUBSPOT_TOKEN\" | crm auth login --profile hub --vendor hubspot --with-token\n\nFor cron and CI, store nothing: set CRM_TOKEN and CRM_VENDOR (and CRM_BASE_URL)."
    )]
    Login(LoginArgs),
    /// Show each profile's account, where its token comes from, and what is wrong
    #[command(after_help = "Example:\n  crm auth status --profile acme")]
    Status(StatusArgs),
    /// Remove the stored token of a profile (the profile stays)
    #[command(after_help = "Example:\n  crm auth logout --profile acme")]
    Logout,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Which CRM (needed for a new profile)
    #[arg(long, value_parser = ["hubspot", "pipedrive", "sell"])]
    pub vendor: Option<String>,
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
        AuthCommand::Login(args) => login(args, ctx).await,
        AuthCommand::Status(args) => status(args, ctx).await,
        AuthCommand::Logout => logout(ctx),
    }
}

/// The profile named by `--profile` or `CRM_PROFILE`, if any.
fn named_profile(ctx: &Context) -> Option<String> {
    let empty = crate::config::Config::default();
    connection::selected_profile(ctx.globals.profile.as_deref(), &ctx.env, &empty).map(|s| s.name)
}

fn refuse_builtin(name: &str) -> Result<()> {
    if BUILTIN_PROFILES.contains(&name) {
        return Err(Error::usage_hint(
            format!("{name:?} is a built-in sandbox profile: it needs no token"),
            "choose another --profile name",
        ));
    }
    Ok(())
}

/// The profile `auth login` writes: the named one, else the default when it fits `--vendor`,
/// else one named after the vendor.
fn login_target(ctx: &Context, config: &Config, vendor: Option<Vendor>) -> Result<String> {
    if let Some(name) = named_profile(ctx) {
        return Ok(name);
    }
    let default = config
        .default
        .as_ref()
        .filter(|d| config.profiles.contains_key(*d));
    match (default, vendor) {
        (Some(d), None) => Ok(d.clone()),
        (Some(d), Some(v)) if config.profiles[d].vendor(d).ok() == Some(v) => Ok(d.clone()),
        (_, Some(v)) => Ok(v.key().to_string()),
        (None, None) => Err(Error::usage_hint(
            "which CRM is the token for?",
            "pass --vendor hubspot|pipedrive|sell (and --profile NAME to name the profile)",
        )),
    }
}

fn read_token(ctx: &Context, args: &LoginArgs, vendor: Vendor, name: &str) -> Result<Secret> {
    let text = if args.with_token {
        if ctx.streams.stdin_is_terminal {
            // Typed here, the token would stay on the screen: the hidden prompt is for that.
            return Err(Error::usage_hint(
                "--with-token reads the token from a pipe, but stdin is a terminal",
                "leave out --with-token to type it at a hidden prompt, or pipe it in",
            ));
        }
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::usage(format!("cannot read the token from stdin: {e}")))?;
        text
    } else if ctx.streams.can_prompt() {
        dialoguer::Password::new()
            .with_prompt(format!("{vendor} token for profile {name:?}"))
            .interact()
            .map_err(|e| Error::internal(format!("prompt failed: {e}")))?
    } else {
        return Err(Error::usage_hint(
            "no terminal to ask for the token on",
            "pass --with-token and send the token on stdin, e.g. \
             `printf %s \"$TOKEN\" | crm auth login --with-token`",
        ));
    };
    let token = text.trim();
    if token.is_empty() {
        return Err(Error::usage_hint(
            "the token is empty",
            "paste the token itself (HubSpot private-app token, Pipedrive API token, Sell access token)",
        ));
    }
    if token.contains(char::is_whitespace) {
        return Err(Error::usage_hint(
            "the token contains spaces or line breaks",
            "send only the token, on one line",
        ));
    }
    Ok(Secret::new(token))
}

async fn login(args: LoginArgs, ctx: &Context) -> Result<()> {
    let dir = ctx
        .env
        .config_dir()
        .ok_or_else(|| Error::internal("no config directory on this system: set CRM_CONFIG_DIR"))?;
    let mut config = ctx.config()?;
    let flag_vendor = args
        .vendor
        .as_deref()
        .map(str::parse::<Vendor>)
        .transpose()?;
    let name = login_target(ctx, &config, flag_vendor)?;
    refuse_builtin(&name)?;
    check_profile_name(&name)?;
    let existing = config.profiles.get(&name).cloned();
    let vendor = match (&existing, flag_vendor) {
        (Some(p), Some(v)) if p.vendor(&name)? != v => {
            return Err(Error::usage_hint(
                format!(
                    "profile {name:?} is a {} profile, not {v}",
                    p.vendor(&name)?
                ),
                format!("choose another --profile, or `crm profiles remove {name}` first"),
            ))
        }
        (Some(p), _) => p.vendor(&name)?,
        (None, Some(v)) => v,
        (None, None) => {
            return Err(Error::usage_hint(
                format!("there is no profile {name:?} yet: which CRM is it for?"),
                "pass --vendor hubspot|pipedrive|sell",
            ))
        }
    };
    let base_url = match args
        .base_url
        .as_deref()
        .or(existing.as_ref().and_then(|p| p.base_url.as_deref()))
    {
        Some(url) => parse_base_url(url)?,
        None => url::Url::parse(default_base_url(vendor)).expect("default URLs parse"),
    };
    let token = read_token(ctx, &args, vendor, &name)?;
    let who = if args.no_verify {
        None
    } else {
        let http = ctx.http_client(&Connection {
            vendor,
            base_url: base_url.clone(),
            token: token.clone(),
            profile: name.clone(),
            token_source: TokenSource::Keyring,
        })?;
        let who = check::whoami(&http, vendor).await.map_err(|e| match e {
            Error::Auth { .. } => e.with_hint(format!(
                "{vendor} refused the token; nothing was stored. Check that it is a \
                 current {} and that it belongs to {base_url}",
                lasting_token(vendor)
            )),
            other => other,
        })?;
        Some(who)
    };
    let storage = if args.insecure_storage {
        Storage::File
    } else {
        Storage::Keyring
    };
    let stores = ctx.stores();
    stores.get(storage).set(&name, &token).map_err(|e| {
        let advice = e.advice();
        Error::auth(format!("{e}; the token was not stored"), advice)
    })?;
    if let Some(old) = existing.as_ref().map(|p| p.token_storage) {
        if old != storage {
            // Best effort: the token now lives in the other store.
            let _ = stores.get(old).delete(&name);
        }
    }
    if storage == Storage::File {
        ctx.streams.err_line(&format!(
            "warning: the token is stored in plaintext in {} (mode 0600): anyone who can \
             read your files can use it",
            dir.join(crate::auth::file::FILE_NAME).display()
        ));
    }
    let mut profile = existing.unwrap_or_else(|| Profile::new(vendor));
    if args.base_url.is_some() {
        profile.base_url = Some(base_url.to_string());
    }
    profile.token_storage = storage;
    config.profiles.insert(name.clone(), profile);
    if config.default.is_none() {
        config.default = Some(name.clone());
    }
    config.save(&dir)?;
    let place = match storage {
        Storage::Keyring => "the OS keyring",
        Storage::File => "the plaintext token file",
    };
    ctx.streams.notice(&match who {
        Some(who) => format!(
            "logged in to {vendor} as {who}; token {} stored in {place} for profile {name:?}",
            token.masked()
        ),
        None => format!(
            "token {} stored in {place} for profile {name:?} (not checked: --no-verify)",
            token.masked()
        ),
    });
    Ok(())
}

/// The kind of token that does not expire, per vendor.
pub fn lasting_token(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Hubspot => "private-app access token",
        Vendor::Pipedrive => "API token (Personal preferences > API)",
        Vendor::Sell => "personal access token",
    }
}

/// One row of `crm auth status`.
#[derive(Debug, Serialize)]
pub struct StatusRow {
    pub profile: String,
    /// Whether this is what crm uses when no --profile is given.
    pub active: bool,
    pub vendor: String,
    pub base_url: String,
    /// Whose token it is, when the vendor was asked.
    pub account: Option<String>,
    /// keyring, CRM_TOKEN, file, built-in; null when there is no token.
    pub token_source: Option<String>,
    pub token: Option<String>,
    pub problem: Option<String>,
    pub hint: Option<String>,
}

impl StatusRow {
    fn failed(mut self, error: &Error) -> Self {
        self.problem = Some(error.to_string());
        self.hint = error.hint();
        self
    }
}

async fn status_of(
    ctx: &Context,
    config: &Config,
    profile: Option<&str>,
    verify: bool,
) -> StatusRow {
    let stored = profile.and_then(|p| config.profiles.get(p));
    let mut row = StatusRow {
        profile: profile.unwrap_or("(environment)").to_string(),
        active: false,
        vendor: stored.map(|p| p.vendor.clone()).unwrap_or_default(),
        base_url: String::new(),
        account: None,
        token_source: None,
        token: None,
        problem: None,
        hint: None,
    };
    let resolved = match profile {
        Some(name) => connection::resolve(Some(name), &ctx.env, config, &ctx.stores()),
        None => connection::from_env(&ctx.env),
    };
    let connection = match resolved {
        Ok(c) => c,
        Err(e) => return row.failed(&e),
    };
    row.vendor = connection.vendor.key().to_string();
    row.base_url = connection.base_url.to_string();
    row.token_source = Some(connection.token_source.label().to_string());
    row.token = Some(connection.token.masked());
    if !verify || ctx.globals.dry_run {
        return row;
    }
    let who = match ctx.http_client(&connection) {
        Ok(http) => check::whoami(&http, connection.vendor).await,
        Err(e) => Err(e),
    };
    match who {
        Ok(who) => {
            row.account = Some(who);
            row
        }
        Err(e) => row.failed(&e),
    }
}

fn builtin_row(name: &str) -> StatusRow {
    StatusRow {
        profile: name.to_string(),
        active: false,
        vendor: builtin_vendor(name).unwrap_or_default().to_string(),
        base_url: "(local emulator, started by crm)".into(),
        account: Some("the sandbox's demo user".into()),
        token_source: Some("built-in".into()),
        token: None,
        problem: None,
        hint: None,
    }
}

async fn status(args: StatusArgs, ctx: &Context) -> Result<()> {
    let config = ctx.config()?;
    let verify = !args.no_verify;
    let selected = connection::profile_in_use(ctx.globals.profile.as_deref(), &ctx.env, &config);
    let active = selected.as_ref().map(|s| s.name.clone());
    let names: Vec<Option<String>> = match selected.as_ref().filter(|s| s.explicit) {
        Some(s) => vec![Some(s.name.clone())],
        None => {
            let mut names: Vec<Option<String>> =
                config.profiles.keys().cloned().map(Some).collect();
            if ctx
                .env
                .get("CRM_TOKEN")
                .is_some_and(|t| !t.trim().is_empty())
            {
                names.push(None);
            }
            names.extend(BUILTIN_PROFILES.iter().map(|n| Some(n.to_string())));
            names
        }
    };
    let mut rows = Vec::new();
    for name in &names {
        let mut row = match name.as_deref() {
            Some(n) if BUILTIN_PROFILES.contains(&n) => builtin_row(n),
            Some(n) if !config.profiles.contains_key(n) => return Err(config.unknown(n)),
            other => status_of(ctx, &config, other, verify).await,
        };
        row.active = *name == active;
        rows.push(row);
    }
    write_records(
        ctx.format(),
        &ctx.streams,
        &[
            "", "profile", "vendor", "base URL", "account", "token", "problem",
        ],
        &rows,
        |r| {
            let token = match (&r.token_source, &r.token) {
                (Some(source), Some(masked)) => format!("{masked} ({source})"),
                (Some(source), None) => source.clone(),
                _ => "-".into(),
            };
            let problem = match (&r.problem, &r.hint) {
                (Some(p), Some(h)) => format!("{p}\nhint: {h}"),
                (Some(p), None) => p.clone(),
                _ => String::new(),
            };
            vec![
                if r.active { "*" } else { "" }.to_string(),
                r.profile.clone(),
                r.vendor.clone(),
                r.base_url.clone(),
                r.account.clone().unwrap_or_default(),
                token,
                problem,
            ]
        },
    )?;
    match rows.iter().find(|r| r.active && r.problem.is_some()) {
        Some(r) => Err(Error::auth(
            format!(
                "profile {:?}, the one in use, does not work: {}",
                r.profile,
                r.problem.as_deref().unwrap_or_default()
            ),
            r.hint
                .clone()
                .unwrap_or_else(|| "see the problem above".into()),
        )),
        None => Ok(()),
    }
}

fn logout(ctx: &Context) -> Result<()> {
    let config = ctx.config()?;
    let Some(selected) =
        connection::selected_profile(ctx.globals.profile.as_deref(), &ctx.env, &config)
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
