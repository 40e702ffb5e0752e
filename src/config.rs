//! Profiles in `config.toml`, in the config directory (`CRM_CONFIG_DIR` overrides it).
//!
//! Tokens never live here. A write changes only what crm changed: the user's comments, blank
//! lines, key order and keys crm does not know are kept as they are (`toml_edit`). A file that
//! does not parse is reported and never overwritten, and every write replaces the file
//! atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Vendor;
use crate::output::Format;

pub const FILE_NAME: &str = "config.toml";

/// The profiles that run the local sandbox inside crm, as the vendors' descriptors name them;
/// no user profile may take these names.
pub fn builtin_profiles() -> impl Iterator<Item = &'static str> {
    Vendor::ALL.into_iter().flat_map(|v| {
        let spec = v.spec();
        std::iter::once(spec.sandbox_profile).chain(spec.sandbox_aliases.iter().copied())
    })
}

/// The vendor whose emulator a built-in profile runs, if `name` is one.
pub fn builtin_vendor(name: &str) -> Option<Vendor> {
    Vendor::ALL.into_iter().find(|v| {
        let spec = v.spec();
        spec.sandbox_profile == name || spec.sandbox_aliases.contains(&name)
    })
}

pub fn is_builtin(name: &str) -> bool {
    builtin_vendor(name).is_some()
}

/// Where a profile's token is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Storage {
    #[default]
    Keyring,
    /// The plaintext file written only with `--insecure-storage`.
    File,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub vendor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_tier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_pipeline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_output: Option<String>,
    #[serde(default, skip_serializing_if = "is_keyring")]
    pub token_storage: Storage,
    /// Keys written by a newer crm or by hand: kept on every save.
    #[serde(flatten)]
    pub other: toml::Table,
}

fn is_keyring(storage: &Storage) -> bool {
    *storage == Storage::Keyring
}

impl Profile {
    pub fn new(vendor: Vendor) -> Self {
        Profile {
            vendor: vendor.key().to_string(),
            base_url: None,
            rate_limit_tier: None,
            default_pipeline: None,
            default_output: None,
            token_storage: Storage::Keyring,
            other: toml::Table::new(),
        }
    }

    /// The vendor, which a hand-edited file may have misspelt.
    pub fn vendor(&self, name: &str) -> Result<Vendor> {
        self.vendor.parse().map_err(|_| {
            Error::usage_hint(
                format!("profile {name:?} names an unknown vendor {:?}", self.vendor),
                format!(
                    "set vendor to {} in config.toml, or remove the profile",
                    Vendor::keys_listed()
                ),
            )
        })
    }

    pub fn output(&self) -> Option<Format> {
        let text = self.default_output.as_deref()?;
        clap::ValueEnum::from_str(text, true).ok()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Config {
    /// The profile used when neither `--profile` nor `CRM_PROFILE` names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    #[serde(flatten)]
    pub other: toml::Table,
    /// The file as it was read, with its formatting, for [`Config::save`] to change in place.
    #[serde(skip)]
    document: toml_edit::DocumentMut,
}

impl Config {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(FILE_NAME)
    }

    /// Reads the config; a missing file is an empty config.
    pub fn load(dir: &Path) -> Result<Config> {
        let path = Self::path(dir);
        let Some(bytes) =
            read_unless_missing(&path, std::fs::read(&path)).map_err(Error::internal)?
        else {
            return Ok(Config::default());
        };
        let broken = |what: String| {
            Error::usage_hint(
                format!("{} is not valid: {what}", path.display()),
                "fix the file by hand (crm does not change a file it cannot read), or move it away",
            )
        };
        // A file that is not text is broken as one that is not TOML is (exit 2).
        let text = crate::import::input::utf8(&bytes)
            .map_err(|at| broken(format!("not UTF-8 text ({at})")))?;
        let mut config: Config =
            toml::from_str(text).map_err(|e| broken(e.message().to_string()))?;
        config.document = text
            .parse()
            .map_err(|e: toml_edit::TomlError| broken(e.message().to_string()))?;
        Ok(config)
    }

    /// Writes the config atomically: a crash or a full disk leaves the old file in place. The
    /// file as it was read is changed only where the values differ.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let text = toml::to_string_pretty(self).map_err(Error::internal)?;
        let wanted: toml_edit::DocumentMut = text.parse().map_err(Error::internal)?;
        let mut document = self.document.clone();
        edit::keep_formatting(document.as_table_mut(), wanted.as_table());
        write_atomically(&Self::path(dir), document.to_string().as_bytes(), 0o644)
    }

    /// The profile by name, or exit 3 listing the names there are.
    pub fn profile(&self, name: &str) -> Result<&Profile> {
        self.profiles.get(name).ok_or_else(|| self.unknown(name))
    }

    pub fn unknown(&self, name: &str) -> Error {
        let mut names: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
        for builtin in builtin_profiles() {
            names.push(builtin);
        }
        Error::NotFound {
            message: format!("no profile named {name:?}"),
            hint: Some(format!(
                "profiles: {}; add one with `crm profiles add` or `crm auth login`",
                names.join(", ")
            )),
        }
    }
}

mod edit {
    use toml_edit::{Item, Table, Value};

    /// Makes `file` say what `wanted` says, changing only what differs: the keys, comments and
    /// blank lines around an unchanged value stay as the user wrote them, a changed value keeps
    /// its key's place and its trailing comment, and new keys come after the old ones.
    pub fn keep_formatting(file: &mut Table, wanted: &Table) {
        let gone: Vec<String> = file
            .iter()
            .map(|(key, _)| key.to_string())
            .filter(|key| !wanted.contains_key(key))
            .collect();
        for key in gone {
            file.remove(&key);
        }
        for (key, item) in wanted.iter() {
            match (file.get_mut(key), item) {
                (Some(Item::Table(old)), Item::Table(new)) => keep_formatting(old, new),
                (Some(Item::Value(old)), Item::Value(new)) => {
                    if bare(old) != bare(new) {
                        let decor = old.decor().clone();
                        *old = new.clone();
                        *old.decor_mut() = decor;
                    }
                }
                _ => {
                    file.insert(key, item.clone());
                }
            }
        }
    }

    /// A value as text, without the spaces and comments around it.
    fn bare(value: &Value) -> String {
        let mut value = value.clone();
        value.decor_mut().clear();
        value.to_string()
    }
}

/// Profile names go into file keys and keyring accounts: keep them plain.
pub fn check_profile_name(name: &str) -> Result<()> {
    let plain = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !plain {
        return Err(Error::usage_hint(
            format!("{name:?} is not a valid profile name"),
            "use letters, digits, '-', '_' or '.', at most 64 characters",
        ));
    }
    if is_builtin(name) {
        return Err(Error::usage_hint(
            format!("{name:?} is a built-in profile (the local sandbox) and cannot be redefined"),
            "choose another name",
        ));
    }
    Ok(())
}

/// What reading the file at `path` gave, `None` for a file that does not exist (not written
/// yet); any other error says which file could not be read.
pub fn read_unless_missing<T>(
    path: &Path,
    read: std::io::Result<T>,
) -> std::result::Result<Option<T>, String> {
    match read {
        Ok(content) => Ok(Some(content)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Replaces `path` with `bytes` through a temporary file in the same directory and a rename;
/// the new file has `mode` (Unix) from the moment it exists.
pub fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .ok_or_else(|| Error::internal(format!("{} has no directory", path.display())))?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::internal(format!("cannot create {}: {e}", dir.display())))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        #[cfg(not(unix))]
        let _ = mode;
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::internal(format!("cannot write {}: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_crm_does_not_know_survive_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let text = "default = \"acme\"\ntheme = \"dark\"\n\n[profiles.acme]\nvendor = \"pipedrive\"\nbase_url = \"https://acme.pipedrive.com\"\nnote = \"kept\"\n";
        std::fs::write(Config::path(dir.path()), text).unwrap();
        let mut config = Config::load(dir.path()).unwrap();
        assert_eq!(config.profile("acme").unwrap().vendor, "pipedrive");
        config
            .profiles
            .insert("other".into(), Profile::new(Vendor::Sell));
        config.save(dir.path()).unwrap();
        let saved = std::fs::read_to_string(Config::path(dir.path())).unwrap();
        assert!(saved.contains("theme = \"dark\""), "{saved}");
        assert!(saved.contains("note = \"kept\""), "{saved}");
        assert_eq!(Config::load(dir.path()).unwrap().profiles.len(), 2);
    }

    #[test]
    fn a_save_changes_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        // The profile the save leaves alone, comments and all.
        let untouched = "\
# Work account
[profiles.acme]
vendor = \"pipedrive\"
# our company domain
base_url = \"https://acme.pipedrive.com\"
";
        let text = format!(
            "\
# crm profiles, edited by hand
default = \"acme\" # the one I use most

{untouched}
[profiles.old]
vendor = \"sell\" # to be removed
"
        );
        std::fs::write(Config::path(dir.path()), text).unwrap();
        let mut config = Config::load(dir.path()).unwrap();
        config.profiles.remove("old");
        config.default = Some("hub".into());
        config
            .profiles
            .insert("hub".into(), Profile::new(Vendor::Hubspot));
        config.save(dir.path()).unwrap();
        let saved = std::fs::read_to_string(Config::path(dir.path())).unwrap();
        assert_eq!(
            saved,
            format!(
                "\
# crm profiles, edited by hand
default = \"hub\" # the one I use most

{untouched}
[profiles.hub]
vendor = \"hubspot\"
"
            )
        );
        assert_eq!(Config::load(dir.path()).unwrap().profiles.len(), 2);
    }

    #[test]
    fn a_new_file_reads_as_toml_writes_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::load(dir.path()).unwrap();
        config.default = Some("acme".into());
        let mut acme = Profile::new(Vendor::Pipedrive);
        acme.base_url = Some("https://acme.pipedrive.com/".into());
        config.profiles.insert("acme".into(), acme);
        config.save(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(Config::path(dir.path())).unwrap(),
            toml::to_string_pretty(&config).unwrap()
        );
    }

    #[test]
    fn a_broken_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(Config::path(dir.path()), "profiles = [broken").unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("config.toml"), "{err}");
        assert_eq!(
            std::fs::read_to_string(Config::path(dir.path())).unwrap(),
            "profiles = [broken"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_a_usage_error_too() {
        // Issue 15: invalid UTF-8 exited 1, invalid TOML 2.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(Config::path(dir.path()), b"default = \"a\xffb\"\n").unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err}");
        assert!(err.to_string().contains("UTF-8"), "{err}");
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn a_missing_file_is_an_empty_config_and_unknown_names_list_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(dir.path()).unwrap();
        assert!(config.profiles.is_empty());
        let err = config.profile("nope").unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert!(err.hint().unwrap().contains("sandbox"));
    }

    #[test]
    fn profile_names_are_plain_and_not_built_in() {
        assert!(check_profile_name("acme-eu_2.prod").is_ok());
        for bad in ["", "a b", "../x", "sandbox", "sandbox-sell"] {
            assert_eq!(check_profile_name(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn atomic_writes_set_the_mode_from_the_start() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("secret");
        write_atomically(&path, b"one", 0o600).unwrap();
        write_atomically(&path, b"two", 0o600).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }
}
