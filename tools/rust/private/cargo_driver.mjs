// Runs cargo inside a Bazel action and turns its output into Bazel-declared files.
//
// Two modes:
//   sysroot: builds the Rust standard library for a wasm32 target from Debian's library source
//            (`-Zbuild-std`) and lays out `<out>/lib/rustlib/<triple>/lib/*.rlib`.
//   crates:  builds a generated "shim" crate whose dependencies are the workspace's third-party
//            crates, then copies the target rlibs and host proc-macros into two directories and
//            writes one rustc argument file (`--extern name=path`) per direct dependency.
//            With --c-compiler/--c-archiver (wasm32), build scripts compile C with them; each
//            --feature turns on one optional dependency of the shim.
//
// Cargo runs offline against the vendored sources of the `@crates` repository. Absolute paths
// (the sandbox directory changes from run to run) never reach cargo's own inputs: they are added
// by a rustc wrapper as `--remap-path-prefix` and `--sysroot`, so crate hashes and file names are
// the same in every output base, and the outputs are byte-identical from build to build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const args = { rustflag: [], crate: [], cflag: [], feature: [] };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--')) throw new Error(`unexpected argument ${key}`);
    const name = key.slice(2);
    const value = argv[++i];
    if (value === undefined) throw new Error(`missing value for ${key}`);
    if (Array.isArray(args[name])) args[name].push(value);
    else args[name] = value;
  }
  return args;
}

function required(args, name) {
  if (args[name] === undefined) throw new Error(`missing --${name}`);
  return args[name];
}

function writeRustcWrapper(work, { sysroot, targetTriple, remaps }) {
  // Adds the path-dependent flags at rustc's call, after cargo has hashed its own inputs.
  const remapFlags = remaps.map(([from, to]) => `--remap-path-prefix=${from}=${to}`);
  const lines = [
    '#!/bin/sh',
    'rustc="$1"; shift',
    `extra='${remapFlags.join(' ')}'`,
  ];
  if (sysroot) {
    lines.push(
      'for arg in "$@"; do',
      `  if [ "$arg" = "${targetTriple}" ]; then extra="$extra --sysroot=${sysroot}"; fi`,
      'done',
    );
  }
  lines.push('exec "$rustc" "$@" $extra', '');
  const wrapper = path.join(work, 'rustc_wrapper.sh');
  fs.writeFileSync(wrapper, lines.join('\n'), { mode: 0o755 });
  return wrapper;
}

function runCargo(cargoArgs, env, { cwd, captureJson }) {
  const result = spawnSync(path.resolve(env.CARGO_BIN), cargoArgs, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', captureJson ? 'pipe' : 'inherit', 'inherit'],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    if (captureJson) {
      for (const line of result.stdout.split('\n')) {
        if (line.includes('"reason":"compiler-message"')) {
          const message = JSON.parse(line).message;
          if (message.rendered) process.stderr.write(message.rendered);
        }
      }
    }
    throw new Error(`cargo ${cargoArgs[0]} failed with exit code ${result.status}`);
  }
  return result.stdout;
}

function baseEnv(args, work) {
  // Cargo profiles know `abort` and `unwind`; `immediate-abort` (an unstable rustc strategy) goes
  // to rustc directly, after cargo's own `-C panic` (the last one wins).
  const panic = required(args, 'panic');
  const immediateAbort = panic === 'immediate-abort';
  const rustflags = immediateAbort
    ? [...args.rustflag, '-Zunstable-options', '-Cpanic=immediate-abort']
    : args.rustflag;
  const env = {
    PATH: process.env.PATH || '/usr/bin:/bin',
    HOME: work,
    CARGO_HOME: path.join(work, 'cargo_home'),
    CARGO_TARGET_DIR: path.join(work, 'target'),
    CARGO_BIN: required(args, 'cargo'),
    RUSTC: path.resolve(required(args, 'rustc')),
    CARGO_INCREMENTAL: '0',
    CARGO_TERM_COLOR: 'never',
    CARGO_PROFILE_RELEASE_OPT_LEVEL: required(args, 'opt-level'),
    CARGO_PROFILE_RELEASE_PANIC: immediateAbort ? 'abort' : panic,
    CARGO_PROFILE_RELEASE_DEBUG: '0',
    CARGO_PROFILE_RELEASE_LTO: 'off',
    CARGO_PROFILE_RELEASE_STRIP: 'none',
    RUSTFLAGS: rustflags.join(' '),
    SOURCE_DATE_EPOCH: '0',
  };
  if (immediateAbort) env.RUSTC_BOOTSTRAP = '1';
  for (const [key, value] of Object.entries(process.env)) {
    // Cross C compilers for crates with C code (e.g. CC_wasm32_unknown_unknown).
    if (/^(CC|AR|CFLAGS)_/.test(key)) env[key] = value;
  }
  return env;
}

function freshDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function copyMatching(fromDir, toDir, predicate) {
  fs.mkdirSync(toDir, { recursive: true });
  const copied = [];
  if (!fs.existsSync(fromDir)) return copied;
  for (const name of fs.readdirSync(fromDir).sort()) {
    if (predicate(name)) {
      fs.copyFileSync(path.join(fromDir, name), path.join(toDir, name));
      copied.push(name);
    }
  }
  return copied;
}

function buildSysroot(args) {
  const out = path.resolve(required(args, 'out'));
  const triple = required(args, 'target');
  const work = freshDir(`${out}.work`);
  const probe = path.join(work, 'probe');
  fs.mkdirSync(path.join(probe, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(probe, 'Cargo.toml'),
    '[package]\nname = "sysroot_probe"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n',
  );
  fs.writeFileSync(path.join(probe, 'src', 'lib.rs'), '#![no_std]\n');
  const stdVendor = path.resolve(required(args, 'std-vendor'));
  const env = baseEnv(args, work);
  env.RUSTC_BOOTSTRAP = '1';
  // The standard library's vendored dependencies are read from the sandbox's execroot: without
  // the remap, its absolute path (output base and sandbox number) would end up in their rlibs,
  // and every sysroot build would differ from every other.
  env.RUSTC_WRAPPER = writeRustcWrapper(work, {
    remaps: [[work, '/sysroot-build'], [stdVendor, '/rust/library/vendor']],
  });
  runCargo(
    [
      'build', '--quiet', '--release', '--offline', '--target', triple, '-Zbuild-std=std,panic_abort',
      // The standard library's own dependencies, vendored in Debian's rust-web-src.
      '--config', 'source.crates-io.replace-with="std-vendor"',
      '--config', `source.std-vendor.directory="${stdVendor}"`,
    ],
    env,
    { cwd: probe },
  );
  const libDir = path.join(out, 'lib', 'rustlib', triple, 'lib');
  freshDir(out);
  const copied = copyMatching(
    path.join(work, 'target', triple, 'release', 'deps'),
    libDir,
    (name) => name.endsWith('.rlib') && !name.startsWith('libsysroot_probe-'),
  );
  if (!copied.some((name) => name.startsWith('libstd-'))) {
    throw new Error('the sysroot build produced no libstd');
  }
  fs.rmSync(work, { recursive: true, force: true });
}

function buildCrates(args) {
  const shim = path.resolve(required(args, 'shim'));
  const vendor = path.resolve(required(args, 'vendor'));
  const triple = required(args, 'target');
  const outTarget = path.resolve(required(args, 'out-target-deps'));
  const outHost = path.resolve(required(args, 'out-host-deps'));
  const work = freshDir(`${outTarget}.work`);
  const sysroot = args.sysroot ? path.resolve(args.sysroot) : undefined;

  // Cargo wants a writable package directory: copy the shim (a manifest, a lock file, an empty lib).
  const shimCopy = path.join(work, 'shim');
  fs.cpSync(shim, shimCopy, { recursive: true, dereference: true });
  for (const file of fs.readdirSync(shimCopy, { recursive: true })) {
    fs.chmodSync(path.join(shimCopy, file), 0o755);
  }
  const env = baseEnv(args, work);
  env.RUSTC_WRAPPER = writeRustcWrapper(work, {
    sysroot,
    targetTriple: triple,
    remaps: [[vendor, '/vendor'], [work, '/cargo']],
  });
  if (args['c-compiler']) {
    // C code of build scripts (the cc crate): the declared compiler and archiver, by absolute
    // path (build scripts run in their package's directory), and the same path remapping as
    // rustc's so no sandbox path reaches an object file.
    const key = triple.replace(/-/g, '_');
    env[`CC_${key}`] = path.resolve(args['c-compiler']);
    env[`AR_${key}`] = path.resolve(required(args, 'c-archiver'));
    env[`CFLAGS_${key}`] = [
      `-ffile-prefix-map=${vendor}=/vendor`,
      `-ffile-prefix-map=${work}=/cargo`,
      ...args.cflag,
    ].join(' ');
  }
  const stdout = runCargo(
    [
      'build', '--quiet', '--release', '--offline', '--target', triple,
      '--message-format=json-render-diagnostics',
      ...(args.feature.length ? ['--features', args.feature.join(',')] : []),
      '--config', 'source.crates-io.replace-with="vendored-sources"',
      '--config', `source.vendored-sources.directory="${vendor}"`,
    ],
    env,
    { cwd: shimCopy, captureJson: true },
  );

  // package name@version -> artifact file names, from cargo's own report of what it built.
  const artifacts = new Map();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    if (message.reason !== 'compiler-artifact') continue;
    const kinds = message.target.kind;
    if (!kinds.some((kind) => ['lib', 'rlib', 'proc-macro'].includes(kind))) continue;
    const id = message.package_id.split('#').pop();
    const key = id.includes('@') ? id : `${message.target.name}@${id}`;
    artifacts.set(key, message.filenames.map((file) => path.basename(file)));
  }

  const targetDeps = path.join(work, 'target', triple, 'release', 'deps');
  const hostDeps = path.join(work, 'target', 'release', 'deps');
  freshDir(outTarget);
  freshDir(outHost);
  copyMatching(targetDeps, outTarget, (name) => name.endsWith('.rlib'));
  copyMatching(hostDeps, outHost, (name) => name.endsWith('.so'));

  // --crate <package>@<version>=<crate name>=<argfile>
  for (const spec of args.crate) {
    const [pkg, crateName, argfile] = spec.split('=');
    const files = artifacts.get(pkg) || [];
    const rlib = files.find((file) => file.endsWith('.rlib'));
    const procMacro = files.find((file) => file.endsWith('.so'));
    const location = rlib ? path.join(outTarget, rlib) : procMacro && path.join(outHost, procMacro);
    if (!location) {
      throw new Error(`cargo built no library for ${pkg}; built: ${[...artifacts.keys()].join(', ')}`);
    }
    const relative = path.relative(process.cwd(), location);
    fs.writeFileSync(argfile, `--extern\n${crateName}=${relative}\n`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

const [mode, ...rest] = process.argv.slice(2);
try {
  const args = parseArgs(rest);
  if (mode === 'sysroot') buildSysroot(args);
  else if (mode === 'crates') buildCrates(args);
  else throw new Error(`unknown mode ${mode}; expected sysroot or crates`);
} catch (error) {
  process.stderr.write(`cargo_driver: ${error.message}\n`);
  process.exit(1);
}
