// Rust's v0 symbol mangling (RFC 2603; rustc's default for these builds): reads a `_R...` symbol
// into readable text and the crate its code belongs to.
//
// Written from the RFC's grammar. The text follows the usual demangled form
// (`<ruv_core::agent::Agent as core::fmt::Display>::fmt`, `alloc::vec::push::<u32>`,
// `ruv_swarm::run::{closure#0}`) without crate disambiguators; the tests compare it with
// c++filt's output on the symbols of a real module.
//
// The crate is the one whose source holds the code:
// - a plain path (`C`, nested `N`, generic `I`): its crate root;
// - an inherent or trait impl (`M`, `X`): the crate of the impl's own path, which the mangling
//   records (where the `impl` block is written);
// - a trait's provided method (`Y`): the trait's crate;
// - drop glue `core::ptr::drop_in_place::<T>`: T's crate (it exists because T does).

const BASIC_TYPES = {
  a: 'i8', b: 'bool', c: 'char', d: 'f64', e: 'str', f: 'f32', h: 'u8', i: 'isize', j: 'usize',
  k: 'f16', l: 'i32', m: 'u32', n: 'i128', o: 'u128', p: '_', q: 'f128', s: 'i16', t: 'u16',
  u: '()', v: '...', x: 'i64', y: 'u64', z: '!',
};

const MAX_DEPTH = 200;

class Parser {
  constructor(symbol, start) {
    this.s = symbol;
    this.i = start;
    this.base = start; // backrefs are offsets from just after `_R`
    this.depth = 0;
  }

  fail(message) {
    throw new Error(`v0 symbol ${this.s}: ${message} at ${this.i}`);
  }

  peek() {
    return this.s[this.i];
  }

  eat(c) {
    if (this.s[this.i] === c) {
      this.i++;
      return true;
    }
    return false;
  }

  next() {
    if (this.i >= this.s.length) this.fail('unexpected end');
    return this.s[this.i++];
  }

  /** <base-62-number>: "_" is 0, else digits then "_", value + 1. */
  base62() {
    if (this.eat('_')) return 0;
    let value = 0;
    for (;;) {
      const c = this.next();
      if (c === '_') return value + 1;
      const d = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48
        : c >= 'a' && c <= 'z' ? c.charCodeAt(0) - 87
          : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 29 : -1;
      if (d < 0) this.fail(`bad base-62 digit ${c}`);
      value = value * 62 + d;
    }
  }

  /** An optional `<tag> <base-62-number>` (disambiguator `s`, binder `G`): value + 1, or 0. */
  optional62(tag) {
    return this.eat(tag) ? this.base62() + 1 : 0;
  }

  /** <decimal-number> = "0" | <nonzero-digit> {<digit>}: a 0 stands alone ("00" is two numbers). */
  decimal() {
    const start = this.i;
    if (this.eat('0')) return 0;
    while (this.s[this.i] >= '0' && this.s[this.i] <= '9') this.i++;
    if (start === this.i) this.fail('expected a number');
    return Number(this.s.slice(start, this.i));
  }

  /** <undisambiguated-identifier> = ["u"] <decimal> ["_"] <bytes> (Punycode for "u" is left as is). */
  identifier() {
    const punycode = this.eat('u');
    const length = this.decimal();
    this.eat('_');
    const text = this.s.slice(this.i, this.i + length);
    if (text.length !== length) this.fail('identifier past the end');
    this.i += length;
    return punycode ? `punycode{${text}}` : text;
  }

  /** Runs `f` at a back-reference's target, then returns here. */
  backref(f) {
    const target = this.base + this.base62();
    if (target >= this.i - 1) this.fail('back-reference forward');
    const here = this.i;
    this.i = target;
    try {
      return f();
    } finally {
      this.i = here;
    }
  }

  enter() {
    if (++this.depth > MAX_DEPTH) this.fail('nested too deep');
  }

  /**
   * <path>: { text, crate, root } where root is the path without generic arguments (to spot
   * drop_in_place) and inType whether to print generics without `::`.
   */
  path(inType = false) {
    this.enter();
    try {
      const tag = this.next();
      switch (tag) {
        case 'C': {
          this.optional62('s');
          const name = this.identifier();
          return { text: name, crate: name, root: name };
        }
        case 'N': {
          const namespace = this.next();
          const inner = this.path(inType);
          const disambiguator = this.optional62('s');
          const name = this.identifier();
          let text;
          if (namespace >= 'A' && namespace <= 'Z') {
            const kind = namespace === 'C' ? 'closure' : namespace === 'S' ? 'shim' : namespace;
            text = `${inner.text}::{${kind}${name ? `:${name}` : ''}#${disambiguator}}`;
          } else {
            text = name ? `${inner.text}::${name}` : inner.text;
          }
          return { text, crate: inner.crate, root: text };
        }
        case 'M': {
          this.optional62('s');
          const impl = this.path();
          const self = this.type();
          return { text: `<${self.text}>`, crate: impl.crate, root: `<${self.text}>` };
        }
        case 'X': {
          this.optional62('s');
          const impl = this.path();
          const self = this.type();
          const trait = this.path(true);
          const text = `<${self.text} as ${trait.text}>`;
          return { text, crate: impl.crate, root: text };
        }
        case 'Y': {
          const self = this.type();
          const trait = this.path(true);
          const text = `<${self.text} as ${trait.text}>`;
          return { text, crate: trait.crate, root: text };
        }
        case 'I': {
          const inner = this.path(inType);
          const args = [];
          while (!this.eat('E')) args.push(this.genericArg());
          const text = `${inner.text}${inType ? '' : '::'}<${args.map((a) => a.text).join(', ')}>`;
          let crate = inner.crate;
          if (inner.root === 'core::ptr::drop_in_place' && args[0]?.crate) crate = args[0].crate;
          return { text, crate, root: inner.root };
        }
        case 'B':
          return this.backref(() => this.path(inType));
        default:
          this.i--;
          return this.fail(`unknown path tag ${tag}`);
      }
    } finally {
      this.depth--;
    }
  }

  genericArg() {
    if (this.eat('L')) {
      this.base62();
      return { text: "'_", crate: null };
    }
    if (this.eat('K')) return this.constant();
    return this.type();
  }

  lifetimePrefix() {
    if (this.eat('L')) this.base62();
  }

  /** <type>: { text, crate } (crate: the named type's crate, or null for builtins). */
  type() {
    this.enter();
    try {
      const c = this.next();
      if (Object.hasOwn(BASIC_TYPES, c)) return { text: BASIC_TYPES[c], crate: null };
      switch (c) {
        case 'A': {
          const element = this.type();
          const length = this.constant();
          return { text: `[${element.text}; ${length.text}]`, crate: element.crate };
        }
        case 'S': {
          const element = this.type();
          return { text: `[${element.text}]`, crate: element.crate };
        }
        case 'T': {
          const items = [];
          while (!this.eat('E')) items.push(this.type());
          const text = items.length === 1 ? `(${items[0].text},)` : `(${items.map((t) => t.text).join(', ')})`;
          return { text, crate: items[0]?.crate ?? null };
        }
        case 'R': case 'Q': {
          this.lifetimePrefix();
          const inner = this.type();
          return { text: `&${c === 'Q' ? 'mut ' : ''}${inner.text}`, crate: inner.crate };
        }
        case 'P': case 'O': {
          const inner = this.type();
          return { text: `*${c === 'P' ? 'const' : 'mut'} ${inner.text}`, crate: inner.crate };
        }
        case 'F':
          return this.fnSig();
        case 'D': {
          this.optional62('G');
          const traits = [];
          while (!this.eat('E')) {
            const trait = this.path(true);
            const bindings = [];
            while (this.eat('p')) {
              const name = this.identifier();
              bindings.push(`${name} = ${this.type().text}`);
            }
            let text = trait.text;
            if (bindings.length > 0) {
              // Associated-type bindings join the trait's generic arguments: FnMut<(A,), Output = R>.
              text = text.endsWith('>') ? `${text.slice(0, -1)}, ${bindings.join(', ')}>` : `${text}<${bindings.join(', ')}>`;
            }
            traits.push({ text, crate: trait.crate });
          }
          this.lifetimePrefix();
          return { text: `dyn ${traits.map((t) => t.text).join(' + ')}`, crate: traits[0]?.crate ?? null };
        }
        case 'B':
          return this.backref(() => this.type());
        default:
          this.i--;
          return this.path(true);
      }
    } finally {
      this.depth--;
    }
  }

  fnSig() {
    this.optional62('G');
    const unsafe = this.eat('U');
    let abi = '';
    if (this.eat('K')) abi = this.eat('C') ? 'C' : this.identifier().replace(/_/g, '-');
    const params = [];
    while (!this.eat('E')) params.push(this.type().text);
    const result = this.type().text;
    const prefix = `${unsafe ? 'unsafe ' : ''}${abi ? `extern "${abi}" ` : ''}`;
    return { text: `${prefix}fn(${params.join(', ')})${result === '()' ? '' : ` -> ${result}`}`, crate: null };
  }

  /** <const>: a typed value, a placeholder or a back-reference. */
  constant() {
    if (this.eat('p')) return { text: '_', crate: null };
    if (this.eat('B')) return this.backref(() => this.constant());
    const type = this.next();
    const negative = this.eat('n');
    const start = this.i;
    while (this.s[this.i] !== '_') {
      if (this.i >= this.s.length) this.fail('unterminated constant');
      this.i++;
    }
    const hex = this.s.slice(start, this.i);
    this.i++;
    const value = hex ? BigInt(`0x${hex}`) : 0n;
    let text = `${negative ? '-' : ''}${value}`;
    if (type === 'b') text = value === 0n ? 'false' : 'true';
    else if (type === 'c') text = `'${String.fromCodePoint(Number(value))}'`;
    return { text, crate: null };
  }
}

/**
 * Demangles a v0 symbol (`_R...`, also `__R...` and with a `.llvm.N` style suffix).
 * @param {string} symbol
 * @returns {{ text: string, crate: string } | null} null when it is not a v0 symbol
 * @throws {Error} on a malformed v0 symbol
 */
export function demangleV0(symbol) {
  const start = symbol.startsWith('__R') ? 3 : symbol.startsWith('_R') ? 2 : -1;
  if (start < 0 || !/^[0-9A-Z]/.test(symbol.slice(start))) return null;
  const dot = symbol.indexOf('.');
  const bare = dot >= 0 ? symbol.slice(0, dot) : symbol;
  const parser = new Parser(bare, start);
  if (parser.peek() >= '0' && parser.peek() <= '9') parser.decimal(); // encoding version
  const path = parser.path();
  // What follows is the instantiating crate (a path), which says nothing about the code. A
  // suffix (`.15`: LLVM's copies of one function) is kept, as demanglers show it.
  return { text: dot >= 0 ? `${path.text} (${symbol.slice(dot)})` : path.text, crate: path.crate };
}
