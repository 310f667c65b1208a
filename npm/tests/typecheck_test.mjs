// Type-checks a consumer of the packed package with `tsc --strict --noEmit`, and fails if `any`
// appears in the package's declarations.
// Usage: node typecheck_test.mjs <npm> <package.tgz> <typescript/bin/tsc> <dts_enhance> <consumer.ts>
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { consumerProject } from './consumer_project.mjs';

const [npm, tgz, tsc, dtsEnhance, consumer] = process.argv.slice(2).map((p) => path.resolve(p));
const { root, env } = consumerProject({ npm, tgz, name: 'typecheck' });
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.status === 0;
};
fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
    // esnext.disposable: wasm-bindgen's classes declare [Symbol.dispose] (TypeScript >= 5.2).
    lib: ['es2022', 'dom', 'esnext.disposable'], skipLibCheck: false, noImplicitAny: true,
  },
  files: ['consumer.ts'],
}));
fs.copyFileSync(consumer, path.join(root, 'consumer.ts'));
let failed = 0;
const typesDir = path.join(root, 'node_modules', '@ruv', 'swarm-wasm', 'types');
const declarations = fs.readdirSync(typesDir).map((f) => path.join(typesDir, f));
if (!run(dtsEnhance, ['check', ...declarations])) failed++;
if (run(process.execPath, [tsc, '-p', 'tsconfig.json'])) console.log('tsc --strict: the consumer type-checks');
else failed++;
console.log(`${2 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
