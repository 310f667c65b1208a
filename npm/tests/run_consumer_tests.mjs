// Installs the packed package (.tgz) into a fresh consumer project with `npm install`, then runs
// the consumer tests (node:test) there, importing '@ruv/swarm-wasm' as a user would; then the
// module tests again against the unified module (see consumer/subject.mjs).
// Usage: node run_consumer_tests.mjs <npm> <package.tgz> <files...>: the *.test.mjs files are
// run, the other files (helpers they import) are copied next to them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { consumerProject } from './consumer_project.mjs';

const [npm, tgz, ...files] = process.argv.slice(2);
const tests = files.filter((f) => f.endsWith('.test.mjs'));
if (tests.length === 0) {
  console.error('no *.test.mjs files given');
  process.exit(1);
}
const { root, env } = consumerProject({ npm, tgz, name: 'swarm-wasm-consumer' });
for (const file of files) fs.copyFileSync(file, path.join(root, path.basename(file)));
const runTests = (names, extraEnv = {}) => spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...names], {
  cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit',
}).status ?? 1;
const names = tests.map((t) => path.basename(t));
const status = runTests(names);
// The tests written against subject.mjs run a second time against the unified module, which
// bundles every module's API: it must pass the same tests unchanged.
const viaUnified = names.filter((name) => fs.readFileSync(path.join(root, name), 'utf8').includes("from './subject.mjs'"));
if (viaUnified.length === 0) {
  console.error('no test uses subject.mjs: nothing exercises the unified module');
  process.exit(1);
}
console.log(`\nAgain against the unified module: ${viaUnified.join(', ')}`);
const unifiedStatus = runTests(viaUnified, { RUV_CONSUMER_VIA: 'unified' });
process.exit(status || unifiedStatus);
