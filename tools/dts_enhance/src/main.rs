//! `dts_enhance`: turns wasm-bindgen's `.d.ts` files into the package's precise, documented
//! TypeScript declarations.
//!
//! ```text
//! dts_enhance module --dts M.d.ts --manifest dts_manifest.json [--types types.d.ts]
//!                    [--bundle other/dts_manifest.json[:other/types.d.ts]]...
//!                    --version V --out types/<module>.d.ts
//! dts_enhance index --version V --out types/index.d.ts <module>...
//! dts_enhance check <file.d.ts>...     # fails if `any` appears outside comments
//! ```
//!
//! `module` replaces every `any` that wasm-bindgen wrote with the type the manifest names, adds
//! the crate's hand-written interfaces and module documentation, drops wasm-bindgen's
//! instantiation API (the package's loader owns it), and fails if any `any` is left. A module
//! that re-exports other modules (unified) names each with `--bundle`: their manifests and
//! interfaces are merged into its own (see [`bundle`]).

mod bundle;
mod enhance;
mod index;
mod manifest;

use std::collections::BTreeMap;
use std::process::ExitCode;

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

/// Flag name -> its values, in order (a flag may repeat).
type Flags = BTreeMap<String, Vec<String>>;

/// Splits `--flag value` pairs from positional arguments.
fn parse(args: &[String]) -> Result<(Flags, Vec<String>), String> {
    let mut flags = BTreeMap::new();
    let mut positional = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if let Some(flag) = arg.strip_prefix("--") {
            let value = iter
                .next()
                .ok_or_else(|| format!("--{flag} needs a value"))?;
            flags
                .entry(flag.to_owned())
                .or_insert_with(Vec::new)
                .push(value.clone());
        } else {
            positional.push(arg.clone());
        }
    }
    Ok((flags, positional))
}

/// The value of a flag given at most once, if given.
fn optional_flag<'a>(flags: &'a Flags, name: &str) -> Result<Option<&'a str>, String> {
    match flags.get(name).map(Vec::as_slice) {
        None | Some([]) => Ok(None),
        Some([value]) => Ok(Some(value.as_str())),
        Some(_) => Err(format!("--{name} given more than once")),
    }
}

/// The value of a flag that must be given once.
fn flag<'a>(flags: &'a Flags, name: &str) -> Result<&'a str, String> {
    optional_flag(flags, name)?.ok_or_else(|| format!("missing --{name}"))
}

fn run(args: &[String]) -> Result<(), String> {
    let (command, rest) = args
        .split_first()
        .ok_or("usage: dts_enhance module|index ...")?;
    let (flags, positional) = parse(rest)?;
    if command == "check" {
        return check(&positional);
    }
    let version = flag(&flags, "version")?;
    let out_path = flag(&flags, "out")?;
    let output = match command.as_str() {
        "module" => {
            let manifest_path = flag(&flags, "manifest")?;
            let mut manifest = manifest::Manifest::parse(&read(manifest_path)?, manifest_path)?;
            let mut fragment = match optional_flag(&flags, "types")? {
                Some(path) => read(path)?,
                None => String::new(),
            };
            let mut bundled = Vec::new();
            for spec in flags.get("bundle").map(Vec::as_slice).unwrap_or_default() {
                let (bundled_manifest_path, bundled_types_path) = match spec.split_once(':') {
                    Some((manifest, types)) => (manifest, Some(types)),
                    None => (spec.as_str(), None),
                };
                let bundled_manifest = manifest::Manifest::parse(
                    &read(bundled_manifest_path)?,
                    bundled_manifest_path,
                )?;
                let bundled_types = match bundled_types_path {
                    Some(path) => read(path)?,
                    None => String::new(),
                };
                bundled.push((bundled_manifest, bundled_types));
            }
            if !bundled.is_empty() {
                bundle::merge(&mut manifest, &mut fragment, bundled)
                    .map_err(|e| format!("{manifest_path}: {e}"))?;
            }
            enhance::enhance_module(&read(flag(&flags, "dts")?)?, &manifest, &fragment, version)
                .map_err(|e| format!("{manifest_path}: {e}"))?
        }
        "index" => index::index_declarations(&positional, version)?,
        other => {
            return Err(format!(
                "unknown command {other}; expected module, index or check"
            ))
        }
    };
    std::fs::write(out_path, output).map_err(|e| format!("cannot write {out_path}: {e}"))
}

/// Fails when any of `files` has `any` in its declarations.
fn check(files: &[String]) -> Result<(), String> {
    if files.is_empty() {
        return Err("check: no files given".to_owned());
    }
    let mut problems = Vec::new();
    for file in files {
        let lines = enhance::lines_with_any(&read(file)?);
        if !lines.is_empty() {
            problems.push(format!("{file}:\n{}", lines.join("\n")));
        }
    }
    if problems.is_empty() {
        println!("no `any` in {} declaration files", files.len());
        Ok(())
    } else {
        Err(format!(
            "`any` in the public types:\n{}",
            problems.join("\n")
        ))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dts_enhance: {message}");
            ExitCode::FAILURE
        }
    }
}
