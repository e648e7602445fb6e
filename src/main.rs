//! Browser entry point: reads `/config.json`, then mounts the portal.

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let config = tenantry_portal::config::Config::load().await;
        tenantry_portal::mount(config);
    });
}
