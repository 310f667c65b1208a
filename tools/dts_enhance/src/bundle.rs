//! Merging the declarations of several modules into one module that re-exports them all (the
//! package's `unified` module: every crate's JS API in one wasm instance).

use crate::manifest::Manifest;
use std::collections::BTreeSet;

/// Merges each bundled module's manifest entries and hand-written interfaces into `root` and
/// `fragment`.
///
/// The bundled interfaces are appended in the given order; a line importing types from a bundled
/// module (`import type { ... } from './core.js';`, or the same `export type { ... }`) is dropped, because those types are now
/// declared in the same file. Two modules typing the same declaration is an error, as is a
/// module bundled twice.
pub fn merge(
    root: &mut Manifest,
    fragment: &mut String,
    bundled: Vec<(Manifest, String)>,
) -> Result<(), String> {
    let names: BTreeSet<String> = bundled.iter().map(|(m, _)| m.module.clone()).collect();
    if names.len() != bundled.len() {
        return Err("a module is bundled more than once".to_owned());
    }
    if names.contains(&root.module) {
        return Err(format!("module `{}` bundles itself", root.module));
    }
    let mut description = root.description.trim().to_owned();
    description.push_str(&format!(
        "\n *\n * It bundles, in one wasm instance and one memory, the APIs of the modules: {}.",
        names.iter().cloned().collect::<Vec<_>>().join(", ")
    ));
    for (manifest, types) in bundled {
        description.push_str(&format!(
            "\n *\n * {}: {}",
            manifest.module,
            manifest.description.trim()
        ));
        for (key, replacement) in manifest.replace {
            if root.replace.contains_key(&key) {
                return Err(format!(
                    "`{key}` is typed by more than one bundled module (last: `{}`)",
                    manifest.module
                ));
            }
            root.replace.insert(key, replacement);
        }
        let kept: Vec<&str> = types
            .lines()
            .filter(|line| !imports_bundled_module(line, &names))
            .collect();
        let kept = kept.join("\n");
        if !kept.trim().is_empty() {
            fragment.push_str(&format!(
                "\n// Types of the bundled `{}` module.\n",
                manifest.module
            ));
            fragment.push_str(kept.trim());
            fragment.push('\n');
        }
    }
    root.description = description;
    Ok(())
}

/// Whether `line` is a one-line type import or re-export from one of the bundled modules.
fn imports_bundled_module(line: &str, names: &BTreeSet<String>) -> bool {
    let line = line.trim();
    if !(line.starts_with("import type ") || line.starts_with("export type {")) {
        return false;
    }
    names.iter().any(|name| {
        line.ends_with(&format!("from './{name}.js';"))
            || line.ends_with(&format!("from \"./{name}.js\";"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(text: &str) -> Manifest {
        Manifest::parse(text, "test").expect("valid test manifest")
    }

    #[test]
    fn merges_entries_and_drops_imports_between_bundled_modules() {
        let mut root = manifest(r#"{"module": "unified", "description": "All of it."}"#);
        let mut fragment = String::new();
        let core = manifest(
            r#"{"module": "core", "description": "Core.", "replace": {"a": {"returns": "A"}}}"#,
        );
        let swarm = manifest(
            r#"{"module": "swarm", "description": "Swarm.", "replace": {"S.b": {"returns": "A"}}}"#,
        );
        merge(
            &mut root,
            &mut fragment,
            vec![
                (core, "export interface A { x: number }".to_owned()),
                (
                    swarm,
                    "import type { A } from './core.js';\nexport type { A } from './core.js';\nexport type B = A[];".to_owned(),
                ),
            ],
        )
        .expect("merges");
        assert_eq!(root.replace.len(), 2);
        assert!(fragment.contains("export interface A"));
        assert!(fragment.contains("export type B = A[];"));
        assert!(!fragment.contains("import type"));
        assert!(!fragment.contains("from './core.js'"));
        assert!(root.description.contains("core, swarm"));
    }

    #[test]
    fn conflicting_entries_and_repeated_modules_are_errors() {
        let entry = r#"{"module": "core", "description": "x", "replace": {"a": {"returns": "A"}}}"#;
        let other =
            r#"{"module": "neural", "description": "x", "replace": {"a": {"returns": "B"}}}"#;
        let mut root = manifest(r#"{"module": "unified", "description": "All."}"#);
        let error = merge(
            &mut root,
            &mut String::new(),
            vec![
                (manifest(entry), String::new()),
                (manifest(other), String::new()),
            ],
        )
        .expect_err("conflict");
        assert!(error.contains("`a`"), "{error}");
        let error = merge(
            &mut root,
            &mut String::new(),
            vec![
                (manifest(entry), String::new()),
                (manifest(entry), String::new()),
            ],
        )
        .expect_err("repeat");
        assert!(error.contains("more than once"), "{error}");
    }
}
