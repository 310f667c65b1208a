// Runs buildifier over the workspace's Starlark files (@workspace_starlark_files).
//
//   node buildifier.mjs --buildifier <package.json> --files <files.json> --warnings=<list> --mode=check|fix
//
// check (a test): copies the files, at their workspace paths, into a scratch tree (buildifier's
// formatting and lint depend on where a file is in its workspace) and fails listing every file
// that needs reformatting and every lint warning. fix (`bazel run`): formats the files in the
// source tree and applies the automatic lint fixes, then checks them as the test does.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      args[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (arg.startsWith('--') && i + 1 < argv.length) {
      args[arg.slice(2)] = argv[++i];
    } else {
      throw new Error(`unexpected argument ${arg}`);
    }
  }
  for (const name of ['buildifier', 'files', 'warnings', 'mode']) {
    if (args[name] === undefined) throw new Error(`missing --${name}`);
  }
  if (!['check', 'fix'].includes(args.mode)) throw new Error(`--mode must be check or fix, not ${args.mode}`);
  return args;
}

function run(buildifier, flags, cwd) {
  const result = spawnSync(buildifier, flags, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  return result;
}

// Every problem buildifier finds in `paths` (relative to `root`), as `path:line: message` lines.
function check(buildifier, warnings, root, paths) {
  const flags = ['--mode=check', '--lint=warn', '--format=json', `--warnings=${warnings}`, ...paths];
  const result = run(buildifier, flags, root);
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    return [`buildifier failed (exit ${result.status}): ${result.stderr.trim()}`];
  }
  const problems = [];
  for (const file of report.files) {
    if (!file.valid) problems.push(`${file.filename}: syntax error`);
    else if (!file.formatted) problems.push(`${file.filename}: needs reformatting`);
    for (const w of file.warnings) {
      problems.push(`${file.filename}:${w.start.line}: ${w.category}: ${w.message.split('\n')[0]} (${w.url})`);
    }
  }
  if (report.files.length !== paths.length) {
    problems.push(`buildifier reported on ${report.files.length} of ${paths.length} files`);
  }
  if (!report.files.every((f) => f.valid)) problems.push(result.stderr.trim());
  return problems;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const buildifier = resolve(dirname(args.buildifier), 'buildifier-linux_amd64');
  const version = run(buildifier, ['--version']).stdout.split('\n')[0].trim();
  const listing = JSON.parse(readFileSync(args.files, 'utf8')).files;
  const paths = listing.map((f) => f.path);
  let root;

  if (args.mode === 'fix') {
    root = process.env.BUILD_WORKSPACE_DIRECTORY;
    if (!root) throw new Error('--mode=fix edits the source tree: run it with `bazel run`');
    const before = paths.map((path) => readFileSync(join(root, path), 'utf8'));
    const result = run(buildifier, ['--mode=fix', '--lint=fix', `--warnings=${args.warnings}`, ...paths], root);
    if (result.status !== 0) throw new Error(`buildifier failed (exit ${result.status}): ${result.stderr.trim()}`);
    paths.forEach((path, i) => {
      if (readFileSync(join(root, path), 'utf8') !== before[i]) console.log(`fixed ${path}`);
    });
  } else {
    root = mkdtempSync(join(process.env.TEST_TMPDIR || tmpdir(), 'workspace-'));
    const repository = dirname(args.files);
    for (const { file, path } of listing) {
      mkdirSync(join(root, dirname(path)), { recursive: true });
      copyFileSync(join(repository, file), join(root, path));
    }
  }

  const problems = check(buildifier, args.warnings, root, paths);
  console.log(`${version}, mode ${args.mode}: ${paths.length} files, ${problems.length} problem(s)`);
  if (problems.length) {
    console.log(problems.join('\n'));
    console.log('\nFix: `bazel run //tools/lint:buildifier_fix` formats the files and applies the automatic ' +
      'lint fixes; each remaining warning needs an edit (see its link).');
    process.exit(1);
  }
}

main();
