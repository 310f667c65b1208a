//! `types.d.ts` types `modelKinds()` as `ModelKind[]` and `ForecastModel.kind` as `ModelKind`:
//! the union it declares must be exactly the names the crate accepts and returns
//! (`ModelKind::NAMES`, which `modelKinds()` lists and `kind` reports).

use std::collections::BTreeSet;

use ruv_forecasting::ModelKind;

const TYPES: &str = include_str!("../types.d.ts");

/// The string literals of `export type ModelKind = | 'a' | 'b' ...;`.
fn declared_kinds() -> Vec<&'static str> {
    let start = TYPES
        .find("export type ModelKind =")
        .expect("types.d.ts declares ModelKind");
    let body = &TYPES[start..];
    let body = &body[..body.find(';').expect("ModelKind ends with ';'")];
    body.split('\'').skip(1).step_by(2).collect()
}

#[test]
fn model_kind_union_is_the_accepted_names() {
    let declared = declared_kinds();
    let unique: BTreeSet<&str> = declared.iter().copied().collect();
    assert_eq!(unique.len(), declared.len(), "duplicates in {declared:?}");
    let names: BTreeSet<&str> = ModelKind::NAMES.iter().copied().collect();
    assert_eq!(unique, names, "types.d.ts ModelKind vs ModelKind::NAMES");
    for (kind, name) in ModelKind::ALL.iter().zip(ModelKind::NAMES) {
        assert_eq!(kind.name(), name);
        assert_eq!(ModelKind::parse(name).ok(), Some(*kind));
    }
}
