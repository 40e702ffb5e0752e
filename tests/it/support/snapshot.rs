//! The one insta configuration of the suite: what varies from run to run is masked, so a snapshot
//! changes only when what users see does.

use wiremock::MockServer;

/// Snapshot settings for commands run against `server`: its address (random per run) reads
/// `http://[server]` in URLs and `[server]` where a network failure names the host, and Sell's
/// `logref` ids read `[id]`.
pub fn settings(server: &MockServer) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.add_filter(&regex_escape(&server.uri()), "http://[server]");
    s.add_filter(&regex_escape(&server.address().to_string()), "[server]");
    s.add_filter(r"logref [0-9a-f-]{36}", "logref [id]");
    s
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}
