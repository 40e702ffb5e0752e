//! Which CRM account a command talks to: vendor, base URL and token.
//!
//! The profile: `--profile` > `CRM_PROFILE` > the default profile in config.toml. Each setting:
//! flags > environment > config. `CRM_TOKEN` with `CRM_VENDOR` and no named profile is the
//! cron route, needing no config and no keyring. `CRM_TOKEN` replaces a profile's stored token
//! only when `CRM_VENDOR` is unset or names the profile's vendor; any other vendor is exit 2,
//! so a token never goes to the wrong CRM.

use url::Url;

use crate::adapter::default_base_url;
use crate::auth::Stores;
use crate::config::{self, Config};
use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::model::Vendor;
use crate::secret::Secret;

/// Where the token in use came from, as `auth status` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    Environment,
    Keyring,
    PlaintextFile,
    /// A built-in sandbox profile's, which needs none of the user's.
    BuiltIn,
}

impl TokenSource {
    pub fn label(self) -> &'static str {
        match self {
            TokenSource::Environment => "CRM_TOKEN",
            TokenSource::Keyring => "keyring",
            TokenSource::PlaintextFile => "file",
            TokenSource::BuiltIn => "built-in",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Connection {
    pub vendor: Vendor,
    pub base_url: Url,
    pub token: Secret,
    /// The profile name, or `env` when everything came from the environment.
    pub profile: String,
    pub token_source: TokenSource,
    /// The profile's rate-limit tier, when it names one.
    pub rate_limit_tier: Option<String>,
}

pub fn parse_base_url(text: &str) -> Result<Url> {
    Url::parse(text.trim()).map_err(|e| {
        Error::usage_hint(
            format!("base URL {text:?} is not a URL: {e}"),
            "write it in full, e.g. https://yourcompany.pipedrive.com",
        )
    })
}

/// `text` as a base URL, or the vendor's default API when there is none.
pub fn base_url_or_default(text: Option<&str>, vendor: Vendor) -> Result<Url> {
    match text {
        Some(url) => parse_base_url(url),
        None => Ok(Url::parse(default_base_url(vendor)).expect("default URLs parse")),
    }
}

/// A variable that is set and not blank.
fn var<'a>(env: &'a EnvVars, name: &str) -> Option<&'a str> {
    env.get(name).map(str::trim).filter(|v| !v.is_empty())
}

/// The profile a command uses, and whether the user named it (`--profile`, `CRM_PROFILE`)
/// rather than it being the configured default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selected {
    pub name: String,
    pub explicit: bool,
}

pub fn selected_profile(flag: Option<&str>, env: &EnvVars, config: &Config) -> Option<Selected> {
    let named = flag
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .or_else(|| var(env, "CRM_PROFILE"));
    match named {
        Some(name) => Some(Selected {
            name: name.to_string(),
            explicit: true,
        }),
        None => config.default.clone().map(|name| Selected {
            name,
            explicit: false,
        }),
    }
}

/// Whether the environment alone names a CRM and a token (`CRM_TOKEN` and `CRM_VENDOR`).
pub fn cron_route(env: &EnvVars) -> bool {
    var(env, "CRM_TOKEN").is_some() && var(env, "CRM_VENDOR").is_some()
}

/// The profile this run uses: a named one always; the default one unless the environment
/// holds the cron route.
pub fn profile_in_use(flag: Option<&str>, env: &EnvVars, config: &Config) -> Option<Selected> {
    selected_profile(flag, env, config).filter(|s| s.explicit || !cron_route(env))
}

/// The built-in sandbox profile this run uses, if any, and the vendor it emulates.
pub fn builtin_selected(
    flag: Option<&str>,
    env: &EnvVars,
    config: &Config,
) -> Option<(String, Vendor)> {
    let name = profile_in_use(flag, env, config)?.name;
    let vendor = config::builtin_vendor(&name)?;
    Some((name, vendor))
}

/// The connection for this run, from the flag, the environment, the config and the stores.
pub fn resolve(
    flag: Option<&str>,
    env: &EnvVars,
    config: &Config,
    stores: &Stores,
) -> Result<Connection> {
    match profile_in_use(flag, env, config) {
        Some(selected) => from_profile(&selected.name, env, config, stores),
        None if var(env, "CRM_TOKEN").is_none() && !config.profiles.is_empty() => {
            Err(Error::usage_hint(
                "no profile chosen and no default profile set",
                format!(
                    "pass --profile NAME, or make one the default with `crm profiles use NAME` \
                     (profiles: {})",
                    config
                        .profiles
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ))
        }
        None => from_env(env),
    }
}

fn from_profile(name: &str, env: &EnvVars, config: &Config, stores: &Stores) -> Result<Connection> {
    let profile = config.profile(name)?;
    let vendor = profile.vendor(name)?;
    let env_token = var(env, "CRM_TOKEN");
    if let Some(named) = var(env, "CRM_VENDOR") {
        let named: Vendor = named.parse()?;
        if named != vendor {
            let message = if env_token.is_some() {
                format!(
                    "CRM_TOKEN is a {named} token (CRM_VENDOR) but profile {name:?} is a \
                     {vendor} profile: the token was not sent"
                )
            } else {
                format!("CRM_VENDOR names {named} but profile {name:?} is a {vendor} profile")
            };
            return Err(Error::usage_hint(
                message,
                "unset CRM_VENDOR (and CRM_TOKEN) to use the profile, or drop --profile / \
                 CRM_PROFILE to use the environment alone",
            ));
        }
    }
    let base_url = base_url_or_default(
        var(env, "CRM_BASE_URL").or(profile.base_url.as_deref()),
        vendor,
    )?;
    let (token, token_source) = match env_token {
        Some(token) => (Secret::new(token), TokenSource::Environment),
        None => {
            let stored = stores
                .get(profile.token_storage)
                .get(name)
                .map_err(|e| e.into_error())?;
            let Some(token) = stored else {
                return Err(Error::auth(
                    format!("no token stored for profile {name:?}"),
                    format!("run `crm auth login --profile {name}`, or set CRM_TOKEN"),
                ));
            };
            let source = match profile.token_storage {
                crate::config::Storage::Keyring => TokenSource::Keyring,
                crate::config::Storage::File => TokenSource::PlaintextFile,
            };
            (token, source)
        }
    };
    Ok(Connection {
        vendor,
        base_url,
        token,
        profile: name.to_string(),
        token_source,
        rate_limit_tier: profile.rate_limit_tier.clone(),
    })
}

/// Reads the connection from `CRM_VENDOR`, `CRM_TOKEN` and `CRM_BASE_URL`.
pub fn from_env(env: &EnvVars) -> Result<Connection> {
    let token = env.get("CRM_TOKEN").filter(|t| !t.trim().is_empty());
    let vendor = env.get("CRM_VENDOR").filter(|v| !v.trim().is_empty());
    let Some(token) = token else {
        return Err(Error::auth(
            "no credentials: no profile and no token was given",
            format!(
                "run `crm auth login --vendor {}` to store a token, or set CRM_TOKEN (and \
                 CRM_VENDOR: {}) in the environment; `crm --profile sandbox` tries crm with \
                 no account",
                Vendor::keys_as_choice(),
                Vendor::keys_listed(),
            ),
        ));
    };
    let Some(vendor) = vendor else {
        return Err(Error::usage_hint(
            "CRM_TOKEN is set but CRM_VENDOR is not: which CRM is the token for?",
            format!("set CRM_VENDOR to {}", Vendor::keys_listed()),
        ));
    };
    let vendor: Vendor = vendor.parse()?;
    let base_url = base_url_or_default(var(env, "CRM_BASE_URL"), vendor)?;
    Ok(Connection {
        vendor,
        base_url,
        token: Secret::new(token.trim()),
        profile: "env".into(),
        token_source: TokenSource::Environment,
        rate_limit_tier: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> EnvVars {
        EnvVars::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn environment_selects_vendor_token_and_url() {
        let c = from_env(&env(&[("CRM_TOKEN", "t0k"), ("CRM_VENDOR", "hubspot")])).unwrap();
        assert_eq!(c.vendor, Vendor::Hubspot);
        assert_eq!(c.base_url.as_str(), "https://api.hubapi.com/");
        let c = from_env(&env(&[
            ("CRM_TOKEN", "t"),
            ("CRM_VENDOR", "pipedrive"),
            ("CRM_BASE_URL", "https://acme.pipedrive.com"),
        ]))
        .unwrap();
        assert_eq!(c.base_url.host_str(), Some("acme.pipedrive.com"));
    }

    #[test]
    fn missing_token_is_an_auth_error_naming_crm_token() {
        let e = from_env(&env(&[("CRM_VENDOR", "hubspot")])).unwrap_err();
        assert_eq!(e.exit_code(), 4);
        assert!(e.hint().unwrap().contains("CRM_TOKEN"));
        let e = from_env(&env(&[("CRM_TOKEN", "x")])).unwrap_err();
        assert_eq!(e.exit_code(), 2);
    }

    mod precedence {
        use super::*;
        use crate::auth::{MemoryStore, StoreError};
        use crate::config::{Profile, Storage};

        fn config() -> Config {
            let mut config = Config::default();
            let mut acme = Profile::new(Vendor::Pipedrive);
            acme.base_url = Some("https://acme.pipedrive.com".into());
            config.profiles.insert("acme".into(), acme);
            config
                .profiles
                .insert("hub".into(), Profile::new(Vendor::Hubspot));
            let mut plain = Profile::new(Vendor::Sell);
            plain.token_storage = Storage::File;
            config.profiles.insert("plain".into(), plain);
            config.default = Some("hub".into());
            config
        }

        fn stores() -> Stores {
            Stores {
                keyring: Box::new(MemoryStore::with(&[
                    ("acme", "acme-keyring"),
                    ("hub", "hub-keyring"),
                ])),
                file: Box::new(MemoryStore::with(&[("plain", "plain-file")])),
            }
        }

        fn resolved(flag: Option<&str>, pairs: &[(&str, &str)]) -> Result<Connection> {
            resolve(flag, &env(pairs), &config(), &stores())
        }

        /// profile, vendor, token, token source and server chosen for a flag and an environment.
        fn summary(flag: Option<&str>, pairs: &[(&str, &str)]) -> String {
            let c = resolved(flag, pairs).unwrap_or_else(|e| panic!("{flag:?} {pairs:?}: {e}"));
            let host = c.base_url.host_str().unwrap_or_default().to_string();
            let (vendor, token) = (c.vendor.key(), c.token.expose());
            format!(
                "{} {vendor} {token} {} {host}",
                c.profile,
                c.token_source.label()
            )
        }

        /// A flag, an environment, and the summary they must give.
        type Row<'a> = (Option<&'a str>, &'a [(&'a str, &'a str)], &'a str);

        #[test]
        fn the_precedence_table() {
            let p = Some;
            let t = ("CRM_TOKEN", "env-tok");
            let table: &[Row] = &[
                (None, &[], "hub hubspot hub-keyring keyring api.hubapi.com"),
                (
                    None,
                    &[("CRM_PROFILE", "acme")],
                    "acme pipedrive acme-keyring keyring acme.pipedrive.com",
                ),
                (
                    p("hub"),
                    &[("CRM_PROFILE", "acme")],
                    "hub hubspot hub-keyring keyring api.hubapi.com",
                ),
                (
                    p("plain"),
                    &[],
                    "plain sell plain-file file api.getbase.com",
                ),
                // CRM_TOKEN without CRM_VENDOR replaces the token of the profile in use...
                (
                    p("acme"),
                    &[t],
                    "acme pipedrive env-tok CRM_TOKEN acme.pipedrive.com",
                ),
                (None, &[t], "hub hubspot env-tok CRM_TOKEN api.hubapi.com"),
                // ... and with CRM_VENDOR naming the profile's vendor.
                (
                    p("acme"),
                    &[t, ("CRM_VENDOR", "pipedrive")],
                    "acme pipedrive env-tok CRM_TOKEN acme.pipedrive.com",
                ),
                // The environment beats the config.
                (
                    p("acme"),
                    &[("CRM_BASE_URL", "https://eu.example.com")],
                    "acme pipedrive acme-keyring keyring eu.example.com",
                ),
                // The cron route: CRM_TOKEN + CRM_VENDOR and no named profile leave the default aside.
                (
                    None,
                    &[t, ("CRM_VENDOR", "sell")],
                    "env sell env-tok CRM_TOKEN api.getbase.com",
                ),
                (
                    None,
                    &[("CRM_PROFILE", ""), t, ("CRM_VENDOR", "sell")],
                    "env sell env-tok CRM_TOKEN api.getbase.com",
                ),
            ];
            for (flag, pairs, expected) in table {
                assert_eq!(summary(*flag, pairs), *expected, "{flag:?} {pairs:?}");
            }
        }

        #[test]
        fn a_token_for_another_vendor_is_never_paired_with_a_profile() {
            let e = resolved(
                Some("acme"),
                &[("CRM_TOKEN", "env-tok"), ("CRM_VENDOR", "hubspot")],
            )
            .unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.to_string().contains("not sent"), "{e}");
            assert!(!e.to_string().contains("env-tok"));
            let e = resolved(None, &[("CRM_PROFILE", "acme"), ("CRM_VENDOR", "sell")]).unwrap_err();
            assert_eq!(e.exit_code(), 2);
            // The default profile too, when CRM_VENDOR names another vendor and no token is set.
            let e = resolved(None, &[("CRM_VENDOR", "sell")]).unwrap_err();
            assert_eq!(e.exit_code(), 2);
        }

        #[test]
        fn missing_profiles_tokens_and_keyrings_say_what_to_do() {
            let e = resolved(Some("nope"), &[]).unwrap_err();
            assert_eq!(e.exit_code(), 3);
            assert!(e.hint().unwrap().contains("acme"));

            let empty = Stores {
                keyring: Box::new(MemoryStore::default()),
                file: Box::new(MemoryStore::default()),
            };
            let e = resolve(Some("acme"), &env(&[]), &config(), &empty).unwrap_err();
            assert_eq!(e.exit_code(), 4);
            assert!(e.hint().unwrap().contains("crm auth login --profile acme"));

            let broken = Stores {
                keyring: Box::new(MemoryStore::broken(StoreError::Unavailable(
                    "no D-Bus".into(),
                ))),
                file: Box::new(MemoryStore::default()),
            };
            let e = resolve(Some("acme"), &env(&[]), &config(), &broken).unwrap_err();
            assert_eq!(e.exit_code(), 4);
            assert!(e.to_string().contains("no D-Bus"), "{e}");
            assert!(e.hint().unwrap().contains("CRM_TOKEN"));
            // CRM_TOKEN needs no keyring at all.
            let c = resolve(
                Some("acme"),
                &env(&[("CRM_TOKEN", "t")]),
                &config(),
                &broken,
            )
            .unwrap();
            assert_eq!(c.token.expose(), "t");

            let mut no_default = config();
            no_default.default = None;
            let e = resolve(None, &env(&[]), &no_default, &stores()).unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.hint().unwrap().contains("crm profiles use"));
            let e = resolve(None, &env(&[]), &Config::default(), &stores()).unwrap_err();
            assert_eq!(e.exit_code(), 4);
            assert!(e.hint().unwrap().contains("crm auth login"));
        }
    }
}
