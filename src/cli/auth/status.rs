//! `crm auth status`: each profile's account, where its token comes from, and what is wrong.

use serde::Serialize;

use super::StatusArgs;
use crate::auth::check;
use crate::config::{builtin_profiles, builtin_vendor, is_builtin, Config};
use crate::connection::{self, TokenSource};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::write_records;

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
    if !verify || ctx.settings.dry_run {
        return row;
    }
    let who = match ctx.probe_client(&connection) {
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
        vendor: builtin_vendor(name)
            .map(|v| v.key().to_string())
            .unwrap_or_default(),
        base_url: "(local emulator, started by crm)".into(),
        account: Some("the sandbox's demo user".into()),
        token_source: Some(TokenSource::BuiltIn.label().into()),
        token: None,
        problem: None,
        hint: None,
    }
}

pub async fn run(args: StatusArgs, ctx: &Context) -> Result<()> {
    let config = ctx.config()?;
    let verify = !args.no_verify;
    let selected = connection::profile_in_use(ctx.settings.profile.as_deref(), &ctx.env, &config);
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
            names.extend(builtin_profiles().map(|n| Some(n.to_string())));
            names
        }
    };
    if let Some(unknown) = names
        .iter()
        .flatten()
        .find(|n| !is_builtin(n) && !config.profiles.contains_key(n.as_str()))
    {
        return Err(config.unknown(unknown));
    }
    // Every profile is checked at once: one unreachable server costs one short timeout, not
    // one per profile.
    let checks = names.iter().map(|name| {
        let (config, active) = (&config, &active);
        async move {
            let mut row = match name.as_deref() {
                Some(n) if is_builtin(n) => builtin_row(n),
                other => status_of(ctx, config, other, verify).await,
            };
            row.active = name == active;
            row
        }
    });
    let rows: Vec<StatusRow> = futures::future::join_all(checks).await;
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
