//! Typed builders for the console's `filter=` and `sort=` query syntax.
//!
//! A list or count request takes any number of `filter=<field>:<op><value>` conditions
//! ([`Filter`]) and one `sort=<field>:asc|desc[,...]` ([`Sort`]):
//!
//! | method | wire | meaning |
//! | --- | --- | --- |
//! | [`Filter::eq`] | `field:==value` | equals |
//! | [`Filter::any_of`] | `field:==a`, `field:==b` | equals one of (the condition repeated: same field = union) |
//! | [`Filter::contains`] | `field:=\|value` | contains, case-insensitive |
//! | [`Filter::ge`], [`Filter::since`] | `field:>=value` | at least (dates: microseconds) |
//! | [`Filter::le`], [`Filter::until`] | `field:<=value` | at most |
//! | [`Filter::bits`] | `field:=bmask` | bitwise and of field and mask is non-zero |
//! | [`Filter::ne`] | `field:!=value` | not equal; AGMPowerCLI emits it but the V11.0.4 document does not list it, so support by the console is inferred, not documented |
//! | [`Filter::organization`] | `organizationid:==id` | objects of one organization |
//!
//! Conditions on different fields must all hold (intersection). Repeated equality conditions on
//! one field are a union (documented by AGMPowerCLI and the restapisamples); a `>=` and a `<=`
//! on one field are read as a range (both must hold): that is inferred, not documented, and is
//! what the bundled simulator does. Date fields take microseconds since the epoch:
//! [`Filter::since`] and [`Filter::until`] take a [`SystemTime`] and convert it (see
//! [`crate::time`]).
//!
//! Values are never escaped or quoted here: the generated request code URL-encodes every query
//! value, so a value holding `&`, `=`, `#`, `%`, `+`, spaces or any Unicode stays one value of one
//! `filter` parameter and cannot add another parameter. Field names are checked (non-empty, no
//! `:`; sort keys also no `,`), and a bad one is a typed [`QueryError`].
//!
//! Both builders plug straight into the generated list and count builders, whose `filter`
//! setter takes anything convertible into `Vec<String>` and `sort` anything convertible into
//! `String`. Free-text search is the builders' own `keyword(..)` setter (also encoded).
//!
//! ```no_run
//! use std::time::{Duration, SystemTime};
//! use futures::TryStreamExt;
//! use mgmt_sdk::filter::{Filter, Sort};
//!
//! # async fn demo(client: mgmt_sdk::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let day_ago = SystemTime::now() - Duration::from_secs(86_400);
//! let failed = Filter::new()
//!     .any_of("status", ["failed", "canceled"])
//!     .contains("appname", "sql")
//!     .since("startdate", day_ago);
//! let total = client.list_job_statuses().filter(failed.clone()).count().await?;
//! let jobs: Vec<_> = client
//!     .list_job_statuses()
//!     .filter(failed)
//!     .sort(Sort::desc("startdate").then_asc("jobname"))
//!     .stream()
//!     .try_collect()
//!     .await?;
//! assert_eq!(total as usize, jobs.len());
//! # Ok(())
//! # }
//! ```
//!
//! A [`Filter`] or [`Sort`] with a bad field name turns into an `Error::InvalidRequest` when the
//! request is sent; call [`Filter::build`] / [`Sort::build`] first to get the typed
//! [`QueryError`] instead.

use std::fmt::Display;
use std::time::SystemTime;

use crate::time::{TimeError, to_micros};

/// What is wrong with a [`Filter`] or [`Sort`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryError {
    /// A field name is empty.
    EmptyField {
        /// The operator or direction it was used with (`==`, `desc`, ...).
        op: &'static str,
    },
    /// A field name holds a character the syntax uses as a separator.
    InvalidField {
        /// The field name as given.
        field: String,
        /// The offending character (`:` in filters and sorts, `,` in sorts).
        character: char,
    },
    /// A date that cannot be written as microseconds since the epoch.
    Time {
        /// The field the date was for.
        field: String,
        /// Why it cannot.
        source: TimeError,
    },
}

impl Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EmptyField { op } => write!(f, "a `{op}` condition has an empty field name"),
            Self::InvalidField { field, character } => write!(
                f,
                "field name {field:?} contains {character:?}, which separates parts of the query syntax"
            ),
            Self::Time { field, source } => write!(f, "date for field {field:?}: {source}"),
        }
    }
}

impl std::error::Error for QueryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Time { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn check_field(field: &str, op: &'static str, forbidden: &[char]) -> Result<(), QueryError> {
    if field.is_empty() {
        return Err(QueryError::EmptyField { op });
    }
    match field.chars().find(|c| forbidden.contains(c)) {
        Some(character) => Err(QueryError::InvalidField {
            field: field.to_string(),
            character,
        }),
        None => Ok(()),
    }
}

/// The `filter=` conditions of one request, built fluently; see the [module docs](self).
///
/// The first invalid field name is kept and reported by [`Filter::build`] (or when the request
/// is sent); later calls are then ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    conditions: Vec<String>,
    error: Option<QueryError>,
}

impl Filter {
    /// No conditions: every object matches.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(mut self, field: &str, op: &'static str, value: impl Display) -> Self {
        if self.error.is_none() {
            match check_field(field, op, &[':']) {
                Ok(()) => self.conditions.push(format!("{field}:{op}{value}")),
                Err(e) => self.error = Some(e),
            }
        }
        self
    }

    /// `field` equals `value` (`field:==value`).
    pub fn eq(self, field: &str, value: impl Display) -> Self {
        self.push(field, "==", value)
    }

    /// `field` equals one of `values`: the condition repeated once per value, which the console
    /// reads as a union (AGMPowerCLI, restapisamples). No value adds no condition.
    pub fn any_of<V: Display>(self, field: &str, values: impl IntoIterator<Item = V>) -> Self {
        values.into_iter().fold(self, |f, v| f.push(field, "==", v))
    }

    /// `field` contains `value`, ignoring case (`field:=|value`).
    pub fn contains(self, field: &str, value: impl Display) -> Self {
        self.push(field, "=|", value)
    }

    /// `field` is at least `value` (`field:>=value`); for dates prefer [`Filter::since`].
    pub fn ge(self, field: &str, value: impl Display) -> Self {
        self.push(field, ">=", value)
    }

    /// `field` is at most `value` (`field:<=value`); for dates prefer [`Filter::until`].
    pub fn le(self, field: &str, value: impl Display) -> Self {
        self.push(field, "<=", value)
    }

    /// `field` has at least one of the bits of `mask` set (`field:=bmask`, bitwise and).
    pub fn bits(self, field: &str, mask: u64) -> Self {
        self.push(field, "=b", mask)
    }

    /// `field` differs from `value` (`field:!=value`). AGMPowerCLI emits this operator; the
    /// V11.0.4 document does not list it, so whether a console honours it is inferred.
    pub fn ne(self, field: &str, value: impl Display) -> Self {
        self.push(field, "!=", value)
    }

    /// Objects of organization `id` (`organizationid:==id`).
    pub fn organization(self, id: impl Display) -> Self {
        self.push("organizationid", "==", id)
    }

    fn time(self, field: &str, op: &'static str, time: SystemTime) -> Self {
        match to_micros(time) {
            Ok(us) => self.push(field, op, us),
            Err(source) if self.error.is_none() => Self {
                error: Some(QueryError::Time {
                    field: field.to_string(),
                    source,
                }),
                ..self
            },
            Err(_) => self,
        }
    }

    /// Date `field` is at or after `time` (`field:>=<microseconds>`).
    pub fn since(self, field: &str, time: SystemTime) -> Self {
        self.time(field, ">=", time)
    }

    /// Date `field` is at or before `time` (`field:<=<microseconds>`).
    pub fn until(self, field: &str, time: SystemTime) -> Self {
        self.time(field, "<=", time)
    }

    /// The conditions as they go on the wire (before URL encoding), one per `filter` parameter,
    /// or the first invalid field name.
    pub fn build(self) -> Result<Vec<String>, QueryError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.conditions),
        }
    }
}

impl TryFrom<Filter> for Vec<String> {
    type Error = QueryError;

    /// Lets a [`Filter`] be passed to the generated `filter(..)` setters.
    fn try_from(filter: Filter) -> Result<Self, QueryError> {
        filter.build()
    }
}

/// Sort direction of one [`Sort`] key. Open, like the console's own syntax (a `match` needs a
/// `_` arm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Direction {
    /// Smallest first (`:asc`).
    Asc,
    /// Largest first (`:desc`).
    Desc,
}

impl Direction {
    fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

/// The `sort=` of one request: one or more keys, each ascending or descending, applied in
/// order (`sort=id:desc,name:asc`). Field names are case-sensitive on the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    keys: Vec<(String, Direction)>,
    error: Option<QueryError>,
}

impl Sort {
    /// Sorts by `field` in `direction`.
    pub fn by(field: &str, direction: Direction) -> Self {
        Self {
            keys: Vec::new(),
            error: None,
        }
        .then(field, direction)
    }

    /// Sorts by `field`, smallest first.
    pub fn asc(field: &str) -> Self {
        Self::by(field, Direction::Asc)
    }

    /// Sorts by `field`, largest first.
    pub fn desc(field: &str) -> Self {
        Self::by(field, Direction::Desc)
    }

    /// Adds `field` in `direction` as the next key (ties of earlier keys).
    pub fn then(mut self, field: &str, direction: Direction) -> Self {
        if self.error.is_none() {
            match check_field(field, direction.as_str(), &[':', ',']) {
                Ok(()) => self.keys.push((field.to_string(), direction)),
                Err(e) => self.error = Some(e),
            }
        }
        self
    }

    /// Adds `field`, smallest first, as the next key.
    pub fn then_asc(self, field: &str) -> Self {
        self.then(field, Direction::Asc)
    }

    /// Adds `field`, largest first, as the next key.
    pub fn then_desc(self, field: &str) -> Self {
        self.then(field, Direction::Desc)
    }

    /// The value of the `sort` parameter (before URL encoding), or the first invalid field name.
    pub fn build(self) -> Result<String, QueryError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        Ok(self
            .keys
            .iter()
            .map(|(f, d)| format!("{f}:{}", d.as_str()))
            .collect::<Vec<_>>()
            .join(","))
    }
}

impl TryFrom<Sort> for String {
    type Error = QueryError;

    /// Lets a [`Sort`] be passed to the generated `sort(..)` setters.
    fn try_from(sort: Sort) -> Result<Self, QueryError> {
        sort.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn every_operator_has_its_wire_form() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_micros(1_674_962_618_972_000);
        let f = Filter::new()
            .eq("apptype", "VMBackup")
            .any_of("status", ["failed", "canceled"])
            .contains("appname", "SQL")
            .ge("progress", 50)
            .le("progress", 90)
            .bits("flags", 0b101)
            .ne("jobclass", "mount")
            .organization(159_413)
            .since("startdate", t)
            .until("enddate", t);
        assert_eq!(
            f.build().unwrap(),
            [
                "apptype:==VMBackup",
                "status:==failed",
                "status:==canceled",
                "appname:=|SQL",
                "progress:>=50",
                "progress:<=90",
                "flags:=b5",
                "jobclass:!=mount",
                "organizationid:==159413",
                "startdate:>=1674962618972000",
                "enddate:<=1674962618972000",
            ]
        );
    }

    #[test]
    fn bad_field_names_are_typed_errors_and_the_first_one_wins() {
        assert_eq!(
            Filter::new().eq("", "x").build(),
            Err(QueryError::EmptyField { op: "==" })
        );
        assert_eq!(
            Filter::new().contains("a:b", "x").eq("", "y").build(),
            Err(QueryError::InvalidField {
                field: "a:b".into(),
                character: ':'
            })
        );
        assert_eq!(
            Sort::asc("name").then_desc("id,x").build(),
            Err(QueryError::InvalidField {
                field: "id,x".into(),
                character: ','
            })
        );
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX / 1_000);
        let err = Filter::new().since("startdate", far).build().unwrap_err();
        assert!(matches!(err, QueryError::Time { ref field, .. } if field == "startdate"));
        assert!(err.to_string().contains("startdate"), "{err}");
    }

    #[test]
    fn sort_keys_join_in_order() {
        assert_eq!(
            Sort::desc("id").then_asc("name").build().unwrap(),
            "id:desc,name:asc"
        );
        let s: String = Sort::asc("jobname").try_into().unwrap();
        assert_eq!(s, "jobname:asc");
    }

    #[test]
    fn values_are_kept_verbatim_for_the_encoder() {
        let v: Vec<String> = Filter::new()
            .eq("label", "a&b=c#d%e f+ü")
            .try_into()
            .unwrap();
        assert_eq!(v, ["label:==a&b=c#d%e f+ü"]);
    }
}
