//! The clap command tree, and the one place where errors become messages and exit codes.

mod api;
mod auth;
pub mod deals;
mod pipelines;
mod profiles;
#[cfg(feature = "sandbox")]
mod sandbox;
pub mod vendors;

use std::ffi::OsString;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::connection;
use crate::context::{Context, Settings};
use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::model::Vendor;
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
  CRM_PROFILE                          the profile, when --profile is not given
  CRM_VENDOR, CRM_TOKEN, CRM_BASE_URL  select the CRM, the token and the server (no profile or
                                       keyring needed; CRM_TOKEN alone replaces the profile's token)
  CRM_CONFIG_DIR                       where config.toml lives";

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
    /// Filter the JSON crm prints with a jq expression (strings print raw); implies -o json
    #[arg(long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,
}

impl GlobalArgs {
    /// The flags that shape the run, as the context takes them (`--quiet` and `--color` shape the
    /// streams instead).
    pub fn settings(&self) -> Settings {
        Settings {
            profile: self.profile.clone(),
            output: self.output,
            fields: self.fields.clone(),
            raw: self.raw,
            dry_run: self.dry_run,
            verbose: self.verbose > 0,
            yes: self.yes,
            refresh: self.refresh,
        }
    }
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
    /// A local emulator of the vendors' APIs, for trying crm and scripts without an account
    #[cfg(feature = "sandbox")]
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
    /// Log in (store a token in the OS keyring), see which account is in use, log out
    #[command(subcommand)]
    Auth(auth::AuthCommand),
    /// The CRM accounts crm knows: list, add, remove, choose the default
    #[command(subcommand)]
    Profiles(profiles::ProfilesCommand),
    /// Any endpoint of the account's API, with crm's auth, rate limits and retries
    Api(api::ApiArgs),
}

impl Command {
    /// Whether the command talks to a CRM (and so may start a built-in sandbox).
    fn uses_connection(&self) -> bool {
        matches!(
            self,
            Command::Deals(_) | Command::Pipelines(_) | Command::Stages(_) | Command::Api(_)
        )
    }

    /// Whether the command works through many deals (no overall deadline; progress instead).
    fn bulk(&self) -> bool {
        matches!(self, Command::Deals(cmd) if cmd.bulk())
    }
}

/// The runtime a command runs on. A client command mostly waits on the vendor, its requests
/// in flight together on one thread: an answer is read, the next request written and the page
/// converted by the same thread, with no hand-off to a worker that the scheduler may leave
/// waiting behind the conversion (~5 ms on every other Pipedrive page on a two-core machine,
/// `scripts/bench`). `crm sandbox serve` answers many clients at once and keeps worker threads.
fn runtime_for(command: &Command) -> std::io::Result<tokio::runtime::Runtime> {
    match command {
        #[cfg(feature = "sandbox")]
        Command::Sandbox(_) => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build(),
        _ => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build(),
    }
}

async fn run(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Deals(cmd) => deals::run(*cmd, ctx).await,
        Command::Pipelines(cmd) => pipelines::run_pipelines(cmd, ctx).await,
        Command::Stages(cmd) => pipelines::run_stages(cmd, ctx).await,
        Command::Vendors => vendors::run(ctx),
        #[cfg(feature = "sandbox")]
        Command::Sandbox(cmd) => sandbox::run(cmd, ctx).await,
        Command::Auth(cmd) => auth::run(cmd, ctx).await,
        Command::Profiles(cmd) => profiles::run(cmd, ctx).await,
        Command::Api(args) => api::run(args, ctx).await,
    }
}

/// Prints an error and its hint on stderr and returns the exit code.
pub fn report(error: &Error, streams: &Streams) -> i32 {
    match error {
        Error::BrokenPipe => {}
        Error::DryRunStop(_) => streams.notice(&error.to_string()),
        _ => {
            let prefix = if streams.err_color {
                "\x1b[1m\x1b[31merror:\x1b[0m"
            } else {
                "error:"
            };
            streams.err_line(&format!("{prefix} {error}"));
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

/// The `--color` value on a command line, read before clap parses it so that clap's own help
/// and errors follow it too. The last one wins; an invalid value is left for clap to report.
fn color_flag(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.as_ref() {
            "--" => break,
            "--color" => args.next().map(|v| v.into_owned()),
            other => other.strip_prefix("--color=").map(str::to_owned),
        };
        if let Some(v) = value.and_then(|v| clap::ValueEnum::from_str(&v, false).ok()) {
            choice = v;
        }
    }
    choice
}

/// Whether to colour a stream: `--color` wins, then `NO_COLOR` (set and not empty) and
/// `TERM=dumb` (a terminal that takes no escape sequences), then whether the stream is a terminal.
pub fn use_color(choice: ColorChoice, env: &EnvVars, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            env.get("NO_COLOR").is_none_or(str::is_empty) && !dumb_terminal(env) && is_terminal
        }
    }
}

/// `TERM=dumb`: the terminal shows text as it comes and interprets no escape sequence.
pub fn dumb_terminal(env: &EnvVars) -> bool {
    env.get("TERM") == Some("dumb")
}

/// How wide tables may be: `COLUMNS` when it is a positive number (as shells and tests set it),
/// else the width of the terminal stdout is, else unbounded (a pipe or a file).
pub fn table_width(env: &EnvVars, stdout_is_terminal: bool) -> Option<u16> {
    if let Some(columns) = env
        .get("COLUMNS")
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c > 0)
    {
        return Some(columns);
    }
    if !stdout_is_terminal {
        return None;
    }
    dialoguer::console::Term::stdout()
        .size_checked()
        .map(|(_, columns)| columns)
}

/// Parses the command line, runs the command, and returns the process exit code.
pub fn main() -> i32 {
    let env = EnvVars::from_process();
    let args: Vec<OsString> = std::env::args_os().collect();
    let choice = color_flag(&args);
    let clap_color = match choice {
        ColorChoice::Always => clap::ColorChoice::Always,
        ColorChoice::Never => clap::ColorChoice::Never,
        // clap checks whether its own stream (stdout for help, stderr for errors) is a terminal.
        ColorChoice::Auto if use_color(choice, &env, true) => clap::ColorChoice::Auto,
        ColorChoice::Auto => clap::ColorChoice::Never,
    };
    let mut command = Cli::command().color(clap_color);
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches))
        .map_err(|e| e.format(&mut command));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let mut cli = cli;
    let mut streams = Streams::system(cli.globals.quiet);
    if let Some(code) = cli.globals.jq.clone() {
        match jq_streams(&code, &mut cli.globals, streams.clone()) {
            Ok(filtered) => streams = filtered,
            Err(e) => return report(&e, &streams),
        }
    }
    // After parsing, clap's value is the authority (the pre-scan only styled clap's own output).
    streams.err_color = use_color(cli.globals.color, &env, streams.stderr_is_terminal);
    streams.out_color = use_color(cli.globals.color, &env, streams.stdout_is_terminal);
    streams.width = table_width(&env, streams.stdout_is_terminal);
    streams.dumb_terminal = dumb_terminal(&env);
    let runtime = match runtime_for(&cli.command) {
        Ok(rt) => rt,
        Err(e) => return report(&Error::internal(e), &streams),
    };
    let outcome = runtime.block_on(async {
        let mut ctx = Context::new(cli.globals.settings(), env, streams.clone());
        ctx.bulk = cli.command.bulk();
        // A built-in sandbox profile runs its emulator here, for as long as the command runs. A
        // config that does not parse names none; the command itself reports it.
        let builtin = cli.command.uses_connection().then(|| {
            let config = ctx.config().unwrap_or_default();
            connection::builtin_selected(ctx.settings.profile.as_deref(), &ctx.env, &config)
        });
        let _sandbox = match builtin.flatten() {
            Some((name, vendor)) => {
                let (running, connection) = attach_builtin(&name, vendor, &ctx.env).await?;
                ctx.attach(connection);
                Some(running)
            }
            None => None,
        };
        if cli.command.uses_connection() {
            ctx.check_network_budget()?;
        }
        run(cli.command, &ctx).await
    });
    // What `--jq` held back is filtered and written even after an error (`crm api`'s refusal).
    let outcome = match (outcome, streams.finish()) {
        (Err(e), _) | (Ok(()), Err(e)) => Err(e),
        (Ok(()), Ok(())) => Ok(()),
    };
    match outcome {
        Ok(()) => 0,
        Err(e) => report(&e, &streams),
    }
}

/// `--jq`: compiles the expression before anything runs, and makes the output JSON it can read
/// (`-o json` unless `-o ndjson`, which it filters line by line).
fn jq_streams(code: &str, globals: &mut GlobalArgs, streams: Streams) -> Result<Streams> {
    let filter = crate::jq::JqFilter::compile(code)?;
    let per_line = match globals.output {
        None | Some(Format::Json) => false,
        Some(Format::Ndjson) => true,
        Some(_) => {
            return Err(Error::usage(
                "--jq filters JSON: use it with -o json (the default with --jq) or -o ndjson",
            ))
        }
    };
    globals.output.get_or_insert(Format::Json);
    Ok(streams.with_jq(filter, per_line))
}

/// Starts the emulator of the built-in sandbox profile `name` (of `vendor`); it serves as long as
/// the returned handle lives.
#[cfg(feature = "sandbox")]
async fn attach_builtin(
    name: &str,
    vendor: Vendor,
    env: &EnvVars,
) -> Result<(
    crate::sandbox::RunningSandbox,
    crate::connection::Connection,
)> {
    sandbox::attach(name, vendor, env).await
}

/// A crm built without the `sandbox` feature has no emulator to run a built-in profile with.
#[cfg(not(feature = "sandbox"))]
async fn attach_builtin(
    name: &str,
    _vendor: Vendor,
    _env: &EnvVars,
) -> Result<(std::convert::Infallible, crate::connection::Connection)> {
    Err(Error::usage_hint(
        format!(
            "{name:?} is a built-in sandbox profile, and this crm was built without the sandbox"
        ),
        "build crm with its default features (the `sandbox` feature), or use a profile of your own",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("crm")
            .chain(list.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_color_flag_is_found_before_clap_parses() {
        assert_eq!(color_flag(&args(&["deals", "list"])), ColorChoice::Auto);
        assert_eq!(color_flag(&args(&["--color", "never"])), ColorChoice::Never);
        assert_eq!(
            color_flag(&args(&["deals", "--color=always", "list"])),
            ColorChoice::Always
        );
        assert_eq!(
            color_flag(&args(&["--color", "always", "--color", "never"])),
            ColorChoice::Never
        );
        assert_eq!(color_flag(&args(&["--color", "purple"])), ColorChoice::Auto);
        assert_eq!(
            color_flag(&args(&["deals", "--", "--color", "always"])),
            ColorChoice::Auto
        );
    }

    #[test]
    fn no_color_is_obeyed_unless_the_flag_says_always() {
        let none = EnvVars::default();
        let no_color = EnvVars::from_pairs([("NO_COLOR".into(), "1".into())]);
        let empty = EnvVars::from_pairs([("NO_COLOR".into(), String::new())]);
        assert!(use_color(ColorChoice::Auto, &none, true));
        assert!(!use_color(ColorChoice::Auto, &none, false));
        assert!(!use_color(ColorChoice::Auto, &no_color, true));
        assert!(use_color(ColorChoice::Auto, &empty, true));
        assert!(use_color(ColorChoice::Always, &no_color, false));
        assert!(!use_color(ColorChoice::Never, &none, true));
        let dumb = EnvVars::from_pairs([("TERM".into(), "dumb".into())]);
        assert!(!use_color(ColorChoice::Auto, &dumb, true));
    }

    #[test]
    fn columns_sets_the_table_width() {
        let env = |c: &str| EnvVars::from_pairs([("COLUMNS".into(), c.into())]);
        assert_eq!(table_width(&env("80"), false), Some(80));
        assert_eq!(table_width(&env("0"), false), None);
        assert_eq!(table_width(&env("wide"), false), None);
        assert_eq!(table_width(&EnvVars::default(), false), None);
    }
}
