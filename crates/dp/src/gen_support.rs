//! What the generated commands (`src/generated/*.rs`) call: typed argument parsing, the request
//! body (`--json-body FILE|-`, `--body-template`) and the list options (`--limit`, `--count`).

use std::fmt::Display;
use std::str::FromStr;

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::exit::CliError;

/// A clap value parser into `T` through its `FromStr` (clap reports a bad value as a usage
/// error naming the option).
pub fn typed<T>() -> clap::builder::ValueParser
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Display,
{
    clap::builder::ValueParser::new(|s: &str| s.parse::<T>().map_err(|e| e.to_string()))
}

/// A clap value parser into `T` for an option whose values the spec lists: clap checks the
/// value against `names` (and shows them in `--help` and completions), then `T: FromStr`.
pub fn choices<T>(names: &'static [&'static str]) -> clap::builder::ValueParser
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Display,
{
    clap::builder::ValueParser::new(Choices::<T> {
        names,
        _t: std::marker::PhantomData,
    })
}

#[derive(Clone)]
struct Choices<T> {
    names: &'static [&'static str],
    _t: std::marker::PhantomData<fn() -> T>,
}

impl<T> clap::builder::TypedValueParser for Choices<T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Display,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let text = clap::builder::PossibleValuesParser::new(self.names.iter().copied())
            .parse_ref(cmd, arg, value)?;
        text.parse::<T>().map_err(|e| {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid value `{text}`: {e}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.names
                .iter()
                .map(|n| clap::builder::PossibleValue::new(*n)),
        ))
    }
}

/// The value of a required option.
pub fn one<T: Clone + Send + Sync + 'static>(m: &ArgMatches, id: &str) -> Result<T, CliError> {
    opt(m, id).ok_or_else(|| CliError::usage(format!("the option for `{id}` is required")))
}

/// The value of an optional option.
pub fn opt<T: Clone + Send + Sync + 'static>(m: &ArgMatches, id: &str) -> Option<T> {
    m.get_one::<T>(id).cloned()
}

/// Every value of a repeatable option, `None` when it was not given.
pub fn many<T: Clone + Send + Sync + 'static>(m: &ArgMatches, id: &str) -> Option<Vec<T>> {
    m.get_many::<T>(id).map(|v| v.cloned().collect())
}

/// Adds `--json-body FILE|-` (required when the body is) and `--body-template`.
pub fn body_args(c: Command, required: bool) -> Command {
    let body = Arg::new("json-body")
        .long("json-body")
        .value_name("FILE|-")
        .help("The request body: a JSON file, or `-` for stdin (see --body-template)");
    let body = if required {
        body.required_unless_present("body-template")
    } else {
        body
    };
    c.arg(body).arg(
        Arg::new("body-template")
            .long("body-template")
            .action(ArgAction::SetTrue)
            .help("Print a JSON template of the request body and exit (no login)"),
    )
}

/// Reads `--json-body` into the body type, if given.
pub fn body<T: serde::de::DeserializeOwned>(m: &ArgMatches) -> Result<Option<T>, CliError> {
    let Some(path) = m.get_one::<String>("json-body") else {
        return Ok(None);
    };
    let text = if path == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| CliError::usage(format!("cannot read the body from stdin: {e}")))?
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("cannot read --json-body {path}: {e}")))?
    };
    let type_name = std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or("body");
    serde_json::from_str(&text).map(Some).map_err(|e| {
        CliError::usage(format!(
            "--json-body {path} is not a valid `{type_name}`: {e} (see --body-template)"
        ))
    })
}

/// Adds `--limit N` and `--count` to a list command.
pub fn list_args(c: Command) -> Command {
    c.arg(
        Arg::new("limit")
            .long("limit")
            .value_name("N")
            .value_parser(clap::value_parser!(u64))
            .help("Stop after N items (every page is walked otherwise)"),
    )
    .arg(
        Arg::new("count")
            .long("count")
            .action(ArgAction::SetTrue)
            .conflicts_with("limit")
            .help("Print the number of items instead (the console's HEAD count where it has one)"),
    )
}

/// `--limit`.
pub fn limit(m: &ArgMatches) -> Option<u64> {
    m.get_one::<u64>("limit").copied()
}

/// `--count`.
pub fn counting(m: &ArgMatches) -> bool {
    m.get_flag("count")
}
