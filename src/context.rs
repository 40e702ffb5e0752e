//! What every command receives: the global flags, the environment read once, the streams, and the
//! way to reach the CRM.

use std::sync::Arc;
use std::time::Duration;

use crate::cache::MetaCache;
use crate::cli::GlobalArgs;
use crate::connection::{self, Connection};
use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpConfig, RetryPolicy, Trace};
use crate::output::Format;
use crate::streams::Streams;
use crate::vendor::{self, Adapter, AdapterEnv};

pub struct Context {
    pub globals: GlobalArgs,
    pub env: EnvVars,
    pub streams: Streams,
}

impl Context {
    pub fn new(globals: GlobalArgs, env: EnvVars, streams: Streams) -> Self {
        Context {
            globals,
            env,
            streams,
        }
    }

    /// `-o` when given; otherwise a table for a terminal and JSON for a pipe.
    pub fn format(&self) -> Format {
        self.globals
            .output
            .unwrap_or(if self.streams.stdout_is_terminal {
                Format::Table
            } else {
                Format::Json
            })
    }

    pub fn connection(&self) -> Result<Connection> {
        connection::from_env(&self.env)
    }

    fn retry_policy(&self) -> RetryPolicy {
        let defaults = RetryPolicy::default();
        RetryPolicy {
            max_retries: self.env.number("CRM_MAX_RETRIES", defaults.max_retries),
            base_delay: Duration::from_millis(
                self.env
                    .number("CRM_RETRY_BASE_MS", defaults.base_delay.as_millis() as u64),
            ),
            ..defaults
        }
    }

    /// The adapter for the selected account, with its HTTP client and metadata cache.
    pub fn adapter(&self) -> Result<Box<dyn Adapter>> {
        let connection = self.connection()?;
        self.adapter_for(&connection)
    }

    pub fn adapter_for(&self, connection: &Connection) -> Result<Box<dyn Adapter>> {
        let (auth, policy) = vendor::http_profile(connection.vendor, connection.token.expose());
        let http = HttpClient::new(
            HttpConfig {
                base_url: connection.base_url.clone(),
                token: connection.token.clone(),
                auth,
                timeout: Duration::from_secs(self.env.number("CRM_TIMEOUT_SECS", 30)),
                retry: self.retry_policy(),
                trace: Trace {
                    verbose: self.globals.verbose > 0,
                    dry_run: self.globals.dry_run,
                    streams: self.streams.clone(),
                },
            },
            policy,
        )?;
        let cache = MetaCache::new(
            self.env.cache_dir().as_deref(),
            &[
                connection.vendor.key(),
                connection.base_url.as_str(),
                connection.token.expose(),
            ],
            self.globals.refresh,
        );
        vendor::build(
            connection.vendor,
            AdapterEnv {
                http,
                cache: Arc::new(cache),
                streams: self.streams.clone(),
                raw: self.globals.raw,
            },
        )
    }

    /// Asks a yes/no question on a terminal. Without one, `--yes` must have been given.
    pub fn confirm(&self, question: &str) -> Result<bool> {
        if self.globals.yes {
            return Ok(true);
        }
        if !self.streams.can_prompt() {
            return Err(Error::usage_hint(
                "this would ask for confirmation, but stdin is not a terminal",
                "pass --yes to confirm from a script",
            ));
        }
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(|e| Error::internal(format!("prompt failed: {e}")))
    }
}
