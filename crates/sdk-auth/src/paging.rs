//! The page-walking engine behind every generated `stream()` method.
//!
//! The xtask generates, for each list operation with an `x-pagination` extension, a few lines of
//! glue that fetch one page; the walking itself lives here and is tested once. Streams hold at
//! most one page in memory, stop at the first error (yielding it), and never loop: numbered and
//! offset walks stop on a short page (or, with a known total, after the last page); 1-based
//! page-number walks stop after the last page the API announces or on an empty page; token walks
//! stop on an empty page, an empty token or a token seen before.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use futures::stream::{self, FuturesOrdered, Stream, StreamExt};

/// A boxed stream of items, each `Ok(item)` or the error that ended the walk.
pub type ItemStream<'a, T, E> = Pin<Box<dyn Stream<Item = Result<T, E>> + Send + 'a>>;

/// One fetched page of a numbered or offset walk.
#[derive(Debug)]
pub struct Page<T> {
    items: Vec<T>,
    total: Option<u64>,
}

impl<T> Page<T> {
    /// A page and, when the API reports it, the total number of items.
    pub fn new(items: Vec<T>, total: Option<u64>) -> Self {
        Self { items, total }
    }
}

/// One fetched page of a token walk.
#[derive(Debug)]
pub struct TokenPage<T> {
    items: Vec<T>,
    next: Option<String>,
}

impl<T> TokenPage<T> {
    /// A page and the token of the next one (`None` or empty when there is none).
    pub fn new(items: Vec<T>, next: Option<String>) -> Self {
        Self {
            items,
            next: next.filter(|t| !t.is_empty()),
        }
    }
}

/// Walks 0-based numbered pages (`page`, `size`), e.g. DDMC lists.
pub fn numbered_pages<'a, T, E, F, Fut>(page_size: u32, mut fetch: F) -> ItemStream<'a, T, E>
where
    F: FnMut(u32, u32) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, E>> + Send + 'a,
    T: Send + 'a,
    E: Send + 'a,
{
    let size = page_size.max(1);
    walk(Some(0u32), move |page| {
        let fut = fetch(page, size);
        async move {
            let p = fut.await?;
            let seen = (u64::from(page) + 1) * u64::from(size);
            let more = p.items.len() >= size as usize && p.total.is_none_or(|t| seen < t);
            Ok((p.items, more.then_some(page + 1)))
        }
    })
}

/// Walks `offset`/`limit` pages (management console lists) with up to `concurrency` requests in
/// flight, yielding items in order; `concurrency` 1 is the plain sequential walk. The page's own
/// `count` is never trusted as a total.
///
/// No total is needed: pages `0, 1, 2…` are requested ahead and the walk ends after the first
/// short page (at most `concurrency - 1` requests beyond the end are wasted, each answering an
/// empty page). Memory holds at most `concurrency` pages.
pub fn offset_pages_parallel<'a, T, E, F, Fut>(
    page_size: u32,
    concurrency: usize,
    fetch: F,
) -> ItemStream<'a, T, E>
where
    F: FnMut(u64, u64) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, E>> + Send + 'a,
    T: Send + 'a,
    E: Send + 'a,
{
    let limit = u64::from(page_size.max(1));
    let concurrency = concurrency.max(1);
    let start = (0u64, FuturesOrdered::new(), false, fetch);
    let pages = stream::unfold(
        start,
        move |(mut next, mut flight, done, mut fetch)| async move {
            if done {
                return None;
            }
            while flight.len() < concurrency {
                flight.push_back(fetch(next * limit, limit));
                next += 1;
            }
            // Requests beyond the end are dropped (cancelled) as soon as a short page arrives.
            match flight.next().await? {
                Ok(p) => {
                    let last = (p.items.len() as u64) < limit;
                    let items = p.items.into_iter().map(Ok).collect::<Vec<_>>();
                    let flight = if last { FuturesOrdered::new() } else { flight };
                    Some((items, (next, flight, last, fetch)))
                }
                Err(e) => Some((vec![Err(e)], (next, FuturesOrdered::new(), true, fetch))),
            }
        },
    );
    Box::pin(pages.flat_map(stream::iter))
}

/// Walks 1-based page numbers (`pageNumber`, `pageSize`), e.g. Druva legal hold v4 lists; the
/// page's `total` is the number of **pages** the API announces. Stops after page `total`, on an
/// empty page, or (with no total) on a page shorter than `page_size`.
pub fn page_number_pages<'a, T, E, F, Fut>(page_size: u32, mut fetch: F) -> ItemStream<'a, T, E>
where
    F: FnMut(u64, u32) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, E>> + Send + 'a,
    T: Send + 'a,
    E: Send + 'a,
{
    let size = page_size.max(1);
    walk(Some(1u64), move |page| {
        let fut = fetch(page, size);
        async move {
            let p = fut.await?;
            let more = !p.items.is_empty()
                && match p.total {
                    Some(total_pages) => page < total_pages,
                    None => p.items.len() >= size as usize,
                };
            Ok((p.items, more.then_some(page + 1)))
        }
    })
}

/// Walks next-page tokens, e.g. Druva lists. `fetch(None)` fetches the first page.
pub fn token_pages<'a, T, E, F, Fut>(mut fetch: F) -> ItemStream<'a, T, E>
where
    F: FnMut(Option<String>) -> Fut + Send + 'a,
    Fut: Future<Output = Result<TokenPage<T>, E>> + Send + 'a,
    T: Send + 'a,
    E: Send + 'a,
{
    // Every token handed out so far, the first page's `None` included implicitly.
    let seen: Arc<Mutex<HashSet<String>>> = Arc::default();
    walk(Some(None::<String>), move |token| {
        let fut = fetch(token);
        let seen = Arc::clone(&seen);
        async move {
            let p = fut.await?;
            let next = p.next.filter(|_| !p.items.is_empty()).filter(|n| {
                seen.lock()
                    .map(|mut s| s.insert(n.clone()))
                    .unwrap_or(false)
            });
            Ok((p.items, next.map(Some)))
        }
    })
}

/// The generic walk: `step(cursor)` returns a page's items and the next cursor, if any.
fn walk<'a, C, T, E, S, Fut>(first: Option<C>, mut step: S) -> ItemStream<'a, T, E>
where
    C: Send + 'a,
    S: FnMut(C) -> Fut + Send + 'a,
    Fut: Future<Output = Result<(Vec<T>, Option<C>), E>> + Send + 'a,
    T: Send + 'a,
    E: Send + 'a,
{
    let pages = stream::unfold(first, move |cursor| {
        let fut = cursor.map(&mut step);
        async move {
            match fut?.await {
                Ok((items, next)) => Some((items.into_iter().map(Ok).collect::<Vec<_>>(), next)),
                Err(e) => Some((vec![Err(e)], None)),
            }
        }
    });
    Box::pin(pages.flat_map(stream::iter))
}

/// Turns a generated response field into the page's items, whether the spec made it optional or not.
pub trait Items<T> {
    /// The items, empty when absent.
    fn into_items(self) -> Vec<T>;
}

impl<T> Items<T> for Vec<T> {
    fn into_items(self) -> Vec<T> {
        self
    }
}

impl<T> Items<T> for Option<Vec<T>> {
    fn into_items(self) -> Vec<T> {
        self.unwrap_or_default()
    }
}

/// Turns a generated next-token field into an optional token.
pub trait Token {
    /// The token, `None` when absent or empty.
    fn into_token(self) -> Option<String>;
}

impl Token for String {
    fn into_token(self) -> Option<String> {
        Some(self).filter(|t| !t.is_empty())
    }
}

impl Token for Option<String> {
    fn into_token(self) -> Option<String> {
        self.filter(|t| !t.is_empty())
    }
}

/// Reads a generated "more pages" flag (`nextPageExists`), whether the spec made it optional.
pub trait Flag {
    /// Whether the flag is present and true.
    fn is_set(&self) -> bool;
}

impl Flag for bool {
    fn is_set(&self) -> bool {
        *self
    }
}

impl Flag for Option<bool> {
    fn is_set(&self) -> bool {
        self.unwrap_or(false)
    }
}

/// Reads a generated total-count field of any integer type.
pub trait Count {
    /// The count, `None` when absent or negative.
    fn count(&self) -> Option<u64>;
}

macro_rules! count_impl {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(&self) -> Option<u64> {
                u64::try_from(*self).ok()
            }
        }
        impl Count for Option<$t> {
            fn count(&self) -> Option<u64> {
                self.and_then(|v| u64::try_from(v).ok())
            }
        }
    )*};
}
count_impl!(i32, i64, u32, u64);

#[cfg(test)]
mod tests {
    use super::*;

    fn run<T: Send, E: Send>(s: ItemStream<'_, T, E>) -> Vec<Result<T, E>> {
        futures::executor::block_on(s.collect())
    }

    #[test]
    fn numbered_walk_uses_the_total_and_short_pages() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = calls.clone();
        let s = numbered_pages(2, move |page, size| {
            log.lock().unwrap().push((page, size));
            async move {
                let all: Vec<u32> = (0..5).collect();
                let start = (page * size) as usize;
                let items = all
                    .iter()
                    .skip(start)
                    .take(size as usize)
                    .copied()
                    .collect();
                Ok::<_, ()>(Page::new(items, Some(5)))
            }
        });
        let items: Vec<u32> = run(s).into_iter().map(Result::unwrap).collect();
        assert_eq!(items, vec![0, 1, 2, 3, 4]);
        assert_eq!(*calls.lock().unwrap(), vec![(0, 2), (1, 2), (2, 2)]);
    }

    #[test]
    fn numbered_walk_stops_when_the_total_is_reached_on_a_full_page() {
        let calls = Arc::new(Mutex::new(0));
        let log = calls.clone();
        let s = numbered_pages(2, move |page, _| {
            *log.lock().unwrap() += 1;
            async move { Ok::<_, ()>(Page::new(vec![page * 2, page * 2 + 1], Some(4))) }
        });
        assert_eq!(run(s).len(), 4);
        assert_eq!(
            *calls.lock().unwrap(),
            2,
            "no third request for an empty page"
        );
    }

    #[test]
    fn offset_walk_ignores_counts_and_ends_on_a_short_page() {
        let s = offset_pages_parallel(3, 1, |offset, limit| async move {
            let items: Vec<u64> = (offset..(offset + limit).min(7)).collect();
            Ok::<_, ()>(Page::new(items, None))
        });
        let items: Vec<u64> = run(s).into_iter().map(Result::unwrap).collect();
        assert_eq!(items, (0..7).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn parallel_offset_walk_keeps_order_and_ends_on_a_short_page() {
        for concurrency in [1, 3, 8] {
            let calls = Arc::new(Mutex::new(0));
            let log = calls.clone();
            let s = offset_pages_parallel(3, concurrency, move |offset, limit| {
                *log.lock().unwrap() += 1;
                async move {
                    // Later pages answer sooner: the order must come from the walk, not timing.
                    let wait = 30u64.saturating_sub(offset);
                    tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
                    let items: Vec<u64> = (offset..(offset + limit).min(10)).collect();
                    Ok::<_, ()>(Page::new(items, None))
                }
            });
            let items: Vec<u64> = s.map(Result::unwrap).collect().await;
            assert_eq!(
                items,
                (0..10).collect::<Vec<_>>(),
                "concurrency {concurrency}"
            );
            assert!(
                *calls.lock().unwrap() < 4 + concurrency,
                "few wasted requests"
            );
        }
    }

    #[test]
    fn token_walk_stops_on_empty_page_empty_token_and_repeats() {
        // Empty token ends it.
        let s = token_pages(|t: Option<String>| async move {
            Ok::<_, ()>(match t.as_deref() {
                None => TokenPage::new(vec![1, 2], Some("a".into())),
                Some("a") => TokenPage::new(vec![3], Some(String::new())),
                _ => unreachable!(),
            })
        });
        assert_eq!(
            run(s).into_iter().map(Result::unwrap).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        // An empty page ends it even with a token.
        let s = token_pages(|t: Option<String>| async move {
            Ok::<_, ()>(match t.as_deref() {
                None => TokenPage::new(vec![1], Some("a".into())),
                _ => TokenPage::new(Vec::<i32>::new(), Some("b".into())),
            })
        });
        assert_eq!(run(s).len(), 1);
        // A repeated token ends it.
        let calls = Arc::new(Mutex::new(0));
        let log = calls.clone();
        let s = token_pages(move |_t: Option<String>| {
            *log.lock().unwrap() += 1;
            async move { Ok::<_, ()>(TokenPage::new(vec![1], Some("same".into()))) }
        });
        assert_eq!(run(s).len(), 2);
        assert_eq!(*calls.lock().unwrap(), 2);
    }

    #[test]
    fn token_walk_stops_on_a_token_cycle() {
        // a -> b -> a: the second `a` is not followed.
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = calls.clone();
        let s = token_pages(move |t: Option<String>| {
            log.lock().unwrap().push(t.clone());
            async move {
                Ok::<_, ()>(match t.as_deref() {
                    None => TokenPage::new(vec![1], Some("a".into())),
                    Some("a") => TokenPage::new(vec![2], Some("b".into())),
                    _ => TokenPage::new(vec![3], Some("a".into())),
                })
            }
        });
        assert_eq!(
            run(s).into_iter().map(Result::unwrap).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert_eq!(
            *calls.lock().unwrap(),
            vec![None, Some("a".to_string()), Some("b".to_string())]
        );
    }

    #[test]
    fn page_number_walk_is_one_based_and_uses_the_page_total() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = calls.clone();
        // 7 items, 3 per page: pages 1..=3, the API announcing 3 pages.
        let s = page_number_pages(3, move |page, size| {
            log.lock().unwrap().push((page, size));
            async move {
                let start = (page - 1) * u64::from(size);
                let items: Vec<u64> = (start..(start + u64::from(size)).min(7)).collect();
                Ok::<_, ()>(Page::new(items, Some(3)))
            }
        });
        let items: Vec<u64> = run(s).into_iter().map(Result::unwrap).collect();
        assert_eq!(items, (0..7).collect::<Vec<_>>());
        assert_eq!(*calls.lock().unwrap(), vec![(1, 3), (2, 3), (3, 3)]);
    }

    #[test]
    fn page_number_walk_stops_on_an_empty_page_despite_the_total() {
        let calls = Arc::new(Mutex::new(0));
        let log = calls.clone();
        // The API announces 10 pages but page 2 is empty.
        let s = page_number_pages(2, move |page, _| {
            *log.lock().unwrap() += 1;
            async move {
                let items = if page == 1 { vec![1, 2] } else { Vec::new() };
                Ok::<_, ()>(Page::new(items, Some(10)))
            }
        });
        assert_eq!(run(s).len(), 2);
        assert_eq!(*calls.lock().unwrap(), 2);
        // Without a total, a short page is the last one.
        let s = page_number_pages(2, |page, _| async move {
            Ok::<_, ()>(Page::new(
                if page == 1 { vec![1, 2] } else { vec![3] },
                None,
            ))
        });
        assert_eq!(run(s).len(), 3);
    }

    #[test]
    fn an_error_is_yielded_once_and_ends_the_walk() {
        let s = numbered_pages(1, |page, _| async move {
            if page == 1 {
                Err("boom")
            } else {
                Ok(Page::new(vec![page], None))
            }
        });
        let out = run(s);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0], Ok(0));
        assert_eq!(out[1], Err("boom"));
    }

    #[test]
    fn counts_and_tokens_normalise() {
        assert_eq!(Count::count(&Some(-1i32)), None);
        assert_eq!(Count::count(&7i64), Some(7));
        assert_eq!(Token::into_token(String::new()), None);
        assert_eq!(
            Token::into_token(Some("x".to_string())),
            Some("x".to_string())
        );
        assert_eq!(Items::<u8>::into_items(None::<Vec<u8>>), Vec::<u8>::new());
    }
}
