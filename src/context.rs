//! What every command receives: the run's settings, the environment read once, the streams,
//! config.toml read once, and the way to reach the CRM.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::adapter::{self, Adapter, AdapterEnv};
use crate::auth::file::FileStore;
use crate::auth::store::KeyringStore;
use crate::auth::Stores;
use crate::cache::{self, MetaCache};
use crate::config::{Config, Profile};
use crate::connection::{self, Connection, TokenSource};
use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::http::{Deadline, HttpClient, HttpConfig, RetryPolicy, Trace};
use crate::output::Format;
use crate::streams::Streams;

/// What the global flags ask of this run, as plain values: the command line fills it in, a test
/// writes it by hand.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The profile to use, when one is named (`--profile`).
    pub profile: Option<String>,
    /// The output format, when one is asked for (`-o`).
    pub output: Option<Format>,
    /// Only these fields (`--fields`).
    pub fields: Vec<String>,
    /// Keep the vendor's payload under `raw`.
    pub raw: bool,
    /// Print the requests instead of sending them.
    pub dry_run: bool,
    /// Trace requests and responses on stderr.
    pub verbose: bool,
    /// Confirmations are answered yes.
    pub yes: bool,
    /// Reload the cached metadata.
    pub refresh: bool,
}

pub struct Context {
    pub settings: Settings,
    pub env: EnvVars,
    pub streams: Streams,
    /// Whether the command works through many deals (`--all`, export, import): it shows progress
    /// and has no overall deadline.
    pub bulk: bool,
    /// config.toml as this run knows it: read on first use, replaced when the run rewrites it.
    config: Mutex<Option<Config>>,
    /// The connection handed over by a built-in sandbox profile, when this run started one.
    attached: Option<Connection>,
    started: std::time::Instant,
}

/// The overall deadline of a command that is not bulk, unless `CRM_DEADLINE_SECS` says otherwise.
const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

impl Context {
    pub fn new(settings: Settings, env: EnvVars, streams: Streams) -> Self {
        Context {
            settings,
            env,
            streams,
            bulk: false,
            config: Mutex::new(None),
            attached: None,
            started: std::time::Instant::now(),
        }
    }

    /// Makes `connection` (a built-in sandbox's) the one this run talks to, whatever the
    /// profiles and the environment say.
    pub fn attach(&mut self, connection: Connection) {
        self.attached = Some(connection);
    }

    /// Checks the `CRM_*` settings of the network budget: a value that is not a number in range is
    /// exit 2 naming the variable, before anything is sent.
    pub fn check_network_budget(&self) -> Result<()> {
        self.retry_policy()?;
        self.timeout()?;
        Ok(())
    }

    /// When the command must be over: `CRM_DEADLINE_SECS` (60 s by default) from its start; none
    /// for a bulk command.
    fn deadline(&self) -> Result<Option<Deadline>> {
        let secs = self.env.setting("CRM_DEADLINE_SECS", 1..=86_400u64)?;
        if self.bulk {
            return Ok(None);
        }
        let budget = secs.map_or(DEFAULT_DEADLINE, Duration::from_secs);
        Ok(Some(Deadline {
            at: self.started + budget,
            budget,
        }))
    }

    /// `-o` when given; then the profile's default output; otherwise a table for a terminal
    /// and JSON for a pipe.
    pub fn format(&self) -> Format {
        self.settings
            .output
            .or_else(|| self.selected_profile().and_then(|p| p.output()))
            .unwrap_or(if self.streams.stdout_is_terminal {
                Format::Table
            } else {
                Format::Json
            })
    }

    /// The profiles in config.toml (empty when there is no file), read once per run. A file
    /// that does not parse is not kept: each command that needs it reports it.
    pub fn config(&self) -> Result<Config> {
        let mut known = self.config.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(config) = known.as_ref() {
            return Ok(config.clone());
        }
        let config = match self.env.config_dir() {
            Some(dir) => Config::load(&dir)?,
            None => Config::default(),
        };
        *known = Some(config.clone());
        Ok(config)
    }

    /// Writes config.toml, and makes it what the rest of this run reads.
    pub fn save_config(&self, config: Config) -> Result<()> {
        config.save(&self.config_dir()?)?;
        *self.config.lock().unwrap_or_else(PoisonError::into_inner) = Some(config);
        Ok(())
    }

    /// Where config.toml lives.
    pub fn config_dir(&self) -> Result<PathBuf> {
        self.env.config_dir().ok_or_else(|| {
            Error::internal("no config directory on this system: set CRM_CONFIG_DIR")
        })
    }

    /// Where tokens are kept: the OS keyring, and the plaintext file of `--insecure-storage`.
    pub fn stores(&self) -> Stores {
        Stores {
            keyring: Box::new(KeyringStore::default()),
            file: Box::new(FileStore::new(self.env.config_dir())),
        }
    }

    /// The profile this run uses, when it is one in config.toml (a built-in sandbox is not).
    pub fn selected_profile(&self) -> Option<Profile> {
        if self.attached.is_some() {
            return None;
        }
        let config = self.config().ok()?;
        let selected =
            connection::profile_in_use(self.settings.profile.as_deref(), &self.env, &config)?;
        config.profiles.get(&selected.name).cloned()
    }

    /// The pipeline commands use when `--pipeline` is not given: the profile's default.
    pub fn default_pipeline(&self) -> Option<String> {
        self.selected_profile()?.default_pipeline
    }

    pub fn connection(&self) -> Result<Connection> {
        if let Some(attached) = &self.attached {
            return Ok(attached.clone());
        }
        connection::resolve(
            self.settings.profile.as_deref(),
            &self.env,
            &self.config()?,
            &self.stores(),
        )
    }

    fn retry_policy(&self) -> Result<RetryPolicy> {
        let defaults = RetryPolicy::default();
        Ok(RetryPolicy {
            max_retries: self
                .env
                .setting("CRM_MAX_RETRIES", 0..=100)?
                .unwrap_or(defaults.max_retries),
            base_delay: self
                .env
                .setting("CRM_RETRY_BASE_MS", 0..=60_000u64)?
                .map_or(defaults.base_delay, Duration::from_millis),
            deadline: self.deadline()?,
            ..defaults
        })
    }

    /// The adapter for the selected account, with its HTTP client and metadata cache.
    pub fn adapter(&self) -> Result<Box<dyn Adapter>> {
        let connection = self.connection()?;
        self.adapter_for(&connection)
    }

    pub fn adapter_for(&self, connection: &Connection) -> Result<Box<dyn Adapter>> {
        Ok(self.adapter_and_client(connection)?.0)
    }

    /// The selected account's HTTP client as its adapter sets it up (the vendor's rate limits
    /// and the profile's tier in its limiter), for requests crm does not model (`crm api`).
    pub fn api_client(&self) -> Result<(Connection, HttpClient)> {
        let connection = self.connection()?;
        let (_, http) = self.adapter_and_client(&connection)?;
        Ok((connection, http))
    }

    fn adapter_and_client(
        &self,
        connection: &Connection,
    ) -> Result<(Box<dyn Adapter>, HttpClient)> {
        let http = self.http_client(connection)?;
        let limiter_of_adapter = http.clone();
        let account = self.account(connection);
        let account: Vec<&str> = account.iter().map(String::as_str).collect();
        let cache = MetaCache::new(
            self.env.cache_dir().as_deref(),
            &account,
            self.settings.refresh,
        );
        let adapter = adapter::build(
            connection.vendor,
            AdapterEnv {
                http,
                cache: Arc::new(cache),
                streams: self.streams.clone(),
                raw: self.settings.raw,
            },
        )?;
        // After the adapter set its defaults: the tier replaces them until headers say otherwise.
        if let Some(tier) = &connection.rate_limit_tier {
            adapter::tiers::apply(
                connection.vendor,
                tier,
                connection.token.expose(),
                limiter_of_adapter.limiter(),
            )
            .map_err(|e| {
                let hint = e.hint().unwrap_or_default();
                e.with_hint(format!(
                    "{hint}; fix rate_limit_tier of profile {:?} in config.toml",
                    connection.profile
                ))
            })?;
        }
        Ok((adapter, limiter_of_adapter))
    }

    /// What names the account in the cache directory (hashed, so the token never reaches the
    /// disk): vendor, base URL and token; for a built-in sandbox, its vendor, not the port its
    /// emulator happens to listen on.
    fn account(&self, connection: &Connection) -> Vec<String> {
        match connection.token_source {
            TokenSource::BuiltIn => vec!["built-in sandbox".into(), connection.vendor.key().into()],
            _ => vec![
                connection.vendor.key().into(),
                connection.base_url.to_string(),
                connection.token.expose().into(),
            ],
        }
    }

    /// The HTTP client for a connection: its vendor's auth header and error policy.
    pub fn http_client(&self, connection: &Connection) -> Result<HttpClient> {
        self.client_with(connection, self.timeout()?, self.retry_policy()?)
    }

    /// How long one request may take: `CRM_TIMEOUT_SECS`, 30 s by default.
    fn timeout(&self) -> Result<Duration> {
        let secs = self.env.setting("CRM_TIMEOUT_SECS", 1..=3_600u64)?;
        Ok(Duration::from_secs(secs.unwrap_or(30)))
    }

    /// A client for a quick check (`auth status`): one try, and at most a few seconds, so an
    /// unreachable server is reported at once instead of after every retry.
    pub fn probe_client(&self, connection: &Connection) -> Result<HttpClient> {
        const PROBE_TIMEOUT: Duration = Duration::from_secs(5);
        let retry = RetryPolicy {
            max_retries: 0,
            deadline: None,
            ..self.retry_policy()?
        };
        self.client_with(connection, self.timeout()?.min(PROBE_TIMEOUT), retry)
    }

    fn client_with(
        &self,
        connection: &Connection,
        timeout: Duration,
        retry: RetryPolicy,
    ) -> Result<HttpClient> {
        let (auth, policy) = adapter::http_profile(connection.vendor, connection.token.expose());
        let client = HttpClient::new(
            HttpConfig {
                base_url: connection.base_url.clone(),
                token: connection.token.clone(),
                auth,
                timeout,
                retry,
                trace: Trace {
                    verbose: self.settings.verbose,
                    dry_run: self.settings.dry_run,
                    streams: self.streams.clone(),
                },
            },
            policy,
        )?;
        // Every crm process on this account spends from one rate budget.
        Ok(match self.env.cache_dir() {
            Some(root) => {
                let account = self.account(connection);
                let account: Vec<&str> = account.iter().map(String::as_str).collect();
                client.share_limits(cache::account_dir(&root, &account).join("limits.json"))
            }
            None => client,
        })
    }

    /// Fails when a confirmation would be needed and cannot be asked: no `--yes` and no terminal.
    /// Commands call it before their first request.
    pub fn check_can_confirm(&self) -> Result<()> {
        if self.settings.yes || self.streams.can_prompt() {
            return Ok(());
        }
        Err(Error::usage_hint(
            "this would ask for confirmation, but stdin is not a terminal",
            "pass --yes to confirm from a script",
        ))
    }

    /// Asks a yes/no question on a terminal. Without one, `--yes` must have been given.
    pub fn confirm(&self, question: &str) -> Result<bool> {
        if self.settings.yes {
            return Ok(true);
        }
        self.check_can_confirm()?;
        ask_yes_no(question).map_err(|e| Error::internal(format!("prompt failed: {e}")))
    }
}

/// `question [y/N] ` on stderr, answered by one key: y is yes; n, Enter or Esc is no.
///
/// Written plainly, once, with no escape sequence: the cursor is never hidden, so Ctrl-C (which
/// the terminal library answers by restoring the terminal's modes and raising SIGINT) leaves the
/// terminal as it found it; a question wider than the terminal wraps and is not drawn again; and
/// `TERM=dumb` terminals see only text.
fn ask_yes_no(question: &str) -> std::io::Result<bool> {
    use dialoguer::console::{Key, Term};
    let term = Term::stderr();
    term.write_str(&format!("{question} [y/N] "))?;
    let yes = loop {
        match term.read_key()? {
            Key::Char('y' | 'Y') => break true,
            Key::Char('n' | 'N') | Key::Enter | Key::Escape => break false,
            _ => continue,
        }
    };
    term.write_line(if yes { "yes" } else { "no" })?;
    Ok(yes)
}
