//! Runs the sandbox by hand: `cargo run --example sandbox -- --vendor hubspot --port 8080`.

use clap::Parser;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    serve: crm::sandbox::ServeArgs,
}

// An example's one line of output: where the sandbox listens.
#[allow(clippy::print_stderr)]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let vendor = cli.serve.vendor;
    crm::sandbox::serve(cli.serve, |running| {
        eprintln!("sandbox: {} listening on {}", vendor.name(), running.url())
    })
    .await?;
    Ok(())
}
