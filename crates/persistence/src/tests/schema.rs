use super::{clock, idle_agent, memory, TempPath};
use crate::schema::{self, MIGRATIONS, SCHEMA_VERSION};
use crate::sqlite::{Connection, OpenMode};
use crate::store::{JournalMode, OpenOptions, Store, Synchronous};
use crate::Error;

extern crate std;

#[test]
fn a_new_store_has_every_migration() {
    let mut store = memory();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION as usize, MIGRATIONS.len());
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version, i as i64 + 1, "migrations are numbered 1, 2, ...");
    }
    let rows = store
        .query(
            "SELECT version, name FROM schema_migrations ORDER BY version",
            &crate::Params::None,
        )
        .unwrap();
    assert_eq!(rows.rows.len(), MIGRATIONS.len());
    assert_eq!(
        store
            .connection()
            .query_i64("PRAGMA application_id")
            .unwrap(),
        schema::APPLICATION_ID
    );
}

#[test]
fn an_old_database_is_migrated_keeping_its_data() {
    let path = TempPath::new("migrate");
    {
        // A version-1 database, as an earlier release wrote it.
        let conn = Connection::open(&path.0, OpenMode::ReadWriteCreate, None).unwrap();
        assert_eq!(schema::migrate_to(&conn, 1, 5.0).unwrap(), 1);
        conn.execute_batch(
            "INSERT INTO agents VALUES ('s', 'a1', 'Ada', NULL, 'idle', '[]', NULL, 5, 5)",
        )
        .unwrap();
        assert!(
            conn.execute_batch("SELECT * FROM snapshots").is_err(),
            "v1 has no snapshots table"
        );
    }
    let mut store = Store::open_with_clock(path.location(), OpenOptions::default(), clock).unwrap();
    assert_eq!(store.schema_version().unwrap(), 2);
    let a = store.get_agent("s", "a1").unwrap().unwrap();
    assert_eq!(a.name, "Ada");
    assert_eq!(store.list_snapshots("s").unwrap(), alloc::vec![]);
    let applied = store
        .connection()
        .query_strings("SELECT applied_at FROM schema_migrations ORDER BY version")
        .unwrap();
    assert_eq!(applied, ["5", "1000"], "each migration records when it ran");
}

#[test]
fn a_newer_schema_is_refused_unchanged() {
    let path = TempPath::new("newer");
    {
        let store = Store::open(path.location(), OpenOptions::default()).unwrap();
        store
            .connection()
            .execute_batch("PRAGMA user_version = 99")
            .unwrap();
    }
    match Store::open(path.location(), OpenOptions::default()) {
        Err(Error::Schema(m)) => assert!(m.contains("schema version 99"), "{m}"),
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
    let conn = Connection::open(&path.0, OpenMode::ReadWrite, None).unwrap();
    assert_eq!(conn.query_i64("PRAGMA user_version").unwrap(), 99);
}

#[test]
fn another_applications_database_is_refused() {
    let path = TempPath::new("foreign");
    {
        let conn = Connection::open(&path.0, OpenMode::ReadWriteCreate, None).unwrap();
        conn.execute_batch("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
            .unwrap();
    }
    match Store::open(path.location(), OpenOptions::default()) {
        Err(Error::Schema(m)) => assert!(m.contains("not a swarm store"), "{m}"),
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("a foreign database was opened"),
    }
}

#[test]
fn a_file_that_is_not_a_database_is_an_error() {
    let path = TempPath::new("garbage");
    std::fs::write(&path.0, [0x5au8; 8192]).unwrap();
    match Store::open(path.location(), OpenOptions::default()) {
        Err(Error::Sql(e)) => {
            assert_eq!(e.code_name(), "SQLITE_NOTADB", "{e:?}");
            assert_eq!(e.message, "file is not a database");
        }
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("garbage opened as a store"),
    }
}

#[test]
fn a_corrupted_database_reports_errors_not_crashes() {
    let path = TempPath::new("corrupt");
    {
        let mut store = Store::open(
            path.location(),
            OpenOptions {
                journal: JournalMode::Delete,
                synchronous: Synchronous::Full,
            },
        )
        .unwrap();
        for i in 0..300 {
            store
                .save_agent("s", &idle_agent(&alloc::format!("agent-{i}")))
                .unwrap();
        }
    }
    let mut bytes = std::fs::read(&path.0).unwrap();
    assert!(bytes.len() > 8192);
    // Overwrite everything after the first page (the schema) with garbage.
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i * 7 + 3) as u8;
    }
    std::fs::write(&path.0, &bytes).unwrap();
    let result = Store::open(
        path.location(),
        OpenOptions {
            journal: JournalMode::Delete,
            synchronous: Synchronous::Full,
        },
    )
    .and_then(|mut s| s.list_agents("s", &Default::default()).map(|_| s))
    .and_then(|mut s| s.check_integrity());
    match result {
        Err(Error::Sql(e)) => assert!(
            e.code_name().starts_with("SQLITE_CORRUPT") || e.code_name() == "SQLITE_NOTADB",
            "{e:?}"
        ),
        Ok(problems) => assert!(!problems.is_empty(), "integrity_check found nothing"),
        Err(e) => panic!("unexpected error {e}"),
    }
}
