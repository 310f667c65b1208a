// Compares a crate's Bazel deps (written by cargo_declared_deps) with its Cargo.toml, as resolved
// by `cargo metadata` in @crates. Usage: node cargo_manifest_check.mjs <declared.json> <metadata.json>
import fs from 'node:fs';

const [declaredPath, metadataPath] = process.argv.slice(2);
const declared = JSON.parse(fs.readFileSync(declaredPath, 'utf8'));
const metadata = JSON.parse(fs.readFileSync(metadataPath, 'utf8'));

const normalize = (name) => name.replace(/-/g, '_');
const TARGETS = {
  host: { target_arch: 'x86_64', target_os: 'linux', target_family: 'unix', unix: true },
  wasm: { target_arch: 'wasm32', target_os: 'unknown', target_family: 'wasm', wasm: true },
};

// Evaluates a Cargo `cfg(...)` expression (all/any/not, key = "value", bare names) for a target.
function cfgHolds(expression, facts) {
  let rest = expression.trim();
  if (!rest.startsWith('cfg(')) return rest === (facts.target_arch === 'wasm32' ? 'wasm32-unknown-unknown' : 'x86_64-unknown-linux-gnu');
  rest = rest.slice(4, -1);
  let position = 0;
  const skip = () => { while (rest[position] === ' ') position++; };
  const ident = () => {
    skip();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest.slice(position));
    if (!match) throw new Error(`bad cfg expression: ${expression}`);
    position += match[0].length;
    return match[0];
  };
  const parse = () => {
    const name = ident();
    skip();
    if (rest[position] === '(') {
      position++;
      const values = [];
      for (;;) {
        skip();
        if (rest[position] === ')') { position++; break; }
        values.push(parse());
        skip();
        if (rest[position] === ',') position++;
      }
      if (name === 'all') return values.every(Boolean);
      if (name === 'any') return values.some(Boolean);
      if (name === 'not') return !values[0];
      throw new Error(`unknown cfg predicate ${name} in ${expression}`);
    }
    if (rest[position] === '=') {
      position++;
      skip();
      const match = /^"([^"]*)"/.exec(rest.slice(position));
      if (!match) throw new Error(`bad cfg expression: ${expression}`);
      position += match[0].length;
      return facts[name] === match[1];
    }
    return Boolean(facts[name]);
  };
  return parse();
}

const suffix = `/${declared.manifest}`;
const pkg = metadata.packages.find((p) => p.manifest_path.endsWith(suffix));
if (!pkg) {
  console.error(`${declared.manifest} is not a member of the Cargo workspace (add it to [workspace] members in Cargo.toml)`);
  process.exit(1);
}
const problems = [];
if (normalize(pkg.name) !== normalize(declared.package)) {
  problems.push(`package name: Cargo.toml says ${pkg.name}, the BUILD target implies ${declared.package} (set cargo_package)`);
}
if (pkg.version !== declared.version) {
  problems.push(`version: Cargo.toml says ${pkg.version}, the BUILD target says ${declared.version} (pass WORKSPACE_VERSION)`);
}
const expected = (kind, facts) => pkg.dependencies
  .filter((d) => (d.kind || 'normal') === kind && !d.optional && (!d.target || cfgHolds(d.target, facts)))
  .map((d) => normalize(d.rename || d.name))
  .sort();
const compare = (what, cargo, bazel) => {
  const missing = cargo.filter((d) => !bazel.includes(d));
  const extra = bazel.filter((d) => !cargo.includes(d));
  if (missing.length) problems.push(`${what}: in Cargo.toml but not in the BUILD file: ${missing.join(', ')}`);
  if (extra.length) problems.push(`${what}: in the BUILD file but not in Cargo.toml: ${extra.join(', ')}`);
};
compare('deps on the host', expected('normal', TARGETS.host), declared.deps.host);
compare('deps on wasm32', expected('normal', TARGETS.wasm), declared.deps.wasm);
compare('dev-dependencies (rust_test deps)', expected('dev', TARGETS.host), declared.dev_deps);
for (const feature of declared.crate_features) {
  if (!Object.hasOwn(pkg.features, feature)) {
    problems.push(`feature "${feature}" is not declared in ${declared.manifest}'s [features] ` +
      `(declared: ${Object.keys(pkg.features).join(', ') || 'none'})`);
  }
}

if (problems.length) {
  console.error(`${declared.label}: ${declared.build_file} and ${declared.manifest} disagree:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error('Fix: make the BUILD target\'s deps (use select() on //platforms:is_wasm32 for ' +
    '[target.\'cfg(target_arch = "wasm32")\'.dependencies]) match the Cargo.toml.');
  process.exit(1);
}
console.log(`${declared.label}: deps match ${declared.manifest} (host ${declared.deps.host.length}, wasm32 ${declared.deps.wasm.length}, dev ${declared.dev_deps.length})`);
