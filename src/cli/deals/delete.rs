use clap::Args;
use serde::Serialize;

use super::{adapter_for, deal_id};
use crate::adapter::{Capabilities, Op};
use crate::context::Context;
use crate::error::{Error, Failure, Result};
use crate::model::Deal;
use crate::output::{deal_summary, write_records};
use crate::trash::Trash;

/// Delete deals (asks first on a terminal; --yes for scripts)
#[derive(Debug, Args)]
#[command(
    after_help = "On a terminal crm shows each deal (name, amount, stage) and what the vendor does \
                  with a deleted deal, and asks; from a script, --yes confirms. Each deal's last \
                  JSON, with its contacts, is appended to the local trash file first \
                  (`trash.ndjson` in crm's data directory), so even a permanent delete can be \
                  recreated. Prints the deleted deals: [{\"id\", \"name\", \"deleted\": true}] as \
                  JSON.\n\n\
                  Examples:\n  crm deals delete 42\n  crm deals delete 42 43 --yes -o json"
)]
pub struct DeleteArgs {
    /// The deals' ids
    #[arg(required = true)]
    pub ids: Vec<String>,
}

/// One deleted deal, as `deals delete` prints it.
#[derive(Debug, Serialize)]
struct Deleted {
    id: String,
    name: Option<String>,
    deleted: bool,
}

pub async fn run(args: DeleteArgs, ctx: &Context) -> Result<()> {
    let mut ids: Vec<String> = Vec::with_capacity(args.ids.len());
    for id in &args.ids {
        // A deal named twice is deleted once.
        let id = deal_id(id)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let adapter = adapter_for(ctx, Op::Delete)?;
    let caps = Capabilities::of(adapter.vendor());
    let trash = Trash::open(&ctx.env)?;
    // A script without --yes fails before any request.
    ctx.check_can_confirm()?;
    // Each deal is read first: the question names what will go, and the trash keeps it.
    let mut failures = Vec::new();
    // The id the user gave is the one deleted, whatever the answer of the read says.
    let mut deals: Vec<(String, Deal)> = Vec::new();
    let mut missing = 0;
    for id in &ids {
        match adapter.get(id, true).await {
            Ok(deal) => deals.push((id.clone(), deal)),
            Err(e @ (Error::DryRunStop(_) | Error::BrokenPipe)) => return Err(e),
            Err(e) if ids.len() == 1 => return Err(e),
            Err(e) => {
                missing += usize::from(matches!(e, Error::NotFound { .. }));
                failures.push(Failure {
                    record: format!("deal {id}"),
                    message: e.to_string(),
                })
            }
        }
    }
    if !deals.is_empty() {
        let lines: Vec<String> = deals
            .iter()
            .map(|(_, d)| format!("  {}", deal_summary(d)))
            .collect();
        let question = format!(
            "About to delete {} deal{}:\n{}\n{}\nDelete {}?",
            deals.len(),
            if deals.len() == 1 { "" } else { "s" },
            lines.join("\n"),
            caps.delete_effect,
            if deals.len() == 1 { "it" } else { "them" },
        );
        if !ctx.confirm(&question)? {
            return Err(Error::usage("nothing deleted: not confirmed"));
        }
    }
    let mut deleted = Vec::new();
    for (id, deal) in &deals {
        let outcome = match trash.keep(deal) {
            Ok(()) => adapter.delete(id).await,
            Err(e) => Err(e),
        };
        let label = deal_label(deal);
        match outcome {
            Ok(()) => {
                ctx.streams
                    .notice(&format!("deleted {label}: {}", caps.delete_effect));
                deleted.push(Deleted {
                    id: id.clone(),
                    name: deal.name.clone(),
                    deleted: true,
                });
            }
            Err(e @ (Error::DryRunStop(_) | Error::BrokenPipe)) => return Err(e),
            Err(e) if ids.len() == 1 => return Err(e),
            Err(e) => failures.push(Failure {
                record: label,
                message: e.to_string(),
            }),
        }
    }
    if !deleted.is_empty() {
        write_records(
            ctx.format(),
            &ctx.streams,
            &["id", "name", "deleted"],
            &deleted,
            |d| {
                vec![
                    d.id.clone(),
                    d.name.clone().unwrap_or_default(),
                    d.deleted.to_string(),
                ]
            },
        )?;
    }
    if failures.is_empty() {
        return Ok(());
    }
    if missing == ids.len() {
        // Nothing was deleted because nothing was there: not found, not a partial success.
        return Err(Error::NotFound {
            message: format!("none of the {} deals exists", ids.len()),
            hint: Some(
                failures
                    .iter()
                    .map(|f| format!("{}: {}", f.record, f.message))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        });
    }
    Err(Error::Partial {
        summary: format!("{} of {} deals were not deleted", failures.len(), ids.len()),
        failures,
    })
}

/// `deal "Name" (id)`, or `deal id` for a deal without a name.
pub(crate) fn deal_label(deal: &Deal) -> String {
    match &deal.name {
        Some(name) => format!("deal {name:?} ({})", deal.id),
        None => format!("deal {}", deal.id),
    }
}
