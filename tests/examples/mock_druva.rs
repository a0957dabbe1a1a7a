//! Testing your own code against a typed mock of an API (feature `mock` of each SDK crate), here
//! `druva-sdk`: no Druva, no simulator, only an [httpmock](https://docs.rs/httpmock) server that
//! the generated helpers configure with the API's own types.
//!
//! `cargo run -p sdk-tests --example mock_druva`. In your crate:
//!
//! ```toml
//! [dev-dependencies]
//! druva-sdk = { version = "0.1", features = ["mock"] }
//! httpmock = "0.8"
//! ```

use druva_sdk::mock::MockServerExt;
use druva_sdk::{Client, HttpOptions, Session, types};
use futures::TryStreamExt;

/// The code under test: yours, taking the SDK's client.
async fn unassigned_devices(client: &Client) -> Result<usize, druva_sdk::Error<types::ApiError>> {
    let mappings: Vec<_> = client.list_device_mappings().stream().try_collect().await?;
    Ok(mappings.iter().filter(|m| m.email_id.is_none()).count())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = httpmock::MockServer::start_async().await;
    let page = types::DeviceMappingList {
        imd_mappings: Some(vec![
            types::DeviceMapping {
                email_id: Some("ana@example.com".into()),
                ..Default::default()
            },
            types::DeviceMapping::default(),
        ]),
        next_page_token: None,
        total_size: Some(2),
    };
    // The typed helper matches the operation's method and path (its `when` setters take the
    // operation's own parameter types) and answers with a typed body.
    let mock = server.list_device_mappings(|_when, then| {
        then.ok(&page);
    });

    // A session with no login: the mock checks no credential.
    let session = Session::unauthenticated(&server.base_url(), HttpOptions::default())?;
    let client = Client::from_session(session);
    let n = unassigned_devices(&client).await?;
    mock.assert_async().await;
    println!("{n} device mapping(s) without a user e-mail");
    assert_eq!(n, 1);
    Ok(())
}
