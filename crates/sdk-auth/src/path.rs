//! Encoding of path parameters so that no value can change which resource a call reaches.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What is percent-encoded in a path segment: controls, space, the delimiters of a URL (`/`, `?`,
/// `#`, and `\`, which URL parsers treat as `/` for `http(s)`), `%` itself, and the characters a
/// path may not hold.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes one path parameter so that it stays one path segment, whatever it holds.
///
/// Generated clients call this for every path parameter (in place of progenitor's own, which
/// leaves `\` and dot segments alone). `/`, `?`, `#`, `\`, `%`, spaces and controls are encoded.
/// A value of `.` or `..` cannot be sent as such, because URL parsers remove dot segments (even
/// encoded ones) and the call would reach another resource; it is sent as the literal text
/// `%2E` / `%2E%2E` (encoded once more), which no server resolves as a parent directory: the call
/// then fails with the API's "not found" instead of reaching the wrong object.
///
/// ```
/// assert_eq!(sdk_auth::encode_path("a/b?c#d e"), "a%2Fb%3Fc%23d%20e");
/// assert_eq!(sdk_auth::encode_path(".."), "%252E%252E");
/// assert_eq!(sdk_auth::encode_path("%2Fdata%2Fcol1"), "%252Fdata%252Fcol1");
/// ```
pub fn encode_path(segment: &str) -> String {
    match segment {
        "." => "%252E".to_string(),
        ".." => "%252E%252E".to_string(),
        _ => utf8_percent_encode(segment, SEGMENT).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::encode_path;
    use proptest::prelude::*;
    use reqwest::Url;

    /// The path segments of `https://h/api/{value}/tail` once parsed as every HTTP client does.
    fn segments(value: &str) -> Vec<String> {
        let url = Url::parse(&format!(
            "https://h.example/api/{}/tail",
            encode_path(value)
        ))
        .expect("url");
        url.path_segments()
            .expect("segments")
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn dot_segments_cannot_climb() {
        for value in [".", "..", "../..", "..\\..", "%2e%2e", ".%2E"] {
            let s = segments(value);
            assert_eq!(
                (s.len(), s[0].as_str(), s[2].as_str()),
                (3, "api", "tail"),
                "{value:?} -> {s:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn any_value_stays_one_segment_and_decodes_back(value in any::<String>()) {
            let s = segments(&value);
            prop_assert_eq!(s.len(), 3, "{:?} -> {:?}", value, s);
            prop_assert_eq!(s[0].as_str(), "api");
            prop_assert_eq!(s[2].as_str(), "tail");
            if value != "." && value != ".." {
                let decoded = percent_encoding::percent_decode_str(&s[1]).decode_utf8().expect("utf-8");
                prop_assert_eq!(decoded.as_ref(), value.as_str());
            }
        }

        #[test]
        fn hostile_characters_never_survive_unencoded(value in "[./\\\\?#% a-z]{0,12}") {
            let encoded = encode_path(&value);
            prop_assert!(!encoded.contains(['/', '?', '#', ' ', '\\']), "{:?} -> {:?}", value, encoded);
        }
    }
}
