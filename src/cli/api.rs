//! `crm api`: any endpoint of the account, with crm's auth, rate limiter, retries and traces.
//!
//! The request goes through the profile's own [`HttpClient`](crate::http::HttpClient), so the
//! token stays in a header, the limiter is the one every crm process on the account shares, and
//! retries follow the method's meaning. The vendor's answer goes to stdout whatever its status;
//! a refusal's message goes to stderr and sets the exit code.

use std::io::Read;

use clap::Args;
use reqwest::Method;
use serde_json::Value;
use url::Url;

use crate::adapter::spec::{NextPage, Paging};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::{prefetch, HttpClient, RawAnswer, Request};

mod outline;

const AFTER_HELP: &str = "\
PATH is relative to the profile's base URL; a full URL must have the profile's origin.
-f and -F build a JSON body for POST, PATCH and PUT, query parameters for GET and DELETE;
with fields or --input and no -X, the method is POST.
The vendor's answer goes to stdout, a refusal's message to stderr; the exit code says its class.

Examples:
  crm api -X GET /crm/v3/objects/deals -f limit=5 -f properties=dealname,amount   # HubSpot
  crm api /crm/v3/objects/deals/search -F limit=2 -i                              # HubSpot
  crm api /api/v2/deals?limit=100 --paginate                                      # Pipedrive
  crm api -X PATCH /api/v2/deals/42 -f title=Renewal -i                           # Pipedrive
  crm api /v2/deals -F per_page=100 -X GET --paginate --pages                     # Sell
  crm api -X GET /v2/stages --silent                                              # Sell";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ApiArgs {
    /// The path under the profile's base URL (`/crm/v3/objects/contacts`), or a full URL of the
    /// same origin
    #[arg(value_name = "PATH")]
    pub path: String,
    /// HTTP method [default: GET, or POST when a body is given]
    #[arg(short = 'X', long, value_name = "METHOD")]
    pub method: Option<String>,
    /// A string field (`key=value`): a body field, or a query parameter for GET and DELETE
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    pub raw_fields: Vec<String>,
    /// A typed field: numbers, true, false and null as JSON; `@FILE` the file's text (JSON when
    /// it parses)
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// The request body, a JSON file (`-` for stdin)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["raw_fields", "fields"])]
    pub input: Option<String>,
    /// An extra request header (`Name: value`)
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Print the status line and the answer's headers before its body
    #[arg(short = 'i', long)]
    pub include: bool,
    /// Do not print the answer's body
    #[arg(long)]
    pub silent: bool,
    /// Follow the vendor's paging to the last page, printing each page's items as NDJSON
    #[arg(long)]
    pub paginate: bool,
    /// With --paginate: print each page whole, one JSON line a page, instead of its items
    #[arg(long, requires = "paginate")]
    pub pages: bool,
}

pub async fn run(args: ApiArgs, ctx: &Context) -> Result<()> {
    let fields = fields(&args)?;
    let body = match &args.input {
        Some(file) => Some(read_input(file)?),
        None => None,
    };
    let method = match &args.method {
        Some(m) => Method::from_bytes(m.to_ascii_uppercase().as_bytes())
            .map_err(|_| Error::usage(format!("{m:?} is not an HTTP method")))?,
        None if body.is_some() || !fields.is_empty() => Method::POST,
        None => Method::GET,
    };
    let headers = args
        .headers
        .iter()
        .map(|h| {
            h.split_once(':')
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| Error::usage(format!("header {h:?} is not `Name: value`")))
        })
        .collect::<Result<Vec<_>>>()?;
    let (connection, http) = ctx.api_client()?;
    let path = relative_path(&args.path, http.base_url())?;
    let idempotent = matches!(
        method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    );
    let mut request = Request::new(method.clone(), path).idempotent(idempotent);
    request.extra_headers = headers;
    let in_query = matches!(method, Method::GET | Method::HEAD | Method::DELETE);
    if in_query {
        for (key, value) in fields {
            let text = match value {
                Value::String(s) => s,
                other => other.to_string(),
            };
            request = request.query(&key, text);
        }
    } else if !fields.is_empty() {
        request = request.json(body_of(fields)?);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    if args.paginate {
        let paging = &connection.vendor.spec().paging;
        return paginate(ctx, &args, &http, paging, request).await;
    }
    let answer = http.send_raw(request).await?;
    if args.include {
        print_head(ctx, &answer)?;
    }
    if !args.silent && !answer.text.is_empty() {
        let mut text = answer.text;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        ctx.streams.out(&text)?;
    }
    match answer.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// The status line and headers of an answer (`--include`).
fn print_head(ctx: &Context, answer: &RawAnswer) -> Result<()> {
    let mut head = format!("HTTP {}\n", answer.status);
    for (name, value) in &answer.headers {
        head.push_str(&format!(
            "{name}: {}\n",
            String::from_utf8_lossy(value.as_bytes())
        ));
    }
    head.push('\n');
    ctx.streams.out(&head)
}

/// `--paginate`: sends `request`, prints the page's items (or the page, `--pages`) as JSON lines,
/// and asks for the next page as the vendor's [`Paging`] says, until the last. One page is in
/// memory at a time besides the next one in flight: the next request goes out as soon as the
/// page's cursor is read, and the page is printed while it travels. A refusal on any page prints
/// its body and ends with its error.
async fn paginate(
    ctx: &Context,
    args: &ApiArgs,
    http: &HttpClient,
    paging: &Paging,
    mut request: Request,
) -> Result<()> {
    ctx.streams.json_lines();
    let mut in_flight = InFlight::send(http, request.clone());
    loop {
        let answer = in_flight.answer().await?;
        if args.include {
            print_head(ctx, &answer)?;
        }
        if let Some(error) = answer.error {
            if !args.silent {
                ctx.streams.out(&format!("{}\n", answer.text.trim_end()))?;
            }
            return Err(error);
        }
        let not_json = |subject: &str| {
            Error::usage(format!(
                "{subject} answered with something other than JSON: --paginate needs a list endpoint"
            ))
        };
        let subject = request.subject.clone();
        // The next request leaves before this page's items are parsed and printed: its cursor is
        // read off the page's outline. What is not a JSON object has no next page.
        let (outline, parsed) = match outline::of(&answer.text) {
            Some(outline) => (outline, None),
            None => {
                let page: Value =
                    serde_json::from_str(&answer.text).map_err(|_| not_json(&subject))?;
                (Value::Null, Some(page))
            }
        };
        if !args.pages {
            items(paging, parsed.as_ref().unwrap_or(&outline), &subject)?;
        }
        let last = match (paging.next)(&outline) {
            None => true,
            Some(next) => {
                request = next_request(request, next, http)?;
                in_flight = InFlight::send(http, request.clone());
                prefetch::let_it_leave().await;
                false
            }
        };
        let page = match parsed {
            Some(page) => page,
            None => serde_json::from_str(&answer.text).map_err(|_| not_json(&subject))?,
        };
        let lines = page_lines(args, paging, &page, &subject)?;
        if !args.silent {
            ctx.streams.out(&lines)?;
        }
        if last {
            return Ok(());
        }
    }
}

/// What `--paginate` prints of one page: its items, or the page whole with `--pages`.
fn page_lines(args: &ApiArgs, paging: &Paging, page: &Value, subject: &str) -> Result<String> {
    if args.pages {
        return Ok(format!("{page}\n"));
    }
    let mut lines = String::new();
    for item in items(paging, page, subject)? {
        lines.push_str(&item.to_string());
        lines.push('\n');
    }
    Ok(lines)
}

/// The page's items, or why `--paginate` cannot follow this endpoint.
fn items<'a>(paging: &Paging, page: &'a Value, subject: &str) -> Result<&'a Vec<Value>> {
    (paging.items)(page).ok_or_else(|| {
        Error::usage_hint(
            format!("{subject} answered with no list of items to page"),
            "--paginate follows list endpoints; --pages prints each answer whole",
        )
    })
}

/// `request` moved on to the page `next` points at.
fn next_request(mut request: Request, next: NextPage, http: &HttpClient) -> Result<Request> {
    match next {
        NextPage::Cursor { key, value } => match &mut request.body {
            Some(Value::Object(body)) => {
                body.insert(key.to_string(), Value::String(value));
            }
            _ => {
                request.query.retain(|(k, _)| k != key);
                request.query.push((key.to_string(), value));
            }
        },
        NextPage::Url(url) => {
            request.path = relative_path(&url, http.base_url())?;
            request.query.clear();
        }
    }
    Ok(request)
}

/// A page's request travelling on its own task while the previous page is printed; dropped
/// unanswered (a failed print), it is called off.
struct InFlight(tokio::task::JoinHandle<Result<RawAnswer>>);

impl InFlight {
    fn send(http: &HttpClient, request: Request) -> Self {
        let http = http.clone();
        InFlight(tokio::spawn(async move { http.send_raw(request).await }))
    }

    async fn answer(&mut self) -> Result<RawAnswer> {
        (&mut self.0)
            .await
            .map_err(|e| Error::internal(format!("a page request stopped: {e}")))?
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The fields of `-f` (strings) and `-F` (typed), in the order given.
fn fields(args: &ApiArgs) -> Result<Vec<(String, Value)>> {
    let split = |field: &String| {
        field
            .split_once('=')
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .ok_or_else(|| Error::usage(format!("field {field:?} is not `key=value`")))
    };
    let mut out = Vec::new();
    for field in &args.raw_fields {
        let (key, value) = split(field)?;
        out.push((key, Value::String(value)));
    }
    for field in &args.fields {
        let (key, value) = split(field)?;
        out.push((key, typed(&value)?));
    }
    Ok(out)
}

/// The JSON body of the fields; `key[inner]=v` nests as `gh api` does
/// (`-f properties[dealname]=Renewal` is `{"properties": {"dealname": "Renewal"}}`).
fn body_of(fields: Vec<(String, Value)>) -> Result<Value> {
    let mut body = Value::Object(serde_json::Map::new());
    for (key, value) in fields {
        let (head, rest) = key.split_once('[').unwrap_or((&key, ""));
        let mut names = vec![head];
        for part in rest.split('[').filter(|p| !p.is_empty()) {
            let name = part
                .strip_suffix(']')
                .ok_or_else(|| Error::usage(format!("field {key:?}: `[` without `]`")))?;
            names.push(name);
        }
        let mut slot = &mut body;
        for name in names {
            let Value::Object(map) = slot else {
                return Err(Error::usage(format!("field {key:?} nests under a value")));
            };
            slot = map
                .entry(name)
                .or_insert_with(|| Value::Object(serde_json::Map::new()));
        }
        *slot = value;
    }
    Ok(body)
}

/// A `-F` value as `gh api` reads it: JSON literals and numbers typed, `@FILE` the file's content.
fn typed(value: &str) -> Result<Value> {
    if let Some(file) = value.strip_prefix('@') {
        let text = read_text(file)?;
        return Ok(serde_json::from_str(&text).unwrap_or(Value::String(text)));
    }
    Ok(match value {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        _ => match serde_json::from_str::<serde_json::Number>(value) {
            Ok(n) => Value::Number(n),
            Err(_) => Value::String(value.to_string()),
        },
    })
}

fn read_text(file: &str) -> Result<String> {
    let mut text = String::new();
    let read = if file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    read.map_err(|e| Error::usage(format!("cannot read {file}: {e}")))?;
    Ok(text)
}

/// The `--input` body: JSON, as every vendor's API takes.
fn read_input(file: &str) -> Result<Value> {
    let text = read_text(file)?;
    serde_json::from_str(&text)
        .map_err(|e| Error::usage(format!("--input {file} is not JSON: {e}")))
}

/// `path` as the client takes it: under the base URL. A full URL must start with the profile's
/// base URL (its origin and path), so the token never goes to another server.
fn relative_path(path: &str, base: &Url) -> Result<String> {
    let base_text = base.as_str().trim_end_matches('/');
    if path.contains("://") {
        let url = Url::parse(path).map_err(|e| Error::usage(format!("{path:?}: {e}")))?;
        let rest = (url.origin() == base.origin())
            .then(|| url.as_str().strip_prefix(base_text))
            .flatten()
            .filter(|rest| rest.is_empty() || rest.starts_with(['/', '?']));
        return match rest {
            Some(rest) => Ok(rest.to_string()),
            None => Err(Error::usage_hint(
                format!(
                    "{} is not the profile's server ({}): crm sends the token only there",
                    url.origin().ascii_serialization(),
                    base_text
                ),
                "give a path under the profile's base URL, or choose the profile with --profile",
            )),
        };
    }
    Ok(if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_urls_only_of_the_profiles_server() {
        let base = Url::parse("https://api.hubapi.com").unwrap();
        assert_eq!(relative_path("crm/v3/x", &base).unwrap(), "/crm/v3/x");
        assert_eq!(
            relative_path("https://api.hubapi.com/crm/v3/x?a=1", &base).unwrap(),
            "/crm/v3/x?a=1"
        );
        for other in [
            "https://evil.example/crm/v3/x",
            "http://api.hubapi.com/crm",
            "https://api.hubapi.com.evil.example/crm",
        ] {
            assert_eq!(relative_path(other, &base).unwrap_err().exit_code(), 2);
        }
    }

    #[test]
    fn bracketed_keys_nest() {
        let body = body_of(vec![
            ("properties[dealname]".into(), Value::from("Renewal")),
            ("properties[amount]".into(), Value::from(5)),
            ("archived".into(), Value::Bool(false)),
        ])
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"properties": {"dealname": "Renewal", "amount": 5}, "archived": false})
        );
    }

    #[test]
    fn typed_fields_read_as_gh_does() {
        assert_eq!(typed("5").unwrap(), Value::from(5));
        assert_eq!(typed("true").unwrap(), Value::Bool(true));
        assert_eq!(typed("null").unwrap(), Value::Null);
        assert_eq!(typed("Ana").unwrap(), Value::from("Ana"));
    }
}
