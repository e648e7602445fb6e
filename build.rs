//! The portal's wasm binary keeps its relocations: hosting/split-wasm.mjs needs
//! them to split the lazily loaded screens out of it.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=tenantry-portal=--emit-relocs");
    }
}
