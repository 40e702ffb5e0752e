//! Runs the sandbox by hand: `cargo run --example sandbox -- --vendor hubspot --port 8080`.

use clap::Parser;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    serve: crm::sandbox::ServeArgs,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    crm::sandbox::serve(cli.serve).await?;
    Ok(())
}
