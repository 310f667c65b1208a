// Which crate (or other origin) a function of a wasm module comes from, from its name in the
// module's `name` section, and a readable form of that name.
//
// Names come as the linker wrote them: rustc 1.96 mangles with v0 (`_RNvCs..._8ruv_core3new`),
// which records the crate that holds each impl; older or differently configured builds give
// legacy symbols (`_ZN...E`) or names a tool already demangled (`core::fmt::write::h0123...`,
// `<serde_json::error::Error as core::fmt::Display>::fmt`). All three are read.
//
// Rules (each is a choice; the report states them):
// - v0: the crate whose source holds the code (see demangle_v0.mjs): an impl's own crate, a
//   trait's provided method's trait crate, a plain path's crate, drop glue's dropped type's crate.
// - Demangled or legacy text, where the impl's crate is not recorded: a plain path belongs to its
//   first segment's crate; `<Type as Trait>::method` to the type's crate, unless the type is
//   from the standard library (or a generic parameter or primitive) and the trait is not, then to
//   the trait's crate; `core::ptr::drop_in_place<X>` to X's crate; an inherent method of a
//   primitive, slice or str (`<char>::escape_debug_ext`) to core.
// - A generic function instantiated for our types (`alloc::vec::Vec<T>::push`) counts for the
//   crate that wrote it (alloc): that is where a smaller instantiation would have to come from.
// - A name that is no Rust path:
//   - an exported function that is not wasm-bindgen's, a function wasm-bindgen wrapped in an
//     adapter (`store_new`, wrapped by `store_new externref shim`), and that adapter (which after
//     wasm-opt holds it inlined): our `#[wasm_bindgen]` entry point;
//   - `__wbindgen_*`, `__wbg_*`, `__externref_*` and the closure adapters the wasm-bindgen CLI
//     writes: wasm-bindgen glue;
//   - `byn$...$f`, made by binaryen from f (merged similar functions): f's origin;
//   - `rust_sqlite_wasm_*`: sqlite-wasm-rs's Rust stand-ins for libc (`#[no_mangle]`);
//   - a C standard library function (memcpy, strlen, malloc, sin...): "C library" in a module
//     with SQLite (musl's, compiled in with it), else compiler_builtins (Rust's own);
//   - any other C name: "C: SQLite" in a module that contains SQLite (its static functions have
//     no sqlite3 prefix: btreeNext), or "C: SQLite FTS5" / "JSON" / "R-Tree" / "FTS3" for the
//     optional extensions' prefixed functions (fts5WriteInit, sqlite3Fts5IndexQuery); "C: other"
//     elsewhere.
import { demangleV0 } from './demangle_v0.mjs';

/** Crates of the Rust standard library (and the allocator and builtins it links into wasm32). */
export const STD_CRATES = new Set([
  'std', 'core', 'alloc', 'compiler_builtins', 'panic_abort', 'dlmalloc', 'std_detect',
  'rustc_std_workspace_core', 'rustc_std_workspace_alloc', 'hashbrown', 'libm', '__rustc',
]);

/** Crates of the wasm-bindgen family: their code is the bindings' runtime support. */
export const BINDGEN_CRATES = new Set(['wasm_bindgen', 'js_sys', 'web_sys', 'wasm_bindgen_futures']);

// The C standard library's functions (ISO C string.h, stdlib.h, stdio.h, math.h, ctype.h,
// time.h, errno) that a wasm32 module may carry, plus compiler-rt/compiler_builtins helpers.
const C_LIBRARY = new Set(`
  memcpy memmove memset memcmp memchr memrchr bcmp strlen strnlen strcmp strncmp strcpy strncpy
  strcat strncat strchr strrchr strstr strspn strcspn strpbrk strtok strdup strndup strcoll
  strerror strcasecmp strncasecmp stpcpy malloc free calloc realloc aligned_alloc posix_memalign
  abort exit atexit qsort bsearch atoi atol atoll atof strtol strtoll strtoul strtoull strtod
  strtof strtold abs labs llabs div ldiv getenv rand srand printf sprintf snprintf vsnprintf
  vsprintf fprintf vfprintf puts fputs fwrite fflush isalpha isdigit isspace isalnum isupper
  islower isxdigit isprint ispunct iscntrl tolower toupper time localtime localtime_r gmtime
  gmtime_r mktime strftime clock gettimeofday __errno_location errno
  sin cos tan asin acos atan atan2 sinh cosh tanh asinh acosh atanh exp exp2 expm1 log log2 log10
  log1p pow sqrt cbrt hypot fmod remainder floor ceil trunc round rint nearbyint modf frexp ldexp
  scalbn fabs copysign fmin fmax fma sinf cosf tanf expf logf powf sqrtf fmodf floorf ceilf
  truncf roundf fabsf frexpf ldexpf scalbnf
  __multi3 __udivti3 __divti3 __umodti3 __modti3 __ashlti3 __lshrti3 __ashrti3 __muloti4
  __floattidf __floattisf __floatuntidf __floatuntisf __fixdfti __fixsfti __fixunsdfti __fixunssfti
  __addtf3 __subtf3 __multf3 __divtf3 __extenddftf2 __trunctfdf2 __eqtf2 __netf2 __lttf2 __getf2
  __letf2 __gttf2 __unordtf2 __fixtfsi __fixtfdi __floatsitf __floatditf __floatunsitf
`.trim().split(/\s+/));

// SQLite's optional extensions, by the prefixes of their function names in the amalgamation
// (`fts5*`/`sqlite3Fts5*`, ...). Their static helpers without the prefix (R-Tree's ChooseLeaf)
// stay in `C: SQLite`, so these groups are lower bounds.
const SQLITE_EXTENSIONS = [
  ['FTS5', /^(sqlite3)?fts5/i],
  ['FTS3', /^(sqlite3)?fts3/i],
  ['JSON', /^(sqlite3)?json/i],
  ['R-Tree', /^(sqlite3)?(rtree|geopoly)/i],
];

const HASH_SUFFIX = /::h[0-9a-f]{16}$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PRIMITIVES = new Set([
  'bool', 'char', 'str', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64',
  'i128', 'isize', 'f32', 'f64', '!', '()',
]);
const ENTRY_POINTS = 'our #[wasm_bindgen] entry points';
/** wasm-bindgen's adapter of a function: `<function> externref shim [multivalue shim]`. */
const ADAPTER = /^([A-Za-z_][A-Za-z0-9_]*) (?:externref|multivalue) shim/;
const BINDGEN_GLUE = /^__wbg_|^__wbindgen_|^__externref_|^__wbg_adapter|externref shim|multivalue shim|^closure\d+|^__wasm_bindgen_/;

/** The crate a Rust path starts with (`serde::de::Error` -> `serde`), or null. */
function pathCrate(path) {
  let p = path.trim();
  for (;;) {
    const stripped = p.replace(/^(&mut |&|\*const |\*mut |dyn |impl |unsafe |extern "[^"]*" )/, '');
    if (stripped === p) break;
    p = stripped;
  }
  if (p.startsWith('<')) return implCrate(p);
  if (p.startsWith('[') || p.startsWith('(')) {
    // A slice, array or tuple: the crate of its first element type, if any.
    const inner = p.slice(1).split(/[;,\])]/)[0];
    return inner ? pathCrate(inner) : null;
  }
  if (!p.includes('::')) return null; // a generic parameter (T), a primitive or a bare name
  // v0 demanglers may print a crate's disambiguator: `serde_json[1a2b3c]::de`.
  const head = p.split('::')[0].split('<')[0].replace(/\[[0-9a-f]+\]$/, '');
  if (PRIMITIVES.has(head) || !IDENT.test(head)) return null;
  return head;
}

/** Splits the text between a leading `<` and its matching `>`; returns [inner, rest]. */
function matchAngle(text) {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>' && text[i - 1] !== '-') {
      depth--;
      if (depth === 0) return [text.slice(1, i), text.slice(i + 1)];
    }
  }
  return [text.slice(1), ''];
}

/** Splits `Type as Trait` at its top-level ` as `. */
function splitAs(inner) {
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '<' || c === '(' || c === '[') depth++;
    else if ((c === '>' && inner[i - 1] !== '-') || c === ')' || c === ']') depth--;
    else if (depth === 0 && inner.startsWith(' as ', i)) return [inner.slice(0, i), inner.slice(i + 4)];
  }
  return [inner, null];
}

/** The crate of an impl item `<Type as Trait>::...` or `<Type>::...`, by the rules above. */
function implCrate(name) {
  const [inner] = matchAngle(name);
  const [type, trait] = splitAs(inner);
  const typeCrate = pathCrate(type);
  const traitCrate = trait ? pathCrate(trait) : null;
  // Inherent impls of primitives, slices and str (`<char>::escape_debug_ext`, `<[T]>::sort`) are
  // the standard library's: core's (a few allocating slice and str methods are alloc's).
  if (!typeCrate && !traitCrate && isBuiltinType(type)) return 'core';
  if (!typeCrate) return traitCrate;
  if (!traitCrate) return typeCrate;
  if (STD_CRATES.has(typeCrate) && !STD_CRATES.has(traitCrate)) return traitCrate;
  return typeCrate;
}

/** Whether a demangled type is a primitive, or a slice, array, tuple or reference of builtins. */
function isBuiltinType(type) {
  const t = type.trim().replace(/^(&mut |&|\*const |\*mut )/, '');
  if (PRIMITIVES.has(t)) return true;
  if ((t.startsWith('[') && t.endsWith(']')) || (t.startsWith('(') && t.endsWith(')'))) {
    return t.slice(1, -1).split(/[;,]/).map((x) => x.trim()).filter(Boolean)
      .every((x) => x === '_' || /^[A-Z]$/.test(x) || /^\d+(: usize)?$/.test(x) || isBuiltinType(x));
  }
  return false;
}

/** The first generic argument of `path<Arg, ...>`'s last segment, or null. */
function firstGenericArgument(path) {
  const open = path.indexOf('<');
  if (open < 0) return null;
  const [inner] = matchAngle(path.slice(open));
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '<' || c === '(' || c === '[') depth++;
    else if ((c === '>' && inner[i - 1] !== '-') || c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) return inner.slice(0, i);
  }
  return inner;
}

/** A legacy symbol `_ZN<len><ident>...17h<hash>E`: its crate and `a::b::c` text. */
function legacy(symbol) {
  const m = /^_?_ZN/.exec(symbol);
  if (!m) return null;
  const parts = [];
  let i = m[0].length;
  while (i < symbol.length && symbol[i] !== 'E') {
    const length = /^\d+/.exec(symbol.slice(i));
    if (!length) return null;
    i += length[0].length;
    parts.push(symbol.slice(i, i + Number(length[0])));
    i += Number(length[0]);
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  const text = parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ')
    .replace(/\$RF\$/g, '&').replace(/\$BP\$/g, '*').replace(/\$C\$/g, ',').replace(/\.\./g, '::');
  return { text, crate: IDENT.test(parts[0] ?? '') ? parts[0] : null };
}

/** The crate of a demangled Rust name, by the text rules above (null if it names none). */
function demangledCrate(text) {
  if (text.startsWith('<')) return implCrate(text);
  if (/^core::ptr::drop_in_place(::)?</.test(text)) {
    const dropped = firstGenericArgument(text);
    return (dropped && pathCrate(dropped)) || 'core';
  }
  return text.includes('::') ? pathCrate(text) : null;
}

/**
 * A readable form of a function's name: v0 and legacy symbols demangled, hashes dropped.
 * @param {string} name
 */
export function readableName(name) {
  try {
    const v0 = demangleV0(name);
    if (v0) return v0.text;
  } catch {
    return name;
  }
  const old = legacy(name);
  // Demanglers print crate disambiguators (`serde_json[c41b1dbf390e51ff]::de`): noise here.
  return old ? old.text : name.replace(HASH_SUFFIX, '').replace(/\[[0-9a-f]{1,16}\]/g, '');
}

/**
 * @typedef {'ours' | 'rust-std' | 'rust' | 'bindgen' | 'c' | 'other'} OriginKind
 *   ours: our crates (`ourCrates`) and our #[wasm_bindgen] entry points; rust-std: the standard
 *   library; rust: other Rust crates; bindgen: wasm-bindgen's runtime crates and generated glue;
 *   c: C code (SQLite, C library); other: a name none of the rules explain.
 * @typedef {{ group: string, kind: OriginKind }} Origin
 * @typedef {{ ourCrates: (crate: string) => boolean, exported: boolean, entryPoints: Set<string>,
 *   hasSqlite: boolean }} OriginContext
 *   exported: the function is exported; entryPoints: the names of our `#[wasm_bindgen]` functions
 *   (see entryPointNames); hasSqlite: the module contains SQLite (a function named sqlite3*), the
 *   only C code this project compiles (with musl's libc functions).
 */

/**
 * The names of a module's `#[wasm_bindgen]` entry points: its function exports' names, and the
 * functions wasm-bindgen wrapped in an adapter (`store_listTasks externref shim` wraps
 * `store_listTasks`, which the export no longer names).
 * @param {Iterable<string>} functionNames the module's function names
 * @param {Iterable<string>} exportNames its function exports' names
 */
export function entryPointNames(functionNames, exportNames) {
  const names = new Set(exportNames);
  for (const name of functionNames) {
    const adapter = ADAPTER.exec(name);
    if (adapter && !/^closure\d|^__wbg_|^__wbindgen_/.test(adapter[1])) names.add(adapter[1]);
  }
  return names;
}

/**
 * The origin of one function.
 * @param {string | null} name the function's name-section name (null if it has none)
 * @param {OriginContext} context
 * @returns {Origin}
 */
export function functionOrigin(name, context) {
  if (name === null) return { group: 'unnamed functions', kind: 'other' };
  // Functions binaryen made (merged similar functions: `byn$mgfn-shared$<one of them>`) count
  // for the function they were made from.
  const made = /^byn\$[^$]*\$(.+)$/.exec(name);
  if (made) return functionOrigin(made[1], { ...context, exported: false });
  let crate = null;
  let rustName = false;
  let v0 = null;
  try {
    v0 = demangleV0(name);
  } catch {
    return { group: 'unattributed Rust (malformed v0 symbol)', kind: 'other' };
  }
  if (v0) {
    crate = v0.crate;
    rustName = true;
  } else if (/^_?_ZN\d/.test(name)) {
    crate = legacy(name)?.crate ?? null;
    rustName = true;
  } else {
    const text = name.replace(HASH_SUFFIX, '');
    if (text.includes('::')) {
      crate = demangledCrate(text);
      rustName = true;
    }
  }
  if (crate) return crateOrigin(crate, context);
  if (rustName) return { group: 'unattributed Rust', kind: 'other' };
  // wasm-bindgen's adapters of our exports (`store_new externref shim multivalue shim`): after
  // wasm-opt they hold the entry point inlined, so they count as the entry point.
  if (ADAPTER.test(name) && !/^closure\d|^__wbg_|^__wbindgen_/.test(name)) {
    return { group: ENTRY_POINTS, kind: 'ours' };
  }
  if (BINDGEN_GLUE.test(name)) return { group: 'wasm-bindgen glue', kind: 'bindgen' };
  if (context.exported || context.entryPoints.has(name)) return { group: ENTRY_POINTS, kind: 'ours' };
  if (name.startsWith('rust_sqlite_wasm_')) return crateOrigin('sqlite_wasm_rs', context);
  if (/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(name)) {
    if (C_LIBRARY.has(name)) {
      return context.hasSqlite ? { group: 'C library', kind: 'c' } : crateOrigin('compiler_builtins', context);
    }
    if (!context.hasSqlite) return { group: 'C: other', kind: 'c' };
    const extension = SQLITE_EXTENSIONS.find(([, prefix]) => prefix.test(name));
    return { group: extension ? `C: SQLite ${extension[0]}` : 'C: SQLite', kind: 'c' };
  }
  return { group: 'unattributed', kind: 'other' };
}

/** The origin of a Rust crate's code. */
export function crateOrigin(crate, context) {
  if (context.ourCrates(crate)) return { group: crate, kind: 'ours' };
  if (STD_CRATES.has(crate)) return { group: crate, kind: 'rust-std' };
  if (BINDGEN_CRATES.has(crate)) return { group: crate, kind: 'bindgen' };
  return { group: crate, kind: 'rust' };
}
