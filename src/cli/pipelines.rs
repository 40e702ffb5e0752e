//! `crm pipelines list` and `crm stages list`.

use clap::{Args, Subcommand};

use super::deals::adapter_for;
use crate::context::Context;
use crate::error::Result;
use crate::model::{Pipeline, Stage};
use crate::output::write_records;
use crate::resolve::{resolve, Candidate};
use crate::vendor::Op;

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
            let candidates: Vec<Candidate> = pipelines
                .iter()
                .map(|p| Candidate::new(&p.id, &p.name))
                .collect();
            let id = resolve("pipeline", &wanted, &candidates)
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
    let stages: Vec<(&Pipeline, &Stage)> = chosen
        .iter()
        .flat_map(|p| p.stages.iter().map(move |s| (*p, s)))
        .collect();
    let records: Vec<&Stage> = stages.iter().map(|(_, s)| *s).collect();
    let pipeline_name = |s: &Stage| {
        stages
            .iter()
            .find(|(_, st)| st.id == s.id && st.pipeline_id == s.pipeline_id)
            .map(|(p, _)| p.name.clone())
            .unwrap_or_default()
    };
    write_records(
        ctx.format(),
        &ctx.streams,
        &["id", "name", "pipeline", "status", "probability"],
        &records,
        |s: &&Stage| {
            vec![
                s.id.clone(),
                s.name.clone(),
                pipeline_name(s),
                s.status.to_string(),
                s.probability.map(|p| p.to_string()).unwrap_or_default(),
            ]
        },
    )
}
