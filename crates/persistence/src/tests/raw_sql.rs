use super::memory;
use crate::sqlite::{Params, Value};
use crate::store::BeginMode;
use crate::Error;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec;

fn sql_error(e: Error) -> crate::SqlError {
    match e {
        Error::Sql(e) => e,
        other => panic!("expected a SQLite error, got {other}"),
    }
}

#[test]
fn query_and_execute_with_positional_and_named_parameters() {
    let mut s = memory();
    s.execute_batch(
        "CREATE TABLE kv (k TEXT PRIMARY KEY, v, n INTEGER); CREATE INDEX kv_n ON kv (n);",
    )
    .unwrap();
    let r = s
        .execute(
            "INSERT INTO kv VALUES (?, ?, ?)",
            &Params::Positional(vec!["a".into(), Value::Real(1.5), Value::Integer(1)]),
        )
        .unwrap();
    assert_eq!((r.changes, r.last_insert_rowid), (1, 1));
    s.execute(
        "INSERT INTO kv VALUES (:k, @v, $n)",
        &Params::Named(vec![
            ("k".into(), "b".into()),
            ("v".into(), Value::Blob(vec![0, 255])),
            ("n".into(), Value::Integer(i64::MAX)),
        ]),
    )
    .unwrap();
    s.execute(
        "INSERT INTO kv VALUES (?2, ?1, NULL)",
        &Params::Positional(vec![Value::Null, "c".into()]),
    )
    .unwrap();
    let rows = s
        .query("SELECT k, v, n FROM kv ORDER BY k", &Params::None)
        .unwrap();
    assert_eq!(rows.columns, ["k", "v", "n"]);
    assert_eq!(
        rows.rows,
        vec![
            vec![Value::from("a"), Value::Real(1.5), Value::Integer(1)],
            vec![
                Value::from("b"),
                Value::Blob(vec![0, 255]),
                Value::Integer(i64::MAX)
            ],
            vec![Value::from("c"), Value::Null, Value::Null],
        ]
    );
    let one = s
        .query(
            "SELECT v FROM kv WHERE n = ?",
            &Params::Positional(vec![Value::Integer(1)]),
        )
        .unwrap();
    assert_eq!(one.rows, vec![vec![Value::Real(1.5)]]);
    let many = s
        .execute_many(
            "UPDATE kv SET n = ? WHERE k = ?",
            &[
                Params::Positional(vec![Value::Integer(7), "a".into()]),
                Params::Positional(vec![Value::Integer(8), "b".into()]),
            ],
        )
        .unwrap();
    assert_eq!(many.changes, 2);
}

#[test]
fn sql_errors_carry_sqlites_message_and_code() {
    let mut s = memory();
    let e = sql_error(s.query("SELEC 1", &Params::None).unwrap_err());
    assert_eq!(e.message, "near \"SELEC\": syntax error");
    assert_eq!(e.code_name(), "SQLITE_ERROR");
    let e = sql_error(s.query("SELECT * FROM nowhere", &Params::None).unwrap_err());
    assert_eq!(e.message, "no such table: nowhere");
    s.execute_batch("CREATE TABLE u (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL)")
        .unwrap();
    s.execute("INSERT INTO u VALUES (1, 'x')", &Params::None)
        .unwrap();
    let e = sql_error(
        s.execute("INSERT INTO u VALUES (2, 'x')", &Params::None)
            .unwrap_err(),
    );
    assert_eq!(
        (e.code_name(), e.message.as_str()),
        (
            "SQLITE_CONSTRAINT_UNIQUE",
            "UNIQUE constraint failed: u.name"
        )
    );
    assert!(e.is_constraint());
    let e = sql_error(
        s.execute("INSERT INTO u VALUES (1, 'y')", &Params::None)
            .unwrap_err(),
    );
    assert_eq!(e.code_name(), "SQLITE_CONSTRAINT_PRIMARYKEY");
    let e = sql_error(
        s.execute("INSERT INTO u (id) VALUES (3)", &Params::None)
            .unwrap_err(),
    );
    assert_eq!(
        (e.code_name(), e.message.as_str()),
        (
            "SQLITE_CONSTRAINT_NOTNULL",
            "NOT NULL constraint failed: u.name"
        )
    );
    // The schema's CHECK constraints guard the typed tables against raw writes.
    let e = sql_error(
        s.execute(
            "INSERT INTO agents VALUES ('s', 'a', '', NULL, 'sleeping', '[]', NULL, 0, 0)",
            &Params::None,
        )
        .unwrap_err(),
    );
    assert_eq!(e.code_name(), "SQLITE_CONSTRAINT_CHECK");
    assert!(
        e.message.starts_with("CHECK constraint failed"),
        "{}",
        e.message
    );
}

#[test]
fn parameter_mistakes_are_errors() {
    let mut s = memory();
    let msg = |e: Error| e.to_string();
    assert!(msg(s
        .query("SELECT ?, ?", &Params::Positional(vec![Value::Integer(1)]))
        .unwrap_err())
    .contains("2 parameter(s) but 1"));
    assert!(msg(s.query("SELECT ?", &Params::None).unwrap_err()).contains("none were given"));
    assert!(msg(s
        .query("SELECT :a", &Params::Named(vec![("b".into(), Value::Null)]))
        .unwrap_err())
    .contains("no value given for parameter :a"));
    assert!(msg(s
        .query(
            "SELECT :a",
            &Params::Named(vec![("a".into(), Value::Null), ("b".into(), Value::Null)])
        )
        .unwrap_err())
    .contains("no parameter named b"));
    assert!(msg(s
        .query("SELECT ?", &Params::Named(vec![("a".into(), Value::Null)]))
        .unwrap_err())
    .contains("positional"));
    assert!(
        msg(s.query("SELECT 1; SELECT 2", &Params::None).unwrap_err())
            .contains("more than one statement")
    );
    assert!(msg(s.query("  -- nothing\n", &Params::None).unwrap_err()).contains("no statement"));
    // A trailing comment is not a second statement.
    assert_eq!(
        s.query("SELECT 1; -- done", &Params::None).unwrap().rows,
        vec![vec![Value::Integer(1)]]
    );
    // The cached statement still works after every failure.
    assert_eq!(
        s.query(
            "SELECT ?, ?",
            &Params::Positional(vec![Value::Integer(1), Value::Integer(2)])
        )
        .unwrap()
        .rows
        .len(),
        1
    );
}

#[test]
fn transactions_commit_roll_back_and_nest() {
    let mut s = memory();
    s.execute_batch("CREATE TABLE t (x)").unwrap();
    let count = |s: &mut crate::Store| s.connection().query_i64("SELECT count(*) FROM t").unwrap();
    s.begin(BeginMode::Immediate).unwrap();
    assert!(s.in_transaction());
    assert!(s.begin(BeginMode::Deferred).is_err(), "no nested begin");
    s.execute("INSERT INTO t VALUES (1)", &Params::None)
        .unwrap();
    s.rollback().unwrap();
    assert_eq!(count(&mut s), 0);
    assert!(s.commit().is_err() && s.rollback().is_err(), "nothing open");
    s.begin(BeginMode::Deferred).unwrap();
    s.execute("INSERT INTO t VALUES (1)", &Params::None)
        .unwrap();
    // An inner atomic unit that fails is undone alone.
    let inner: Result<(), Error> = s.atomic(|s| {
        s.execute("INSERT INTO t VALUES (2)", &Params::None)?;
        Err(Error::Transaction(String::from("inner failure")))
    });
    assert!(inner.is_err());
    s.atomic(|s| s.execute("INSERT INTO t VALUES (3)", &Params::None))
        .unwrap();
    s.commit().unwrap();
    assert_eq!(
        s.connection()
            .query_strings("SELECT x FROM t ORDER BY x")
            .unwrap(),
        ["1", "3"]
    );
    // A failing execute_many keeps nothing.
    s.execute_batch("CREATE TABLE u (x UNIQUE)").unwrap();
    assert!(s
        .execute_many(
            "INSERT INTO u VALUES (?)",
            &[
                Params::Positional(vec![Value::Integer(1)]),
                Params::Positional(vec![Value::Integer(1)])
            ]
        )
        .is_err());
    assert_eq!(
        s.connection().query_i64("SELECT count(*) FROM u").unwrap(),
        0
    );
    assert!(!s.in_transaction());
}

#[test]
fn prepared_statements_by_handle() {
    let mut s = memory();
    s.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    let insert = s.prepare("INSERT INTO t VALUES (?)").unwrap();
    for i in 0..10 {
        s.run_prepared(insert, &Params::Positional(vec![Value::Integer(i)]), |_| {
            Ok(true)
        })
        .unwrap();
    }
    let select = s
        .prepare("SELECT x FROM t WHERE x >= ? ORDER BY x")
        .unwrap();
    let mut seen = vec![];
    s.run_prepared(
        select,
        &Params::Positional(vec![Value::Integer(7)]),
        |stmt| {
            seen.push(stmt.column_i64(0));
            Ok(true)
        },
    )
    .unwrap();
    assert_eq!(seen, [7, 8, 9]);
    assert_eq!(
        s.prepared_info(select).unwrap(),
        (vec![String::from("x")], true)
    );
    s.finalize(select);
    assert!(matches!(
        s.run_prepared(select, &Params::None, |_| Ok(true)),
        Err(Error::Closed("statement"))
    ));
}
