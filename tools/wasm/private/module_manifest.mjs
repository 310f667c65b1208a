// Writes a module's description (module.json) once every build of it exists, with each file's
// size, after checking that the builds are interchangeable behind one glue file: wasm-bindgen
// must have written the same JS and declarations for each build (the package ships one glue).
// Usage: node module_manifest.mjs <config.json>
// config: { description: <describe_module()>, files: { <runfiles path>: <exec path> }, out }
import fs from 'node:fs';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { description, files, out, declarations } = config;
const read = (runfilesPath) => fs.readFileSync(files[runfilesPath]);

const builds = Object.entries(description.builds);
const [[firstName, first]] = builds;
for (const [name, build] of builds.slice(1)) {
  if (!read(build.js).equals(read(first.js))) {
    throw new Error(`module ${description.name}: the ${name} and ${firstName} builds have different JS glue ` +
      `(${build.js}, ${first.js}); the package ships one glue file per module, so both builds must export the same API`);
  }
  if (!fs.readFileSync(declarations[name]).equals(fs.readFileSync(declarations[firstName]))) {
    throw new Error(`module ${description.name}: the ${name} and ${firstName} builds have different TypeScript declarations`);
  }
}
const bytes = {};
for (const [name, build] of builds) {
  bytes[name] = Object.fromEntries(['cdylib', 'wasmUnoptimized', 'wasmNames', 'wasm', 'js'].map((key) => [key, read(build[key]).length]));
}
fs.writeFileSync(out, JSON.stringify({ ...description, bytes }, null, 2) + '\n');
