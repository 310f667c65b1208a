// Browsers and bundlers: the module's URL; wasm-bindgen's init streams it with
// fetch + WebAssembly.instantiateStreaming.
export async function wasmSource(url) {
  return url;
}
