// Shared by the browser and bundler tests: a static HTTP server on 127.0.0.1, Chromium driven
// by playwright-core, an import map for the installed package, and the Node side of the
// scenarios (scenarios.mjs run in a fresh Node process per build).
//
// The tests run in a consumer project made by run_browser_tests.mjs: '@ruv/swarm-wasm' installed
// from the packed .tgz with npm, the test files copied next to it. Tools come from @npm_tools
// through environment variables: RUV_TOOL_<NAME> is the directory of the npm package <name>.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = process.cwd();
export const PACKAGE_DIR = path.join(ROOT, 'node_modules', '@ruv', 'swarm-wasm');
export const packageJson = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
export const buildReport = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'build-report.json'), 'utf8'));

/** The package's modules as its build report and exports map list them (they must agree). */
export function packageModules() {
  const fromReport = Object.keys(buildReport.modules).sort();
  const fromExports = Object.keys(packageJson.exports)
    .filter((key) => key !== '.' && !key.endsWith('.json')).map((key) => key.slice(2)).sort();
  if (fromReport.join() !== fromExports.join()) {
    throw new Error(`build-report.json lists ${fromReport.join(', ')} but the exports map ${fromExports.join(', ')}`);
  }
  return fromReport;
}

/** Imports the entry point of the npm package installed at RUV_TOOL_<name>. */
export async function importTool(name) {
  const variable = `RUV_TOOL_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const dir = process.env[variable];
  if (!dir) throw new Error(`${variable} is not set (run through run_browser_tests.mjs)`);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  let entry = manifest.exports?.['.'] ?? manifest.main ?? 'index.js';
  while (entry && typeof entry === 'object') entry = entry.import ?? entry.node ?? entry.default ?? entry.require;
  return import(pathToFileURL(path.join(dir, entry)).href);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

/**
 * Serves `root` on 127.0.0.1 (an ephemeral port) with real MIME types (`application/wasm`, so
 * browsers take the streaming path) and no caching. `pages` maps a path to generated HTML.
 * Every request's path is appended to `server.log`.
 */
export async function serve(root, pages = {}) {
  const log = [];
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    log.push(urlPath);
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (Object.hasOwn(pages, urlPath)) return send(200, MIME['.html'], pages[urlPath]);
    const file = path.resolve(base, `.${urlPath}`);
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(404, 'text/plain', `not found: ${urlPath}`);
    }
    return send(200, MIME[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * An import map that resolves '@ruv/swarm-wasm' and its subpaths in a browser without a bundler,
 * from the installed package's `exports` and `imports` (browser, else default condition).
 */
export function importMap(prefix = '/node_modules/@ruv/swarm-wasm') {
  const pick = (target) => {
    while (target && typeof target === 'object') target = target.browser ?? target.default;
    return target;
  };
  const imports = {};
  for (const [key, target] of Object.entries(packageJson.exports)) {
    imports[path.posix.join('@ruv/swarm-wasm', key)] = `${prefix}/${pick(target).replace(/^\.\//, '')}`;
  }
  const scoped = {};
  for (const [key, target] of Object.entries(packageJson.imports ?? {})) {
    scoped[key] = `${prefix}/${pick(target).replace(/^\.\//, '')}`;
  }
  return { imports, scopes: { [`${prefix}/`]: scoped } };
}

/** An HTML page with the package's import map that runs `script` (a module URL). */
export function pageHtml(script) {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>@ruv/swarm-wasm browser test</title><link rel="icon" href="data:,">',
    `<script type="importmap">${JSON.stringify(importMap())}</script>`,
    // A module that fails to load or throws marks the page failed (openPage reports it).
    "<script>addEventListener('error', (e) => { window.__failed = String(e.error?.stack ?? e.message ?? e.target?.src); }, true);</script>",
    `<script type="module" src="${script}"></script>`,
    '</head><body></body></html>',
  ].join('\n');
}

// Counts the instantiate calls in the page (calling through to the engine's own functions).
const WASM_SPY = `
  window.__wasmCalls = { streaming: 0, bytes: 0 };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = function (...args) {
    window.__wasmCalls.streaming++;
    return streaming.apply(this, args);
  };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...args) {
    window.__wasmCalls.bytes++;
    return instantiate.apply(this, args);
  };
`;

/** Debian's Chromium with the flags the project's machines need, a fresh profile each time. */
export async function launchChromium() {
  const { chromium } = await importTool('playwright-core');
  const tmp = process.env.TEST_TMPDIR ?? fs.mkdtempSync(path.join(ROOT, 'tmp-'));
  const profile = fs.mkdtempSync(path.join(tmp, 'chromium-profile-'));
  const home = fs.mkdtempSync(path.join(tmp, 'chromium-home-'));
  // Chromium puts a Unix socket in TMPDIR, and a socket path must stay under 108 bytes: Bazel's
  // TEST_TMPDIR is too deep, so Chromium gets a short directory of its own, removed on close.
  const shortTmp = fs.mkdtempSync('/tmp/ruv-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.RUV_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home, TMPDIR: shortTmp },
    timeout: 60_000,
  }).catch((error) => {
    fs.rmSync(shortTmp, { recursive: true, force: true });
    throw error;
  });
  context.on('close', () => fs.rmSync(shortTmp, { recursive: true, force: true }));
  return context;
}

/**
 * Opens `url` in a new page of `context`, recording every request path (`page.requests`) and
 * every console error or uncaught exception (`page.problems`); `instantiateCalls()` reads the
 * page's WebAssembly.instantiateStreaming / instantiate counts.
 */
export async function openPage(context, url, { readyFlag = '__ready' } = {}) {
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('console', (message) => {
    if (['error', 'warning'].includes(message.type())) problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.addInitScript(WASM_SPY);
  await page.goto(url);
  await page.waitForFunction((flag) => window[flag] === true || window.__failed, readyFlag, { timeout: 60_000 });
  const failed = await page.evaluate(() => window.__failed ?? null);
  if (failed) throw new Error(`the page failed: ${failed}`);
  return {
    page,
    requests,
    problems,
    instantiateCalls: () => page.evaluate(() => ({ ...window.__wasmCalls })),
    close: () => page.close(),
  };
}

/**
 * The package file names (`core.wasm`, `core.baseline.wasm`) of the .wasm request paths among
 * `requests`; a bundler's hashed asset names (`core-Ab3x.wasm`, `core.baseline-Cd_4.wasm`) count
 * as the file they were emitted from. A name that is no module's file is kept as it is.
 */
export function wasmRequests(requests) {
  const modules = Object.keys(buildReport.modules);
  return requests.filter((p) => p.endsWith('.wasm')).map((p) => {
    const name = path.posix.basename(p);
    for (const module of modules) {
      for (const stem of [`${module}.baseline`, module]) {
        const hash = name.startsWith(`${stem}-`) ? name.slice(stem.length + 1, -'.wasm'.length) : null;
        if (name === `${stem}.wasm` || (hash && !hash.includes('.'))) return `${stem}.wasm`;
      }
    }
    return name;
  });
}

/** The package's file name of `module`'s build `variant`. */
export const wasmFile = (module, variant) => (variant === 'baseline' ? `${module}.baseline.wasm` : `${module}.wasm`);

const sorted = (list) => [...list].sort();

/** The first place two JSON texts differ, for a readable failure. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at character ${i}: browser …${a.slice(Math.max(0, i - 80), i + 80)}… node …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

/**
 * Runs scenarios.mjs's runAll for `variant` in `page` (opened by openPage on a page that sets
 * `window.pkg` and `window.runAll`) and checks it against `node` (runInNode's result for the same
 * build): every module's scenario results identical, the build and instance right, the seed's
 * checks passed on both sides; after each module's first load the page has fetched exactly the
 * loaded modules' wasm files of this build (and, with `glue`, their glue files), each once; each
 * was instantiated with instantiateStreaming; no console error. `alreadyLoaded`: modules the page
 * loaded before (a bundled app's static subpath import).
 */
export async function runAndCompare(page, variant, node, { glue = true, alreadyLoaded = [] } = {}) {
  const modules = Object.keys(buildReport.modules);
  const loaded = [...alreadyLoaded];
  const glueRequests = () => page.requests.filter((p) => /\/wasm\/[^/]+\.js$/.test(p)).map((p) => path.posix.basename(p));
  await page.page.exposeFunction('__afterLoad', (name) => {
    if (!loaded.includes(name)) loaded.push(name);
    assert.deepEqual(sorted(wasmRequests(page.requests)), sorted(loaded.map((n) => wasmFile(n, variant))),
      `wasm fetched after load('${name}')`);
    if (glue) {
      assert.deepEqual(sorted(glueRequests()), sorted(loaded.map((n) => `${n}.js`)), `glue fetched after load('${name}')`);
    }
  });
  const browser = await page.page.evaluate((v) => window.runAll(window.pkg, v, (name) => window.__afterLoad(name)), variant);

  assert.equal(browser.simdSupported, true, 'Chromium supports WebAssembly SIMD');
  assert.deepEqual(Object.keys(browser.modules), modules);
  for (const name of modules) {
    assert.deepEqual(browser.modules[name], {
      variant, simd: variant === 'simd128', version: packageJson.version, sameInstance: true,
    }, name);
    assert.deepEqual(node.modules[name], browser.modules[name], `${name} in Node`);
    const [b, n] = [browser.results[name], node.results[name]];
    assert.ok(b.length > 100, `${name}: the scenario returned ${b}`);
    assert.ok(b === n, `${name}: Chromium's results differ from Node's ${firstDifference(b, n)}`);
  }
  for (const side of [browser, node]) {
    assert.equal(side.seed.greet, 'Hello, seed!');
    assert.deepEqual(side.seed.neuralApi, ['function', 'object', 3]);
    for (const name of modules) {
      const growth = side.seed.memoryGrowth[name];
      assert.ok(Number.isInteger(growth) && growth < 1024 * 1024, `${name}: memory grew by ${growth} bytes over 1000 cycles`);
    }
  }
  // Each module's wasm fetched once in all (later loads reuse the instance) and streamed.
  assert.deepEqual(sorted(wasmRequests(page.requests)), sorted(modules.map((n) => wasmFile(n, variant))));
  assert.deepEqual(await page.instantiateCalls(), { streaming: modules.length, bytes: 0 });
  assert.deepEqual(page.problems, []);
  return browser;
}

/** scenarios.mjs's runAll for one build in a fresh Node process, importing the installed package. */
export function runInNode(variant) {
  const script = `
    import * as pkg from '@ruv/swarm-wasm';
    import { runAll } from './scenarios.mjs';
    console.log(JSON.stringify(await runAll(pkg, ${JSON.stringify(variant)})));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}
