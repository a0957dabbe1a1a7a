//! The page-walking engine behind every generated `stream()` method.
//!
//! The xtask generates, for each list operation with an `x-pagination` extension, a few lines of
//! glue that fetch one page; the walking itself lives here and is tested once.
//!
//! Walks are exact on servers that cap the page size below what was asked (the console says
//! "the actual upper limit is decided by the API service"; DDMC and Druva cap too): offsets
//! advance by the items received, page numbers are recomputed from the page size the server
//! actually used, and a short page ends a walk only when the API says it is the end (an empty
//! page, a reported total reached, the last announced page, no next token). Streams hold at most
//! a few pages in memory, stop at the first error (yielding it) and never loop.

use std::any::Any;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

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
    /// A page and, when the API reports it, the total (of items, or of pages for
    /// [`page_number_pages`]).
    pub fn new(items: Vec<T>, total: Option<u64>) -> Self {
        Self { items, total }
    }
}

/// One fetched page of a token walk.
#[derive(Debug)]
pub struct TokenPage<T> {
    items: Vec<T>,
    next: Option<String>,
    resume: Option<String>,
}

impl<T> TokenPage<T> {
    /// A page and the token of the next one (`None` or empty when there is none).
    pub fn new(items: Vec<T>, next: Option<String>) -> Self {
        let next = next.filter(|t| !t.is_empty());
        Self {
            items,
            resume: next.clone(),
            next,
        }
    }

    /// Also records the token a later walk resumes from (inSync's `tracker`, handed out even on
    /// the last page), when it differs from the next-page token.
    pub fn with_resume(mut self, resume: Option<String>) -> Self {
        self.resume = resume.filter(|t| !t.is_empty()).or(self.resume);
        self
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Where a page-numbered walk goes after a page of `got` items when `received` items have
/// arrived in all: the same size and the next page, or (when the server used another page size
/// than asked) a size that divides `received`, so that `page * size` is exactly `received`.
fn next_numbered(size: u64, got: u64, received: u64) -> (u64, u64) {
    if got == size {
        (size, received / size)
    } else {
        let size = gcd(received, got).max(1);
        (size, received / size)
    }
}

/// Walks 0-based numbered pages (`page`, `size`), e.g. DDMC lists, where the page's `total` is
/// the number of items the API reports. Ends on an empty page or when the total is reached.
pub fn numbered_pages<'a, T, E, F, Fut>(page_size: u32, mut fetch: F) -> ItemStream<'a, T, E>
where
    F: FnMut(u32, u32) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, E>> + Send + 'a,
    T: Send + 'static,
    E: Send + 'static,
{
    let asked = u64::from(page_size.max(1));
    // (page, size, items received so far)
    walk(Some((0u64, asked, 0u64)), move |(page, size, received)| {
        let fut = fetch(
            u32::try_from(page).unwrap_or(u32::MAX),
            u32::try_from(size).unwrap_or(u32::MAX),
        );
        async move {
            let p = fut.await?;
            let got = p.items.len() as u64;
            let received = received + got;
            let done = got == 0 || p.total.is_some_and(|t| received >= t);
            let (size, page) = next_numbered(size, got, received);
            Ok((p.items, (!done).then_some((page, size, received))))
        }
    })
}

/// Walks 1-based page numbers (`pageNumber`, `pageSize`), e.g. Druva legal hold v4 lists; the
/// page's `total` is the number of **pages** the API announces. Ends on an empty page or after
/// the last page announced.
pub fn page_number_pages<'a, T, E, F, Fut>(page_size: u32, mut fetch: F) -> ItemStream<'a, T, E>
where
    F: FnMut(u64, u32) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, E>> + Send + 'a,
    T: Send + 'static,
    E: Send + 'static,
{
    let asked = u64::from(page_size.max(1));
    walk(Some((1u64, asked, 0u64)), move |(page, size, received)| {
        let fut = fetch(page, u32::try_from(size).unwrap_or(u32::MAX));
        async move {
            let p = fut.await?;
            let got = p.items.len() as u64;
            let received = received + got;
            let done = got == 0 || p.total.is_some_and(|pages| page >= pages);
            let (size, index) = next_numbered(size, got, received);
            Ok((p.items, (!done).then_some((index + 1, size, received))))
        }
    })
}

/// Walks `offset`/`limit` pages (management console lists) with up to `concurrency` requests in
/// flight, yielding items in order; `concurrency` 1 is the plain sequential walk. The page's own
/// `count` is never trusted as a total. Pages are fetched (and decoded) by the task that polls
/// the stream; see [`offset_pages_spawned`] for pages decoded on every core.
///
/// The first page, asked with `page_size`, tells the page size the server really serves; later
/// pages are planned with it. A page shorter than planned is followed by a request for the gap
/// before the walk goes on, so a server that caps or changes its page size loses nothing; the
/// walk ends on an empty page (at most `concurrency - 1` requests beyond the end are cancelled).
pub fn offset_pages_parallel<'a, T, E, F, Fut>(
    page_size: u32,
    concurrency: usize,
    mut fetch: F,
) -> ItemStream<'a, T, E>
where
    F: FnMut(u64, u64) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, E>> + Send + 'a,
    T: Send + 'static,
    E: Send + 'static,
{
    typed_items(offset_walk(
        page_size,
        concurrency,
        Box::new(move |offset, limit| Box::pin(erased(fetch(offset, limit)))),
    ))
}

/// [`offset_pages_parallel`] with every page fetched and decoded on a runtime worker
/// (`tokio::spawn`), so that decoding uses every core; the page tasks are aborted when the
/// stream is dropped. Outside a tokio runtime the pages are fetched inline.
pub fn offset_pages_spawned<T, E, F, Fut>(
    page_size: u32,
    concurrency: usize,
    mut fetch: F,
) -> ItemStream<'static, T, E>
where
    F: FnMut(u64, u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    typed_items(offset_walk(
        page_size,
        concurrency,
        Box::new(move |offset, limit| spawned(Box::pin(erased(fetch(offset, limit))))),
    ))
}

/// Runs a page on a runtime worker when there is a runtime, inline otherwise. Not generic: the
/// spawning machinery is compiled once, not once per list operation.
fn spawned(page: ErasedPageFuture<'static>) -> ErasedPageFuture<'static> {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => Box::pin(Spawned(handle.spawn(page))),
        Err(_) => page,
    }
}

/// A spawned page: aborted when dropped; a panic in it is resumed in the stream's task.
struct Spawned<O>(tokio::task::JoinHandle<O>);

impl<O> Future for Spawned<O> {
    type Output = O;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        match Pin::new(&mut self.0).poll(cx) {
            Poll::Ready(Ok(out)) => Poll::Ready(out),
            Poll::Ready(Err(e)) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Poll::Ready(Err(e)) => {
                panic!("a page task was cancelled while its stream was alive: {e}")
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<O> Drop for Spawned<O> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

// The walks are type-erased: their pages carry their items (`Vec<T>`), their error (`E`) and
// the cursor of a cursor walk as `Box<dyn Any>`, so that the walks (`offset_walk`,
// `cursor_walk`), the offset walk's `FuturesOrdered`, its page tasks and their tokio machinery
// are compiled once here instead of once per list operation of every SDK (they were a fifth of
// mgmt-sdk's LLVM IR, BENCHMARKS.md). Only the small erasing and unerasing adapters are generic;
// each pair is made by one generic call with the same types, so the downcasts cannot fail.

/// A page's items (`Vec<T>`) or error (`E`), type-erased.
type Erased = Box<dyn Any + Send>;

/// A fetched page whose items are erased, with their number.
struct ErasedPage {
    items: Erased,
    len: usize,
}

/// A boxed erased page future.
type ErasedPageFuture<'a> = Pin<Box<dyn Future<Output = Result<ErasedPage, Erased>> + Send + 'a>>;

/// What launches the request for `(offset, limit)`.
type Launch<'a> = Box<dyn FnMut(u64, u64) -> ErasedPageFuture<'a> + Send + 'a>;

/// The erased walk's output: each page's items and how many of them to keep, or the error.
type ErasedPages<'a> = Pin<Box<dyn Stream<Item = Result<(Erased, usize), Erased>> + Send + 'a>>;

/// Erases a typed page future.
async fn erased<T, E, Fut>(page: Fut) -> Result<ErasedPage, Erased>
where
    Fut: Future<Output = Result<Page<T>, E>>,
    T: Send + 'static,
    E: Send + 'static,
{
    match page.await {
        Ok(page) => Ok(ErasedPage {
            len: page.items.len(),
            items: Box::new(page.items),
        }),
        Err(e) => Err(Box::new(e)),
    }
}

/// Takes back what [`erased`] boxed.
fn unerase<X: 'static>(value: Erased) -> X {
    match value.downcast::<X>() {
        Ok(value) => *value,
        // The erasing and unerasing adapters are instantiated together with the same types.
        Err(_) => unreachable!("a walk's page or cursor changed type"),
    }
}

/// The erased walk's pages as a typed item stream.
fn typed_items<'a, T, E>(pages: ErasedPages<'a>) -> ItemStream<'a, T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    Box::pin(pages.flat_map(|page| {
        stream::iter(match page {
            Ok((items, keep)) => {
                let mut items = unerase::<Vec<T>>(items);
                items.truncate(keep);
                items.into_iter().map(Ok).collect::<Vec<_>>()
            }
            Err(e) => vec![Err(unerase::<E>(e))],
        })
    }))
}

/// The state of an offset walk between two pages.
struct OffsetWalk<'a> {
    launch: Launch<'a>,
    /// Requests in flight, in item order, with the (offset, limit) each asked.
    flight: FuturesOrdered<Tagged<ErasedPageFuture<'a>>>,
    /// The offset of the first item not yet planned.
    frontier: u64,
    /// The page size the server serves (learnt from the first page).
    size: Option<u64>,
    concurrency: usize,
    done: bool,
}

/// A page future with the (offset, limit) it asked for.
struct Tagged<F>(u64, u64, F);

impl<O, F: Future<Output = O> + Unpin> Future for Tagged<F> {
    type Output = (u64, u64, O);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let (offset, limit) = (self.0, self.1);
        Pin::new(&mut self.2)
            .poll(cx)
            .map(|out| (offset, limit, out))
    }
}

fn offset_walk<'a>(page_size: u32, concurrency: usize, launch: Launch<'a>) -> ErasedPages<'a> {
    let limit = u64::from(page_size.max(1));
    let mut state = OffsetWalk {
        launch,
        flight: FuturesOrdered::new(),
        frontier: limit,
        size: None,
        concurrency: concurrency.max(1),
        done: false,
    };
    let probe = (state.launch)(0, limit);
    state.flight.push_back(Tagged(0, limit, probe));
    Box::pin(stream::unfold(state, |mut s| async move {
        if s.done {
            return None;
        }
        let (offset, limit, result) = s.flight.next().await?;
        let page = match result {
            Ok(page) => page,
            Err(e) => {
                s.done = true;
                s.flight = FuturesOrdered::new();
                return Some((Err(e), s));
            }
        };
        let got = page.len as u64;
        if got == 0 {
            // The API's end of the list: the requests beyond it are dropped (cancelled).
            s.done = true;
            s.flight = FuturesOrdered::new();
            return Some((Ok((page.items, 0)), s));
        }
        // More than asked: the next planned request brings the rest.
        let got = got.min(limit);
        if s.size.is_none() {
            // The first page tells the page size the server serves.
            s.size = Some(got);
            s.frontier = got;
        } else if got < limit {
            // A short page that is not the end: ask for the gap before anything later.
            let fill = (s.launch)(offset + got, limit - got);
            s.flight.push_front(Tagged(offset + got, limit - got, fill));
        }
        let size = s.size.unwrap_or(limit);
        while s.flight.len() < s.concurrency {
            let next = (s.launch)(s.frontier, size);
            s.flight.push_back(Tagged(s.frontier, size, next));
            s.frontier += size;
        }
        let keep = usize::try_from(got).unwrap_or(usize::MAX);
        Some((Ok((page.items, keep)), s))
    }))
}

/// The token a resumable walk hands back: after the stream ends, where the next walk starts
/// (inSync's final `tracker`, for a poller that persists it).
#[derive(Debug, Clone, Default)]
pub struct Resume(Arc<Mutex<Option<String>>>);

impl Resume {
    /// The latest token the API handed out, `None` before the first page.
    pub fn token(&self) -> Option<String> {
        self.0.lock().ok().and_then(|t| t.clone())
    }
}

/// Walks next-page tokens, e.g. Druva lists. `fetch(None)` fetches the first page.
pub fn token_pages<'a, T, E, F, Fut>(fetch: F) -> ItemStream<'a, T, E>
where
    F: FnMut(Option<String>) -> Fut + Send + 'a,
    Fut: Future<Output = Result<TokenPage<T>, E>> + Send + 'a,
    T: Send + 'static,
    E: Send + 'static,
{
    token_pages_resumable(fetch).0
}

/// [`token_pages`], also handing back the last token the API gave ([`Resume`]), from which a
/// later walk starts where this one stopped.
pub fn token_pages_resumable<'a, T, E, F, Fut>(mut fetch: F) -> (ItemStream<'a, T, E>, Resume)
where
    F: FnMut(Option<String>) -> Fut + Send + 'a,
    Fut: Future<Output = Result<TokenPage<T>, E>> + Send + 'a,
    T: Send + 'static,
    E: Send + 'static,
{
    let resume = Resume::default();
    let cell = resume.clone();
    // Every token handed out so far, the first page's `None` included implicitly.
    let seen: Arc<Mutex<HashSet<String>>> = Arc::default();
    let stream = walk(Some(None::<String>), move |token| {
        let fut = fetch(token);
        let seen = Arc::clone(&seen);
        let cell = cell.clone();
        async move {
            let p = fut.await?;
            if let (Some(r), Ok(mut slot)) = (&p.resume, cell.0.lock()) {
                *slot = Some(r.clone());
            }
            let next = p.next.filter(|_| !p.items.is_empty()).filter(|n| {
                seen.lock()
                    .map(|mut s| s.insert(n.clone()))
                    .unwrap_or(false)
            });
            Ok((p.items, next.map(Some)))
        }
    });
    (stream, resume)
}

/// The generic walk: `step(cursor)` returns a page's items and the next cursor, if any. Erased
/// like the offset walk: only the adapters are compiled per list operation.
fn walk<'a, C, T, E, S, Fut>(first: Option<C>, mut step: S) -> ItemStream<'a, T, E>
where
    C: Send + 'static,
    S: FnMut(C) -> Fut + Send + 'a,
    Fut: Future<Output = Result<(Vec<T>, Option<C>), E>> + Send + 'a,
    T: Send + 'static,
    E: Send + 'static,
{
    typed_items(cursor_walk(
        first.map(|c| Box::new(c) as Erased),
        Box::new(move |cursor| {
            let page = step(unerase::<C>(cursor));
            Box::pin(async move {
                match page.await {
                    Ok((items, next)) => Ok((
                        Box::new(items) as Erased,
                        next.map(|c| Box::new(c) as Erased),
                    )),
                    Err(e) => Err(Box::new(e) as Erased),
                }
            })
        }),
    ))
}

/// A boxed erased step of a cursor walk: the page's items and the next cursor, or the error.
type ErasedStep<'a> =
    Pin<Box<dyn Future<Output = Result<(Erased, Option<Erased>), Erased>> + Send + 'a>>;

/// The erased cursor walk behind [`walk`].
fn cursor_walk<'a>(
    first: Option<Erased>,
    mut step: Box<dyn FnMut(Erased) -> ErasedStep<'a> + Send + 'a>,
) -> ErasedPages<'a> {
    Box::pin(stream::unfold(first, move |cursor| {
        let page = cursor.map(&mut step);
        async move {
            match page?.await {
                Ok((items, next)) => Some((Ok((items, usize::MAX)), next)),
                Err(e) => Some((Err(e), None)),
            }
        }
    }))
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
            // 4 pages of items, one empty page, and at most two rounds in flight past the end.
            assert!(
                *calls.lock().unwrap() <= 5 + 2 * concurrency,
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
        // Without a total, the walk goes on past a short page until an empty one.
        let s = page_number_pages(2, |page, size| async move {
            let start = (page - 1) * u64::from(size);
            let items: Vec<u64> = (start..(start + u64::from(size)).min(3)).collect();
            Ok::<_, ()>(Page::new(items, None))
        });
        assert_eq!(
            run(s).into_iter().map(Result::unwrap).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
    }

    /// How a capping server maps a page request onto its list.
    #[derive(Clone, Copy, Debug)]
    enum Cap {
        /// The size is clamped first, then the page is `page * clamped`.
        ClampThenMultiply,
        /// The page starts at `page * asked`, then the count is clamped.
        MultiplyThenClamp,
    }

    fn numbered_server(n: u64, cap: u64, how: Cap, page: u64, size: u64) -> Vec<u64> {
        let count = size.min(cap);
        let start = match how {
            Cap::ClampThenMultiply => page * count,
            Cap::MultiplyThenClamp => page * size,
        };
        (start.min(n)..(start + count).min(n)).collect()
    }

    #[test]
    fn every_walk_is_exact_on_a_server_that_caps_page_sizes() {
        for n in [0u64, 1, 2, 7, 20, 23] {
            for cap in [1u64, 2, 3, 5, 7, 200] {
                for asked in [1u32, 3, 5, 10] {
                    let want: Vec<u64> = (0..n).collect();
                    for how in [Cap::ClampThenMultiply, Cap::MultiplyThenClamp] {
                        for with_total in [true, false] {
                            let s = numbered_pages(asked, move |page, size| async move {
                                let items = numbered_server(n, cap, how, page.into(), size.into());
                                Ok::<_, ()>(Page::new(items, with_total.then_some(n)))
                            });
                            let got: Vec<u64> = run(s).into_iter().map(Result::unwrap).collect();
                            assert_eq!(got, want, "numbered n={n} cap={cap} asked={asked} {how:?}");

                            let s = page_number_pages(asked, move |page, size| async move {
                                let size = u64::from(size);
                                let items = numbered_server(n, cap, how, page - 1, size);
                                let pages = n.div_ceil(size.min(cap));
                                Ok::<_, ()>(Page::new(items, with_total.then_some(pages)))
                            });
                            let got: Vec<u64> = run(s).into_iter().map(Result::unwrap).collect();
                            assert_eq!(
                                got, want,
                                "page-number n={n} cap={cap} asked={asked} {how:?}"
                            );
                        }
                    }
                    for concurrency in [1usize, 2, 8] {
                        let s = offset_pages_parallel(
                            asked,
                            concurrency,
                            move |offset, limit| async move {
                                let count = limit.min(cap);
                                Ok::<_, ()>(Page::new(
                                    (offset.min(n)..(offset + count).min(n)).collect(),
                                    None,
                                ))
                            },
                        );
                        let got: Vec<u64> = run(s).into_iter().map(Result::unwrap).collect();
                        assert_eq!(
                            got, want,
                            "offset n={n} cap={cap} asked={asked} c={concurrency}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn an_offset_walk_fills_the_gap_when_the_cap_changes_mid_walk() {
        // The server serves 4 per page, then (under load) 3, then 4 again.
        let calls = Arc::new(Mutex::new(0u32));
        let log = calls.clone();
        let s = offset_pages_parallel(10, 3, move |offset, limit| {
            let call = {
                let mut c = log.lock().unwrap();
                *c += 1;
                *c
            };
            async move {
                let cap = if call == 3 { 3 } else { 4 };
                let count = limit.min(cap);
                Ok::<_, ()>(Page::new(
                    (offset.min(30)..(offset + count).min(30)).collect::<Vec<u64>>(),
                    None,
                ))
            }
        });
        let got: Vec<u64> = run(s).into_iter().map(Result::unwrap).collect();
        assert_eq!(got, (0..30).collect::<Vec<_>>());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn spawned_pages_keep_order_and_are_aborted_with_the_stream() {
        let s = offset_pages_spawned(3, 4, |offset, limit| async move {
            tokio::time::sleep(std::time::Duration::from_millis(
                30u64.saturating_sub(offset),
            ))
            .await;
            Ok::<_, ()>(Page::new(
                (offset..(offset + limit).min(20)).collect::<Vec<u64>>(),
                None,
            ))
        });
        let items: Vec<u64> = s.map(Result::unwrap).collect().await;
        assert_eq!(items, (0..20).collect::<Vec<_>>());

        let started = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let finished = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (st, fi) = (started.clone(), finished.clone());
        let mut s = offset_pages_spawned(1, 4, move |offset, _| {
            let (st, fi) = (st.clone(), fi.clone());
            async move {
                st.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if offset > 0 {
                    tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                }
                fi.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok::<_, ()>(Page::new(vec![offset], None))
            }
        });
        assert_eq!(s.next().await, Some(Ok(0)));
        drop(s);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(
            finished.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "later pages aborted"
        );
    }

    #[test]
    fn a_resumable_token_walk_hands_back_the_last_tracker() {
        let (s, resume) = token_pages_resumable(|t: Option<String>| async move {
            Ok::<_, ()>(match t.as_deref() {
                None => TokenPage::new(vec![1, 2], Some("t1".into())),
                // The last page: no next page, but a tracker to poll from later.
                _ => TokenPage::new(vec![3], None).with_resume(Some("t2".into())),
            })
        });
        assert_eq!(resume.token(), None);
        assert_eq!(run(s).len(), 3);
        assert_eq!(resume.token().as_deref(), Some("t2"));
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
