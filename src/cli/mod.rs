//! The clap command tree, and the one place where errors become messages and exit codes.

pub mod deals;
pub mod generate;
mod pipelines;
pub mod vendors;

use clap::{Args, Parser, Subcommand};

use crate::context::Context;
use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::output::Format;
use crate::streams::Streams;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  unexpected error (a bug or an I/O failure)
  2  usage error (bad flags or arguments, bad input file)
  3  not found (deal, stage, pipeline, owner, profile)
  4  authentication or permission failed
  5  the vendor rejected the request (validation, conflict)
  6  not supported by this vendor
  7  rate limited or network failure after retries; a write's outcome may be unknown
  8  partial success (some records or associations failed; the report says which)

Environment:
  CRM_VENDOR, CRM_TOKEN, CRM_BASE_URL  select the CRM, the token and the server";

#[derive(Debug, Parser)]
#[command(
    name = "crm",
    version,
    about = "One command line for the deals in HubSpot, Pipedrive and Zendesk Sell",
    after_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub globals: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Flags accepted anywhere on the command line.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// Profile to use (see `crm profiles list`)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Output format [default: table on a terminal, json otherwise]
    #[arg(short = 'o', long, global = true, value_enum)]
    pub output: Option<Format>,
    /// Only these fields (comma-separated; `custom.NAME` for one custom field)
    #[arg(
        long,
        global = true,
        value_delimiter = ',',
        value_name = "a,b",
        value_parser = FieldNames,
        hide_possible_values = true
    )]
    pub fields: Vec<String>,
    /// Include the vendor's untouched payload under `raw`
    #[arg(long, global = true)]
    pub raw: bool,
    /// Print the HTTP requests instead of sending them
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Trace HTTP requests and responses on stderr (tokens redacted)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors and results; no notices
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Answer yes to confirmations (needed for deletes from scripts)
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Reload cached pipelines, stages, owners and fields
    #[arg(long, global = true)]
    pub refresh: bool,
}

/// `--fields` values: any name is accepted here (an unknown one fails later with a "did you
/// mean", and `custom.NAME` is open-ended), but the known deal fields are offered to shell
/// completion as static hints.
#[derive(Debug, Clone, Copy)]
struct FieldNames;

impl clap::builder::TypedValueParser for FieldNames {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            crate::output::DEAL_FIELDS
                .iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, read, create, change and delete deals
    #[command(subcommand)]
    Deals(Box<deals::DealsCommand>),
    /// Pipelines of deals
    #[command(subcommand)]
    Pipelines(pipelines::PipelinesCommand),
    /// Stages of the deal pipelines
    #[command(subcommand)]
    Stages(pipelines::StagesCommand),
    /// What each vendor supports
    #[command(after_help = "Example:\n  crm vendors")]
    Vendors,
}

async fn run(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Deals(cmd) => deals::run(*cmd, ctx).await,
        Command::Pipelines(cmd) => pipelines::run_pipelines(cmd, ctx).await,
        Command::Stages(cmd) => pipelines::run_stages(cmd, ctx).await,
        Command::Vendors => vendors::run(ctx),
    }
}

/// Prints an error and its hint on stderr and returns the exit code.
pub fn report(error: &Error, streams: &Streams) -> i32 {
    match error {
        Error::BrokenPipe => {}
        Error::DryRunStop(_) => streams.notice(&error.to_string()),
        _ => {
            streams.err_line(&format!("error: {error}"));
            if let Some(hint) = error.hint() {
                for (i, line) in hint.lines().enumerate() {
                    let prefix = if i == 0 { "hint: " } else { "      " };
                    streams.err_line(&format!("{prefix}{line}"));
                }
            }
        }
    }
    error.exit_code()
}

/// Parses the command line, runs the command, and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let streams = Streams::system(cli.globals.quiet);
    let ctx = Context::new(cli.globals, EnvVars::from_process(), streams.clone());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return report(&Error::internal(e), &streams),
    };
    match runtime.block_on(run(cli.command, &ctx)) {
        Ok(()) => 0,
        Err(e) => report(&e, &streams),
    }
}
