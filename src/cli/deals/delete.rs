use clap::Args;

use super::{adapter_for, deal_id};
use crate::context::Context;
use crate::error::{Error, Failure, Result};
use crate::trash::Trash;
use crate::vendor::Op;

/// Delete deals (asks first on a terminal; --yes for scripts)
#[derive(Debug, Args)]
#[command(
    after_help = "Each deal's last JSON, with its contacts, is appended to the local trash file first\n(`trash.ndjson` in crm's data directory), so even a permanent delete can be recreated.\n\nExamples:\n  crm deals delete 42\n  crm deals delete 42 43 --yes"
)]
pub struct DeleteArgs {
    /// The deals' ids
    #[arg(required = true)]
    pub ids: Vec<String>,
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
    let caps = adapter.capabilities();
    let trash = Trash::open(&ctx.env)?;
    let question = format!(
        "Delete {} deal{} ({})? {}",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        ids.join(", "),
        caps.delete_effect
    );
    if !ctx.confirm(&question)? {
        return Err(Error::usage("nothing deleted: not confirmed"));
    }
    let mut failures = Vec::new();
    let mut missing = 0;
    for id in &ids {
        let outcome = async {
            let deal = adapter.get(id, true).await?;
            trash.keep(&deal)?;
            adapter.delete(id).await
        }
        .await;
        match outcome {
            Ok(()) => ctx
                .streams
                .notice(&format!("deleted deal {id}: {}", caps.delete_effect)),
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
