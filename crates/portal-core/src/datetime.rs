//! RFC 3339 date-times and calendar dates, as the contract writes them, shown in Asia/Ho_Chi_Minh.
//!
//! Hand-written rather than a date crate: the portal needs parsing, one fixed zone (Vietnam has kept
//! UTC+07:00 without daylight saving since 1975) and two display formats, which is far less wasm than
//! a general time library.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::cmp::Ordering;
use std::fmt;

/// Asia/Ho_Chi_Minh is UTC+07:00 all year.
pub const VIETNAM_OFFSET_MINUTES: i32 = 7 * 60;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A moment with the UTC offset it was written with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub offset_minutes: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date: {}", self.0)
    }
}

impl std::error::Error for DateError {}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

fn digits(s: &str, what: &str) -> Result<u32, DateError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError(format!("{what} is not a number")));
    }
    s.parse()
        .map_err(|_| DateError(format!("{what} out of range")))
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError(format!("{s:?} is not YYYY-MM-DD")));
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(DateError(format!("{s:?} is not YYYY-MM-DD")));
        }
        let year = digits(y, "year")? as i32;
        let month = digits(m, "month")? as u8;
        let day = digits(d, "day")? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError(format!("{s:?} is not a calendar date")));
        }
        Ok(Date { year, month, day })
    }

    /// `dd/mm/yyyy`, the Vietnamese way.
    pub fn to_vietnamese(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// The date as `lang` writes it: `01/11/2022`, `1 November 2022`.
    pub fn in_lang(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::Vi => self.to_vietnamese(),
            crate::i18n::Lang::En => {
                let month = crate::i18n::MONTHS
                    .get(usize::from(self.month).wrapping_sub(1))
                    .copied()
                    .unwrap_or_default();
                format!("{} {month} {}", self.day, self.year)
            }
        }
    }

    pub fn to_iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl DateTime {
    /// Parses RFC 3339 (`2022-11-01T10:30:00+07:00`, `…Z`, optional fractional seconds).
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let (date_part, rest) = s
            .split_once(['T', 't', ' '])
            .ok_or_else(|| DateError(format!("{s:?} has no time")))?;
        let date = Date::parse(date_part)?;
        let (time_part, offset_minutes) = if let Some(t) = rest.strip_suffix(['Z', 'z']) {
            (t, 0)
        } else {
            let idx = rest
                .rfind(['+', '-'])
                .ok_or_else(|| DateError(format!("{s:?} has no UTC offset")))?;
            let (t, off) = rest.split_at(idx);
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let (oh, om) = off[1..]
                .split_once(':')
                .ok_or_else(|| DateError(format!("{s:?} has a malformed offset")))?;
            if oh.len() != 2 || om.len() != 2 {
                return Err(DateError(format!("{s:?} has a malformed offset")));
            }
            let (oh, om) = (digits(oh, "offset hour")?, digits(om, "offset minute")?);
            if oh > 23 || om > 59 {
                return Err(DateError(format!("{s:?} has an offset out of range")));
            }
            (t, sign * (oh * 60 + om) as i32)
        };
        let time_part = time_part
            .split_once('.')
            .map_or(time_part, |(whole, frac)| {
                if frac.bytes().all(|b| b.is_ascii_digit()) {
                    whole
                } else {
                    time_part
                }
            });
        let mut hms = time_part.split(':');
        let (Some(h), Some(m), Some(sec), None) = (hms.next(), hms.next(), hms.next(), hms.next())
        else {
            return Err(DateError(format!("{s:?} is not HH:MM:SS")));
        };
        if h.len() != 2 || m.len() != 2 || sec.len() != 2 {
            return Err(DateError(format!("{s:?} is not HH:MM:SS")));
        }
        let (hour, minute, second) = (
            digits(h, "hour")?,
            digits(m, "minute")?,
            digits(sec, "second")?,
        );
        // 60 allows a leap second; it is shown as :60 and orders after :59.
        if hour > 23 || minute > 59 || second > 60 {
            return Err(DateError(format!("{s:?} has a time out of range")));
        }
        Ok(DateTime {
            date,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            offset_minutes,
        })
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        let d = &self.date;
        days_from_civil(d.year, d.month, d.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }

    pub fn from_unix_seconds(secs: i64, offset_minutes: i32) -> Self {
        let local = secs + i64::from(offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let rem = local.rem_euclid(86_400);
        DateTime {
            date: civil_from_days(days),
            hour: (rem / 3600) as u8,
            minute: (rem % 3600 / 60) as u8,
            second: (rem % 60) as u8,
            offset_minutes,
        }
    }

    /// The same moment on the wall clocks of Vietnam (Asia/Ho_Chi_Minh).
    pub fn in_vietnam(&self) -> Self {
        if self.offset_minutes == VIETNAM_OFFSET_MINUTES {
            *self
        } else {
            Self::from_unix_seconds(self.unix_seconds(), VIETNAM_OFFSET_MINUTES)
        }
    }

    /// `01/11/2022 | 10:30 AM` in Vietnam time, as the portal's article pages show it.
    pub fn to_vietnamese(&self) -> String {
        let v = self.in_vietnam();
        let (h12, half) = match v.hour {
            0 => (12, "AM"),
            1..=11 => (v.hour, "AM"),
            12 => (12, "PM"),
            h => (h - 12, "PM"),
        };
        format!(
            "{} | {:02}:{:02} {half}",
            v.date.to_vietnamese(),
            h12,
            v.minute
        )
    }

    /// Date and time in Vietnam time as `lang` writes them: `01/11/2022 | 10:30 AM`,
    /// `1 November 2022, 10:30`.
    pub fn in_lang(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::Vi => self.to_vietnamese(),
            crate::i18n::Lang::En => {
                let v = self.in_vietnam();
                format!("{}, {:02}:{:02}", v.date.in_lang(lang), v.hour, v.minute)
            }
        }
    }

    /// The date alone in Vietnam time as `lang` writes it, for compact lists.
    pub fn date_in(&self, lang: crate::i18n::Lang) -> String {
        self.in_vietnam().date.in_lang(lang)
    }

    /// `dd/mm/yyyy` in Vietnam time, for compact lists.
    pub fn date_vietnamese(&self) -> String {
        self.in_vietnam().date.to_vietnamese()
    }

    /// RFC 822 as RSS 2.0 asks (`Tue, 01 Nov 2022 10:30:00 +0700`), on the moment's own offset.
    pub fn to_rfc822(&self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let d = &self.date;
        // Day 0 of the Unix epoch was a Thursday.
        let weekday = days_from_civil(d.year, d.month, d.day).rem_euclid(7) as usize;
        let month = MONTHS
            .get(usize::from(d.month).saturating_sub(1))
            .unwrap_or(&"Jan");
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let off = self.offset_minutes.unsigned_abs();
        format!(
            "{}, {:02} {month} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            DAYS.get(weekday).unwrap_or(&"Thu"),
            d.day,
            d.year,
            self.hour,
            self.minute,
            self.second,
            off / 60,
            off % 60
        )
    }

    /// The canonical RFC 3339 form, as written in the API and in `<time datetime>`.
    pub fn to_rfc3339(&self) -> String {
        let d = &self.date;
        let base = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            d.year, d.month, d.day, self.hour, self.minute, self.second
        );
        if self.offset_minutes == 0 {
            return base + "Z";
        }
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let off = self.offset_minutes.unsigned_abs();
        format!("{base}{sign}{:02}:{:02}", off / 60, off % 60)
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.unix_seconds()
            .cmp(&other.unix_seconds())
            .then_with(|| self.offset_minutes.cmp(&other.offset_minutes))
    }
}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DateTime::parse(&s).map_err(de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
    }

    #[test]
    fn writes_dates_in_each_language() {
        use crate::i18n::Lang;
        let d = dt("2022-11-01T03:30:00Z");
        assert_eq!(d.in_lang(Lang::En), "1 November 2022, 10:30");
        assert_eq!(d.in_lang(Lang::Vi), "01/11/2022 | 10:30 AM");
        assert_eq!(d.date_in(Lang::En), "1 November 2022");
        assert_eq!(
            dt("2024-12-31T23:00:00+07:00").date_in(Lang::En),
            "31 December 2024"
        );
        assert_eq!(
            dt("2025-01-09T08:05:00+07:00").in_lang(Lang::En),
            "9 January 2025, 08:05"
        );
    }

    #[test]
    fn parses_and_formats_like_the_seed() {
        let d = dt("2022-11-01T10:30:00+07:00");
        assert_eq!(d.to_vietnamese(), "01/11/2022 | 10:30 AM");
        assert_eq!(d.to_rfc3339(), "2022-11-01T10:30:00+07:00");
        assert_eq!(
            dt("2022-11-01T15:05:00+07:00").to_vietnamese(),
            "01/11/2022 | 03:05 PM"
        );
        assert_eq!(
            dt("2022-11-01T00:10:00+07:00").to_vietnamese(),
            "01/11/2022 | 12:10 AM"
        );
        assert_eq!(
            dt("2022-11-01T12:00:00+07:00").to_vietnamese(),
            "01/11/2022 | 12:00 PM"
        );
    }

    #[test]
    fn converts_other_offsets_to_vietnam_time() {
        // 20:30 UTC on 31 Dec is 03:30 on 1 Jan in Hà Nội: day, month and year all roll over.
        let d = dt("2023-12-31T20:30:00Z");
        assert_eq!(d.to_vietnamese(), "01/01/2024 | 03:30 AM");
        assert_eq!(d.date_vietnamese(), "01/01/2024");
        assert_eq!(
            dt("2024-02-29T01:00:00+09:00").to_vietnamese(),
            "28/02/2024 | 11:00 PM"
        );
        assert_eq!(
            dt("2024-03-01T00:30:00-05:00").in_vietnam().to_rfc3339(),
            "2024-03-01T12:30:00+07:00"
        );
    }

    #[test]
    fn unix_round_trip() {
        assert_eq!(dt("1970-01-01T00:00:00Z").unix_seconds(), 0);
        assert_eq!(dt("2000-03-01T07:00:00+07:00").unix_seconds(), 951_868_800);
        for s in [0_i64, 951_868_800, 1_700_000_000, -86_400 * 365] {
            assert_eq!(DateTime::from_unix_seconds(s, 420).unix_seconds(), s);
        }
    }

    #[test]
    fn accepts_fractions_and_lowercase() {
        assert_eq!(
            dt("2025-01-02t03:04:05.678z").to_rfc3339(),
            "2025-01-02T03:04:05Z"
        );
    }

    #[test]
    fn rejects_malformed_input() {
        for bad in [
            "",
            "2022-11-01",
            "2022-11-01T10:30+07:00",
            "2022-13-01T10:30:00+07:00",
            "2023-02-29T10:30:00+07:00",
            "2022-11-01T24:00:00+07:00",
            "2022-11-01T10:30:00",
            "2022-11-01T10:30:00+7:00",
            "22-11-01T10:30:00Z",
            "2022-11-01T10:30:00+07:00junk",
            "２０２２-11-01T10:30:00Z",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn orders_by_instant() {
        assert!(dt("2024-01-01T08:00:00+07:00") < dt("2024-01-01T02:00:00Z"));
        assert!(dt("2024-01-01T08:00:00+07:00") > dt("2023-12-31T23:59:00Z"));
    }

    #[test]
    fn dates() {
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!(d.to_vietnamese(), "29/02/2024");
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-2-9").is_err());
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024-02-29\"");
    }

    #[test]
    fn serde_round_trip() {
        let d: DateTime = serde_json::from_str("\"2022-11-01T10:30:00+07:00\"").unwrap();
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            "\"2022-11-01T10:30:00+07:00\""
        );
        assert!(serde_json::from_str::<DateTime>("\"yesterday\"").is_err());
        assert!(serde_json::from_str::<DateTime>("42").is_err());
    }

    #[test]
    fn rfc822_for_feeds() {
        let t = DateTime::parse("2022-11-01T10:30:00+07:00").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(t.to_rfc822(), "Tue, 01 Nov 2022 10:30:00 +0700");
        let z = DateTime::parse("2026-12-02T00:00:05Z").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(z.to_rfc822(), "Wed, 02 Dec 2026 00:00:05 +0000");
    }
}
