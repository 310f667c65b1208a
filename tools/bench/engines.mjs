// SIMD128 against baseline, in Node and in Chromium: for every module of the built package, its
// main kernels' speed on both builds and the time to instantiate each build, in one run.
//
//   tools/bazel run //tools/bench:engines [-- --rounds N --ms N --instantiations N]
//   node tools/bench/engines.mjs <package dir> --modules <modules.json> --playwright <playwright-core dir> [options]
//
// <package dir> is the built package (bazel-bin/npm/package); modules.json (//npm:modules) names
// each module's kernels (its crate's bench/kernel.mjs). Both engines run the package's
// own files: each build is instantiated into a fresh import of the module's glue
// (`wasm/<module>.js`), with the bytes read from `wasm/` in Node (as the package's loader does
// there) and streamed from a 127.0.0.1 server with WebAssembly.instantiateStreaming in Chromium
// (as the loader does in browsers, fetch included); the timed part is the glue's init call
// (reading or fetching, compiling, instantiating), not the import of the glue itself. The kernels (engines_kernels.mjs) run
// unchanged in both engines; within an engine the two builds alternate round by round (order
// flipped every round, one untimed warm-up round), figures are medians over the rounds, and
// each ratio's spread over the rounds is shown. Node runs first, then Chromium; every figure
// printed is measured in this run.
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeModuleTable } from '../../npm/tests/module_table.mjs';

const USAGE = 'usage: node engines.mjs <package dir> --modules <modules.json> --playwright <playwright-core dir> '
  + '[--chromium /usr/bin/chromium] [--rounds N] [--ms N] [--instantiations N]';

function parseArgs(argv) {
  const opts = { rounds: 7, ms: 300, instantiations: 7, playwright: null, modules: null, chromium: '/usr/bin/chromium' };
  let dir = null;
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) {
      dir = argv[i];
      continue;
    }
    const key = argv[i].slice(2);
    const value = argv[++i];
    if (!(key in opts) || value === undefined) throw new Error(`unknown or incomplete option ${argv[i - 1]}\n${USAGE}`);
    if (key === 'playwright' || key === 'chromium' || key === 'modules') {
      opts[key] = value;
    } else {
      opts[key] = Number(value);
      if (!Number.isInteger(opts[key]) || opts[key] < 1) throw new Error(`--${key} needs a positive integer`);
    }
  }
  if (!dir || !opts.playwright || !opts.modules) throw new Error(USAGE);
  return { dir: path.resolve(dir), opts };
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const { dir, opts } = args;
// The kernels, their helpers and the module table, in one directory that Node imports from and
// the Chromium page is served from.
const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ruv-bench-kernels-'));
for (const file of ['engines_kernels.mjs', 'measure.mjs']) fs.copyFileSync(new URL(`./${file}`, import.meta.url), path.join(benchDir, file));
writeModuleTable(opts.modules, benchDir);
const { KERNELS, measure } = await import(pathToFileURL(path.join(benchDir, 'engines_kernels.mjs')).href);
const report = JSON.parse(fs.readFileSync(path.join(dir, 'build-report.json'), 'utf8'));
const modules = Object.keys(report.modules);
const wasmFile = (name, variant) => (variant === 'baseline' ? `${name}.baseline.wasm` : `${name}.wasm`);
const measureOptions = { rounds: opts.rounds, ms: opts.ms, instantiations: opts.instantiations };

// ---------------------------------------------------------------------------------------------
// Node
// ---------------------------------------------------------------------------------------------

let fresh = 0;
async function prepareInNode(name, variant) {
  const glue = await import(`${pathToFileURL(path.join(dir, 'wasm', `${name}.js`)).href}?instance=${fresh++}`);
  const file = path.join(dir, 'wasm', wasmFile(name, variant));
  return { glue, init: async () => glue.default({ module_or_path: await fs.promises.readFile(file) }) };
}

console.log('SIMD128 against baseline, in Node and in Chromium: every module of the package');
console.log(`  package: ${report.package} ${report.version} (${dir})`);
console.log(`  node ${process.version}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);
console.log(`  options: --rounds ${opts.rounds} --ms ${opts.ms} --instantiations ${opts.instantiations}`);
const results = { node: await measure(modules, prepareInNode, measureOptions) };

// ---------------------------------------------------------------------------------------------
// Chromium: the package and the kernels served from 127.0.0.1
// ---------------------------------------------------------------------------------------------

const MIME = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  const urlPath = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  let file = null;
  let body = null;
  if (urlPath === '/') {
    body = '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body></body></html>';
  } else if (urlPath.startsWith('/bench/')) {
    // The kernels, their helpers and the module table.
    const candidate = path.resolve(benchDir, `.${urlPath.slice('/bench'.length)}`);
    if (candidate.startsWith(benchDir + path.sep) && fs.existsSync(candidate)) file = candidate;
  } else if (urlPath.startsWith('/wasm/')) {
    const candidate = path.resolve(dir, `.${urlPath}`);
    if (candidate.startsWith(path.join(dir, 'wasm') + path.sep) && fs.existsSync(candidate)) file = candidate;
  }
  if (file === null && body === null) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
    return;
  }
  const type = body !== null ? 'text/html' : MIME[path.extname(String(file))] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body ?? fs.readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const { chromium } = createRequire(import.meta.url)(path.resolve(opts.playwright));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ruv-bench-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(path.join(scratch, 'profile'), {
    executablePath: opts.chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    env: { ...process.env, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_CACHE_HOME: scratch, TMPDIR: scratch },
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${origin}/`);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  console.log(`  chromium: ${userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? userAgent} (${opts.chromium}, headless)`);
  page.setDefaultTimeout(0);
  results.chromium = await page.evaluate(async ([names, options]) => {
    const { measure: run } = await import('/bench/engines_kernels.mjs');
    let n = 0;
    const prepare = async (name, variant) => {
      const glue = await import(`/wasm/${name}.js?instance=${n++}`);
      const file = variant === 'baseline' ? `${name}.baseline.wasm` : `${name}.wasm`;
      return { glue, init: () => glue.default({ module_or_path: new URL(`/wasm/${file}`, location.href) }) };
    };
    return run(names, prepare, options);
  }, [modules, measureOptions]);
  if (problems.length) throw new Error(`the page failed: ${problems.join('; ')}`);
} finally {
  await context?.close();
  server.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(benchDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
  for (const row of all) {
    console.log(`  ${row.map((cell, c) => (c < 2 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('   ')}`);
  }
}

console.log('\nKernel speed (operations/s, median of rounds); ratio = simd128 / baseline (min..max over rounds)');
const rows = [];
for (const name of modules) {
  for (const [k, kernel] of results.node[name].kernels.entries()) {
    const row = [name, kernel.name];
    for (const engine of ['node', 'chromium']) {
      const { simd128, baseline } = results[engine][name].kernels[k].opsPerSecond;
      const ratios = simd128.map((s, i) => s / baseline[i]);
      row.push(fmt(median(simd128)), fmt(median(baseline)),
        `${(median(simd128) / median(baseline)).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}..${Math.max(...ratios).toFixed(2)})`);
    }
    rows.push(row);
  }
}
table(['module', 'kernel', 'Node simd128', 'Node baseline', 'Node ratio', 'Chromium simd128', 'Chromium baseline', 'Chromium ratio'], rows);

console.log('\nInstantiate time (ms, median of instantiations; Node: read + compile + instantiate, Chromium: fetch from 127.0.0.1 + instantiateStreaming)');
table(['module', 'wasm KB (simd128/baseline)', 'Node simd128', 'Node baseline', 'Chromium simd128', 'Chromium baseline'],
  modules.map((name) => [
    name,
    `${(report.modules[name].wasm.raw / 1024).toFixed(0)} / ${(report.modules[name].baseline.wasm.raw / 1024).toFixed(0)}`,
    ...['node', 'chromium'].flatMap((engine) => ['simd128', 'baseline'].map((v) => results[engine][name].instantiateMs[v].toFixed(2))),
  ]));

let failed = false;
for (const engine of ['node', 'chromium']) {
  for (const name of modules) {
    const { simd128, baseline } = results[engine][name].simdEnabled;
    if (simd128 !== true || baseline !== false) {
      console.log(`WARNING: ${engine}/${name}: simdEnabled() is ${simd128} for simd128 and ${baseline} for baseline`);
      failed = true;
    }
  }
}
const missing = modules.filter((name) => !KERNELS[name]?.length);
if (missing.length) {
  console.log(`\nNo kernel for ${missing.join(', ')}: give its rust_wasm_module a \`kernel\` (instantiate times above are measured).`);
  failed = true;
}
process.exit(failed ? 1 : 0);
