//! The console's timestamps: `int64` **microseconds** since the Unix epoch, to and from
//! [`std::time::SystemTime`].
//!
//! Every date field of the console (`syncdate`, `startdate`, `consistencydate`, `expiration`,
//! `createdate`, ...) and every date in a `filter=` condition is a count of microseconds since
//! 1970-01-01T00:00:00Z (16 digits today, e.g. `1680191656238000`). One field is known to
//! differ: `installed` of `GET /config/versiondetail` is in **milliseconds** (13 digits, e.g.
//! `1622614922581`); read it with [`from_millis`]. Durations (`JobRest.duration`) are
//! microseconds too: [`duration_from_micros`].
//!
//! Why `SystemTime` and no date crate: it is the one time type every Rust date crate converts
//! from and to (`jiff::Timestamp::try_from(SystemTime)`, `chrono::DateTime::<Utc>::from(SystemTime)`,
//! `time::OffsetDateTime::from(SystemTime)`), so users keep the date crate they already use and
//! this SDK adds none to their build.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use mgmt_sdk::time::{from_micros, to_micros};
//!
//! let created = from_micros(1_680_191_656_238_000)?;
//! assert_eq!(created, SystemTime::UNIX_EPOCH + Duration::from_micros(1_680_191_656_238_000));
//! assert_eq!(to_micros(created)?, 1_680_191_656_238_000);
//! # Ok::<(), mgmt_sdk::time::TimeError>(())
//! ```

use std::time::{Duration, SystemTime};

/// A value that cannot be converted between the console's epoch numbers and [`SystemTime`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeError {
    /// An epoch number this platform's `SystemTime` cannot represent.
    OutOfRange {
        /// The number received.
        value: i64,
        /// Its unit (`"microseconds"` or `"milliseconds"`).
        unit: &'static str,
    },
    /// A time too far from 1970 to be written as an `i64` count of `unit`.
    NotRepresentable {
        /// The unit it was to be written in.
        unit: &'static str,
    },
    /// A negative duration (`duration` fields are never negative).
    NegativeDuration {
        /// The number received.
        value: i64,
    },
}

impl std::fmt::Display for TimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::OutOfRange { value, unit } => write!(
                f,
                "{value} {unit} since the Unix epoch is outside the range of SystemTime"
            ),
            Self::NotRepresentable { unit } => write!(
                f,
                "the time is too far from the Unix epoch to be written as 64-bit {unit}"
            ),
            Self::NegativeDuration { value } => {
                write!(f, "duration of {value} microseconds is negative")
            }
        }
    }
}

impl std::error::Error for TimeError {}

const MICROS: &str = "microseconds";
const MILLIS: &str = "milliseconds";

fn from_epoch(value: i64, unit: &'static str, per_second: u64) -> Result<SystemTime, TimeError> {
    let magnitude = value.unsigned_abs();
    let offset = Duration::new(
        magnitude / per_second,
        // below 1e9 by construction (remainder of a sub-second count times the ns per unit)
        u32::try_from((magnitude % per_second) * (1_000_000_000 / per_second))
            .map_err(|_| TimeError::OutOfRange { value, unit })?,
    );
    let time = if value >= 0 {
        SystemTime::UNIX_EPOCH.checked_add(offset)
    } else {
        SystemTime::UNIX_EPOCH.checked_sub(offset)
    };
    time.ok_or(TimeError::OutOfRange { value, unit })
}

fn to_epoch(time: SystemTime, unit: &'static str, per_second: u128) -> Result<i64, TimeError> {
    let nanos_per_unit = 1_000_000_000 / per_second;
    let (negative, offset) = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => (false, after),
        Err(before) => (true, before.duration()),
    };
    // Truncate toward the past, so a time is never written as later than it is.
    let nanos = offset.as_nanos();
    let whole = nanos / nanos_per_unit;
    let units = if negative && nanos % nanos_per_unit != 0 {
        whole + 1
    } else {
        whole
    };
    let units = i64::try_from(units).map_err(|_| TimeError::NotRepresentable { unit })?;
    Ok(if negative { -units } else { units })
}

/// The time `micros` microseconds after (or, negative, before) the Unix epoch.
pub fn from_micros(micros: i64) -> Result<SystemTime, TimeError> {
    from_epoch(micros, MICROS, 1_000_000)
}

/// `time` as microseconds since the Unix epoch, the unit of the console's date fields and date
/// filters. Sub-microsecond parts are truncated toward the past.
pub fn to_micros(time: SystemTime) -> Result<i64, TimeError> {
    to_epoch(time, MICROS, 1_000_000)
}

/// The time `millis` milliseconds after the Unix epoch: only for the console's one millisecond
/// field, `installed` of `GET /config/versiondetail` (and its components).
pub fn from_millis(millis: i64) -> Result<SystemTime, TimeError> {
    from_epoch(millis, MILLIS, 1_000)
}

/// `time` as milliseconds since the Unix epoch (the unit of `/config/versiondetail.installed`).
pub fn to_millis(time: SystemTime) -> Result<i64, TimeError> {
    to_epoch(time, MILLIS, 1_000)
}

/// A microsecond duration field (`JobRest.duration`) as a [`Duration`].
pub fn duration_from_micros(micros: i64) -> Result<Duration, TimeError> {
    u64::try_from(micros)
        .map(Duration::from_micros)
        .map_err(|_| TimeError::NegativeDuration { value: micros })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micros_round_trip_before_and_after_the_epoch() {
        for us in [
            0,
            1,
            -1,
            1_680_191_656_238_000,
            -86_400_000_001,
            i64::MAX / 2,
        ] {
            assert_eq!(to_micros(from_micros(us).unwrap()).unwrap(), us, "{us}");
        }
    }

    #[test]
    fn millis_are_a_thousand_times_coarser() {
        let t = from_millis(1_622_614_922_581).unwrap();
        assert_eq!(to_micros(t).unwrap(), 1_622_614_922_581_000);
        assert_eq!(to_millis(t).unwrap(), 1_622_614_922_581);
    }

    #[test]
    fn sub_unit_parts_truncate_toward_the_past() {
        let after = SystemTime::UNIX_EPOCH + Duration::from_nanos(1_999);
        assert_eq!(to_micros(after).unwrap(), 1);
        let before = SystemTime::UNIX_EPOCH - Duration::from_nanos(1_001);
        assert_eq!(to_micros(before).unwrap(), -2);
    }

    #[test]
    fn unrepresentable_values_are_typed_errors() {
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX / 1_000);
        assert_eq!(
            to_micros(far),
            Err(TimeError::NotRepresentable { unit: MICROS })
        );
        assert_eq!(
            duration_from_micros(-5),
            Err(TimeError::NegativeDuration { value: -5 })
        );
        assert_eq!(
            duration_from_micros(42_000_000),
            Ok(Duration::from_secs(42))
        );
    }
}
