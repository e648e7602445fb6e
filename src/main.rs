//! Browser entry point: reads `/config.json`, then mounts the portal.

fn main() {
    // Loaded by public/embed.js for the members widget: nothing to mount.
    if tenantry_portal::embed::is_embedded() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let config = tenantry_portal::config::Config::load().await;
        tenantry_portal::mount(config);
    });
}
