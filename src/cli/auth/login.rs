//! `crm auth login`: read the token (hidden prompt or stdin), check it, store it, save the profile.

use std::io::Read;

use super::{named_profile, refuse_builtin, LoginArgs};
use crate::auth::check;
use crate::config::{check_profile_name, Config, Profile, Storage};
use crate::connection::{base_url_or_default, Connection, TokenSource};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::Vendor;
use crate::secret::Secret;

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
            format!(
                "pass --vendor {} (and --profile NAME to name the profile)",
                Vendor::keys_as_choice()
            ),
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
            format!(
                "paste the token itself ({})",
                Vendor::ALL.map(|v| v.spec().auth.token_kind).join(", ")
            ),
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

pub async fn run(args: LoginArgs, ctx: &Context) -> Result<()> {
    let dir = ctx.config_dir()?;
    let mut config = ctx.config()?;
    let flag_vendor = args.vendor;
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
                format!("pass --vendor {}", Vendor::keys_as_choice()),
            ))
        }
    };
    let base_url = base_url_or_default(
        args.base_url
            .as_deref()
            .or(existing.as_ref().and_then(|p| p.base_url.as_deref())),
        vendor,
    )?;
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
            rate_limit_tier: None,
        })?;
        let who = check::whoami(&http, vendor).await.map_err(|e| match e {
            Error::Auth { .. } => e.with_hint(format!(
                "{vendor} refused the token; nothing was stored. Check that it is a \
                 current {} and that it belongs to {base_url}",
                vendor.spec().auth.lasting_token
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
    ctx.save_config(config)?;
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
