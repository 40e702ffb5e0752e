//! Listing deals: `GET /api/v2/deals` (or `/deals/archived`) with Pipedrive's own filters and a
//! cursor; `--search` through `/api/v2/deals/search`, whose reduced items are read in full with
//! one `GET /api/v2/deals?ids=` per page, the filters search lacks applied to them here.

use futures::stream::{self, StreamExt, TryStreamExt};
use serde_json::Value;

use super::filters::{custom_filters, list_params, search_params, Local};
use super::wire::{data_items, id_text, next_cursor};
use super::{convert, costs, v2, Pipedrive};
use crate::adapter::DealPages;
use crate::error::{Error, Result};
use crate::http::prefetch::Prefetch;
use crate::http::Request;
use crate::model::{Deal, ListQuery};

/// The list endpoint's page size limit; search and `ids=` take at most 100.
const LIST_PAGE: usize = 500;
const SEARCH_PAGE: usize = 100;

struct Cursor {
    cursor: Option<String>,
    delivered: usize,
    done: bool,
}

/// A page as the cursor stream yields it: converted, or left to convert after the prefetch.
enum Fetched {
    Deals(Vec<Deal>),
    Body(Value),
}

enum Mode {
    List {
        archived: bool,
        params: Vec<(&'static str, String)>,
    },
    Search {
        params: Vec<(&'static str, String)>,
    },
}

impl Pipedrive {
    pub(super) async fn list_pages<'a>(&'a self, query: &ListQuery) -> Result<DealPages<'a>> {
        if query.search.is_some() && query.archived {
            return Err(Error::usage(
                "Pipedrive's search does not cover archived deals: use --archived without --search",
            ));
        }
        let (mode, local) = match &query.search {
            Some(text) => {
                let (params, local) = self
                    .with_fresh_meta(|m| search_params(query, text, m))
                    .await?;
                (Mode::Search { params }, local)
            }
            None => {
                let (params, custom) = self
                    .with_fresh_meta(|m| Ok((list_params(query, m)?, custom_filters(query, m)?)))
                    .await?;
                let local = Local::for_list(query, custom);
                (
                    Mode::List {
                        archived: query.archived,
                        params,
                    },
                    local,
                )
            }
        };
        if !local.is_empty() {
            self.env.notice(
                "Pipedrive cannot apply some of these filters itself: crm reads the matching \
                 pages and keeps the deals that pass them",
            );
        }
        let limit = query.limit;
        let with_contacts = query.with_contacts;
        let start = Cursor {
            cursor: None,
            delivered: 0,
            done: false,
        };
        // Plain pages are converted after the prefetch, while the next page is in flight; pages
        // whose deals decide when to stop (filters crm applies, a limit) or need more requests
        // (contacts) are converted on the way.
        let convert_later = local.is_empty() && !with_contacts && limit.is_none();
        let mode = std::sync::Arc::new(mode);
        let local = std::sync::Arc::new(local);
        let pages = stream::try_unfold(start, move |mut cur| {
            let mode = mode.clone();
            let local = local.clone();
            async move {
                if cur.done {
                    return Ok(None);
                }
                let room = limit.map_or(usize::MAX, |l| l - cur.delivered);
                let (mut deals, next) = match mode.as_ref() {
                    Mode::List { archived, params } => {
                        let size = if local.is_empty() {
                            room.min(LIST_PAGE)
                        } else {
                            LIST_PAGE
                        };
                        let body = self
                            .list_body(*archived, params, size, cur.cursor.as_deref())
                            .await?;
                        let next = next_cursor(&body);
                        if convert_later {
                            cur.done = next.is_none() || next == cur.cursor;
                            cur.cursor = next;
                            return Ok(Some((Fetched::Body(body), cur)));
                        }
                        (self.convert_page(&body).await?, next)
                    }
                    Mode::Search { params } => {
                        let size = if local.is_empty() {
                            room.min(SEARCH_PAGE)
                        } else {
                            SEARCH_PAGE
                        };
                        self.search_page(params, size, cur.cursor.as_deref())
                            .await?
                    }
                };
                deals.retain(|d| local.keeps(d));
                if with_contacts {
                    for deal in &mut deals {
                        let people = self.participants(&deal.id).await?;
                        convert::add_contacts(
                            deal,
                            people.iter().filter_map(convert::participant_person),
                        );
                    }
                }
                cur.delivered += deals.len();
                // A server that answers the same cursor again would page forever.
                let repeated = next.is_some() && next == cur.cursor;
                cur.cursor = next;
                cur.done =
                    cur.cursor.is_none() || repeated || limit.is_some_and(|l| cur.delivered >= l);
                Ok(Some((Fetched::Deals(deals), cur)))
            }
        });
        // The cursor is the critical path: the next page's request goes out while this one is
        // converted and written.
        let deals = Prefetch::new(pages.boxed()).and_then(move |fetched| async move {
            match fetched {
                Fetched::Deals(deals) => Ok(deals),
                Fetched::Body(body) => self.convert_page(&body).await,
            }
        });
        Ok(deals.boxed())
    }

    async fn convert_page(&self, body: &Value) -> Result<Vec<Deal>> {
        let meta = self.meta().await?;
        data_items(body)
            .into_iter()
            .map(|d| convert::to_deal(d, &meta, self.env.raw))
            .collect()
    }

    async fn list_body(
        &self,
        archived: bool,
        params: &[(&'static str, String)],
        size: usize,
        cursor: Option<&str>,
    ) -> Result<Value> {
        let (segments, tokens): (&[&str], u32) = if archived {
            (&["deals", "archived"], costs::ARCHIVED)
        } else {
            (&["deals"], costs::LIST)
        };
        let mut request = Request::get(v2(segments));
        for (k, v) in params {
            request = request.query(k, v);
        }
        request = request.query("limit", size);
        if let Some(c) = cursor {
            request = request.query("cursor", c);
        }
        self.send(request, tokens).await
    }

    async fn search_page(
        &self,
        params: &[(&'static str, String)],
        size: usize,
        cursor: Option<&str>,
    ) -> Result<(Vec<Deal>, Option<String>)> {
        let mut request = Request::get(v2(&["deals", "search"]));
        for (k, v) in params {
            request = request.query(k, v);
        }
        request = request.query("limit", size);
        if let Some(c) = cursor {
            request = request.query("cursor", c);
        }
        let body = self.send(request, costs::SEARCH).await?;
        let ids: Vec<String> = body
            .pointer("/data/items")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.pointer("/item/id").and_then(id_text))
                    .collect()
            })
            .unwrap_or_default();
        let next = next_cursor(&body);
        Ok((self.hydrate(&ids).await?, next))
    }

    /// Reads search hits in full (search items lack most fields), in the search's order.
    pub(super) async fn hydrate(&self, ids: &[String]) -> Result<Vec<Deal>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let meta = self.meta().await?;
        let mut deals = Vec::new();
        for chunk in ids.chunks(SEARCH_PAGE) {
            let request = Request::get(v2(&["deals"]))
                .query("ids", chunk.join(","))
                .query("limit", chunk.len());
            let body = self.send(request, costs::LIST).await?;
            for d in data_items(&body) {
                deals.push(convert::to_deal(d, &meta, self.env.raw)?);
            }
        }
        deals.sort_by_key(|d| ids.iter().position(|i| *i == d.id));
        Ok(deals)
    }
}
