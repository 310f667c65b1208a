//! IndexedDB for stores in browsers (the main thread or a worker; wasm32 only): the database
//! lives in wasm memory, and after commits its bytes are saved to IndexedDB in one IndexedDB
//! transaction (`durability: "strict"`), so the saved copy is always a committed state. A Web
//! Lock per database keeps a second tab (or store) from opening it while a store has it open.
//!
//! Every browser API is reached through `js_sys::Reflect` (no generated JS snippets), so the
//! module's glue stays one file.

extern crate std;

use alloc::format;
use alloc::string::String;

use js_sys::futures::JsFuture;
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::js::property;

/// The IndexedDB database holding every store's bytes, one record per store name.
const IDB_DATABASE: &str = "ruv-swarm-wasm";
/// Its object store.
const IDB_STORE: &str = "stores";

/// Calls `object[method](...args)`.
fn call(object: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = property(object, method)
        .dyn_into()
        .map_err(|_| JsValue::from_str(&format!("{method} is not a function")))?;
    let list: js_sys::Array = args.iter().collect();
    function.apply(object, &list)
}

/// A message for a rejected browser call.
pub fn describe(error: &JsValue) -> String {
    let name = property(error, "name").as_string();
    let message = property(error, "message")
        .as_string()
        .or_else(|| error.as_string());
    match (name, message) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (None, Some(message)) => message,
        (Some(name), None) => name,
        (None, None) => String::from("unknown error"),
    }
}

/// A promise settled by an IDBRequest's `success` (its `result`) or `error` event.
fn request(request: JsValue) -> Promise {
    Promise::new(&mut |resolve, reject| {
        let target = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &property(&target, "result"));
        });
        let target = request.clone();
        let on_error = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &property(&target, "error"));
        });
        let _ = Reflect::set(&request, &"onsuccess".into(), &on_success);
        let _ = Reflect::set(&request, &"onerror".into(), &on_error);
    })
}

/// An open connection to the IndexedDB database.
#[derive(Clone)]
pub struct Idb {
    db: JsValue,
}

impl Idb {
    /// Opens (creating on first use) the IndexedDB database; fails where there is none.
    pub async fn open() -> Result<Idb, String> {
        let factory = property(&js_sys::global(), "indexedDB");
        if factory.is_null_or_undefined() {
            return Err(String::from(
                "IndexedDB is not available here (IndexedDB stores are for browsers)",
            ));
        }
        let open = call(
            &factory,
            "open",
            &[JsValue::from_str(IDB_DATABASE), JsValue::from_f64(1.0)],
        )
        .map_err(|e| describe(&e))?;
        let target = open.clone();
        let upgrade = Closure::once_into_js(move || {
            let db = property(&target, "result");
            let _ = call(&db, "createObjectStore", &[JsValue::from_str(IDB_STORE)]);
        });
        let _ = Reflect::set(&open, &"onupgradeneeded".into(), &upgrade);
        let db = JsFuture::from(request(open))
            .await
            .map_err(|e| describe(&e))?;
        Ok(Idb { db })
    }

    fn object_store(&self, mode: &str) -> Result<(JsValue, JsValue), JsValue> {
        let options = Object::new();
        Reflect::set(&options, &"durability".into(), &"strict".into())?;
        let transaction = call(
            &self.db,
            "transaction",
            &[
                JsValue::from_str(IDB_STORE),
                JsValue::from_str(mode),
                options.into(),
            ],
        )?;
        let store = call(&transaction, "objectStore", &[JsValue::from_str(IDB_STORE)])?;
        Ok((transaction, store))
    }

    /// The saved bytes of store `name`, if any.
    pub async fn load(&self, name: &str) -> Result<Option<Uint8Array>, String> {
        let (_, store) = self.object_store("readonly").map_err(|e| describe(&e))?;
        let get_request =
            call(&store, "get", &[JsValue::from_str(name)]).map_err(|e| describe(&e))?;
        let value = JsFuture::from(request(get_request))
            .await
            .map_err(|e| describe(&e))?;
        if value.is_undefined() {
            return Ok(None);
        }
        value
            .dyn_into::<Uint8Array>()
            .map(Some)
            .map_err(|_| format!("the IndexedDB record of '{name}' is not a database's bytes"))
    }

    /// Saves `bytes` as store `name` (`None`: deletes it); resolves when the IndexedDB
    /// transaction has committed.
    pub async fn save(&self, name: &str, bytes: Option<&Uint8Array>) -> Result<(), String> {
        let (transaction, store) = self.object_store("readwrite").map_err(|e| describe(&e))?;
        let done = Promise::new(&mut |resolve, reject| {
            let on_complete = Closure::once_into_js(move || {
                let _ = resolve.call0(&JsValue::NULL);
            });
            let target = transaction.clone();
            let reject_again = reject.clone();
            let on_error = Closure::once_into_js(move || {
                let _ = reject.call1(&JsValue::NULL, &property(&target, "error"));
            });
            let on_abort = Closure::once_into_js(move || {
                let _ = reject_again.call1(
                    &JsValue::NULL,
                    &JsValue::from_str("the IndexedDB transaction was aborted"),
                );
            });
            let _ = Reflect::set(&transaction, &"oncomplete".into(), &on_complete);
            let _ = Reflect::set(&transaction, &"onerror".into(), &on_error);
            let _ = Reflect::set(&transaction, &"onabort".into(), &on_abort);
        });
        let key = JsValue::from_str(name);
        match bytes {
            Some(bytes) => call(&store, "put", &[bytes.into(), key]),
            None => call(&store, "delete", &[key]),
        }
        .map_err(|e| describe(&e))?;
        JsFuture::from(done).await.map_err(|e| describe(&e))?;
        Ok(())
    }
}

/// `navigator.locks` (`undefined` where there are no Web Locks).
fn web_locks() -> JsValue {
    property(&property(&js_sys::global(), "navigator"), "locks")
}

/// The outcome of [`lock`].
pub enum Lock {
    /// Taken; calling the function releases it, and the promise settles once it is released.
    Held(Function, Promise),
    /// Another store (in any tab of the origin) holds it.
    Busy,
    /// This environment has no Web Locks (`navigator.locks`).
    Unsupported,
}

std::thread_local! {
    /// Stores of this module instance that were closed and are still saving: name -> settles
    /// once the last save is done and the lock released.
    static CLOSING: core::cell::RefCell<alloc::collections::BTreeMap<String, Promise>> =
        const { core::cell::RefCell::new(alloc::collections::BTreeMap::new()) };
}

/// Notes that the closed store `name` releases its lock when `done` settles, so that opening
/// or deleting `name` right after `close()` waits for it instead of finding it locked.
pub fn closing(name: &str, done: &Promise) {
    CLOSING.with(|c| c.borrow_mut().insert(String::from(name), done.clone()));
}

/// Takes the Web Lock of store `name` if no one holds it (after a closed store of this module
/// instance has released it).
pub async fn lock(name: &str) -> Result<Lock, String> {
    let pending = CLOSING.with(|c| c.borrow_mut().remove(name));
    if let Some(pending) = pending {
        let _ = JsFuture::from(pending).await;
    }
    let locks = web_locks();
    if locks.is_null_or_undefined() {
        return Ok(Lock::Unsupported);
    }
    let lock_name = JsValue::from_str(&format!("{IDB_DATABASE}:{name}"));
    let mut requested = JsValue::UNDEFINED;
    let taken = Promise::new(&mut |resolve, reject| {
        let options = Object::new();
        let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
        let granted = Closure::once_into_js(move |held: JsValue| -> JsValue {
            if held.is_null() {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
                return JsValue::UNDEFINED;
            }
            // The lock is held until this promise settles: its resolve function is the release.
            Promise::new(&mut |release, _| {
                let _ = resolve.call1(&JsValue::NULL, &release);
            })
            .into()
        });
        match call(
            &locks,
            "request",
            &[lock_name.clone(), options.into(), granted],
        ) {
            Ok(promise) => requested = promise,
            Err(e) => {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        }
    });
    let release = JsFuture::from(taken).await.map_err(|e| describe(&e))?;
    let released = requested
        .dyn_into::<Promise>()
        .unwrap_or_else(|_| Promise::resolve(&JsValue::UNDEFINED));
    Ok(match release.dyn_into::<Function>() {
        Ok(release) => Lock::Held(release, released),
        Err(_) => Lock::Busy,
    })
}

/// Releases a lock [`lock`] took; returns once a new request for it can be granted. (The
/// request's promise settles as the lock is released, before the lock manager has processed
/// it; a query of the manager is answered after it has.)
pub async fn release(release: &Function, released: &Promise) {
    let _ = release.call0(&JsValue::NULL);
    let _ = JsFuture::from(released.clone()).await;
    let locks = web_locks();
    if let Ok(query) = call(&locks, "query", &[]) {
        if let Ok(query) = query.dyn_into::<Promise>() {
            let _ = JsFuture::from(query).await;
        }
    }
}
