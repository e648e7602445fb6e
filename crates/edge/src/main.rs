//! The edge is built in its own issue; this stub keeps the workspace layout of DESIGN.md.

fn main() {
    eprintln!("tenantry-edge is not implemented yet; run tenantry-server directly");
    std::process::exit(2);
}
