//! Google Cloud APIs (Backup and DR's `managementServers`): a bearer token from a
//! [`TokenSource`] on every call; no login request and no server-side session.

use std::sync::Arc;

use reqwest::header::AUTHORIZATION;
use secrecy::{ExposeSecret, SecretString};

use super::{AuthFuture, Login};
use crate::auth::credential::Credential;
use crate::transport::Transport;
use crate::{TokenSource, Vendor};

/// The login of a Google Cloud API session: the token source is asked for a token.
pub(crate) struct GoogleCloud {
    source: Arc<dyn TokenSource>,
}

impl GoogleCloud {
    pub(crate) fn new(source: impl TokenSource) -> Self {
        Self {
            source: Arc::new(source),
        }
    }
}

impl Login for GoogleCloud {
    fn vendor(&self) -> Vendor {
        Vendor::GoogleCloud
    }

    fn login_path(&self) -> Option<&str> {
        None
    }

    fn login<'a>(&'a self, _transport: &'a Transport) -> AuthFuture<'a, Credential> {
        Box::pin(async move {
            let token = self.source.token().await?;
            Credential::new(
                vec![(
                    AUTHORIZATION,
                    SecretString::from(format!("Bearer {}", token.expose_secret())),
                )],
                None,
            )
        })
    }
}
