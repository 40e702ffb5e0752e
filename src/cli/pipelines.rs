//! `crm pipelines list` and `crm stages list`.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::deals::adapter_for;
use crate::adapter::Op;
use crate::context::Context;
use crate::error::Result;
use crate::model::{decimal_text, Pipeline, Ref, Status};
use crate::output::write_records;
use crate::resolve;

#[derive(Debug, Subcommand)]
pub enum PipelinesCommand {
    /// List the deal pipelines
    #[command(after_help = "Example:\n  crm pipelines list -o json")]
    List,
}

#[derive(Debug, Subcommand)]
pub enum StagesCommand {
    /// List the stages of every pipeline, or of one
    #[command(
        after_help = "Without --pipeline, the profile's default pipeline is listed when it has one \
                      (`crm profiles add NAME --default-pipeline P`); otherwise every pipeline.\n\n\
                      Examples:\n  crm stages list\n  crm stages list --pipeline \"Sales Pipeline\""
    )]
    List(StagesListArgs),
}

#[derive(Debug, Args)]
pub struct StagesListArgs {
    /// Only this pipeline's stages (name or id; default: the profile's default pipeline)
    #[arg(long, value_name = "P")]
    pub pipeline: Option<String>,
}

pub async fn run_pipelines(command: PipelinesCommand, ctx: &Context) -> Result<()> {
    let PipelinesCommand::List = command;
    let adapter = adapter_for(ctx, Op::Pipelines)?;
    let pipelines = adapter.pipelines().await?;
    write_records(
        ctx.format(),
        &ctx.streams,
        &["id", "name", "stages"],
        &pipelines,
        |p: &Pipeline| vec![p.id.clone(), p.name.clone(), p.stages.len().to_string()],
    )
}

pub async fn run_stages(command: StagesCommand, ctx: &Context) -> Result<()> {
    let StagesCommand::List(args) = command;
    let adapter = adapter_for(ctx, Op::Pipelines)?;
    let pipelines = adapter.pipelines().await?;
    let from_profile = args.pipeline.is_none();
    let chosen: Vec<&Pipeline> = match args.pipeline.or_else(|| ctx.default_pipeline()) {
        Some(wanted) => {
            let id = resolve::pipeline(&wanted, &pipelines)
                .map_err(|e| {
                    if !from_profile {
                        return e;
                    }
                    let hint = e.hint().unwrap_or_default();
                    e.with_hint(format!(
                        "{hint}\n{wanted:?} is the profile's default pipeline: pass \
                         --pipeline, or fix default_pipeline in config.toml"
                    ))
                })?
                .id
                .clone();
            pipelines.iter().filter(|p| p.id == id).collect()
        }
        None => pipelines.iter().collect(),
    };
    let records: Vec<StageRow> = chosen
        .iter()
        .flat_map(|p| {
            p.stages.iter().map(move |s| StageRow {
                id: s.id.clone(),
                name: s.name.clone(),
                pipeline: Ref {
                    id: p.id.clone(),
                    name: Some(p.name.clone()),
                },
                status: s.status,
                probability: s.probability.map(decimal_text),
            })
        })
        .collect();
    write_records(
        ctx.format(),
        &ctx.streams,
        &["id", "name", "pipeline", "status", "probability"],
        &records,
        |s: &StageRow| {
            vec![
                s.id.clone(),
                s.name.clone(),
                s.pipeline.label().to_string(),
                s.status.to_string(),
                s.probability.clone().unwrap_or_default(),
            ]
        },
    )
}

/// One stage as `crm stages list` shows it: its pipeline as a deal's is, `{id, name}`.
#[derive(Debug, Serialize)]
struct StageRow {
    id: String,
    name: String,
    pipeline: Ref,
    status: Status,
    probability: Option<String>,
}
