//! Limits and validation helpers for identifiers, names, capabilities and numbers.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::Error;

/// Longest identifier, in bytes.
pub const MAX_ID_LEN: usize = 128;
/// Longest display name, in bytes.
pub const MAX_NAME_LEN: usize = 256;
/// Longest task description, in bytes.
pub const MAX_DESCRIPTION_LEN: usize = 65_536;
/// Longest capability name, in bytes.
pub const MAX_CAPABILITY_LEN: usize = 64;
/// Most capabilities an agent may have or a task may require.
pub const MAX_CAPABILITIES: usize = 64;
/// Most dependencies a task may list.
pub const MAX_DEPENDENCIES: usize = 4_096;
/// Longest task result, in bytes.
pub const MAX_RESULT_LEN: usize = 1 << 20;
/// Longest failure message or removal reason, in bytes.
pub const MAX_ERROR_LEN: usize = 65_536;
/// Largest allowed `maxAgents`.
pub const MAX_AGENTS_LIMIT: u32 = 100_000;
/// Largest allowed per-agent concurrency limit.
pub const MAX_CONCURRENT_LIMIT: u32 = 1_024;
/// Largest allowed retry limit.
pub const MAX_RETRIES_LIMIT: u32 = 1_000;
/// Largest allowed event-log capacity.
pub const MAX_EVENT_LOG_CAPACITY: u32 = 10_000_000;
/// Largest allowed hierarchy fan-out.
pub const MAX_FANOUT: u32 = 1_024;

/// Checks an identifier: 1 to [`MAX_ID_LEN`] bytes of ASCII letters, digits and `-_.:/@`.
pub fn validate_id(field: &str, id: &str) -> Result<(), Error> {
    if id.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if id.len() > MAX_ID_LEN {
        return Err(Error::invalid(
            field,
            format!("is {} bytes long; the limit is {MAX_ID_LEN}", id.len()),
        ));
    }
    let allowed =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':' | b'/' | b'@');
    if id.bytes().all(allowed) {
        return Ok(());
    }
    if let Some(c) = id.chars().find(|c| !(c.is_ascii() && allowed(*c as u8))) {
        return Err(Error::invalid(
            field,
            format!(
                "'{}' contains {c:?}; use ASCII letters, digits and -_.:/@",
                id
            ),
        ));
    }
    Ok(())
}

/// Checks free text: at most `max_len` bytes, no control characters except (when
/// `multiline`) newline, carriage return and tab.
pub fn validate_text(
    field: &str,
    text: &str,
    max_len: usize,
    multiline: bool,
) -> Result<(), Error> {
    if text.len() > max_len {
        return Err(Error::invalid(
            field,
            format!("is {} bytes long; the limit is {max_len}", text.len()),
        ));
    }
    // Fast path: printable ASCII only.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Ok(());
    }
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if let Some(c) = text.chars().find(|c| c.is_control() && !allowed(*c)) {
        return Err(Error::invalid(
            field,
            format!("contains the control character {c:?}"),
        ));
    }
    Ok(())
}

/// Checks a capability name: 1 to [`MAX_CAPABILITY_LEN`] bytes of visible ASCII (no spaces).
pub fn validate_capability(field: &str, capability: &str) -> Result<(), Error> {
    if capability.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if capability.len() > MAX_CAPABILITY_LEN {
        return Err(Error::invalid(
            field,
            format!(
                "is {} bytes long; the limit is {MAX_CAPABILITY_LEN}",
                capability.len()
            ),
        ));
    }
    if let Some(c) = capability.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(Error::invalid(
            field,
            format!("'{capability}' contains {c:?}; use visible ASCII characters without spaces"),
        ));
    }
    Ok(())
}

/// Validates a capability list and returns it sorted, without duplicates.
pub fn normalize_capabilities(
    field: &str,
    capabilities: Vec<String>,
) -> Result<Vec<String>, Error> {
    if capabilities.len() > MAX_CAPABILITIES {
        return Err(Error::invalid(
            field,
            format!(
                "lists {} capabilities; the limit is {MAX_CAPABILITIES}",
                capabilities.len()
            ),
        ));
    }
    for (i, c) in capabilities.iter().enumerate() {
        // Name the element only on failure: no allocation on the common path.
        if validate_capability("", c).is_err() {
            validate_capability(&format!("{field}[{i}]"), c)?;
        }
    }
    let mut out = capabilities;
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Whether a sorted, duplicate-free capability list contains every entry of another one.
pub fn capabilities_satisfy<S: AsRef<str>, R: AsRef<str>>(have: &[S], required: &[R]) -> bool {
    let mut have = have.iter().map(AsRef::as_ref);
    'next: for need in required.iter().map(AsRef::as_ref) {
        for h in have.by_ref() {
            match h.cmp(need) {
                core::cmp::Ordering::Less => continue,
                core::cmp::Ordering::Equal => continue 'next,
                core::cmp::Ordering::Greater => return false,
            }
        }
        return false;
    }
    true
}

/// Checks that `value` lies in `min..=max`.
pub fn validate_range(field: &str, value: u32, min: u32, max: u32) -> Result<(), Error> {
    if value < min || value > max {
        return Err(Error::invalid(
            field,
            format!("is {value}; it must be between {min} and {max}"),
        ));
    }
    Ok(())
}

/// Checks that a time value is finite and not negative.
pub fn validate_time(field: &str, value: f64) -> Result<(), Error> {
    if !value.is_finite() || value < 0.0 {
        return Err(Error::invalid(
            field,
            format!("is {value}; it must be a finite number >= 0"),
        ));
    }
    Ok(())
}

/// Returns `text` as a `String` after [`validate_text`]: a convenience for optional names.
pub fn checked_text(
    field: &str,
    text: &str,
    max_len: usize,
    multiline: bool,
) -> Result<String, Error> {
    validate_text(field, text, max_len, multiline)?;
    Ok(String::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn ids() {
        assert!(validate_id("id", "agent-1").is_ok());
        assert!(validate_id("id", "a/b:c@d.e_f").is_ok());
        assert!(validate_id("id", "").is_err());
        assert!(validate_id("id", "has space").is_err());
        assert!(validate_id("id", "é").is_err());
        let long = "x".repeat(MAX_ID_LEN + 1);
        let e = validate_id("task.id", &long).unwrap_err();
        assert!(e.to_string().contains("limit is 128"), "{e}");
        assert!(validate_id("id", &"x".repeat(MAX_ID_LEN)).is_ok());
    }

    #[test]
    fn text() {
        assert!(validate_text("name", "Ada Lovelace", 20, false).is_ok());
        assert!(validate_text("name", "a\nb", 20, false).is_err());
        assert!(validate_text("desc", "a\nb\tc", 20, true).is_ok());
        assert!(validate_text("desc", "a\u{0}b", 20, true).is_err());
        assert!(validate_text("desc", "abc", 2, true).is_err());
    }

    #[test]
    fn capabilities() {
        let caps = vec!["rust".to_string(), "go".to_string(), "rust".to_string()];
        assert_eq!(
            normalize_capabilities("c", caps).unwrap(),
            vec!["go".to_string(), "rust".to_string()]
        );
        assert!(normalize_capabilities("c", vec!["".to_string()]).is_err());
        assert!(normalize_capabilities("c", vec!["a b".to_string()]).is_err());
        let many: Vec<String> = (0..65).map(|i| i.to_string()).collect();
        assert!(normalize_capabilities("c", many).is_err());
    }

    #[test]
    fn satisfy() {
        let have = ["a", "c", "e"];
        assert!(capabilities_satisfy(&have, &["a", "e"]));
        assert!(capabilities_satisfy(&have, &[] as &[&str]));
        assert!(!capabilities_satisfy(&have, &["b"]));
        assert!(!capabilities_satisfy(&have, &["a", "f"]));
        assert!(!capabilities_satisfy(&[] as &[&str], &["a"]));
    }

    #[test]
    fn ranges_and_times() {
        assert!(validate_range("n", 5, 1, 10).is_ok());
        assert!(validate_range("n", 0, 1, 10).is_err());
        assert!(validate_range("n", 11, 1, 10).is_err());
        assert!(validate_time("t", 0.0).is_ok());
        assert!(validate_time("t", f64::NAN).is_err());
        assert!(validate_time("t", f64::INFINITY).is_err());
        assert!(validate_time("t", -1.0).is_err());
    }
}
