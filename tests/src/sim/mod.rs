//! Loopback simulators of the three vendor APIs.
//!
//! Each simulator is a real HTTP server (axum) bound to `127.0.0.1` on a free port, with enough
//! state to exercise the SDKs end to end: logins and tokens that can be expired on demand,
//! refused credentials, lists that span several pages and objects that can be created, listed and
//! deleted. Every request is recorded in a [`WireLog`] (secrets redacted) so tests can snapshot
//! exactly what the SDKs put on the wire.
//!
//! The bodies the simulators serve are written from the facts in the project's research on the
//! real APIs (field names, casing, wrappers, types), not from the generated Rust types.

pub mod ddmc;
pub mod druva;
pub mod mgmt;
mod wire;

pub use wire::{WireLog, WireRecord};

use axum::Router;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A simulator server running in the background on loopback; stopped when dropped.
#[derive(Debug)]
pub struct Running {
    /// Base URL of the server, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub url: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Running {
    /// Stops the server and waits until it has shut down.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Serves `router` on a free loopback port until the returned [`Running`] is dropped or stopped.
pub async fn serve(router: Router) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Running {
        url: format!("http://{addr}"),
        shutdown: Some(tx),
        task: Some(task),
    })
}
