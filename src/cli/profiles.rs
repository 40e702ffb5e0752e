//! `crm profiles list|add|remove|use`: the accounts crm knows, kept in config.toml.

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::config::{
    builtin_profiles, builtin_vendor, check_profile_name, is_builtin, Config, Profile, Storage,
};
use crate::connection::parse_base_url;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::Vendor;
use crate::output::{write_records, Format};

#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// List the profiles, the built-in sandbox ones included
    #[command(after_help = "Example:\n  crm profiles list -o json")]
    List,
    /// Add a profile; then store its token with `crm auth login --profile NAME`
    #[command(
        after_help = "Examples:\n  crm profiles add acme --vendor pipedrive --base-url https://acme.pipedrive.com\n  crm profiles add eu --vendor hubspot --base-url https://api-eu1.hubapi.com --default"
    )]
    Add(AddArgs),
    /// Remove a profile and its stored token
    #[command(after_help = "Example:\n  crm profiles remove acme")]
    Remove {
        /// The profile to remove
        name: String,
    },
    /// Make a profile the default (used when neither --profile nor CRM_PROFILE names one)
    #[command(after_help = "Example:\n  crm profiles use acme")]
    Use {
        /// The profile to use by default
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Name of the new profile (letters, digits, '-', '_', '.')
    pub name: String,
    /// Which CRM
    #[arg(long)]
    pub vendor: Vendor,
    /// API server, e.g. your Pipedrive company domain or HubSpot's EU data centre
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Your plan's API rate-limit tier, which sizes crm's limiter until the vendor's headers
    /// tell the real limit. HubSpot: free, starter, professional, enterprise, api-limit-increase.
    /// Pipedrive: lite, growth, premium, ultimate (or essential, advanced, professional, power,
    /// enterprise). Zendesk Sell has one limit for every plan.
    #[arg(long, value_name = "TIER")]
    pub rate_limit_tier: Option<String>,
    /// Pipeline (name or id) for commands that take --pipeline, when it is not given
    #[arg(long, value_name = "PIPELINE")]
    pub default_pipeline: Option<String>,
    /// Output format for this profile when -o is not given
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub default_output: Option<Format>,
    /// Make it the default profile
    #[arg(long)]
    pub default: bool,
}

pub async fn run(command: ProfilesCommand, ctx: &Context) -> Result<()> {
    match command {
        ProfilesCommand::List => list(ctx),
        ProfilesCommand::Add(args) => add(args, ctx),
        ProfilesCommand::Remove { name } => remove(&name, ctx),
        ProfilesCommand::Use { name } => use_profile(&name, ctx),
    }
}

/// One row of `crm profiles list`.
#[derive(Debug, Serialize)]
pub struct Row {
    pub name: String,
    pub vendor: String,
    pub base_url: String,
    pub default: bool,
    pub builtin: bool,
    /// keyring, file, or built-in
    pub token_storage: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit_tier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_pipeline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_output: Option<String>,
}

pub fn rows(config: &Config) -> Vec<Row> {
    let is_default = |name: &str| config.default.as_deref() == Some(name);
    let mut rows: Vec<Row> = config
        .profiles
        .iter()
        .map(|(name, p)| Row {
            name: name.clone(),
            vendor: p.vendor.clone(),
            base_url: p.base_url.clone().unwrap_or_else(|| {
                p.vendor
                    .parse::<Vendor>()
                    .map(|v| crate::adapter::default_base_url(v).to_string())
                    .unwrap_or_default()
            }),
            default: is_default(name),
            builtin: false,
            token_storage: match p.token_storage {
                Storage::Keyring => "keyring".into(),
                Storage::File => "file".into(),
            },
            rate_limit_tier: p.rate_limit_tier.clone(),
            default_pipeline: p.default_pipeline.clone(),
            default_output: p.default_output.clone(),
        })
        .collect();
    rows.extend(builtin_profiles().map(|name| {
        Row {
            name: name.to_string(),
            vendor: builtin_vendor(name)
                .map(|v| v.key().to_string())
                .unwrap_or_default(),
            base_url: "(local emulator, started by crm)".into(),
            default: is_default(name),
            builtin: true,
            token_storage: "built-in".into(),
            rate_limit_tier: None,
            default_pipeline: None,
            default_output: None,
        }
    }));
    rows
}

fn list(ctx: &Context) -> Result<()> {
    let config = ctx.config()?;
    write_records(
        ctx.format(),
        &ctx.streams,
        &["default", "name", "vendor", "base URL", "token"],
        &rows(&config),
        |r| {
            vec![
                if r.default { "*" } else { "" }.to_string(),
                r.name.clone(),
                r.vendor.clone(),
                r.base_url.clone(),
                r.token_storage.clone(),
            ]
        },
    )
}

fn add(args: AddArgs, ctx: &Context) -> Result<()> {
    check_profile_name(&args.name)?;
    // Nothing is checked or changed where the result could not be saved.
    ctx.config_dir()?;
    let mut config = ctx.config()?;
    if config.profiles.contains_key(&args.name) {
        return Err(Error::usage_hint(
            format!("profile {:?} exists already", args.name),
            format!(
                "remove it first with `crm profiles remove {}`, or choose another name",
                args.name
            ),
        ));
    }
    let vendor = args.vendor;
    let mut profile = Profile::new(vendor);
    if let Some(url) = &args.base_url {
        profile.base_url = Some(parse_base_url(url)?.to_string());
    }
    profile.rate_limit_tier = args
        .rate_limit_tier
        .as_deref()
        .map(|tier| crate::adapter::tiers::check(vendor, tier).map(str::to_string))
        .transpose()?;
    profile.default_pipeline = args.default_pipeline;
    profile.default_output = args
        .default_output
        .and_then(|f| clap::ValueEnum::to_possible_value(&f))
        .map(|v| v.get_name().to_string());
    config.profiles.insert(args.name.clone(), profile);
    let make_default = args.default || config.default.is_none();
    if make_default {
        config.default = Some(args.name.clone());
    }
    ctx.save_config(config)?;
    ctx.streams.notice(&format!(
        "added {vendor} profile {:?}{}; store its token with `crm auth login --profile {}`",
        args.name,
        if make_default { " (the default)" } else { "" },
        args.name
    ));
    Ok(())
}

fn remove(name: &str, ctx: &Context) -> Result<()> {
    if is_builtin(name) {
        return Err(Error::usage(format!(
            "{name:?} is a built-in profile and cannot be removed"
        )));
    }
    ctx.config_dir()?;
    let mut config = ctx.config()?;
    let storage = config.profile(name)?.token_storage;
    match ctx.stores().get(storage).delete(name) {
        Ok(_) => {}
        // The profile still goes; the user is told how to remove the token by hand.
        Err(e) => ctx.streams.err_line(&format!(
            "warning: could not remove the token of {name:?}: {e}\n\
             hint: remove it later with `secret-tool clear service crm username {name}` \
             (Linux) or your system's keychain tool"
        )),
    }
    config.profiles.remove(name);
    if config.default.as_deref() == Some(name) {
        config.default = None;
    }
    ctx.save_config(config)?;
    ctx.streams.notice(&format!("removed profile {name:?}"));
    Ok(())
}

fn use_profile(name: &str, ctx: &Context) -> Result<()> {
    ctx.config_dir()?;
    let mut config = ctx.config()?;
    if !is_builtin(name) {
        config.profile(name)?;
    }
    config.default = Some(name.to_string());
    ctx.save_config(config)?;
    ctx.streams
        .notice(&format!("{name:?} is now the default profile"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_marks_the_default_and_the_builtins() {
        let mut config = Config::default();
        config
            .profiles
            .insert("acme".into(), Profile::new(Vendor::Pipedrive));
        config.default = Some("acme".into());
        let rows = rows(&config);
        assert_eq!(rows[0].name, "acme");
        assert!(rows[0].default && !rows[0].builtin);
        assert_eq!(rows[0].base_url, "https://api.pipedrive.com");
        assert_eq!(rows.iter().filter(|r| r.builtin).count(), 4);
    }
}
