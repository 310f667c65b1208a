//! A SQLite VFS over Node's synchronous `fs` calls, for file databases in Node (wasm32 only).
//!
//! The JavaScript side passes an `fs` object (Node's `node:fs` module, or anything with the same
//! synchronous functions) when it opens a store, so code that browsers load never imports
//! `node:fs`. Every SQLite file operation maps to one `fs` call on a file descriptor:
//! `readSync`/`writeSync` move bytes straight between the file and wasm memory, `xSync` calls
//! `fsyncSync` (`fdatasyncSync` when SQLite asks for data only) and, on the first sync of a
//! newly created file, fsyncs its directory too, so a transaction SQLite reports committed is
//! on disk. `xDelete` unlinks and, when SQLite asks, fsyncs the directory.
//!
//! Locks are not taken in the file system (Node has no `flock`): one store per file. Within one
//! module instance a second store on an open file is refused; across processes, open a file
//! from one process at a time.

extern crate std;

use alloc::borrow::Cow;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use core::cell::RefCell;

use js_sys::{Function, Uint8Array};
use sqlite_wasm_rs::vfs::{
    register_vfs, AccessMode, DeviceCharacteristics, FileKind, LockLevel, MemChunksFile,
    OpenAccess, OpenOptions, OpenRequest, OpenedFile, SQLiteIoMethods, SQLiteVfs, SyncOptions,
    VfsError, VfsErrorCode, VfsFile, VfsResult, VfsStore,
};
use sqlite_wasm_rs::WasmOsCallback;
use wasm_bindgen::{JsCast, JsValue};

use crate::js::property;

/// The VFS's name in SQLite.
pub const VFS_NAME: &str = "ruv-nodefs";

/// The `fs` functions the VFS calls.
const FUNCTIONS: [&str; 11] = [
    "openSync",
    "closeSync",
    "readSync",
    "writeSync",
    "fsyncSync",
    "fdatasyncSync",
    "ftruncateSync",
    "fstatSync",
    "existsSync",
    "accessSync",
    "unlinkSync",
];

/// A checked `fs` object: its functions and open-flag constants.
pub struct NodeFs {
    fs: JsValue,
    open: Function,
    close: Function,
    read: Function,
    write: Function,
    fsync: Function,
    fdatasync: Function,
    ftruncate: Function,
    fstat: Function,
    exists: Function,
    access: Function,
    unlink: Function,
    o_rdonly: f64,
    o_rdwr: f64,
    o_creat: f64,
    o_excl: f64,
    r_ok: f64,
    w_ok: f64,
}

impl NodeFs {
    /// Checks that `fs` has every function and constant the VFS needs.
    pub fn new(fs: JsValue) -> Result<NodeFs, String> {
        if !fs.is_object() {
            return Err(String::from(
                "options.fs must be Node's fs module (import fs from 'node:fs')",
            ));
        }
        let function = |name: &str| -> Result<Function, String> {
            property(&fs, name)
                .dyn_into::<Function>()
                .map_err(|_| format!("options.fs has no function {name}: pass Node's fs module (import fs from 'node:fs')"))
        };
        let constants = property(&fs, "constants");
        let constant = |name: &str| -> Result<f64, String> {
            property(&constants, name)
                .as_f64()
                .ok_or_else(|| format!("options.fs.constants has no {name}: pass Node's fs module"))
        };
        let [open, close, read, write, fsync, fdatasync, ftruncate, fstat, exists, access, unlink] =
            FUNCTIONS.map(function);
        Ok(NodeFs {
            open: open?,
            close: close?,
            read: read?,
            write: write?,
            fsync: fsync?,
            fdatasync: fdatasync?,
            ftruncate: ftruncate?,
            fstat: fstat?,
            exists: exists?,
            access: access?,
            unlink: unlink?,
            o_rdonly: constant("O_RDONLY")?,
            o_rdwr: constant("O_RDWR")?,
            o_creat: constant("O_CREAT")?,
            o_excl: constant("O_EXCL")?,
            r_ok: constant("R_OK")?,
            w_ok: constant("W_OK")?,
            fs,
        })
    }

    fn call(&self, f: &Function, args: &[JsValue]) -> Result<JsValue, JsValue> {
        match args {
            [] => f.call0(&self.fs),
            [a] => f.call1(&self.fs, a),
            [a, b] => f.call2(&self.fs, a, b),
            [a, b, c] => f.call3(&self.fs, a, b, c),
            [a, b, c, d] => f.call4(&self.fs, a, b, c, d),
            [a, b, c, d, e] => f.call5(&self.fs, a, b, c, d, e),
            _ => Err(JsValue::from_str("internal: too many arguments")),
        }
    }
}

/// Node's error code (`ENOENT`...) and message of a thrown error.
fn describe(error: &JsValue) -> (String, String) {
    let code = property(error, "code").as_string().unwrap_or_default();
    let message = property(error, "message")
        .as_string()
        .or_else(|| error.as_string())
        .unwrap_or_else(|| String::from("unknown error"));
    (code, message)
}

/// A VFS error from a failed `fs` call: SQLite's code for it, Node's message.
fn fs_error(default: VfsErrorCode, error: &JsValue) -> VfsError {
    let (code, message) = describe(error);
    let sqlite = match code.as_str() {
        "ENOSPC" | "EDQUOT" | "EFBIG" => VfsErrorCode::Full,
        "EACCES" | "EPERM" | "EROFS" if default == VfsErrorCode::CantOpen => VfsErrorCode::CantOpen,
        "ENOENT" if default == VfsErrorCode::IoDelete => VfsErrorCode::IoDeleteNoEntry,
        _ => default,
    };
    VfsError::new(sqlite, Cow::Owned(message))
}

/// Databases open through this VFS: path -> the `fs` object their store gave.
struct Registry {
    files: BTreeMap<String, Rc<NodeFs>>,
    last_error: Option<String>,
}

std::thread_local! {
    static REGISTRY: RefCell<Registry> = const { RefCell::new(Registry { files: BTreeMap::new(), last_error: None }) };
}

/// Makes `path` (a main database about to be opened) use `fs`. Fails if a store of this
/// module instance has it open already.
pub fn attach(path: &str, fs: Rc<NodeFs>) -> Result<(), String> {
    ensure_registered()?;
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        if r.files.contains_key(path) {
            return Err(format!("'{path}' is already open by another store of this module instance (one store per file)"));
        }
        r.files.insert(path.to_string(), fs);
        Ok(())
    })
}

/// Forgets `path` (its store closed).
pub fn detach(path: &str) {
    REGISTRY.with(|r| {
        r.borrow_mut().files.remove(path);
    });
}

/// Node's message for the last failed file operation, once.
pub fn take_last_error() -> Option<String> {
    REGISTRY.with(|r| r.borrow_mut().last_error.take())
}

/// The `fs` of the database `name` belongs to (its main file, `-journal`, `-wal`...).
fn fs_for(name: &str) -> Option<Rc<NodeFs>> {
    REGISTRY.with(|r| {
        let r = r.borrow();
        if let Some(fs) = r.files.get(name) {
            return Some(fs.clone());
        }
        // The longest database path `name` extends with `-...` (`-journal`, `-wal`).
        r.files
            .iter()
            .filter(|(db, _)| {
                name.strip_prefix(db.as_str())
                    .is_some_and(|rest| rest.starts_with('-'))
            })
            .max_by_key(|(db, _)| db.len())
            .map(|(_, fs)| fs.clone())
    })
}

fn parent_dir(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(i) => path.get(..i).unwrap_or("."),
        None => ".",
    }
}

/// fsyncs the directory holding `path`, so a created or deleted entry is durable.
fn sync_dir(fs: &NodeFs, path: &str) -> VfsResult<()> {
    let dir = JsValue::from_str(parent_dir(path));
    let fd = fs
        .call(&fs.open, &[dir, JsValue::from_f64(fs.o_rdonly)])
        .map_err(|e| fs_error(VfsErrorCode::IoDirectorySync, &e))?;
    let synced = fs.call(&fs.fsync, core::slice::from_ref(&fd));
    let _ = fs.call(&fs.close, &[fd]);
    synced.map_err(|e| fs_error(VfsErrorCode::IoDirectorySync, &e))?;
    Ok(())
}

/// An open file on disk.
pub struct DiskFile {
    fs: Rc<NodeFs>,
    fd: JsValue,
    path: String,
    /// A newly created file: its directory is fsynced at its first sync.
    dir_sync_pending: bool,
    lock: LockLevel,
}

/// A file SQLite opened: on disk, or (temporary files) in memory.
pub enum NodeFile {
    /// A named file on disk.
    Disk(DiskFile),
    /// A temporary file with no name or deleted on close: kept in wasm memory.
    Memory(MemChunksFile, LockLevel),
}

impl DiskFile {
    fn position(offset: u64) -> VfsResult<JsValue> {
        if offset > (1u64 << 53) {
            return Err(VfsError::new(
                VfsErrorCode::Io,
                "file offset beyond 2^53".into(),
            ));
        }
        Ok(JsValue::from_f64(offset as f64))
    }
}

impl VfsFile for NodeFile {
    fn device_characteristics(&self) -> DeviceCharacteristics {
        // As SQLite's unix VFS assumes by default: a write of a sector never changes bytes
        // outside the range written.
        DeviceCharacteristics::POWERSAFE_OVERWRITE
    }

    fn read(&mut self, buf: &mut [u8], offset: u64) -> VfsResult<usize> {
        let file = match self {
            NodeFile::Memory(f, _) => return f.read(buf, offset),
            NodeFile::Disk(f) => f,
        };
        let mut done = 0;
        while done < buf.len() {
            let rest = buf.get_mut(done..).unwrap_or_default();
            let position = DiskFile::position(offset + done as u64)?;
            // SAFETY: the view covers `rest`, which is borrowed mutably for this call only; the
            // fs call allocates nothing in wasm memory, so the view stays valid.
            let view = unsafe { Uint8Array::view_mut_raw(rest.as_mut_ptr(), rest.len()) };
            let n = file
                .fs
                .call(
                    &file.fs.read,
                    &[
                        file.fd.clone(),
                        view.into(),
                        JsValue::from_f64(0.0),
                        JsValue::from_f64(rest.len() as f64),
                        position,
                    ],
                )
                .map_err(|e| fs_error(VfsErrorCode::IoRead, &e))?
                .as_f64()
                .unwrap_or(0.0);
            if n <= 0.0 {
                break; // end of file
            }
            done += n as usize;
        }
        Ok(done)
    }

    fn write(&mut self, buf: &[u8], offset: u64) -> VfsResult<()> {
        let file = match self {
            NodeFile::Memory(f, _) => return f.write(buf, offset),
            NodeFile::Disk(f) => f,
        };
        let mut done = 0;
        while done < buf.len() {
            let rest = buf.get(done..).unwrap_or_default();
            let position = DiskFile::position(offset + done as u64)?;
            // SAFETY: as in `read`; the view is only read.
            let view = unsafe { Uint8Array::view(rest) };
            let n = file
                .fs
                .call(
                    &file.fs.write,
                    &[
                        file.fd.clone(),
                        view.into(),
                        JsValue::from_f64(0.0),
                        JsValue::from_f64(rest.len() as f64),
                        position,
                    ],
                )
                .map_err(|e| fs_error(VfsErrorCode::IoWrite, &e))?
                .as_f64()
                .unwrap_or(0.0);
            if n <= 0.0 {
                return Err(VfsError::new(
                    VfsErrorCode::IoWrite,
                    "writeSync wrote nothing".into(),
                ));
            }
            done += n as usize;
        }
        Ok(())
    }

    fn truncate(&mut self, size: u64) -> VfsResult<()> {
        let file = match self {
            NodeFile::Memory(f, _) => return f.truncate(size),
            NodeFile::Disk(f) => f,
        };
        let size = DiskFile::position(size)?;
        file.fs
            .call(&file.fs.ftruncate, &[file.fd.clone(), size])
            .map_err(|e| fs_error(VfsErrorCode::IoTruncate, &e))?;
        Ok(())
    }

    fn sync(&mut self, options: SyncOptions) -> VfsResult<()> {
        let file = match self {
            NodeFile::Memory(..) => return Ok(()),
            NodeFile::Disk(f) => f,
        };
        let f = if options.data_only {
            &file.fs.fdatasync
        } else {
            &file.fs.fsync
        };
        file.fs
            .call(f, core::slice::from_ref(&file.fd))
            .map_err(|e| fs_error(VfsErrorCode::IoSync, &e))?;
        if file.dir_sync_pending {
            sync_dir(&file.fs, &file.path)?;
            file.dir_sync_pending = false;
        }
        Ok(())
    }

    fn size(&self) -> VfsResult<u64> {
        let file = match self {
            NodeFile::Memory(f, _) => return f.size(),
            NodeFile::Disk(f) => f,
        };
        let stat = file
            .fs
            .call(&file.fs.fstat, core::slice::from_ref(&file.fd))
            .map_err(|e| fs_error(VfsErrorCode::IoStat, &e))?;
        let size = property(&stat, "size");
        let size = size
            .as_f64()
            .or_else(|| u64::try_from(size).ok().map(|n| n as f64))
            .unwrap_or(-1.0);
        if size < 0.0 {
            return Err(VfsError::new(
                VfsErrorCode::IoStat,
                "fstatSync gave no size".into(),
            ));
        }
        Ok(size as u64)
    }

    // One store per file (see the module docs): locks only track the level SQLite holds.
    fn lock(&mut self, level: LockLevel) -> VfsResult<()> {
        let held = match self {
            NodeFile::Disk(f) => &mut f.lock,
            NodeFile::Memory(_, l) => l,
        };
        if level > *held {
            *held = level;
        }
        Ok(())
    }

    fn unlock(&mut self, level: LockLevel) -> VfsResult<()> {
        let held = match self {
            NodeFile::Disk(f) => &mut f.lock,
            NodeFile::Memory(_, l) => l,
        };
        if level < *held {
            *held = level;
        }
        Ok(())
    }

    fn check_reserved_lock(&self) -> VfsResult<bool> {
        let held = match self {
            NodeFile::Disk(f) => f.lock,
            NodeFile::Memory(_, l) => *l,
        };
        Ok(held >= LockLevel::Reserved)
    }
}

/// The VFS's shared data: the host services and the last error.
pub struct NodeFsData {
    os: WasmOsCallback,
}

struct NodeFsStore;

impl VfsStore for NodeFsStore {
    type File = NodeFile;
    type AppData = NodeFsData;

    fn record_error(_data: &NodeFsData, error: VfsError) {
        REGISTRY.with(|r| r.borrow_mut().last_error = Some(error.message().to_string()));
    }

    fn open_file(_data: &NodeFsData, request: OpenRequest<'_>) -> VfsResult<OpenedFile<NodeFile>> {
        let options: OpenOptions = request.options;
        let temporary = matches!(
            options.kind(),
            Some(
                FileKind::TempDb
                    | FileKind::TempJournal
                    | FileKind::SubJournal
                    | FileKind::TransientDb
            )
        );
        let Some(name) = request.filename.filter(|_| !temporary) else {
            return Ok(OpenedFile {
                file: NodeFile::Memory(MemChunksFile::default(), LockLevel::None),
                access: options.access(),
            });
        };
        let path = name.path();
        let fs = fs_for(path).ok_or_else(|| {
            VfsError::new(
                VfsErrorCode::CantOpen,
                format!("no store attached '{path}' (open it with new Store({{ path, fs }}))")
                    .into(),
            )
        })?;
        let read_write = options.access() == OpenAccess::ReadWrite;
        let mut flags = if read_write { fs.o_rdwr } else { fs.o_rdonly };
        let mut created = false;
        if options.create() {
            let exists = fs
                .call(&fs.exists, &[JsValue::from_str(path)])
                .map_err(|e| fs_error(VfsErrorCode::CantOpen, &e))?
                .is_truthy();
            created = !exists;
            flags += fs.o_creat;
            if options.exclusive() {
                flags += fs.o_excl;
            }
        }
        let fd = fs
            .call(
                &fs.open,
                &[
                    JsValue::from_str(path),
                    JsValue::from_f64(flags),
                    JsValue::from_f64(0o644 as f64),
                ],
            )
            .map_err(|e| fs_error(VfsErrorCode::CantOpen, &e))?;
        if options.delete_on_close() {
            // Unlink at once: the open descriptor keeps the data until it is closed.
            let _ = fs.call(&fs.unlink, &[JsValue::from_str(path)]);
        }
        Ok(OpenedFile {
            file: NodeFile::Disk(DiskFile {
                fs,
                fd,
                path: path.to_string(),
                dir_sync_pending: created,
                lock: LockLevel::None,
            }),
            access: options.access(),
        })
    }

    fn close_file(
        _data: &NodeFsData,
        _name: Option<&str>,
        file: NodeFile,
        _options: OpenOptions,
    ) -> VfsResult<()> {
        if let NodeFile::Disk(f) = file {
            f.fs.call(&f.fs.close, &[f.fd])
                .map_err(|e| fs_error(VfsErrorCode::IoClose, &e))?;
        }
        Ok(())
    }

    fn access(_data: &NodeFsData, name: &str, mode: AccessMode) -> VfsResult<bool> {
        let Some(fs) = fs_for(name) else {
            return Ok(false);
        };
        let path = JsValue::from_str(name);
        match mode {
            AccessMode::Exists => Ok(fs
                .call(&fs.exists, &[path])
                .map_err(|e| fs_error(VfsErrorCode::IoAccess, &e))?
                .is_truthy()),
            AccessMode::Read | AccessMode::ReadWrite => {
                let bits = if mode == AccessMode::Read {
                    fs.r_ok
                } else {
                    fs.r_ok + fs.w_ok
                };
                Ok(fs
                    .call(&fs.access, &[path, JsValue::from_f64(bits)])
                    .is_ok())
            }
        }
    }

    fn full_pathname(_data: &NodeFsData, name: &str) -> VfsResult<String> {
        // Paths are used as given (relative ones resolve against the process's directory).
        Ok(name.to_string())
    }

    fn delete_file(_data: &NodeFsData, name: &str, sync_directory: bool) -> VfsResult<()> {
        let Some(fs) = fs_for(name) else {
            return Err(VfsError::new(
                VfsErrorCode::IoDeleteNoEntry,
                "no store attached this file".into(),
            ));
        };
        fs.call(&fs.unlink, &[JsValue::from_str(name)])
            .map_err(|e| fs_error(VfsErrorCode::IoDelete, &e))?;
        if sync_directory {
            sync_dir(&fs, name)?;
        }
        Ok(())
    }
}

struct NodeFsIo;

impl SQLiteIoMethods for NodeFsIo {
    type Store = NodeFsStore;
}

struct NodeFsVfs;

impl SQLiteVfs<NodeFsIo> for NodeFsVfs {
    type Os = WasmOsCallback;

    fn os(data: &NodeFsData) -> &WasmOsCallback {
        &data.os
    }
}

fn ensure_registered() -> Result<(), String> {
    // SAFETY: single-threaded wasm; the registration is kept for the instance's lifetime.
    unsafe {
        match sqlite_wasm_rs::vfs::registered_vfs(VFS_NAME) {
            Ok(Some(_)) => Ok(()),
            Ok(None) => register_vfs::<NodeFsIo, NodeFsVfs>(
                VFS_NAME,
                NodeFsData { os: WasmOsCallback },
                false,
            )
            .map(|registration| {
                let _ = registration.into_raw();
            })
            .map_err(|e| format!("registering the Node fs VFS failed: {e}")),
            Err(e) => Err(format!("looking up the Node fs VFS failed: {e}")),
        }
    }
}
