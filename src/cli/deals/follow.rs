use clap::Args;

use super::{adapter_for, deal_id};
use crate::adapter::Op;
use crate::context::Context;
use crate::error::Result;
use crate::model::User;
use crate::output::write_records;

/// Add a follower to a deal
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  crm deals follow 42 --user \"Ada Lovelace\"  # Pipedrive")]
pub struct FollowArgs {
    /// The deal's id
    pub id: String,
    /// The user (name, email or id)
    #[arg(long, value_name = "USER")]
    pub user: String,
}

/// Remove a follower from a deal
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  crm deals unfollow 42 --user \"Ada Lovelace\"  # Pipedrive")]
pub struct UnfollowArgs {
    /// The deal's id
    pub id: String,
    /// The user (name, email or id)
    #[arg(long, value_name = "USER")]
    pub user: String,
}

/// List a deal's followers
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  crm deals followers 42  # Pipedrive")]
pub struct FollowersArgs {
    /// The deal's id
    pub id: String,
}

pub async fn run_follow(args: FollowArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let adapter = adapter_for(ctx, Op::Follow)?;
    let user = adapter.follow(&id, &args.user).await?;
    ctx.streams
        .notice(&format!("{} now follows deal {id}", user.name));
    Ok(())
}

pub async fn run_unfollow(args: UnfollowArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let adapter = adapter_for(ctx, Op::Unfollow)?;
    let user = adapter.unfollow(&id, &args.user).await?;
    ctx.streams
        .notice(&format!("{} no longer follows deal {id}", user.name));
    Ok(())
}

pub async fn run_followers(args: FollowersArgs, ctx: &Context) -> Result<()> {
    let id = deal_id(&args.id)?;
    let adapter = adapter_for(ctx, Op::Followers)?;
    let users = adapter.followers(&id).await?;
    write_users(ctx, &users)
}

pub(crate) fn write_users(ctx: &Context, users: &[User]) -> Result<()> {
    write_records(
        ctx.format(),
        &ctx.streams,
        &["id", "name", "email"],
        users,
        |u| {
            vec![
                u.id.clone(),
                u.name.clone(),
                u.email.clone().unwrap_or_default(),
            ]
        },
    )
}
