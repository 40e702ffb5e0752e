use clap::Args;

use super::list::{self, FilterArgs};
use crate::context::Context;
use crate::error::Result;
use crate::output::Format;

/// Every matching deal, streamed (NDJSON unless -o says otherwise)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  crm deals export > backup.ndjson\n  crm deals export --status won -o csv > won.csv\n  crm --profile sandbox deals export | crm --profile sandbox-pipedrive deals import -"
)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
}

pub async fn run(args: ExportArgs, ctx: &Context) -> Result<()> {
    let format = ctx.settings.output.unwrap_or(Format::Ndjson);
    list::stream(args.filters, None, false, format, ctx)
        .await
        .map(|_| ())
}
