// Node: the module's bytes, read from the installed package.
import { readFile } from 'node:fs/promises';

export async function wasmSource(url) {
  return readFile(url);
}
