//! The plaintext token file, written only for `--insecure-storage`: `credentials.toml` next
//! to `config.toml`, mode 0600, one token per profile.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{SecretStore, StoreError};
use crate::config::{read_unless_missing, write_atomically};
use crate::secret::Secret;

pub const FILE_NAME: &str = "credentials.toml";

pub struct FileStore {
    path: Option<PathBuf>,
}

impl FileStore {
    pub fn new(config_dir: Option<PathBuf>) -> Self {
        FileStore {
            path: config_dir.map(|d| d.join(FILE_NAME)),
        }
    }

    fn path(&self) -> Result<&PathBuf, StoreError> {
        self.path.as_ref().ok_or_else(|| {
            StoreError::Failed("no config directory for the token file: set CRM_CONFIG_DIR".into())
        })
    }

    fn read(&self) -> Result<BTreeMap<String, String>, StoreError> {
        let path = self.path()?;
        let read = std::fs::read_to_string(path);
        let Some(text) = read_unless_missing(path, read).map_err(StoreError::Failed)? else {
            return Ok(BTreeMap::new());
        };
        // The parser's message could quote the file, and the file holds tokens: say only where.
        toml::from_str(&text).map_err(|_| {
            StoreError::Failed(format!("{} is not a valid token file", path.display()))
        })
    }

    fn write(&self, tokens: &BTreeMap<String, String>) -> Result<(), StoreError> {
        let path = self.path()?;
        let text = toml::to_string(tokens).map_err(|e| StoreError::Failed(e.to_string()))?;
        write_atomically(path, text.as_bytes(), 0o600)
            .map_err(|e| StoreError::Failed(e.to_string()))
    }
}

impl SecretStore for FileStore {
    fn get(&self, profile: &str) -> Result<Option<Secret>, StoreError> {
        Ok(self.read()?.remove(profile).map(Secret::new))
    }

    fn set(&self, profile: &str, token: &Secret) -> Result<(), StoreError> {
        let mut tokens = self.read()?;
        tokens.insert(profile.to_string(), token.expose().to_string());
        self.write(&tokens)
    }

    fn delete(&self, profile: &str) -> Result<bool, StoreError> {
        let mut tokens = self.read()?;
        let had = tokens.remove(profile).is_some();
        if had {
            self.write(&tokens)?;
        }
        Ok(had)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_in_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(Some(dir.path().to_path_buf()));
        assert_eq!(store.get("a").unwrap(), None);
        store.set("a", &Secret::new("tok-a")).unwrap();
        store.set("b", &Secret::new("tok-b")).unwrap();
        assert_eq!(store.get("a").unwrap().unwrap().expose(), "tok-a");
        assert!(store.delete("a").unwrap());
        assert!(!store.delete("a").unwrap());
        assert_eq!(store.get("b").unwrap().unwrap().expose(), "tok-b");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(dir.path().join(FILE_NAME)).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        }
    }
}
