use clap::Parser;
use tenantry_server::config::Config;
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::parse();
    let _log_writer = tenantry_server::telemetry::init(config.log_format);
    let (state, credentials) = tenantry_server::start(&config).await?;
    if let Some(c) = credentials {
        // Logs end up in shared places: no secret is ever printed, only where to find
        // the generated ones (bootstrap.json, readable by this user only).
        println!("First start: created the first admin and the edge's M2M application.");
        println!("  admin username:     {}", c.admin_username);
        println!("  edge client id:     {}", c.edge_client_id);
        if c.has_generated_secrets() {
            println!(
                "  generated secrets:  in {} (mode 0600)",
                config.data_dir.join("bootstrap.json").display()
            );
        }
        if c.admin_password.is_none() || c.edge_client_secret.is_none() {
            println!("  configured secrets: as given (not written anywhere)");
        }
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
