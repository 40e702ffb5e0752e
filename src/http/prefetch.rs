//! Keeps the next page's request in flight while the caller writes the current page.
//!
//! A cursor (HubSpot's `after`, Pipedrive's `cursor`) makes pages strictly sequential, so the
//! least time of a long list is one round trip per page; without this, the time spent
//! converting and writing each page would come on top of every round trip.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{Fuse, Stream, StreamExt};

pub struct Prefetch<S: Stream> {
    inner: Fuse<S>,
    ready: Option<S::Item>,
}

impl<S: Stream + Unpin> Prefetch<S> {
    pub fn new(inner: S) -> Self {
        Prefetch {
            inner: inner.fuse(),
            ready: None,
        }
    }
}

// Items are only moved, never pinned, and the inner stream is `Unpin` itself.
impl<S: Stream + Unpin> Unpin for Prefetch<S> {}

impl<S: Stream + Unpin> Stream for Prefetch<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let this = &mut *self;
        let item = match this.ready.take() {
            Some(item) => item,
            None => match Pin::new(&mut this.inner).poll_next(cx) {
                Poll::Ready(Some(item)) => item,
                other => return other,
            },
        };
        // Polling once sends the next request; its answer is picked up on the next call.
        if let Poll::Ready(Some(next)) = Pin::new(&mut this.inner).poll_next(cx) {
            this.ready = Some(next);
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
}
