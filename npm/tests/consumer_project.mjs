// A fresh consumer project with the packed package installed by `npm install <tgz>` (offline),
// as a user gets it: shared by the package, type-check and browser test runners.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Makes a project directory under `parent` (default: TEST_TMPDIR) with a `package.json` named `name` and installs
 * `tgz` into it with `npm`. Exits the process with npm's output when the install fails.
 * Returns `{ root, env }`: the project and the environment to run its tools in (`extraEnv` added).
 */
export function consumerProject({ npm, tgz, name, extraEnv = {}, parent = process.env.TEST_TMPDIR || os.tmpdir() }) {
  const root = fs.mkdtempSync(path.join(parent, `${name}-`));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }, null, 2));
  const env = {
    PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: root,
    npm_config_cache: path.join(root, '.npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...extraEnv,
  };
  const install = spawnSync(path.resolve(npm), ['install', '--offline', '--no-save', path.resolve(tgz)], {
    cwd: root, env, encoding: 'utf8',
  });
  if (install.status !== 0) {
    console.error(install.stdout, install.stderr);
    console.error('npm install of the packed package failed');
    process.exit(1);
  }
  return { root, env };
}
