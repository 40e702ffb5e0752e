//! Keeps the next page's request in flight while the caller writes the current page.
//!
//! A cursor (HubSpot's `after`, Pipedrive's `cursor`) makes pages strictly sequential, so the
//! least time of a long list is one round trip per page; without this, the time spent
//! converting and writing each page would come on top of every round trip.
//!
//! crm's client commands run on one thread, where nothing moves while the caller converts a
//! page. Polling the next request once is not always enough to put it on the wire: hyper first
//! takes the connection back into its pool, then writes, each on a later turn of the runtime.
//! So before it hands over a page, the stream yields a few turns while that request is still
//! on its way ([`YIELDS`]); a request waiting on anything slower (a new connection, the rate
//! limiter) goes on when the caller next asks for a page.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{Fuse, Stream, StreamExt};

/// Turns of the runtime a page waits for the next request to leave; each costs microseconds.
const YIELDS: u8 = 8;

/// Lets a request just handed to its own task leave before the caller goes on with work that
/// keeps the thread busy (the same few turns [`Prefetch`] waits).
pub async fn let_it_leave() {
    for _ in 0..YIELDS {
        tokio::task::yield_now().await;
    }
}

pub struct Prefetch<S: Stream> {
    inner: Fuse<S>,
    /// The next item, already answered.
    ready: Option<S::Item>,
    /// The item to hand over once the next request has left, and the turns waited so far.
    held: Option<(S::Item, u8)>,
}

impl<S: Stream + Unpin> Prefetch<S> {
    pub fn new(inner: S) -> Self {
        Prefetch {
            inner: inner.fuse(),
            ready: None,
            held: None,
        }
    }
}

// Items are only moved, never pinned, and the inner stream is `Unpin` itself.
impl<S: Stream + Unpin> Unpin for Prefetch<S> {}

impl<S: Stream + Unpin> Stream for Prefetch<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let this = &mut *self;
        let (item, waited) = match this.held.take() {
            Some(held) => held,
            None => {
                let item = match this.ready.take() {
                    Some(item) => item,
                    None => match Pin::new(&mut this.inner).poll_next(cx) {
                        Poll::Ready(Some(item)) => item,
                        other => return other,
                    },
                };
                (item, 0)
            }
        };
        // Polling starts the next request (and moves it on); its answer is picked up later.
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(next) => this.ready = next,
            Poll::Pending if waited < YIELDS => {
                this.held = Some((item, waited + 1));
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            Poll::Pending => {}
        }
        Poll::Ready(Some(item))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn starts_the_next_item_before_the_current_one_is_used() {
        let started = Arc::new(AtomicUsize::new(0));
        let counter = started.clone();
        let inner = futures::stream::unfold(0, move |n| {
            let counter = counter.clone();
            async move {
                if n == 3 {
                    return None;
                }
                counter.fetch_add(1, Ordering::SeqCst);
                tokio::task::yield_now().await;
                Some((n, n + 1))
            }
        })
        .boxed();
        let mut pages = Prefetch::new(inner);
        assert_eq!(pages.next().await, Some(0));
        assert_eq!(
            started.load(Ordering::SeqCst),
            2,
            "page 1 already asked for"
        );
        let rest: Vec<i32> = pages.collect().await;
        assert_eq!(rest, [1, 2]);
        assert_eq!(started.load(Ordering::SeqCst), 3);
    }

    /// On one thread (crm's client runtime; `#[tokio::test]`'s), a request handed to the
    /// connection is written on the connection task's own turn: the page must not be handed
    /// over, and the thread kept busy converting it, before that turn came.
    #[tokio::test]
    async fn the_next_request_leaves_before_the_page_is_handed_over() {
        let (to_connection, mut handed) = tokio::sync::mpsc::unbounded_channel::<usize>();
        let written = Arc::new(AtomicUsize::new(0));
        let on_wire = written.clone();
        tokio::spawn(async move {
            while let Some(request) = handed.recv().await {
                on_wire.store(request, Ordering::SeqCst);
            }
        });
        let inner = futures::stream::unfold(0usize, move |page| {
            let to_connection = to_connection.clone();
            async move {
                if page == 3 {
                    return None;
                }
                to_connection.send(page + 1).unwrap();
                if page > 0 {
                    // The answer takes a round trip.
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                Some((page, page + 1))
            }
        })
        .boxed();
        let mut pages = Prefetch::new(inner);
        assert_eq!(pages.next().await, Some(0));
        assert_eq!(
            written.load(Ordering::SeqCst),
            2,
            "page 1's request was written before page 0 was handed over"
        );
        let rest: Vec<usize> = pages.collect().await;
        assert_eq!(rest, [1, 2]);
    }
}
