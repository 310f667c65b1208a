// Installs the packed package (.tgz) into a fresh consumer project with `npm install`, then runs
// the consumer tests (node:test) there, importing '@ruv/swarm-wasm' as a user would; then the
// module tests again against the unified module (see consumer/subject.mjs).
// Usage: node run_consumer_tests.mjs <npm> <package.tgz> <files...>: the *.test.mjs files are
// run, the other files (helpers they import) are copied next to them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [npm, tgz, ...files] = process.argv.slice(2);
const tests = files.filter((f) => f.endsWith('.test.mjs'));
if (tests.length === 0) {
  console.error('no *.test.mjs files given');
  process.exit(1);
}
const root = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || os.tmpdir(), 'consumer-'));
fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({
  name: 'swarm-wasm-consumer', private: true, type: 'module',
}, null, 2));

const env = {
  PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
  HOME: root,
  npm_config_cache: path.join(root, '.npm-cache'),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};
const install = spawnSync(path.resolve(npm), ['install', '--offline', '--no-save', path.resolve(tgz)], {
  cwd: root, env, encoding: 'utf8',
});
if (install.status !== 0) {
  console.error(install.stdout, install.stderr);
  console.error('npm install of the packed package failed');
  process.exit(1);
}
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
