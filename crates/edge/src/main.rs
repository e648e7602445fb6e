//! `tenantry-edge`: parses the flags, binds, and serves until Ctrl-C or SIGTERM.

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use clap::Parser;
    use tenantry_edge::native::{self, Args};

    let args = Args::parse();
    native::telemetry::init(args.log_format);
    let config = match args.config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("tenantry-edge: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("tenantry-edge: cannot listen on {}: {e}", args.listen);
            return std::process::ExitCode::FAILURE;
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    tracing::info!(address, server = args.server_url, "listening");
    println!("tenantry-edge listening on http://{address}");
    let site = native::Site {
        static_dir: args.static_dir,
        trust_proxy: args.trust_proxy,
        transport: args.transport,
    };
    let served = native::serve(listener, native::edge(config), site, shutdown()).await;
    match served {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tenantry-edge: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The Worker adapter has its own entry point; the binary is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
