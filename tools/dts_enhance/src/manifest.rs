//! The per-module JSON manifest that says how to type what wasm-bindgen typed as `any`.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `crates/<crate>/dts_manifest.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The module's name in the package (`core`, `neural`, ...).
    pub module: String,
    /// One paragraph describing the module, placed at the top of its `.d.ts`.
    pub description: String,
    /// `"Class.method"` or `"function"` (or `"Class.constructor"`) -> precise types.
    #[serde(default)]
    pub replace: BTreeMap<String, Replacement>,
}

/// Precise TypeScript types for one declaration's parameters and result.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// Parameter name (as wasm-bindgen wrote it) -> TypeScript type.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// The result's TypeScript type.
    #[serde(default)]
    pub returns: Option<String>,
}

impl Manifest {
    /// Parses a manifest, naming `origin` in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Manifest, String> {
        let manifest: Manifest =
            serde_json::from_str(text).map_err(|e| format!("{origin}: invalid manifest: {e}"))?;
        if manifest.module.is_empty()
            || !manifest
                .module
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(format!(
                "{origin}: `module` must be a lower-case identifier, got {:?}",
                manifest.module
            ));
        }
        Ok(manifest)
    }
}
