//! The store's error type.

use alloc::string::String;
use core::fmt;

use crate::sqlite::SqlError;

/// Every failure of the store. Its [`Display`](fmt::Display) form is the message JavaScript
/// callers see in the thrown `Error`.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// SQLite reported an error: a SQL error, a constraint violation, an I/O error, a corrupt
    /// file... The message is SQLite's own.
    Sql(SqlError),
    /// An argument is malformed or out of range.
    Input(ruv_core::Error),
    /// The database is not a store this library can use (another application's database, or a
    /// newer schema version).
    Schema(String),
    /// The store (or statement) was closed.
    Closed(&'static str),
    /// A transaction call out of order (commit without begin, ...).
    Transaction(String),
}

impl Error {
    /// An invalid-argument error naming the field.
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Error::Input(ruv_core::Error::invalid(field, reason))
    }

    /// The SQLite error, if this is one.
    pub fn sql(&self) -> Option<&SqlError> {
        match self {
            Error::Sql(e) => Some(e),
            _ => None,
        }
    }
}

impl From<SqlError> for Error {
    fn from(e: SqlError) -> Self {
        Error::Sql(e)
    }
}

impl From<ruv_core::Error> for Error {
    fn from(e: ruv_core::Error) -> Self {
        Error::Input(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sql(e) => write!(f, "{e}"),
            Error::Input(e) => write!(f, "{e}"),
            Error::Schema(message) | Error::Transaction(message) => f.write_str(message),
            Error::Closed(what) => write!(f, "the {what} is closed"),
        }
    }
}
