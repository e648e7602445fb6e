//! Time and randomness from the Workers runtime.

use tenantry_edge::core::Env;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// Web Crypto's CSPRNG; fills (a copy of) `buf`, which wasm-bindgen copies back.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
}

/// `Date.now()` (which Workers advance at I/O) and `crypto.getRandomValues`.
#[derive(Clone, Copy, Debug, Default)]
pub struct WorkerEnv;

impl Env for WorkerEnv {
    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }

    fn fill_random(&self, buf: &mut [u8]) {
        // getRandomValues takes at most 65536 bytes at a time.
        for chunk in buf.chunks_mut(65_536) {
            get_random_values(chunk);
        }
    }
}
