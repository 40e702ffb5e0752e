//! The process environment, read once at start-up. Tests pass their own instead of mutating the
//! process's.

use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct EnvVars(HashMap<String, String>);

impl EnvVars {
    pub fn from_process() -> Self {
        EnvVars(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        )
    }

    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        EnvVars(pairs.into_iter().collect())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A number from the environment, or the default when unset or malformed.
    pub fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> T {
        self.get(name)
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(default)
    }

    /// A number from the environment within `range`; `None` when unset. A value that is not a
    /// number, or out of range, is a usage error naming the variable (never silently the default).
    pub fn setting<T>(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<T>,
    ) -> Result<Option<T>, crate::error::Error>
    where
        T: std::str::FromStr + PartialOrd + std::fmt::Display,
    {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        match text.trim().parse::<T>() {
            Ok(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err(crate::error::Error::usage_hint(
                format!("{name}={text:?} is not valid"),
                format!(
                    "set {name} to a whole number from {} to {}, or unset it for the default",
                    range.start(),
                    range.end()
                ),
            )),
        }
    }

    fn project_dirs() -> Option<directories::ProjectDirs> {
        directories::ProjectDirs::from("", "", "crm")
    }

    /// Metadata cache: `CRM_CACHE_DIR`, else the platform's cache directory.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        self.get("CRM_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| Self::project_dirs().map(|d| d.cache_dir().to_path_buf()))
    }

    /// Trash and journals: `CRM_DATA_DIR`, else the platform's data directory.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.get("CRM_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| Self::project_dirs().map(|d| d.data_dir().to_path_buf()))
    }

    /// Profiles: `CRM_CONFIG_DIR`, else the platform's config directory.
    pub fn config_dir(&self) -> Option<PathBuf> {
        self.get("CRM_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| Self::project_dirs().map(|d| d.config_dir().to_path_buf()))
    }
}
