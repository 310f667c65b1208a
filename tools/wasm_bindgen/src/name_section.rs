//! Removes the `name` custom section from a WebAssembly binary, leaving every other byte as it
//! was.
//!
//! wasm-bindgen runs once with the name section kept: that output (function names for the
//! bundle report's attribution) is written as is, and the same bytes without the section are
//! the module wasm-opt optimizes. wasm-opt's output depends on whether its input has names (at
//! -Oz it numbers the types differently: same size, other bytes), so the shipped module is made
//! from the module without them, exactly as when wasm-bindgen removed the section itself.

/// Reads an unsigned LEB128 `u32` at `*pos`, advancing it.
fn read_u32(bytes: &[u8], pos: &mut usize) -> Result<u32, String> {
    let mut result: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes
            .get(*pos)
            .ok_or_else(|| format!("truncated LEB128 at byte {pos}"))?;
        *pos += 1;
        let low = u32::from(byte & 0x7f);
        if shift == 28 && low > 0x0f {
            return Err(format!("LEB128 u32 out of range at byte {}", *pos - 1));
        }
        result |= low << shift;
        if byte & 0x80 == 0 {
            return Ok(result);
        }
    }
    Err(format!("LEB128 longer than 5 bytes at byte {pos}"))
}

/// The module without its `name` custom section (unchanged if it has none).
pub fn without_name_section(wasm: &[u8]) -> Result<Vec<u8>, String> {
    const HEADER: usize = 8;
    if wasm.len() < HEADER || wasm[..4] != *b"\0asm" {
        return Err("not a WebAssembly binary (no \\0asm header)".to_string());
    }
    let mut out = Vec::with_capacity(wasm.len());
    out.extend_from_slice(&wasm[..HEADER]);
    let mut pos = HEADER;
    while pos < wasm.len() {
        let start = pos;
        let id = wasm[pos];
        pos += 1;
        let size = usize::try_from(read_u32(wasm, &mut pos)?)
            .map_err(|_| "section size does not fit in memory".to_string())?;
        let end = pos
            .checked_add(size)
            .filter(|&end| end <= wasm.len())
            .ok_or_else(|| format!("section at byte {start} runs past the end of the module"))?;
        let is_name_section = id == 0 && {
            let mut name_pos = pos;
            let name_len = usize::try_from(read_u32(wasm, &mut name_pos)?).unwrap_or(usize::MAX);
            name_pos
                .checked_add(name_len)
                .is_some_and(|name_end| name_end <= end && &wasm[name_pos..name_end] == b"name")
        };
        if !is_name_section {
            out.extend_from_slice(&wasm[start..end]);
        }
        pos = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::without_name_section;

    const HEADER: [u8; 8] = [0, b'a', b's', b'm', 1, 0, 0, 0];

    fn custom(name: &str, payload: &[u8]) -> Vec<u8> {
        let mut content = vec![u8::try_from(name.len()).expect("short name")];
        content.extend_from_slice(name.as_bytes());
        content.extend_from_slice(payload);
        let mut section = vec![0, u8::try_from(content.len()).expect("short section")];
        section.extend(content);
        section
    }

    #[test]
    fn removes_only_the_name_section() {
        let type_section = [1u8, 4, 1, 0x60, 0, 0];
        let names = custom("name", &[1, 2, 3]);
        let producers = custom("producers", &[9]);
        let module: Vec<u8> = [&HEADER[..], &type_section, &names, &producers].concat();
        let expected: Vec<u8> = [&HEADER[..], &type_section, &producers].concat();
        assert_eq!(without_name_section(&module), Ok(expected));
    }

    #[test]
    fn a_module_without_names_is_unchanged() {
        let module: Vec<u8> = [&HEADER[..], &custom("names", &[1])].concat();
        assert_eq!(without_name_section(&module), Ok(module.clone()));
    }

    #[test]
    fn long_sizes_and_bad_input() {
        // A section size in a two-byte LEB128 (200 bytes of payload).
        let mut big = vec![0u8, 0xc8, 0x01, 4];
        big.extend_from_slice(b"name");
        big.extend(std::iter::repeat_n(7u8, 195));
        let module: Vec<u8> = [&HEADER[..], &big].concat();
        assert_eq!(without_name_section(&module), Ok(HEADER.to_vec()));
        assert!(without_name_section(b"\0asn\x01\0\0\0").is_err());
        let truncated: Vec<u8> = [&HEADER[..], &[1u8, 10, 0]].concat();
        assert!(without_name_section(&truncated).is_err());
    }
}
