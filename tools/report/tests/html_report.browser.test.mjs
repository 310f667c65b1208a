// The HTML view of the package's build report in Debian's Chromium (headless, via
// playwright-core, a fresh profile): written by print_report.mjs --html as a user would, opened
// from a file with the network unused. It must draw: one bar per module with a segment per
// group, one treemap per module with a cell per group, cells with real area, and a screenshot
// that is not blank.
// Usage: node html_report.browser.test.mjs <print_report.mjs> <build-report.json> <playwright-core/package.json>
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const [script, reportPath, playwrightManifest] = process.argv.slice(2).map((p) => path.resolve(p));
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const tmp = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'html-report-'));

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's screenshots are). */
function decodePng(png) {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [bitDepth, colourType, , , interlace] = data.subarray(8, 13);
      assert.equal(bitDepth, 8);
      assert.equal(interlace, 0);
      channels = { 2: 3, 6: 4 }[colourType];
      assert.ok(channels, `PNG colour type ${colourType}`);
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

test('the HTML report draws in Chromium', async () => {
  const html = path.join(tmp, 'report.html');
  const cli = spawnSync(process.execPath, [script, reportPath, '--html', html], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);

  const playwright = path.dirname(playwrightManifest);
  const { chromium } = await import(pathToFileURL(path.join(playwright, 'index.mjs')).href);
  const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
  // Chromium's sockets live in TMPDIR, whose path must stay short (Bazel's TEST_TMPDIR is deep).
  const shortTmp = fs.mkdtempSync('/tmp/ruv-report-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.RUV_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile, TMPDIR: shortTmp },
    timeout: 60_000,
  });
  try {
    const page = await context.newPage();
    const requests = [];
    const problems = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(html).href);
    await page.waitForLoadState('load');
    assert.deepEqual(requests, [pathToFileURL(html).href], 'the page loads nothing else');
    assert.deepEqual(problems, []);

    const drawn = await page.evaluate(() => {
      const area = (e) => {
        const r = e.getBoundingClientRect();
        return r.width * r.height;
      };
      const bars = [...document.querySelectorAll('svg.bars rect.segment')];
      const treemaps = [...document.querySelectorAll('svg.treemap')].map((svg) => ({
        module: svg.dataset.module,
        cells: [...svg.querySelectorAll('rect.cell')].map((r) => ({ group: r.dataset.group, area: area(r), fill: getComputedStyle(r).fill })),
        area: area(svg),
      }));
      return {
        barModules: [...new Set(bars.map((b) => b.dataset.module))],
        barSegments: bars.length,
        barArea: bars.reduce((s, b) => s + area(b), 0),
        treemaps,
        rows: document.querySelectorAll('section.module table tbody tr').length,
      };
    });
    const modules = Object.keys(report.modules);
    assert.deepEqual(drawn.barModules, modules, 'a bar per module, in order');
    assert.ok(drawn.barArea > 1000, `bars drawn with ${drawn.barArea} px²`);
    assert.deepEqual(drawn.treemaps.map((t) => t.module), modules, 'a treemap per module');
    for (const t of drawn.treemaps) {
      const groups = report.modules[t.module].attribution.groups.filter((g) => g.shipped.gzip > 0);
      assert.deepEqual(t.cells.map((c) => c.group).sort(), groups.map((g) => g.name).sort(), `${t.module}: a cell per group`);
      const cellArea = t.cells.reduce((s, c) => s + c.area, 0);
      assert.ok(Math.abs(cellArea - t.area) / t.area < 0.01, `${t.module}: the cells fill the treemap (${cellArea} of ${t.area})`);
      // The biggest group gets the biggest cell.
      const biggest = t.cells.reduce((a, b) => (b.area > a.area ? b : a));
      assert.equal(biggest.group, groups[0].name);
      assert.ok(new Set(t.cells.map((c) => c.fill)).size > 1, `${t.module}: cells are coloured apart`);
    }

    const shot = decodePng(await page.screenshot({ fullPage: false }));
    let coloured = 0;
    const colours = new Set();
    for (let i = 0; i < shot.pixels.length; i += shot.channels) {
      const [r, g, b] = shot.pixels.subarray(i, i + 3);
      if (r < 245 || g < 245 || b < 245) coloured++;
      colours.add(`${r >> 4},${g >> 4},${b >> 4}`);
    }
    const share = coloured / (shot.width * shot.height);
    assert.ok(share > 0.05, `only ${(share * 100).toFixed(1)}% of the screenshot is not white`);
    assert.ok(colours.size >= 8, `only ${colours.size} colours on screen`);
    fs.writeFileSync(path.join(process.env.TEST_UNDECLARED_OUTPUTS_DIR ?? tmp, 'report.png'), await page.screenshot({ fullPage: true }));
  } finally {
    await context.close();
    fs.rmSync(shortTmp, { recursive: true, force: true });
  }
});
