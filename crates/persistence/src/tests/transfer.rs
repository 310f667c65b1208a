use super::{idle_agent, memory, TempPath};
use crate::store::{JournalMode, OpenOptions, Store, Synchronous};
use crate::Error;
use alloc::string::ToString;

extern crate std;

#[test]
fn export_then_import_into_memory_and_file_stores() {
    let mut source = memory();
    for i in 0..50 {
        source
            .save_agent("s", &idle_agent(&alloc::format!("a{i}")))
            .unwrap();
    }
    source
        .save_snapshot("s", &[9; 1000], Some("x"), None)
        .unwrap();
    let bytes = source.export_bytes().unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));

    let mut copy = memory();
    copy.save_agent("other", &idle_agent("gone")).unwrap();
    copy.import_bytes(&bytes).unwrap();
    assert_eq!(
        copy.list_swarms().unwrap(),
        ["s"],
        "the import replaces everything"
    );
    assert_eq!(
        copy.list_agents("s", &Default::default()).unwrap().len(),
        50
    );

    for journal in [JournalMode::Wal, JournalMode::Delete] {
        let path = TempPath::new("import");
        {
            let mut file = Store::open(
                path.location(),
                OpenOptions {
                    journal,
                    synchronous: Synchronous::Full,
                },
            )
            .unwrap();
            file.import_bytes(&bytes).unwrap();
            assert_eq!(
                file.load_snapshot("s", None).unwrap().map(|b| b.len()),
                Some(1000)
            );
            // A file store's export imports back too (its WAL header is rewritten).
            let again = file.export_bytes().unwrap();
            assert_eq!(again[18..20], [1, 1]);
            let mut back = memory();
            back.import_bytes(&again).unwrap();
            assert_eq!(
                back.list_agents("s", &Default::default()).unwrap().len(),
                50
            );
        }
        let mut reopened = Store::open(
            path.location(),
            OpenOptions {
                journal,
                synchronous: Synchronous::Full,
            },
        )
        .unwrap();
        assert_eq!(
            reopened
                .list_agents("s", &Default::default())
                .unwrap()
                .len(),
            50,
            "{journal:?}"
        );
    }
}

#[test]
fn bad_bytes_are_refused_and_change_nothing() {
    let mut store = memory();
    store.save_agent("s", &idle_agent("keep")).unwrap();
    let good = store.export_bytes().unwrap();
    let err = store.import_bytes(b"hello").unwrap_err();
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
    let mut damaged = good.clone();
    let len = damaged.len();
    for b in damaged[len / 2..].iter_mut() {
        *b ^= 0xa5;
    }
    let err = store.import_bytes(&damaged).unwrap_err();
    assert!(matches!(err, Error::Sql(_)), "{err}");
    // A plain SQLite database that is not a store.
    let mut foreign = memory();
    foreign.execute_batch("PRAGMA application_id = 7").unwrap();
    let err = store
        .import_bytes(&foreign.export_bytes().unwrap())
        .unwrap_err();
    assert!(matches!(err, Error::Schema(_)), "{err}");
    assert_eq!(
        store.list_agents("s", &Default::default()).unwrap().len(),
        1
    );
    let _ = std::format!("{good:?}").len();
}

#[test]
fn change_count_counts_commits_and_imports_but_not_rollbacks_or_reads() {
    let mut store = memory();
    assert_eq!(
        store.change_count(),
        0,
        "nothing is counted before count_changes"
    );
    store.count_changes();
    assert_eq!(store.change_count(), 0);
    store.save_agent("s", &idle_agent("a")).unwrap();
    assert_eq!(store.change_count(), 1, "one autocommitted write");
    store.list_agents("s", &Default::default()).unwrap();
    assert_eq!(store.change_count(), 1, "reads commit nothing");
    store
        .atomic(|s| {
            s.save_agent("s", &idle_agent("b"))?;
            s.save_agent("s", &idle_agent("c"))
        })
        .unwrap();
    assert_eq!(store.change_count(), 2, "one transaction, one commit");
    let failed: Result<(), Error> = store.atomic(|s| {
        s.save_agent("s", &idle_agent("d"))?;
        Err(Error::invalid("test", "roll back"))
    });
    assert!(failed.is_err());
    assert_eq!(
        store.change_count(),
        2,
        "a rolled-back transaction is not a change"
    );
    store.execute_batch("CREATE TABLE t (x)").unwrap();
    assert_eq!(store.change_count(), 3, "schema changes commit too");
    let bytes = store.export_bytes().unwrap();
    store.import_bytes(&bytes).unwrap();
    assert_eq!(
        store.change_count(),
        4,
        "an import replaces the database: a change"
    );
}
