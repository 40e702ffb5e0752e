use clap::Args;
use serde_json::Value;

use super::fields::FieldArgs;
use super::{adapter_for, output_fields};
use crate::adapter::{Adapter, Op, Written};
use crate::context::Context;
use crate::error::{Error, Failure, Result};
use crate::model::DealInput;
use crate::output::write_deal;

/// Create a deal from flags, or deals from common-model JSON
#[derive(Debug, Args)]
#[command(
    after_help = "A deal given neither --pipeline nor --stage goes to the profile's default pipeline \
                  (`crm profiles add NAME --default-pipeline P`), else to the vendor's default. A stage \
                  name two pipelines share needs --pipeline, or \"Pipeline/Stage\".\n\n\
                  Zendesk Sell needs a contact to create a deal. A deal piped from `deals get` is \
                  copied whole, its custom fields too: the last example leaves them out, so the \
                  copy does not repeat a unique key such as an external id.\n\n\
                  Examples:\n  crm deals create --name \"Acme renewal\" --amount 1500.00 --currency USD \\\n      \
                  --pipeline \"Sales Pipeline\" --stage \"Contract Sent\" --contact 201\n  \
                  crm deals create --name \"Acme\" --contact 201 --company 301 --set region=EMEA\n  \
                  crm deals get 42 -o json --fields name,amount,currency,stage,owner,contacts \\\n      \
                  | crm deals create --from -"
)]
pub struct CreateArgs {
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Read deals from a file (`-` for stdin): a JSON object, a JSON array or NDJSON
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["name", "amount", "stage", "pipeline"])]
    pub from: Option<String>,
}

/// Reads `--from` input: one object, an array of objects, or one object per line.
pub(crate) fn read_inputs(source: &str) -> Result<Vec<DealInput>> {
    let text = crate::import::input::read_text(source)?;
    let bad = |where_: String, e: String| {
        Error::usage_hint(
            format!("{where_}: {e}"),
            "give the common deal JSON (see README, \"The deal JSON\")",
        )
    };
    let values: Vec<(String, Value)> = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("{source}: item {}", i + 1), v))
            .collect(),
        Ok(v) => vec![(source.to_string(), v)],
        Err(_) => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| {
                serde_json::from_str(l)
                    .map(|v| (format!("{source}: line {}", n + 1), v))
                    .map_err(|e| bad(format!("{source}: line {}", n + 1), e.to_string()))
            })
            .collect::<Result<_>>()?,
    };
    if values.is_empty() {
        return Err(Error::usage_hint(
            format!(
                "no deal in {}: nothing to create",
                if source == "-" { "stdin" } else { source }
            ),
            "give at least one deal in the common JSON shape (see README, \"The deal JSON\")",
        ));
    }
    values
        .into_iter()
        .map(|(at, v)| {
            let input = DealInput::from_json(v).map_err(|e| bad(at.clone(), e))?;
            input.check_name(true).map_err(|e| bad(at, e.to_string()))?;
            Ok(input)
        })
        .collect()
}

/// Prints a written deal and turns its partial failures into exit 8. A closed stdout does not
/// hide the write: the command says what it did (exit 1).
pub(crate) fn finish_write(
    ctx: &Context,
    fields: &[String],
    written: Written,
    verb: &str,
) -> Result<()> {
    match write_deal(ctx.format(), fields, &ctx.streams, &written.deal) {
        Err(Error::BrokenPipe) => {
            return Err(Error::OutputClosed {
                summary: format!(
                    "deal {} was {verb}, but stdout was closed before it could be printed",
                    written.deal.id
                ),
                hint: format!("read it with `crm deals get {}`", written.deal.id),
            })
        }
        other => other?,
    }
    if written.failures.is_empty() {
        return Ok(());
    }
    Err(Error::Partial {
        summary: format!(
            "deal {} was {verb}, but {} of its associations failed",
            written.deal.id,
            written.failures.len()
        ),
        failures: written.failures,
    })
}

/// Refuses, before anything is sent, records that set a field the vendor cannot write at all:
/// each such record is named, and none of the others is written either.
pub(crate) fn check_inputs(adapter: &dyn Adapter, inputs: &[DealInput]) -> Result<()> {
    let refused: Vec<(usize, Error)> = inputs
        .iter()
        .enumerate()
        .filter_map(|(i, input)| adapter.check_input(input).err().map(|e| (i, e)))
        .collect();
    match refused.len() {
        0 => Ok(()),
        _ if inputs.len() == 1 => Err(refused.into_iter().next().expect("one").1),
        n => {
            let records: Vec<String> = refused.iter().map(|(i, _)| (i + 1).to_string()).collect();
            let (_, first) = refused.into_iter().next().expect("some");
            let said = format!(
                "{n} of {} records set it (records {}); nothing was created",
                inputs.len(),
                records.join(", ")
            );
            let hint = match first.hint() {
                Some(h) => format!("{said}. {h}"),
                None => said,
            };
            Err(first.with_hint(hint))
        }
    }
}

async fn create_many(adapter: &dyn Adapter, inputs: Vec<DealInput>, ctx: &Context) -> Result<()> {
    check_inputs(adapter, &inputs)?;
    let fields = output_fields(ctx, adapter).await?;
    let mut failures = Vec::new();
    let mut created: Vec<String> = Vec::new();
    let total = inputs.len();
    let mut only_error = None;
    for (i, input) in inputs.into_iter().enumerate() {
        if ctx.streams.out_closed() {
            return Err(stopped(&created, i, total));
        }
        let label = format!(
            "record {} ({})",
            i + 1,
            input.name.as_deref().unwrap_or("no name")
        );
        match adapter.create(&input).await {
            Ok(written) => {
                created.push(written.deal.id.clone());
                match write_deal(ctx.format(), &fields, &ctx.streams, &written.deal) {
                    // Noticed before the next create starts.
                    Err(Error::BrokenPipe) => {}
                    other => other?,
                }
                failures.extend(written.failures.into_iter().map(|f| Failure {
                    record: format!("{label}, deal {}: {}", written.deal.id, f.record),
                    message: f.message,
                }));
            }
            Err(e @ (Error::DryRunStop(_) | Error::BrokenPipe)) => return Err(e),
            Err(e) => {
                failures.push(Failure {
                    record: label,
                    message: match e.hint() {
                        Some(h) => format!("{e} ({h})"),
                        None => e.to_string(),
                    },
                });
                only_error = Some(e);
            }
        }
    }
    if ctx.streams.out_closed() {
        return Err(stopped(&created, total, total));
    }
    if failures.is_empty() {
        return Ok(());
    }
    // One record that failed is that record's error, with its own exit code: nothing succeeded,
    // so "partial" (8) would be wrong.
    if let (1, Some(e)) = (total, only_error) {
        return Err(e);
    }
    Err(Error::Partial {
        summary: format!("{} of {total} records had failures", failures.len()),
        failures,
    })
}

/// `create --from` whose stdout closed before record `next` (0-based): the ids it created, since
/// they were not all printed, and the records it did not send.
fn stopped(created: &[String], next: usize, total: usize) -> Error {
    const SHOWN: usize = 20;
    let mut ids = created
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if created.len() > SHOWN {
        ids.push_str(", …");
    }
    let mut summary = format!(
        "stdout was closed by its reader: crm stopped after {next} of {total} records; {} deals \
         were created",
        created.len()
    );
    if !created.is_empty() {
        summary.push_str(&format!(" ({ids})"));
    }
    let hint = if next < total {
        format!(
            "records {}-{total} were not sent: create them with --from holding only those",
            next + 1
        )
    } else {
        "every record was sent, but not every result printed".to_string()
    };
    Error::OutputClosed { summary, hint }
}

/// Puts a deal that names neither a pipeline nor a stage in the profile's default pipeline.
pub(crate) fn apply_default_pipeline(input: &mut DealInput, default: Option<&str>) -> bool {
    match default {
        Some(p) if input.pipeline.is_none() && input.stage.is_none() => {
            input.pipeline = Some(p.to_string());
            true
        }
        _ => false,
    }
}

fn with_default_pipeline(ctx: &Context, inputs: &mut [DealInput]) {
    let Some(default) = ctx.default_pipeline() else {
        return;
    };
    let mut used = false;
    for input in inputs.iter_mut() {
        used |= apply_default_pipeline(input, Some(&default));
    }
    if used {
        ctx.streams.notice(&format!(
            "no --pipeline or --stage given: using the profile's default pipeline {default:?}"
        ));
    }
}

pub async fn run(args: CreateArgs, ctx: &Context) -> Result<()> {
    if let Some(source) = &args.from {
        let mut inputs = read_inputs(source)?;
        with_default_pipeline(ctx, &mut inputs);
        let adapter = adapter_for(ctx, Op::Create)?;
        return create_many(adapter.as_ref(), inputs, ctx).await;
    }
    let mut input = args.fields.to_input()?;
    input
        .check_name(true)
        .map_err(|e| e.with_hint("pass --name \"…\" (or --from FILE with deals in JSON)"))?;
    with_default_pipeline(ctx, std::slice::from_mut(&mut input));
    let adapter = adapter_for(ctx, Op::Create)?;
    adapter.check_input(&input)?;
    let fields = output_fields(ctx, adapter.as_ref()).await?;
    let written = adapter.create(&input).await?;
    finish_write(ctx, &fields, written, "created")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pipeline_fills_in_only_when_nothing_decides_the_pipeline() {
        let mut bare = DealInput::default();
        assert!(apply_default_pipeline(&mut bare, Some("Sales")));
        assert_eq!(bare.pipeline.as_deref(), Some("Sales"));

        let mut staged = DealInput {
            stage: Some("Won".into()),
            ..DealInput::default()
        };
        assert!(!apply_default_pipeline(&mut staged, Some("Sales")));
        assert_eq!(staged.pipeline, None);

        let mut named = DealInput {
            pipeline: Some("Renewals".into()),
            ..DealInput::default()
        };
        assert!(!apply_default_pipeline(&mut named, Some("Sales")));
        assert_eq!(named.pipeline.as_deref(), Some("Renewals"));
        assert!(!apply_default_pipeline(&mut DealInput::default(), None));
    }
}
