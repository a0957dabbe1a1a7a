//! The generator's fixture client against its own typed httpmock helpers: what a user of any SDK
//! crate's `mock` feature gets, and the behaviour the xtask adds (streams, hooks) on a plain API.

use futures::TryStreamExt;
use sdk_auth::{HttpOptions, Session};
use sdk_tests::fixture::mock::MockServerExt;
use sdk_tests::fixture::{Client, types};

fn client(server: &httpmock::MockServer) -> Client {
    let session =
        Session::unauthenticated(&server.base_url(), HttpOptions::default()).expect("session");
    Client::from_session(session)
}

fn widget(i: u32) -> types::Widget {
    types::Widget {
        created: Some(1_700_000_000_000_000 + i64::from(i)),
        id: Some(format!("w-{i}")),
        name: Some(format!("widget {i}")),
        type_: Some("widgetRest".into()),
    }
}

#[tokio::test]
async fn typed_mocks_serve_typed_values_and_no_api_version_header_is_sent() {
    let server = httpmock::MockServer::start_async().await;
    let mock = server.get_widget(|when, then| {
        let when = when.id("w-1");
        when.into_inner().header_missing("api-version");
        then.ok(&widget(1));
    });
    let got = client(&server)
        .get_widget()
        .id("w-1")
        .send()
        .await
        .expect("get");
    assert_eq!(got.into_inner(), widget(1));
    mock.assert_async().await;
}

#[tokio::test]
async fn offset_stream_walks_every_page_and_ends_on_an_empty_one() {
    let server = httpmock::MockServer::start_async().await;
    let page = |offset: i64, n: u32| types::WidgetList {
        count: Some(n as i32),
        items: (0..n).map(|i| widget(offset as u32 + i)).collect(),
    };
    let first = server.list_widgets(|when, then| {
        when.offset(0).limit(2);
        then.ok(&page(0, 2));
    });
    let second = server.list_widgets(|when, then| {
        when.offset(2).limit(2);
        then.ok(&page(2, 1));
    });
    // A short page is not the end (a console may serve fewer than asked): the gap after it is
    // asked for, and the empty answer ends the walk.
    let end = server.list_widgets(|when, then| {
        when.offset(3).limit(1);
        then.ok(&page(3, 0));
    });
    let items: Vec<types::Widget> = client(&server)
        .list_widgets()
        .stream_with_page_size(2)
        .try_collect()
        .await
        .expect("stream");
    assert_eq!(
        items
            .iter()
            .map(|w| w.id.clone().unwrap())
            .collect::<Vec<_>>(),
        ["w-0", "w-1", "w-2"]
    );
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
    end.assert_calls_async(1).await;
}

#[tokio::test]
async fn body_token_stream_echoes_the_token_and_stops_on_an_empty_one() {
    let server = httpmock::MockServer::start_async().await;
    let gizmo = |k: &str| {
        types::Gizmo(serde_json::Map::from_iter([(
            "k".to_string(),
            serde_json::json!(k),
        )]))
    };
    let second = server.search_gizmos(|when, then| {
        when.body(&types::GizmoSearch {
            page_token: Some("t-2".into()),
            query: Some("q".into()),
        });
        then.ok(&types::GizmoList {
            gizmos: Some(vec![gizmo("c")]),
            next_page_token: Some(String::new()),
        });
    });
    let first = server.search_gizmos(|when, then| {
        when.body(&types::GizmoSearch {
            page_token: None,
            query: Some("q".into()),
        });
        then.ok(&types::GizmoList {
            gizmos: Some(vec![gizmo("a"), gizmo("b")]),
            next_page_token: Some("t-2".into()),
        });
    });
    let items: Vec<types::Gizmo> = client(&server)
        .search_gizmos()
        .body(types::GizmoSearch {
            page_token: None,
            query: Some("q".into()),
        })
        .stream()
        .try_collect()
        .await
        .expect("stream");
    assert_eq!(items.len(), 3);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
}

#[tokio::test]
async fn path_parameters_cannot_change_the_path() {
    let server = httpmock::MockServer::start_async().await;
    let mock = server.mock(|when, then| {
        when.path("/widgets/a%2F..%2Fb%3Fx%23y");
        then.status(204);
    });
    let result = client(&server)
        .delete_widget()
        .id("a/../b?x#y")
        .send()
        .await;
    assert!(result.is_ok(), "{result:?}");
    mock.assert_async().await;
}

#[tokio::test]
async fn error_bodies_decode_into_the_spec_error_type() {
    let server = httpmock::MockServer::start_async().await;
    server.get_widget(|when, then| {
        when.id("missing");
        then.client_error(
            404,
            &types::Problem {
                code: Some(serde_json::json!(10040)),
                message: Some("not found".into()),
            },
        );
    });
    let err = client(&server)
        .get_widget()
        .id("missing")
        .send()
        .await
        .expect_err("404");
    match err {
        progenitor_client::Error::ErrorResponse(rv) => {
            assert_eq!(rv.status().as_u16(), 404);
            assert_eq!(rv.message.as_deref(), Some("not found"));
        }
        other => panic!("expected a typed error response, got {other:?}"),
    }
}
