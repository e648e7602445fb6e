//! Browser entry point: mounts the admin portal and nothing else.

fn main() {
    leptos::mount::mount_to_body(tenantry_portal::App);
}
