//! Where tokens are kept: the OS keyring, or a plaintext file the user opted into, and how a
//! token is checked before it is stored.

pub mod check;
pub mod file;
pub mod store;

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::config::Storage;
use crate::error::Error;
use crate::secret::Secret;

/// Why a store could not answer. The text never contains a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// No keyring on this machine (headless Linux without a Secret Service, a locked store…).
    Unavailable(String),
    /// The keyring did not answer in time (a hung daemon).
    TimedOut(std::time::Duration),
    /// Anything else.
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable(why) => write!(f, "the OS keyring is not available: {why}"),
            StoreError::TimedOut(after) => write!(
                f,
                "the OS keyring did not answer within {} s",
                after.as_secs_f64()
            ),
            StoreError::Failed(why) => write!(f, "the OS keyring failed: {why}"),
        }
    }
}

impl StoreError {
    /// What the user can do instead.
    pub fn advice(&self) -> &'static str {
        "for scripts and headless hosts, set CRM_TOKEN (with CRM_VENDOR, or with --profile) \
         instead; or start a Secret Service (gnome-keyring) and unlock it; or, accepting a \
         plaintext file, `crm auth login --insecure-storage`"
    }

    /// As a crm error: exit 4, with the way around it.
    pub fn into_error(self) -> Error {
        let advice = self.advice();
        Error::auth(self.to_string(), advice)
    }
}

/// A place that keeps one token per profile.
pub trait SecretStore: Send + Sync {
    fn get(&self, profile: &str) -> Result<Option<Secret>, StoreError>;
    fn set(&self, profile: &str, token: &Secret) -> Result<(), StoreError>;
    /// Whether there was a token to remove.
    fn delete(&self, profile: &str) -> Result<bool, StoreError>;
}

/// The stores a profile's `token_storage` can name.
pub struct Stores {
    pub keyring: Box<dyn SecretStore>,
    pub file: Box<dyn SecretStore>,
}

impl Stores {
    pub fn get(&self, storage: Storage) -> &dyn SecretStore {
        match storage {
            Storage::Keyring => self.keyring.as_ref(),
            Storage::File => self.file.as_ref(),
        }
    }
}

/// Tokens in memory: for tests of resolution and precedence.
#[derive(Default)]
pub struct MemoryStore {
    tokens: Mutex<HashMap<String, String>>,
    /// Set to make every call fail, as a missing keyring does.
    pub broken: Option<StoreError>,
}

impl MemoryStore {
    pub fn with(pairs: &[(&str, &str)]) -> Self {
        let store = MemoryStore::default();
        for (profile, token) in pairs {
            store
                .tokens()
                .insert(profile.to_string(), token.to_string());
        }
        store
    }

    pub fn broken(error: StoreError) -> Self {
        MemoryStore {
            broken: Some(error),
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), StoreError> {
        self.broken.clone().map_or(Ok(()), Err)
    }

    fn tokens(&self) -> MutexGuard<'_, HashMap<String, String>> {
        // Poisoned only if a test panicked while holding it: that test has failed already.
        self.tokens.lock().expect("memory store lock")
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, profile: &str) -> Result<Option<Secret>, StoreError> {
        self.check()?;
        Ok(self.tokens().get(profile).map(Secret::new))
    }

    fn set(&self, profile: &str, token: &Secret) -> Result<(), StoreError> {
        self.check()?;
        self.tokens()
            .insert(profile.to_string(), token.expose().to_string());
        Ok(())
    }

    fn delete(&self, profile: &str) -> Result<bool, StoreError> {
        self.check()?;
        Ok(self.tokens().remove(profile).is_some())
    }
}
