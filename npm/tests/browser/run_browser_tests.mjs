// Installs the packed package (.tgz) into a fresh consumer project with `npm install`, copies the
// test files there and runs the *.test.mjs ones with node:test, one file at a time.
// Usage: node run_browser_tests.mjs <npm> <package.tgz> --modules <modules.json>
//            [--tool <package.json>]... [--into <dir>] <files...>
//   --modules: the package's modules.json; its module table (modules.mjs with each module's
//           scenario and kernel, npm/tests/module_table.mjs) is written into the project's root
//           and into every --into directory, next to the test files that import it.
//   --tool: an npm package of @npm_tools (its package.json); the tests find its directory in
//           RUV_TOOL_<NAME> (e.g. RUV_TOOL_PLAYWRIGHT_CORE).
//   --into: the files after it are copied into <dir> of the project (default: its root); only
//           the *.test.mjs files at the root are run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consumerProject } from '../consumer_project.mjs';
import { writeModuleTable } from '../module_table.mjs';

const [npm, tgz, ...rest] = process.argv.slice(2);
const tools = {};
const files = [];
const dirs = new Set(['.']);
let into = '.';
let modulesJson;
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--into') {
    into = rest[++i];
    dirs.add(into);
  } else if (rest[i] === '--modules') {
    modulesJson = path.resolve(rest[++i]);
  } else if (rest[i] === '--tool') {
    const manifest = path.resolve(rest[++i]);
    const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    tools[`RUV_TOOL_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = path.dirname(manifest);
  } else {
    files.push({ file: rest[i], dest: path.join(into, path.basename(rest[i])) });
  }
}
const tests = files.map((f) => f.dest).filter((f) => f.endsWith('.test.mjs') && !f.includes(path.sep));
if (!npm || !tgz || !modulesJson || tests.length === 0) {
  console.error('usage: node run_browser_tests.mjs <npm> <package.tgz> --modules <modules.json> [--tool <package.json>]... <files...> (at least one *.test.mjs)');
  process.exit(2);
}
const tmp = process.env.TEST_TMPDIR || fs.mkdtempSync(path.join(os.tmpdir(), 'browser-tests-'));
const { root, env } = consumerProject({
  npm, tgz, name: 'swarm-wasm-browser-consumer', parent: tmp, extraEnv: { TEST_TMPDIR: tmp, ...tools },
});
for (const { file, dest } of files) {
  fs.mkdirSync(path.dirname(path.join(root, dest)), { recursive: true });
  fs.copyFileSync(file, path.join(root, dest));
}
for (const dir of dirs) writeModuleTable(modulesJson, path.join(root, dir));
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...tests], {
  cwd: root, env, stdio: 'inherit',
});
process.exit(run.status ?? 1);
