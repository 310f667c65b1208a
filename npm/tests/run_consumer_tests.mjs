// Installs the packed package (.tgz) into a fresh consumer project with `npm install`, then runs
// the consumer tests (node:test) there, importing '@ruv/swarm-wasm' as a user would; then, for
// every module that bundles others (modules.json's `bundles`: unified), the bundled modules'
// tests again against it (see consumer/subject.mjs).
// Usage: node run_consumer_tests.mjs <npm> <package.tgz> --modules <modules.json> <files...>: the
// *.test.mjs files are run, the other files (helpers they import) are copied next to them, with
// the module table (modules.mjs, npm/tests/module_table.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { consumerProject } from './consumer_project.mjs';
import { writeModuleTable } from './module_table.mjs';

const [npm, tgz, modulesFlag, modulesJson, ...files] = process.argv.slice(2);
const tests = files.filter((f) => f.endsWith('.test.mjs'));
if (modulesFlag !== '--modules' || !modulesJson || tests.length === 0) {
  console.error('usage: node run_consumer_tests.mjs <npm> <package.tgz> --modules <modules.json> <files...> (at least one *.test.mjs)');
  process.exit(2);
}
const { root, env } = consumerProject({ npm, tgz, name: 'swarm-wasm-consumer' });
for (const file of files) fs.copyFileSync(file, path.join(root, path.basename(file)));
const modules = writeModuleTable(modulesJson, root);
const runTests = (names, extraEnv = {}) => spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...names], {
  cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit',
}).status ?? 1;
const names = tests.map((t) => path.basename(t));
let status = runTests(names);
// Each bundled module's tests (`<module>.test.mjs`, written against subject.mjs) run a second time
// against each module that bundles it: it must pass the same tests unchanged.
for (const { name: via, bundles } of modules.filter((m) => m.bundles.length > 0)) {
  const again = bundles.map((b) => `${b}.test.mjs`);
  const unfit = again.filter((t) => !names.includes(t) || !fs.readFileSync(path.join(root, t), 'utf8').includes("from './subject.mjs'"));
  if (unfit.length > 0) {
    console.error(`${via} bundles modules without a consumer test written against subject.mjs: ${unfit.join(', ')}`);
    process.exit(1);
  }
  console.log(`\nAgain against the ${via} module: ${again.join(', ')}`);
  status = runTests(again, { RUV_CONSUMER_VIA: via }) || status;
}
process.exit(status);
