//! `-v` traces on stderr and `--dry-run` listings on stdout, with the token redacted.

use std::time::Duration;

use reqwest::header::HeaderMap;
use url::Url;

use super::Request;
use crate::error::Result;
use crate::streams::Streams;

/// Credentials in either direction: the token, and session cookies a server sets or gets back.
const REDACTED_HEADERS: [&str; 5] = [
    "authorization",
    "x-api-token",
    "cookie",
    "set-cookie",
    "proxy-authorization",
];

#[derive(Clone)]
pub struct Trace {
    pub verbose: bool,
    pub dry_run: bool,
    pub streams: Streams,
}

impl std::fmt::Debug for Trace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trace")
            .field("verbose", &self.verbose)
            .field("dry_run", &self.dry_run)
            .finish()
    }
}

fn header_lines(headers: &HeaderMap, prefix: &str) -> String {
    let mut out = String::new();
    for (name, value) in headers {
        let shown = if REDACTED_HEADERS.contains(&name.as_str()) {
            match value.to_str().ok().and_then(|v| v.split_once(' ')) {
                Some((scheme, _)) if name == "authorization" => format!("{scheme} (redacted)"),
                _ => "(redacted)".to_string(),
            }
        } else {
            value.to_str().unwrap_or("(binary)").to_string()
        };
        out.push_str(&format!("{prefix}{name}: {shown}\n"));
    }
    out
}

impl Trace {
    pub(super) fn dry_run_request(
        &self,
        request: &Request,
        url: &Url,
        headers: &HeaderMap,
    ) -> Result<()> {
        let mut text = format!("{} {}\n{}", request.method, url, header_lines(headers, ""));
        if let Some(body) = &request.body {
            text.push('\n');
            text.push_str(&serde_json::to_string_pretty(body).unwrap_or_default());
            text.push('\n');
        }
        text.push('\n');
        self.streams.out(&text)
    }

    pub(super) fn request(&self, request: &Request, url: &Url, headers: &HeaderMap) {
        if !self.verbose {
            return;
        }
        let mut text = format!(
            "> {} {}\n{}",
            request.method,
            url,
            header_lines(headers, "> ")
        );
        if let Some(body) = &request.body {
            text.push_str(&format!("> {body}\n"));
        }
        self.streams.err_line(text.trim_end());
    }

    pub(super) fn response(&self, status: u16, headers: &HeaderMap, body: &str, took: Duration) {
        if !self.verbose {
            return;
        }
        const SHOWN: usize = 2000;
        let shown: String = body.chars().take(SHOWN).collect();
        let cut = if body.chars().count() > SHOWN {
            " …"
        } else {
            ""
        };
        self.streams.err_line(&format!(
            "< {status} in {} ms\n{}< {shown}{cut}",
            took.as_millis(),
            header_lines(headers, "< ")
        ));
    }

    /// Why crm waits, on a terminal only: a script reads the exit code, a person wonders.
    pub(super) fn waiting(&self, why: &str) {
        if self.streams.stderr_is_terminal {
            self.streams.notice(why);
        }
    }

    pub(super) fn retrying(&self, why: &str, delay: Duration) {
        if self.verbose {
            self.streams.err_line(&format!(
                "* {why}; retrying in {:.1} s",
                delay.as_secs_f64()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn credentials_are_redacted_in_both_directions() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            HeaderValue::from_static("Bearer pat-SECRET"),
        );
        headers.insert("x-api-token", HeaderValue::from_static("SECRET40"));
        headers.insert("cookie", HeaderValue::from_static("sid=SECRET"));
        headers.append(
            "set-cookie",
            HeaderValue::from_static("__cf_bm=SECRET; path=/; HttpOnly"),
        );
        headers.append("set-cookie", HeaderValue::from_static("sid=SECRET2"));
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("20"));
        let text = header_lines(&headers, "< ");
        assert!(!text.contains("SECRET"), "{text}");
        assert!(
            text.contains("< authorization: Bearer (redacted)"),
            "{text}"
        );
        assert_eq!(
            text.matches("< set-cookie: (redacted)").count(),
            2,
            "{text}"
        );
        assert!(text.contains("< x-ratelimit-limit: 20"), "{text}");
    }
}
