//! mgmt-sdk query ergonomics against the console simulator: every `filter=` operator, unions on
//! one field, hostile values (encoded on the wire, no injected parameter), sort with two keys,
//! keyword, `count()` against streamed items, OPTIONS metadata, microsecond timestamps, and
//! sequential and parallel streams agreeing.

use std::collections::HashSet;
use std::time::{Duration, SystemTime};

use futures::TryStreamExt;
use mgmt_sdk::time::{from_micros, to_micros};
use mgmt_sdk::types::BackupRest;
use mgmt_sdk::{Client, CountError, Error, Filter, HttpOptions, MgmtAuth, RetryPolicy, Sort};
use sdk_tests::sim::mgmt::{HeadAnswer, MgmtAuthMode, MgmtSim, MgmtSimConfig};

fn options() -> HttpOptions {
    HttpOptions::default()
        .with_retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
}

async fn start_with(config: MgmtSimConfig) -> (MgmtSim, Client) {
    let MgmtAuthMode::Google { token } = config.auth.clone() else {
        unreachable!("these tests use Google mode");
    };
    let sim = MgmtSim::start(config).await.expect("simulator");
    let client = Client::login_with(sim.url(), MgmtAuth::google_token(token), options())
        .await
        .expect("login");
    sim.wire().take();
    (sim, client)
}

async fn start() -> (MgmtSim, Client) {
    start_with(MgmtSimConfig::default()).await
}

async fn backups(client: &Client, filter: Filter) -> Vec<BackupRest> {
    client
        .list_backups()
        .filter(filter)
        .stream_with_page_size(250)
        .try_collect()
        .await
        .expect("backups")
}

fn ids(items: &[BackupRest]) -> Vec<String> {
    items
        .iter()
        .map(|b| b.id.clone().unwrap_or_default())
        .collect()
}

/// The `filter` values of every request of the wire log, decoded.
fn query_pairs(uri: &str) -> Vec<(String, String)> {
    let query = uri.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn every_filter_operator_selects_what_it_says_and_count_agrees() {
    let (sim, client) = start().await;
    let all = backups(&client, Filter::new()).await;
    assert_eq!(all.len(), 1_200);
    let date = |b: &BackupRest| b.consistencydate.expect("consistencydate");
    let middle = from_micros(date(&all[600])).expect("time");
    let late = from_micros(date(&all[900])).expect("time");

    type Pick = fn(&BackupRest, SystemTime, SystemTime) -> bool;
    let cases: Vec<(&str, Filter, Pick)> = vec![
        ("==", Filter::new().eq("apptype", "VMBackup"), |b, _, _| {
            b.apptype.as_deref() == Some("VMBackup")
        }),
        (
            "union",
            Filter::new().any_of("apptype", ["VMBackup", "FileSystem"]),
            |b, _, _| matches!(b.apptype.as_deref(), Some("VMBackup" | "FileSystem")),
        ),
        (
            "=| (case-insensitive)",
            Filter::new().contains("appname", "APP-0001"),
            |b, _, _| b.appname.as_deref().is_some_and(|n| n.contains("app-0001")),
        ),
        (
            ">= date",
            Filter::new().since("consistencydate", middle),
            |b, m, _| from_micros(b.consistencydate.unwrap()).unwrap() >= m,
        ),
        (
            "<= date and >= date",
            Filter::new()
                .since("consistencydate", middle)
                .until("consistencydate", late),
            |b, m, l| {
                let t = from_micros(b.consistencydate.unwrap()).unwrap();
                t >= m && t <= l
            },
        ),
        (
            ">= number",
            Filter::new().ge("jobclasscode", 22),
            |b, _, _| b.jobclasscode.is_some_and(|c| c >= 22),
        ),
        (
            "<= number",
            Filter::new().le("jobclasscode", 1),
            |b, _, _| b.jobclasscode.is_some_and(|c| c <= 1),
        ),
        ("=b", Filter::new().bits("jobclasscode", 0b10), |b, _, _| {
            b.jobclasscode.is_some_and(|c| c & 0b10 != 0)
        }),
        ("!=", Filter::new().ne("jobclass", "snapshot"), |b, _, _| {
            b.jobclass.as_deref() != Some("snapshot")
        }),
        (
            "intersection of fields",
            Filter::new()
                .any_of("apptype", ["GCPInstance", "VMBackup"])
                .eq("jobclass", "OnVault"),
            |b, _, _| {
                matches!(b.apptype.as_deref(), Some("GCPInstance" | "VMBackup"))
                    && b.jobclass.as_deref() == Some("OnVault")
            },
        ),
    ];
    for (name, filter, pick) in cases {
        let expected: Vec<BackupRest> = all
            .iter()
            .filter(|b| pick(b, middle, late))
            .cloned()
            .collect();
        assert!(
            !expected.is_empty() && expected.len() < all.len(),
            "{name}: the case must select some but not all items"
        );
        let got = backups(&client, filter.clone()).await;
        assert_eq!(ids(&got), ids(&expected), "{name}");
        let counted = client
            .list_backups()
            .filter(filter)
            .count()
            .await
            .expect("count");
        assert_eq!(counted, expected.len() as u64, "{name}");
    }
    // The union went out as the same condition repeated, one `filter` parameter each.
    let union = sim
        .wire()
        .take()
        .into_iter()
        .map(|r| query_pairs(&r.uri))
        .find(|q| q.iter().any(|(_, v)| v == "apptype:==FileSystem"))
        .expect("union request");
    let filters: Vec<&str> = union
        .iter()
        .filter(|(k, _)| k == "filter")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(filters, ["apptype:==VMBackup", "apptype:==FileSystem"]);
}

#[tokio::test]
async fn organization_and_dates_go_on_the_wire_as_the_console_reads_them() {
    let (sim, client) = start().await;
    let since = from_micros(1_674_962_618_972_000).expect("time");
    let n = client
        .list_backups()
        .filter(
            Filter::new()
                .organization(159_413)
                .since("consistencydate", since),
        )
        .count()
        .await
        .expect("count");
    assert_eq!(n, 0, "no simulated backup belongs to an organization");
    let records = sim.wire().take();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].method, "HEAD");
    assert_eq!(
        records[0].uri,
        "/actifio/backup?filter=organizationid%3A%3D%3D159413&filter=consistencydate%3A%3E%3D1674962618972000"
    );
}

#[tokio::test]
async fn hostile_values_stay_one_encoded_value_and_inject_no_parameter() {
    let (sim, client) = start().await;
    let hostile = [
        "a&filter=apptype:==VMBackup",
        "x=1&limit=1",
        "name#fragment",
        "100% sure",
        "spaces and+plus",
        "ünïcødé ☃ 名前",
        "a:==b,c:desc",
        "%26%3D%23",
    ];
    for value in hostile {
        let got = client
            .list_backups()
            .filter(Filter::new().eq("appname", value).contains("label", value))
            .keyword(value)
            .sort(Sort::asc("backupname"))
            .stream()
            .try_collect::<Vec<_>>()
            .await
            .expect("list");
        assert!(got.is_empty(), "{value:?} matched {} backups", got.len());
        let n = client
            .list_backups()
            .filter(Filter::new().eq("appname", value))
            .keyword(value)
            .count()
            .await
            .expect("count");
        assert_eq!(n, 0, "{value:?}");
        for record in sim.wire().take() {
            let (path, raw_query) = record.uri.split_once('?').expect("a query");
            assert_eq!(path, "/actifio/backup");
            assert!(
                !raw_query.contains(['#', ' ', '☃']) && raw_query.is_ascii(),
                "{value:?} not encoded: {raw_query}"
            );
            let pairs = query_pairs(&record.uri);
            let names: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
            let filters: Vec<&str> = pairs
                .iter()
                .filter(|(k, _)| k == "filter")
                .map(|(_, v)| v.as_str())
                .collect();
            let keyword = pairs.iter().find(|(k, _)| k == "keyword").map(|(_, v)| v);
            assert_eq!(keyword.map(String::as_str), Some(value));
            if record.method == "HEAD" {
                assert_eq!(names, ["filter", "keyword"], "{value:?}");
                assert_eq!(filters, [format!("appname:=={value}")]);
            } else {
                assert_eq!(
                    names,
                    ["filter", "filter", "keyword", "limit", "offset", "sort"],
                    "{value:?}"
                );
                assert_eq!(
                    filters,
                    [format!("appname:=={value}"), format!("label:=|{value}")]
                );
            }
        }
    }
}

#[tokio::test]
async fn sort_with_two_keys_orders_by_the_first_then_the_second() {
    let (sim, client) = start().await;
    let sorted: Vec<BackupRest> = client
        .list_backups()
        .sort(Sort::asc("jobclass").then_desc("consistencydate"))
        .stream_with_page_size(500)
        .try_collect()
        .await
        .expect("sorted");
    let mut expected = sorted.clone();
    expected.sort_by(|a, b| {
        a.jobclass
            .cmp(&b.jobclass)
            .then(b.consistencydate.cmp(&a.consistencydate))
    });
    assert_eq!(sorted.len(), 1_200);
    assert_eq!(ids(&sorted), ids(&expected));
    assert_eq!(sorted[0].jobclass.as_deref(), Some("OnVault"));
    let uri = &sim.wire().take()[0].uri;
    assert!(
        uri.contains("sort=jobclass%3Aasc%2Cconsistencydate%3Adesc"),
        "{uri}"
    );
}

#[tokio::test]
async fn keyword_searches_free_text_and_counts_the_same() {
    let (_sim, client) = start().await;
    let by_keyword: Vec<_> = client
        .list_applications()
        .keyword("APP-0012")
        .stream()
        .try_collect()
        .await
        .expect("keyword");
    let by_name: Vec<_> = client
        .list_applications()
        .filter(Filter::new().contains("appname", "app-0012"))
        .stream()
        .try_collect()
        .await
        .expect("contains");
    assert_eq!(by_keyword.len(), 10, "app-00120..app-00129");
    assert_eq!(by_keyword, by_name);
    let n = client
        .list_applications()
        .keyword("APP-0012")
        .count()
        .await
        .expect("count");
    assert_eq!(n, by_keyword.len() as u64);
}

#[tokio::test]
async fn count_ignores_paging_and_reads_a_200_answer_too() {
    let (sim, client) = start_with(MgmtSimConfig {
        head_answer: HeadAnswer::Ok,
        ..MgmtSimConfig::default()
    })
    .await;
    let n = client
        .list_applications()
        .offset(100)
        .limit(5)
        .sort(Sort::desc("id"))
        .filter(Filter::new().eq("apptype", "FileSystem"))
        .count()
        .await
        .expect("count");
    assert_eq!(n, 500);
    let records = sim.wire().take();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0].method.as_str(), records[0].uri.as_str()),
        (
            "HEAD",
            "/actifio/application?filter=apptype%3A%3D%3DFileSystem"
        )
    );
    // The session travels with the HEAD like with every call.
    assert!(
        records[0]
            .headers
            .iter()
            .any(|(k, _)| k == "backupdr-management-session")
    );
}

#[tokio::test]
async fn count_equals_the_streamed_items_and_parallel_streams_match_sequential_ones() {
    let (_sim, client) = start().await;
    let filters = [
        Filter::new(),
        Filter::new().eq("jobclass", "OnVault"),
        Filter::new().any_of("apptype", ["SqlServerWriter", "ConsistencyGroup"]),
        Filter::new().contains("backupname", "_01100"),
        Filter::new().ge("consumedsize", 20 * 1_073_741_824_i64),
    ];
    for filter in filters {
        let sort = Sort::desc("consumedsize").then_asc("backupname");
        let sequential: Vec<BackupRest> = client
            .list_backups()
            .filter(filter.clone())
            .sort(sort.clone())
            .stream_with_page_size(100)
            .try_collect()
            .await
            .expect("sequential");
        let parallel: Vec<BackupRest> = client
            .list_backups()
            .filter(filter.clone())
            .sort(sort)
            .stream_parallel(100, 4)
            .try_collect()
            .await
            .expect("parallel");
        let n = client
            .list_backups()
            .filter(filter.clone())
            .count()
            .await
            .expect("count");
        assert_eq!(n, sequential.len() as u64, "{filter:?}");
        assert_eq!(ids(&parallel), ids(&sequential), "{filter:?}");
        let unique: HashSet<_> = ids(&sequential).into_iter().collect();
        assert_eq!(unique.len(), sequential.len(), "no duplicates: {filter:?}");
    }
}

#[tokio::test]
async fn options_metadata_is_typed_and_goes_through_the_session() {
    let (sim, client) = start().await;
    let meta = client
        .options_backups()
        .send()
        .await
        .expect("options")
        .into_inner()
        .get_list
        .expect("GET(list)");
    assert_eq!(
        (meta.filterable, meta.sortable, meta.pageable),
        (Some(true), Some(true), Some(true))
    );
    let field = |name: &str| {
        meta.filterablefields
            .iter()
            .find(|f| f.field.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("{name} is filterable"))
    };
    assert_eq!(field("jobclass").type_.as_deref(), Some("string"));
    assert_eq!(field("jobclass").values, ["OnVault", "snapshot"]);
    assert_eq!(field("consistencydate").type_.as_deref(), Some("date"));
    assert_eq!(field("jobclasscode").type_.as_deref(), Some("long"));
    assert!(field("backupname").values.is_empty(), "too many to list");
    assert!(meta.sortablefields.iter().any(|f| f == "consistencydate"));
    let records = sim.wire().take();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0].method.as_str(), records[0].uri.as_str()),
        ("OPTIONS", "/actifio/backup")
    );
    let header_names: Vec<&str> = records[0].headers.iter().map(|(k, _)| k.as_str()).collect();
    assert!(header_names.contains(&"backupdr-management-session"));
    assert!(!header_names.contains(&"api-version"), "{header_names:?}");

    // An expired session is renewed for OPTIONS as for any call.
    sim.expire_sessions();
    let apps = client
        .options_applications()
        .send()
        .await
        .expect("after expiry");
    assert!(apps.into_inner().get_list.is_some_and(|l| {
        l.filterablefields
            .iter()
            .any(|f| f.field.as_deref() == Some("apptype"))
    }));
}

#[tokio::test]
async fn options_errors_are_typed_console_errors() {
    let (_sim, client) = start().await;
    let err = client
        .settable_option_metadata_for_sla()
        .sla_id("no-such-sla")
        .send()
        .await
        .expect_err("the simulator has no SLA options");
    match err {
        Error::ErrorResponse(e) => {
            assert_eq!(e.status().as_u16(), 404);
            assert_eq!(e.into_inner().err_code, Some(10023));
        }
        other => panic!("{other:?}"),
    }
    let missing = client
        .settable_option_metadata_for_policy()
        .slt_id("1")
        .send()
        .await
        .expect_err("policy_id missing");
    assert!(
        matches!(&missing, Error::InvalidRequest(m) if m.contains("policy_id")),
        "{missing:?}"
    );
}

#[tokio::test]
async fn malformed_filters_are_refused_by_the_console_and_bad_fields_never_leave() {
    let (sim, client) = start().await;
    for raw in ["nocolon", "appname:~x", ":==x", "jobclasscode:=bnotanumber"] {
        let err = client
            .list_backups()
            .filter(vec![raw.to_string()])
            .send()
            .await
            .expect_err("malformed");
        match err {
            Error::ErrorResponse(e) => {
                assert_eq!(e.status().as_u16(), 400, "{raw}");
                assert!(
                    e.into_inner().err_message.is_some_and(|m| m.contains(raw)),
                    "{raw}"
                );
            }
            other => panic!("{raw}: {other:?}"),
        }
    }
    sim.wire().take();
    let bad = Filter::new().eq("appname", "x").contains("a:b", "y");
    assert_eq!(
        bad.clone().build(),
        Err(mgmt_sdk::QueryError::InvalidField {
            field: "a:b".into(),
            character: ':'
        })
    );
    let err = client
        .list_backups()
        .filter(bad.clone())
        .send()
        .await
        .expect_err("invalid field");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    let err = client
        .list_backups()
        .filter(bad)
        .count()
        .await
        .expect_err("count");
    assert!(
        matches!(err, CountError::Request(Error::InvalidRequest(_))),
        "{err:?}"
    );
    assert!(sim.wire().take().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn timestamps_round_trip_through_the_console() {
    let (sim, client) = start().await;
    let first: Vec<BackupRest> = client
        .list_backups()
        .limit(3)
        .send()
        .await
        .expect("page")
        .into_inner()
        .items;
    for b in &first {
        let us = b.consistencydate.expect("date");
        let time = from_micros(us).expect("time");
        assert_eq!(to_micros(time).expect("micros"), us);
        // The same instant as a filter finds exactly that backup among its neighbours.
        let found = backups(
            &client,
            Filter::new()
                .since("consistencydate", time)
                .until("consistencydate", time),
        )
        .await;
        assert_eq!(ids(&found), ids(std::slice::from_ref(b)));
    }
    let uris: Vec<String> = sim.wire().take().into_iter().map(|r| r.uri).collect();
    let us = first[0].consistencydate.unwrap();
    assert!(
        uris.iter()
            .any(|u| u.contains(&format!("consistencydate%3A%3E%3D{us}"))),
        "{uris:?}"
    );
    // One microsecond later no longer matches: nothing is rounded.
    let later = from_micros(us + 1).expect("time");
    let none = backups(
        &client,
        Filter::new()
            .since("consistencydate", later)
            .until("consistencydate", from_micros(us + 3_599_999_999).unwrap()),
    )
    .await;
    assert!(none.is_empty());
}

/// A console whose HEAD answers are written byte for byte, to show that `count()` reads the
/// header whatever its letter case and refuses a missing or non-numeric one with a typed error.
mod raw_console {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// Serves `POST /actifio/session` and answers every HEAD with `head_headers` (raw lines).
    pub async fn start(status_line: &'static str, head_headers: &'static str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let request = String::from_utf8_lossy(&buf);
                    let answer = if request.starts_with("POST /actifio/session ") {
                        let body = r#"{"@type":"sessionRest","id":"s-1","session_id":"s-1"}"#;
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        )
                    } else {
                        format!("{status_line}\r\n{head_headers}Connection: close\r\n\r\n")
                    };
                    let _ = socket.write_all(answer.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        url
    }
}

#[tokio::test]
async fn count_reads_the_header_in_any_letter_case_and_types_its_failures() {
    for (status, headers, expected) in [
        ("HTTP/1.1 204 No Content", "Actifio-count: 7\r\n", 7),
        (
            "HTTP/1.1 200 OK",
            "ACTIFIO-COUNT: 12\r\nContent-Length: 0\r\n",
            12,
        ),
        ("HTTP/1.1 204 No Content", "actifio-Count:  0 \r\n", 0),
    ] {
        let url = raw_console::start(status, headers).await;
        let client = Client::login_with(&url, MgmtAuth::google_token("t"), options())
            .await
            .expect("login");
        let n = client.list_hosts().count().await.expect("count");
        assert_eq!(n, expected, "{headers:?}");
    }
    let url = raw_console::start("HTTP/1.1 204 No Content", "X-Other: 1\r\n").await;
    let client = Client::login_with(&url, MgmtAuth::google_token("t"), options())
        .await
        .expect("login");
    let err = client.list_jobs().count().await.expect_err("no header");
    assert!(
        matches!(
            err,
            CountError::MissingHeader {
                operation: "count_jobs",
                status: 204
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("actifio-count"), "{err}");
    let url = raw_console::start(
        "HTTP/1.1 200 OK",
        "Actifio-Count: -3\r\nContent-Length: 0\r\n",
    )
    .await;
    let client = Client::login_with(&url, MgmtAuth::google_token("t"), options())
        .await
        .expect("login");
    let err = client.list_users().count().await.expect_err("negative");
    assert!(
        matches!(&err, CountError::NotANumber { value, .. } if value == "-3"),
        "{err:?}"
    );
}
