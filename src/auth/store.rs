//! The OS keyring (Secret Service, Keychain, Credential Manager): service `crm`, account = the
//! profile name.
//!
//! Every call runs on a thread of its own and is abandoned after a timeout: a hung Secret
//! Service daemon must not freeze crm, and the async Secret Service client must not run (or
//! panic) on a tokio worker, where it can deadlock.

use std::sync::mpsc;
use std::time::Duration;

use super::{SecretStore, StoreError};
use crate::secret::Secret;

pub const SERVICE: &str = "crm";
pub const TIMEOUT: Duration = Duration::from_secs(3);

pub struct KeyringStore {
    timeout: Duration,
}

impl Default for KeyringStore {
    fn default() -> Self {
        KeyringStore { timeout: TIMEOUT }
    }
}

impl KeyringStore {
    pub fn with_timeout(timeout: Duration) -> Self {
        KeyringStore { timeout }
    }

    /// Runs `op` on the entry for `profile` off the caller's thread, waiting at most the timeout.
    fn call<T: Send + 'static>(
        &self,
        profile: &str,
        op: impl FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = mpsc::channel();
        let account = profile.to_string();
        std::thread::Builder::new()
            .name("crm-keyring".into())
            .spawn(move || {
                let result = keyring::Entry::new(SERVICE, &account).and_then(|entry| {
                    if is_mock(&entry) {
                        return Err(keyring::Error::NoStorageAccess(
                            "this build of crm has no keyring for this platform".into(),
                        ));
                    }
                    op(&entry)
                });
                let _ = tx.send(result);
            })
            .map_err(|e| StoreError::Failed(format!("cannot start the keyring thread: {e}")))?;
        match rx.recv_timeout(self.timeout) {
            Ok(result) => result.map_err(classify),
            Err(mpsc::RecvTimeoutError::Timeout) => Err(StoreError::TimedOut(self.timeout)),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(StoreError::Failed(
                "the keyring library stopped unexpectedly".into(),
            )),
        }
    }
}

/// The crate falls back to an in-memory mock on platforms it has no store for; that would
/// "store" a token that is gone when crm exits, so it counts as no keyring.
fn is_mock(entry: &keyring::Entry) -> bool {
    entry
        .get_credential()
        .downcast_ref::<keyring::mock::MockCredential>()
        .is_some()
}

fn classify(error: keyring::Error) -> StoreError {
    match error {
        keyring::Error::NoStorageAccess(e) => StoreError::Unavailable(e.to_string()),
        keyring::Error::PlatformFailure(e) => StoreError::Unavailable(e.to_string()),
        other => StoreError::Failed(other.to_string()),
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, profile: &str) -> Result<Option<Secret>, StoreError> {
        self.call(profile, |entry| match entry.get_password() {
            Ok(token) => Ok(Some(Secret::new(token))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
    }

    fn set(&self, profile: &str, token: &Secret) -> Result<(), StoreError> {
        let token = token.clone();
        self.call(profile, move |entry| entry.set_password(token.expose()))
    }

    fn delete(&self, profile: &str) -> Result<bool, StoreError> {
        self.call(profile, |entry| match entry.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(e),
        })
    }
}
