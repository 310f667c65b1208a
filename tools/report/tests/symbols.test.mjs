// functionOrigin against names of the forms wasm-ld writes (demangled legacy and v0), raw
// legacy and v0 symbols, C functions and wasm-bindgen glue. Expected origins follow the rules in
// symbols.mjs's header, worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryPointNames, functionOrigin, readableName } from '../symbols.mjs';

const ourCrates = (crate) => crate.startsWith('ruv_');
const entryPoints = entryPointNames(['store_listTasks externref shim multivalue shim', 'closure7 externref shim', 'sqlite3_open'], ['store_new']);
const origin = (name, { exported = false, hasSqlite = true } = {}) => functionOrigin(name, { ourCrates, exported, entryPoints, hasSqlite });

test('plain paths belong to their first crate', () => {
  assert.deepEqual(origin('core::fmt::write::h4c5e6f7a8b9c0d1e'), { group: 'core', kind: 'rust-std' });
  assert.deepEqual(origin('serde_json::de::from_str::h0123456789abcdef'), { group: 'serde_json', kind: 'rust' });
  assert.deepEqual(origin('ruv_swarm::topology::Mesh::connect::{{closure}}::h0123456789abcdef'), { group: 'ruv_swarm', kind: 'ours' });
  assert.deepEqual(origin('alloc::vec::Vec<T,A>::push::h0123456789abcdef'), { group: 'alloc', kind: 'rust-std' });
  assert.deepEqual(origin('wasm_bindgen::convert::closures::invoke::h0123456789abcdef'), { group: 'wasm_bindgen', kind: 'bindgen' });
  assert.deepEqual(origin('js_sys::Reflect::get::h0123456789abcdef'), { group: 'js_sys', kind: 'bindgen' });
  assert.deepEqual(origin('dlmalloc::dlmalloc::Dlmalloc<A>::malloc::h0123456789abcdef'), { group: 'dlmalloc', kind: 'rust-std' });
});

test('impl methods: the crate that can hold the impl', () => {
  // A non-std trait on a std type: the trait's crate wrote it.
  assert.equal(origin('<alloc::vec::Vec<T> as serde::ser::Serialize>::serialize::h0123456789abcdef').group, 'serde');
  // A std trait on a non-std type: the type's crate.
  assert.equal(origin('<serde_json::error::Error as core::fmt::Display>::fmt::h0123456789abcdef').group, 'serde_json');
  // Both non-std: the type's crate (derives live with the type).
  assert.equal(origin('<ruv_core::agent::Agent as serde::ser::Serialize>::serialize::h0123456789abcdef').group, 'ruv_core');
  // A generic type parameter: the trait's crate.
  assert.equal(origin('<&T as core::fmt::Debug>::fmt::h0123456789abcdef').group, 'core');
  assert.equal(origin('<T as serde::de::DeserializeOwned>::x::h0123456789abcdef').group, 'serde');
  // Inherent impls on primitives, slices and str are core's.
  assert.equal(origin('<[T]>::sort_by::h0123456789abcdef').group, 'core');
  assert.equal(origin('<char>::escape_debug_ext').group, 'core');
  assert.equal(origin('<u8 as <[_]>::to_vec_in::ConvertVec>::to_vec::<alloc[be5362f336c2da16]::alloc::Global>').group, 'core');
  // References to paths.
  assert.equal(origin('<&mut serde_json::de::Deserializer<R> as serde::de::Deserializer>::deserialize_any::h0123456789abcdef').group, 'serde_json');
  assert.equal(origin('<core::iter::adapters::map::Map<I,F> as core::iter::traits::iterator::Iterator>::fold::h0123456789abcdef').group, 'core');
  // A function-pointer type with `->` inside the angle brackets.
  assert.equal(origin('<fn(u32) -> u32 as ruv_neural::Activation>::apply::h0123456789abcdef').group, 'ruv_neural');
  // Nested qualified paths.
  assert.equal(origin('<<ruv_forecasting::Model as core::clone::Clone>::X as core::fmt::Debug>::fmt').group, 'ruv_forecasting');
});

test('drop glue belongs to the dropped type', () => {
  assert.equal(origin('core::ptr::drop_in_place<ruv_persistence::store::Store>::h0123456789abcdef').group, 'ruv_persistence');
  assert.equal(origin('core::ptr::drop_in_place<alloc::vec::Vec<u8>>::h0123456789abcdef').group, 'alloc');
  assert.equal(origin('core::ptr::drop_in_place<(alloc::string::String,serde_json::value::Value)>::h0123456789abcdef').group, 'alloc');
  assert.equal(origin('core::ptr::drop_in_place<u8>::h0123456789abcdef').group, 'core');
});

test('raw legacy symbols', () => {
  assert.equal(origin('_ZN10serde_json2de8from_str17h0123456789abcdefE').group, 'serde_json');
  assert.equal(origin('_ZN4core3fmt5write17h0123456789abcdefE').group, 'core');
  assert.equal(readableName('_ZN4core3fmt5write17h0123456789abcdefE'), 'core::fmt::write');
});

// Symbols from the persistence module (rustc 1.96, v0 mangling); their demangled forms (by
// llvm-cxxfilt-19, disambiguators dropped) are in the comments.
test('v0 symbols: the crate that holds the code', () => {
  // <alloc::rc::Rc<js_sys::futures::jspi::SpawnedTask>>::drop_slow: alloc's inherent impl.
  assert.deepEqual(origin('_RNvMs6_NtCsgl6a2NpfopK_5alloc2rcINtB5_2RcNtNtNtCs5MDDSJlgerk_6js_sys7futures4jspi11SpawnedTaskE9drop_slowBJ_'),
    { group: 'alloc', kind: 'rust-std' });
  // <ruv_persistence::nodefs::NodeFsIo as rsqlite_vfs::SQLiteIoMethods>::xRead: a provided method
  // of rsqlite_vfs's trait (Y), so rsqlite_vfs's code, instantiated for our type.
  assert.deepEqual(origin('_RNvYNtNtCs1JiNOn0gAWz_15ruv_persistence6nodefs8NodeFsIoNtCseNxVxr4ev09_11rsqlite_vfs15SQLiteIoMethods5xReadB6_'),
    { group: 'rsqlite_vfs', kind: 'rust' });
  // <ruv_persistence::indexeddb::Idb>::save::{closure#0}::{closure#1}: our closures.
  assert.deepEqual(origin('_RNCNCNvMNtCs1JiNOn0gAWz_15ruv_persistence9indexeddbNtB6_3Idb4save0s_0B8_'),
    { group: 'ruv_persistence', kind: 'ours' });
  // core::ptr::drop_in_place::<js_sys::futures::future_to_promise<...>::{closure#0}::{closure#0}>: js_sys's.
  assert.deepEqual(origin('_RINvNtCsaX6PKW09KdM_4core3ptr13drop_in_placeNCNCINvNtCs5MDDSJlgerk_6js_sys7futures17future_to_promiseNCNvMs10_NtCs1JiNOn0gAWz_15ruv_persistence4wasmNtB1K_5Store11delete_opfs0E00EB1M_'),
    { group: 'js_sys', kind: 'bindgen' });
  assert.equal(readableName('_RINvNtCsaX6PKW09KdM_4core3ptr13drop_in_placeNCNCINvNtCs5MDDSJlgerk_6js_sys7futures17future_to_promiseNCNvMs10_NtCs1JiNOn0gAWz_15ruv_persistence4wasmNtB1K_5Store11delete_opfs0E00EB1M_'),
    'core::ptr::drop_in_place::<js_sys::futures::future_to_promise<<ruv_persistence::wasm::Store>::delete_opfs::{closure#0}>::{closure#0}::{closure#0}>');
  // A malformed v0 symbol is reported as such, not guessed.
  assert.equal(origin('_RNvNtCs1234_').kind, 'other');
});

test('C functions, glue and entry points', () => {
  assert.deepEqual(origin('sqlite3VdbeExec'), { group: 'C: SQLite', kind: 'c' });
  assert.deepEqual(origin('btreeNext'), { group: 'C: SQLite', kind: 'c' });
  assert.deepEqual(origin('btreeNext', { hasSqlite: false }), { group: 'C: other', kind: 'c' });
  // SQLite's optional extensions, by prefix.
  assert.deepEqual(origin('fts5WriteInit'), { group: 'C: SQLite FTS5', kind: 'c' });
  assert.deepEqual(origin('sqlite3Fts5IndexQuery'), { group: 'C: SQLite FTS5', kind: 'c' });
  assert.deepEqual(origin('jsonParseFuncArg'), { group: 'C: SQLite JSON', kind: 'c' });
  assert.deepEqual(origin('geopolyBBox'), { group: 'C: SQLite R-Tree', kind: 'c' });
  assert.deepEqual(origin('rtreeInit'), { group: 'C: SQLite R-Tree', kind: 'c' });
  assert.deepEqual(origin('sqlite3_prepare_v2'), { group: 'C: SQLite', kind: 'c' });
  assert.deepEqual(origin('memcpy'), { group: 'C library', kind: 'c' });
  assert.deepEqual(origin('memcpy', { hasSqlite: false }), { group: 'compiler_builtins', kind: 'rust-std' });
  assert.deepEqual(origin('rust_sqlite_wasm_malloc'), { group: 'sqlite_wasm_rs', kind: 'rust' });
  assert.deepEqual(origin('__wbindgen_malloc'), { group: 'wasm-bindgen glue', kind: 'bindgen' });
  assert.deepEqual(origin('__wbindgen_malloc', { exported: true }), { group: 'wasm-bindgen glue', kind: 'bindgen' });
  assert.deepEqual(origin('store_flush_edb81f1f4077b26f', { exported: true }), { group: 'our #[wasm_bindgen] entry points', kind: 'ours' });
  // Wrapped by an adapter (the export names the adapter) or exported under its own name.
  assert.deepEqual(entryPoints, new Set(['store_new', 'store_listTasks']));
  assert.deepEqual(origin('store_listTasks'), { group: 'our #[wasm_bindgen] entry points', kind: 'ours' });
  assert.deepEqual(origin('store_new'), { group: 'our #[wasm_bindgen] entry points', kind: 'ours' });
  // wasm-bindgen's adapters: of an export (our entry point after inlining), of a closure (glue).
  assert.deepEqual(origin('store_new externref shim multivalue shim'), { group: 'our #[wasm_bindgen] entry points', kind: 'ours' });
  assert.deepEqual(origin('closure12 externref shim'), { group: 'wasm-bindgen glue', kind: 'bindgen' });
  // Made by binaryen from another function.
  assert.deepEqual(origin('byn$mgfn-shared$serde_json[c41b1dbf390e51ff]::de::from_str'), { group: 'serde_json', kind: 'rust' });
  assert.deepEqual(origin(null), { group: 'unnamed functions', kind: 'other' });
  assert.equal(origin('some weird (name)').kind, 'other');
});
