//! What went wrong with one try, in words that name the host and the cause: "connection refused",
//! "no answer within 30 s", "TLS" — never reqwest's "error decoding response body".

use std::error::Error as StdError;
use std::time::Duration;

use crate::error::Error;

/// How long crm waits for a connection before calling the host unreachable (DESIGN §5).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A failed try, as the retry loop sees it.
pub(super) enum Broken {
    /// The request never left: any operation may be sent again.
    NotSent(String),
    /// It may have reached the vendor: only an idempotent operation is sent again.
    AfterSend(String),
    /// Sending again cannot help (refused, no such host, TLS, a request that cannot be built).
    Final(Error),
}

/// `host` or `host:port`, as a message names the server.
pub(super) fn host(url: &url::Url) -> String {
    let name = url.host_str().unwrap_or("the server");
    match url.port() {
        Some(port) => format!("{name}:{port}"),
        None => name.to_string(),
    }
}

/// A number of seconds as a message says it: `30 s`, `2.5 s`.
pub(super) fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

fn chain(e: &reqwest::Error) -> impl Iterator<Item = &(dyn StdError + 'static)> {
    std::iter::successors(e.source(), |e: &&(dyn StdError + 'static)| (*e).source())
}

fn io_kind(e: &reqwest::Error) -> Option<std::io::ErrorKind> {
    chain(e).find_map(|c| c.downcast_ref::<std::io::Error>().map(std::io::Error::kind))
}

/// The innermost cause's own words, short: hyper's "connection reset by peer", not reqwest's
/// wrapper around it.
fn root(e: &reqwest::Error) -> String {
    let text = chain(e)
        .last()
        .map(ToString::to_string)
        .unwrap_or_else(|| e.to_string());
    short(&text)
}

fn short(text: &str) -> String {
    const MAX: usize = 200;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// A request that failed before any answer came (`send` returned an error).
pub(super) fn sending(e: &reqwest::Error, host: &str, timeout: Duration) -> Broken {
    let words = chain(e)
        .map(|c| c.to_string().to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" / ");
    if e.is_builder() {
        // What a user typed that cannot go in a request (a value too long for a URL): a usage
        // error, at once, never retried.
        return Broken::Final(Error::usage_hint(
            format!("the request to {host} cannot be built: {}", root(e)),
            "a value given is too long, or cannot go in a URL: shorten it",
        ));
    }
    if e.is_connect() {
        if e.is_timeout() || io_kind(e) == Some(std::io::ErrorKind::TimedOut) {
            return Broken::NotSent(format!(
                "no connection to {host} within {}",
                secs(CONNECT_TIMEOUT)
            ));
        }
        if io_kind(e) == Some(std::io::ErrorKind::ConnectionRefused) {
            return Broken::Final(Error::Transient {
                message: format!(
                    "cannot connect to {host}: connection refused (is the base URL right, and \
                     the server up?)"
                ),
                outcome_unknown: None,
            });
        }
        if words.contains("dns error") || words.contains("failed to lookup address") {
            return Broken::Final(Error::Transient {
                message: format!(
                    "cannot find {host}: its name does not resolve ({})",
                    root(e)
                ),
                outcome_unknown: None,
            });
        }
        if ["tls", "certificate", "handshake"]
            .iter()
            .any(|w| words.contains(w))
        {
            return Broken::Final(Error::Transient {
                message: format!("the TLS handshake with {host} failed: {}", root(e)),
                outcome_unknown: None,
            });
        }
        return Broken::NotSent(format!("cannot connect to {host}: {}", root(e)));
    }
    if e.is_timeout() {
        return Broken::AfterSend(format!("no answer from {host} within {}", secs(timeout)));
    }
    Broken::AfterSend(format!("the connection to {host} failed: {}", root(e)))
}

/// An answer whose body did not arrive whole.
pub(super) fn receiving(e: &reqwest::Error, host: &str, timeout: Duration) -> String {
    if e.is_timeout() {
        format!(
            "the answer from {host} did not arrive in full within {}",
            secs(timeout)
        )
    } else {
        format!("the answer from {host} was cut off: {}", root(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_durations_read_plainly() {
        assert_eq!(
            host(&"https://api.hubapi.com/".parse().unwrap()),
            "api.hubapi.com"
        );
        assert_eq!(
            host(&"http://127.0.0.1:8080".parse().unwrap()),
            "127.0.0.1:8080"
        );
        assert_eq!(secs(Duration::from_secs(30)), "30 s");
        assert_eq!(secs(Duration::from_millis(2500)), "2.5 s");
        assert_eq!(short(&"x".repeat(1000)).chars().count(), 201);
    }
}
