//! `wasm_bindgen_tool`: runs wasm-bindgen (the `wasm-bindgen-cli-support` library, at the exact
//! version of the `wasm-bindgen` crate in Cargo.lock) on one module, writing its ESM glue,
//! TypeScript declarations and processed wasm to the paths Bazel declared.
//!
//! ```text
//! wasm_bindgen_tool --input M.wasm --out-name NAME --out-js M.js --out-dts M.d.ts --out-wasm M_bg.wasm
//!                   [--out-wasm-names M_bg.names.wasm]
//! ```
//!
//! `NAME` (the module's name in the package) names the glue's wasm import namespace and its
//! `@ts-self-types` file, so every build of one crate (SIMD128 or baseline, whatever its input
//! file is called) gets the same glue.
//!
//! The glue is wasm-bindgen's `web` target: ESM that runs in browsers and, given the module's
//! bytes, in Node. It names no default wasm path, so the package's loader decides where the bytes
//! come from and bundlers see only the loader's `new URL(..., import.meta.url)`.
//!
//! `--out-wasm-names` also writes the module with its `name` section (function names, which the
//! bundle report attributes sizes by); `--out-wasm` is always without it (see `name_section`).

mod name_section;

use std::path::PathBuf;
use std::process::ExitCode;

/// Command-line arguments.
struct Args {
    input: PathBuf,
    out_name: String,
    out_js: PathBuf,
    out_dts: PathBuf,
    out_wasm: PathBuf,
    out_wasm_names: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut out_name = None;
    let mut out_js = None;
    let mut out_dts = None;
    let mut out_wasm = None;
    let mut out_wasm_names = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        if flag == "--out-name" {
            out_name = Some(value);
            continue;
        }
        let slot = match flag.as_str() {
            "--input" => &mut input,
            "--out-js" => &mut out_js,
            "--out-dts" => &mut out_dts,
            "--out-wasm" => &mut out_wasm,
            "--out-wasm-names" => &mut out_wasm_names,
            other => return Err(format!("unknown argument {other}")),
        };
        *slot = Some(PathBuf::from(value));
    }
    let need = |value: Option<PathBuf>, name: &str| value.ok_or_else(|| format!("missing {name}"));
    Ok(Args {
        input: need(input, "--input")?,
        out_name: out_name.ok_or("missing --out-name")?,
        out_js: need(out_js, "--out-js")?,
        out_dts: need(out_dts, "--out-dts")?,
        out_wasm: need(out_wasm, "--out-wasm")?,
        out_wasm_names,
    })
}

fn run(args: &Args) -> Result<(), String> {
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&args.input)
        .out_name(&args.out_name)
        .web(true)
        .map_err(|e| e.to_string())?
        .typescript(true)
        .omit_default_module_path(true)
        .keep_debug(false)
        // Kept for --out-wasm-names; --out-wasm drops it (name_section.rs).
        .remove_name_section(false)
        .remove_producers_section(true);
    let mut output = bindgen
        .generate_output()
        .map_err(|e| format!("wasm-bindgen failed on {}: {e:#}", args.input.display()))?;
    let has_snippets = output
        .snippets()
        .values()
        .any(|snippets| !snippets.is_empty());
    if has_snippets || !output.local_modules().is_empty() {
        return Err(format!(
            "{}: JS snippets (`#[wasm_bindgen(module = ...)]`, `inline_js`) are not supported by \
             this rule; move the JS into the package's loader",
            args.input.display()
        ));
    }
    let ts = output
        .ts()
        .ok_or("wasm-bindgen produced no TypeScript declarations")?
        .to_owned();
    let js = output.js().to_owned();
    let named = output.wasm_mut().emit_wasm();
    let wasm = name_section::without_name_section(&named)
        .map_err(|e| format!("wasm-bindgen's output for {}: {e}", args.input.display()))?;
    let write = |path: &PathBuf, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(&args.out_js, js.as_bytes())?;
    write(&args.out_dts, ts.as_bytes())?;
    if let Some(path) = &args.out_wasm_names {
        write(path, &named)?;
    }
    write(&args.out_wasm, &wasm)
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wasm_bindgen_tool: {message}");
            ExitCode::FAILURE
        }
    }
}
