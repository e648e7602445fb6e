use clap::Parser;
use tenantry_server::config::Config;
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::parse();
    let _log_writer = tenantry_server::telemetry::init(config.log_format);
    let (state, credentials) = tenantry_server::start(&config).await?;
    if let Some(c) = credentials {
        // Printed once, on the first start; bootstrap.json keeps a copy (mode 0600).
        println!("First start: created the first admin and the edge's M2M application.");
        println!("  admin username:     {}", c.admin_username);
        println!("  admin password:     {}", c.admin_password);
        println!("  edge client id:     {}", c.edge_client_id);
        println!("  edge client secret: {}", c.edge_client_secret);
        println!(
            "  (saved to {})",
            config.data_dir.join("bootstrap.json").display()
        );
    }
    let listener = TcpListener::bind(config.listen).await?;
    tracing::info!(address = %listener.local_addr()?, "listening");
    println!(
        "tenantry-server listening on http://{}",
        listener.local_addr()?
    );
    // One signal stops both the HTTP server and the mail worker.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut worker_stopped = stopped.clone();
    let mail_worker = state.mailer.spawn_worker(async move {
        let _ = worker_stopped.wait_for(|&s| s).await;
    });
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    });
    let mut server_stopped = stopped;
    tenantry_server::serve(listener, state, async move {
        let _ = server_stopped.wait_for(|&s| s).await;
    })
    .await?;
    // The mail in flight finishes; the rest stays queued for the next start.
    let _ = mail_worker.await;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
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
