use clap::Args;

use super::{adapter_for, deal_id};
use crate::adapter::{Capabilities, Op};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{check_id, AssociateOptions, Target};

/// Link a deal to a contact or a company
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  crm deals associate 42 --contact 201\n  \
                  crm deals associate 42 --company 301 --primary --replace  # HubSpot, Pipedrive\n  \
                  crm deals associate 42 --contact 201 --label \"Decision maker\"  # HubSpot")]
pub struct AssociateArgs {
    /// The deal's id
    pub id: String,
    /// The contact (person) to link
    #[arg(
        long,
        value_name = "C",
        required_unless_present = "company",
        conflicts_with = "company"
    )]
    pub contact: Option<String>,
    /// The company (organization) to link
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// Make it the deal's primary contact or company
    #[arg(long)]
    pub primary: bool,
    /// The contact's role on the deal (Zendesk Sell)
    #[arg(long, value_name = "R")]
    pub role: Option<String>,
    /// Replace the deal's company when it already has one
    #[arg(long)]
    pub replace: bool,
    /// An association label (HubSpot)
    #[arg(long, value_name = "L")]
    pub label: Option<String>,
}

/// Unlink a deal from a contact or a company
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  crm deals dissociate 42 --contact 201\n  \
                  crm deals dissociate 42 --company 301  # HubSpot")]
pub struct DissociateArgs {
    /// The deal's id
    pub id: String,
    /// The contact (person) to unlink
    #[arg(
        long,
        value_name = "C",
        required_unless_present = "company",
        conflicts_with = "company"
    )]
    pub contact: Option<String>,
    /// The company (organization) to unlink
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
}

fn target(contact: &Option<String>, company: &Option<String>) -> Result<Target> {
    match (contact, company) {
        (Some(c), None) => Ok(Target::Contact(check_id("contact", c)?)),
        (None, Some(c)) => Ok(Target::Company(check_id("company", c)?)),
        _ => Err(Error::usage("pass exactly one of --contact or --company")),
    }
}

pub async fn run_associate(args: AssociateArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let target = target(&args.contact, &args.company)?;
    let adapter = adapter_for(ctx, Op::associate(&target))?;
    let options = AssociateOptions {
        primary: args.primary,
        replace: args.replace,
        role: args.role,
        label: args.label,
    };
    Capabilities::of(adapter.vendor()).check_associate(&target, &options)?;
    let said = adapter.associate(&id, &target, &options).await?;
    ctx.streams.notice(&said);
    Ok(())
}

pub async fn run_dissociate(args: DissociateArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let target = target(&args.contact, &args.company)?;
    let adapter = adapter_for(ctx, Op::dissociate(&target))?;
    let said = adapter.dissociate(&id, &target).await?;
    ctx.streams.notice(&said);
    Ok(())
}
