//! Reading a status body whichever shape it came in.
//!
//! DD systems answer errors (and many successes) with a status in one of three shapes, all
//! decoded into [`types::ServiceStatusResponse`]: the `{"service_status": {"code", "details"}}`
//! wrapper the real systems send, the flat `{"code", "details"}` of Dell's DD OS 8.7 examples,
//! and 8.x's `{"http_status_code", "messages": [...]}`. These accessors read whichever came, so
//! callers need not know the shape.

use crate::types;

impl types::ServiceStatusResponse {
    /// The DD status code (`0` on success): from the `service_status` wrapper, else the flat
    /// shape; `None` for an 8.x `ErrorResponse` (which has [`http_status_code`] and messages
    /// instead) or an empty body.
    ///
    /// [`http_status_code`]: types::ServiceStatusResponse::http_status_code
    pub fn code(&self) -> Option<i32> {
        self.service_status
            .as_ref()
            .and_then(|s| s.code)
            .or(self.code)
    }

    /// What the system said: the wrapper's `details`, else the flat `details`, else the
    /// messages of an 8.x `ErrorResponse` joined with `; `. `None` when the body says nothing.
    pub fn details(&self) -> Option<String> {
        if let Some(d) = self.service_status.as_ref().and_then(|s| s.details.clone()) {
            return Some(d);
        }
        if let Some(d) = &self.details {
            return Some(d.clone());
        }
        let messages: Vec<&str> = self
            .messages
            .iter()
            .filter_map(|m| m.message.as_deref())
            .collect();
        (!messages.is_empty()).then(|| messages.join("; "))
    }

    /// Whether the body holds nothing in any of its shapes (a body that is not a status).
    pub fn is_empty(&self) -> bool {
        self.code().is_none() && self.details().is_none() && self.http_status_code.is_none()
    }
}

#[cfg(test)]
mod tests {
    use crate::types::ServiceStatusResponse;

    fn decode(json: &str) -> ServiceStatusResponse {
        serde_json::from_str(json).expect("a status body decodes")
    }

    #[test]
    fn the_wrapper() {
        let s =
            decode(r#"{"service_status": {"code": 5008, "details": "MTree exists", "link": []}}"#);
        assert_eq!(s.code(), Some(5008));
        assert_eq!(s.details().as_deref(), Some("MTree exists"));
        assert!(!s.is_empty());
    }

    #[test]
    fn the_flat_shape_of_dells_8_7_examples_is_not_empty() {
        let s = decode(r#"{"code": 5469, "details": "Bad request payload"}"#);
        assert_eq!(s.code(), Some(5469));
        assert_eq!(s.details().as_deref(), Some("Bad request payload"));
        assert!(!s.is_empty());
    }

    #[test]
    fn the_8x_error_response() {
        let s = decode(
            r#"{"http_status_code": 400, "messages": [
                {"severity": "ERROR", "code": "E1", "message": "bad host", "timestamp": "t"},
                {"severity": "INFO", "code": "E2", "message": "see the log", "timestamp": "t"}]}"#,
        );
        assert_eq!(s.code(), None);
        assert_eq!(s.http_status_code, Some(400));
        assert_eq!(s.details().as_deref(), Some("bad host; see the log"));
        assert!(!s.is_empty());
    }

    #[test]
    fn a_body_that_is_no_status_is_empty() {
        assert!(decode(r#"{"unrelated": 1}"#).is_empty());
    }
}
