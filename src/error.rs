//! The one error type. Exit codes (DESIGN §2) and hints are decided here and nowhere else.

use std::fmt;

use crate::model::Vendor;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One record of a partial failure: which record, and what went wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub record: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags, arguments or input (exit 2).
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// A deal, stage, pipeline, owner or profile that does not exist (exit 3).
    #[error("{message}")]
    NotFound {
        message: String,
        hint: Option<String>,
    },
    /// Missing, invalid or insufficient credentials (exit 4).
    #[error("{message}")]
    Auth {
        message: String,
        hint: Option<String>,
    },
    /// The vendor understood the request and refused it (exit 5).
    #[error("{vendor} rejected the request (HTTP {status}): {message}")]
    Rejected {
        vendor: Vendor,
        status: u16,
        message: String,
    },
    /// A create refused because an existing deal already holds one of its unique values (exit 5):
    /// `existing` is that deal's id, or empty while it is not known.
    #[error("{vendor} rejected the record: {message}")]
    Conflict {
        vendor: Vendor,
        message: String,
        existing: String,
    },
    /// The vendor has no such operation (exit 6). Raised before any request.
    #[error("{what} is not supported by {vendor}")]
    Unsupported {
        vendor: Vendor,
        what: String,
        hint: Option<String>,
    },
    /// Rate limited or network failure after retries (exit 7).
    #[error("{message}")]
    Transient {
        message: String,
        /// Set when a write may or may not have happened: names the record.
        outcome_unknown: Option<String>,
    },
    /// Some records or associations failed (exit 8); the successes were reported already.
    #[error("{summary}")]
    Partial {
        summary: String,
        failures: Vec<Failure>,
    },
    /// `--dry-run` reached a step that needs a response it did not ask for (exit 0).
    #[error("dry run: stopped before {0}, which needs a real response; nothing was sent")]
    DryRunStop(String),
    /// stdout was closed by its reader (`| head`): stop quietly (exit 0).
    #[error("stdout closed")]
    BrokenPipe,
    /// stdout was closed while writes were being made: they stopped, and the summary says what was
    /// done and what was not (exit 1; a write never stops silently).
    #[error("{summary}")]
    OutputClosed { summary: String, hint: String },
    /// A bug or an I/O failure (exit 1).
    #[error("{0}")]
    Internal(String),
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: None,
        }
    }

    pub fn usage_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Error::NotFound {
            message: message.into(),
            hint: None,
        }
    }

    pub fn auth(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Auth {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn unsupported(vendor: Vendor, what: impl Into<String>) -> Self {
        Error::Unsupported {
            vendor,
            what: what.into(),
            hint: None,
        }
    }

    pub fn internal(message: impl fmt::Display) -> Self {
        Error::Internal(message.to_string())
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::DryRunStop(_) | Error::BrokenPipe => 0,
            Error::Internal(_) | Error::OutputClosed { .. } => 1,
            Error::Usage { .. } => 2,
            Error::NotFound { .. } => 3,
            Error::Auth { .. } => 4,
            Error::Rejected { .. } | Error::Conflict { .. } => 5,
            Error::Unsupported { .. } => 6,
            Error::Transient { .. } => 7,
            Error::Partial { .. } => 8,
        }
    }

    /// What the user can do about it, shown under the message.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Usage { hint, .. }
            | Error::NotFound { hint, .. }
            | Error::Auth { hint, .. }
            | Error::Unsupported { hint, .. } => hint.clone(),
            Error::OutputClosed { hint, .. } => Some(hint.clone()),
            Error::Transient {
                outcome_unknown: Some(record),
                ..
            } => Some(format!(
                "outcome unknown for {record}: the vendor may or may not have applied it; \
                 check before running the same command again"
            )),
            // The message says which failed: the vendor's server, its rate limit or the network.
            Error::Transient { .. } => Some(
                "try again later; if it keeps failing, check the vendor's status page and your \
                 network"
                    .into(),
            ),
            Error::Partial { failures, .. } => Some(
                failures
                    .iter()
                    .map(|f| format!("{}: {}", f.record, f.message))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Error::Rejected { .. }
            | Error::Conflict { .. }
            | Error::DryRunStop(_)
            | Error::BrokenPipe
            | Error::Internal(_) => None,
        }
    }

    /// Adds or replaces the hint of an error that carries one.
    pub fn with_hint(mut self, new_hint: impl Into<String>) -> Self {
        match &mut self {
            Error::Usage { hint, .. }
            | Error::NotFound { hint, .. }
            | Error::Auth { hint, .. }
            | Error::Unsupported { hint, .. } => *hint = Some(new_hint.into()),
            _ => {}
        }
        self
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Internal(format!("I/O error: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_design() {
        let cases = [
            (Error::usage("x"), 2),
            (Error::not_found("x"), 3),
            (Error::auth("x", "y"), 4),
            (
                Error::Rejected {
                    vendor: Vendor::Hubspot,
                    status: 400,
                    message: "x".into(),
                },
                5,
            ),
            (Error::unsupported(Vendor::Sell, "merge"), 6),
            (
                Error::Transient {
                    message: "x".into(),
                    outcome_unknown: None,
                },
                7,
            ),
            (
                Error::Partial {
                    summary: "x".into(),
                    failures: vec![],
                },
                8,
            ),
            (Error::internal("x"), 1),
        ];
        for (err, code) in cases {
            assert_eq!(err.exit_code(), code, "{err:?}");
        }
    }

    #[test]
    fn unsupported_names_the_vendor() {
        let e = Error::unsupported(Vendor::Sell, "merge");
        assert_eq!(e.to_string(), "merge is not supported by Zendesk Sell");
    }
}
