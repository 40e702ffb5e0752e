use clap::Args;

use super::adapter_for;
use crate::adapter::Op;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::import::{self, input::InputFormat};

/// Create or update many deals from NDJSON, CSV or JSON, every record accounted for
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  crm deals import won.csv --plan
  crm deals import deals.ndjson --upsert-key external_id --journal run.log  # HubSpot, Zendesk Sell
  crm --profile old deals export | crm --profile new deals import - --map map.toml

Each input record is a deal in the common JSON shape (as `deals export` writes it). A record with
an `id` updates that deal; with --upsert-key, each record is created or updated by its value of
that unique custom field; otherwise it is created.

stdout gets one NDJSON result per record, in input order: {line, action, id, error}. The summary
goes to stderr, with progress (a `progress:` line at every tenth when stderr is not a terminal);
exit 8 when some records failed (--rejects gets them, ready to fix and import again). A record whose
unique value a deal already holds fails naming that deal, or with --skip-existing is skipped.

--journal FILE makes a run resumable: after a crash or a kill, the same command with the same
journal skips what was done. With --upsert-key nothing is created twice (on Pipedrive, whose search
index lags writes, a write in flight at the crash may be; its result says so); without one, a create
whose outcome the crash left unknown is sent again and reported as a possible duplicate. If stdout
closes (`| head`), crm starts no new write, lets those in flight finish, says on stderr what was not
written and exits 1; with --journal the same command then writes the rest.

--map FILE (TOML or JSON) migrates between accounts or CRMs: pipelines, stages, owners and custom
fields are mapped by name; [missing] says what happens to names the target lacks:
  tags = false   (or tags = \"field\", before the first table: for a target without tags)
  [pipelines]  \"Sales Pipeline\" = \"Renewals\"
  [stages]     \"Sales Pipeline/Contract Sent\" = \"Contract Sent\"   (or just \"Contract Sent\")
  [owners]     \"Ada Lovelace\" = \"grace.hopper@example.com\"
  [custom]     legacy_code = false                                  (false drops it)
  [missing]    pipelines = \"reject\"   stages = \"drop\"   owners = \"keep\"   custom = \"keep\"
  [defaults]   contacts = [\"5101\"]   (fields every record lacking them gets, e.g. a required contact)
In a migration the source's ids, contacts and company are left out.

Records exported from another CRM (their `vendor` is not this one's) need no --map when the names
are the same: pipelines, stages and owners are matched by name, never by the source's ids, and
custom fields by name whatever their case and separators (external_id is External ID). What this
CRM lacks is reported per record, with what to put in a --map.")]
pub struct ImportArgs {
    /// The file to read (`-` for stdin)
    #[arg(value_name = "FILE|-")]
    pub source: String,
    /// Input format (default: from the file name, else JSON when it starts with `[`, else NDJSON)
    #[arg(long, value_enum)]
    pub format: Option<InputFormat>,
    /// Create or update each deal by this unique custom field (e.g. external_id)
    #[arg(long, value_name = "FIELD")]
    pub upsert_key: Option<String>,
    /// Check every record and print what would happen (create / update / unchanged); write nothing
    #[arg(long)]
    pub plan: bool,
    /// Record confirmed writes here, and skip what an earlier run with this journal did
    #[arg(long, value_name = "FILE")]
    pub journal: Option<String>,
    /// Write the records that failed here, in the input's format
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<String>,
    /// Batches in flight at once (the vendor's rate limit still applies)
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub concurrency: usize,
    /// Mapping of names for a migration (TOML or JSON)
    #[arg(long, value_name = "FILE")]
    pub map: Option<String>,
    /// Stop before writing anything when any record is malformed
    #[arg(long)]
    pub strict: bool,
    /// Report a record whose unique value a deal already holds as skipped (with that deal's id),
    /// not failed
    #[arg(long, conflicts_with = "upsert_key")]
    pub skip_existing: bool,
}

pub async fn run(args: ImportArgs, ctx: &Context) -> Result<()> {
    if args.concurrency == 0 || args.concurrency > 64 {
        return Err(Error::usage_hint(
            format!("--concurrency {} is out of range", args.concurrency),
            "give a number from 1 to 64",
        ));
    }
    let op = if args.upsert_key.is_some() {
        Op::Upsert
    } else {
        Op::Create
    };
    let adapter = adapter_for(ctx, op)?;
    let options = import::Options {
        source: args.source,
        format: args.format,
        upsert_key: args.upsert_key,
        plan: args.plan,
        journal: args.journal,
        rejects: args.rejects,
        concurrency: args.concurrency,
        map: args.map,
        strict: args.strict,
        dry_run: ctx.settings.dry_run,
        skip_existing: args.skip_existing,
    };
    import::run(&options, adapter.bulk(), &ctx.streams).await
}
