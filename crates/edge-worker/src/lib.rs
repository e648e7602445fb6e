//! The edge as a Cloudflare Worker: `fetch` hands the edge's paths (`/api`, `/auth`,
//! `/embed`) to the same core as the native binary and everything else to the
//! portal's static assets. Built by `worker-build` (see wrangler.toml).
#![cfg(target_arch = "wasm32")]

mod config;
mod convert;
mod logging;
mod outbound;
mod runtime;

use std::cell::RefCell;
use std::rc::Rc;

use tenantry_edge::Edge;
use worker::{Context, Env, Method, Request, Response, event};

use outbound::FetchOutbound;
use runtime::WorkerEnv;

type WorkerEdge = Edge<FetchOutbound, WorkerEnv>;

thread_local! {
    /// One edge per isolate, built on the first request: its M2M token cache and
    /// rate-limit counters live as long as the isolate. Sessions are in cookies.
    static EDGE: RefCell<Option<Rc<WorkerEdge>>> = const { RefCell::new(None) };
}

#[event(fetch)]
async fn fetch(request: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    if !tenantry_edge::core::owns_path(&request.path()) {
        // As the native edge: the portal's files answer GET and HEAD, nothing else.
        let reads = matches!(request.method(), Method::Get | Method::Head);
        let path = request.path();
        return match env.assets("ASSETS") {
            Ok(assets) if reads => {
                let answer = assets.fetch_request(request).await?;
                // The single-page fallback answers a missing script with the page:
                // a build asset that comes back as HTML is missing (404, not cached).
                let html = answer
                    .headers()
                    .get("content-type")?
                    .is_some_and(|kind| kind.starts_with("text/html"));
                if tenantry_edge::core::is_build_asset(&path) && html {
                    return convert::into_worker(
                        tenantry_edge::core::Response::not_found()
                            .with_header("cache-control", "no-store"),
                    );
                }
                Ok(answer)
            }
            _ => convert::into_worker(tenantry_edge::core::Response::not_found()),
        };
    }
    let edge = match edge(&env) {
        Ok(edge) => edge,
        Err(problem) => {
            // The message names a setting, never its value.
            worker::console_error!("tenantry-edge: {problem}");
            return convert::into_worker(tenantry_edge::core::Response::error(
                500,
                "edge.misconfigured",
                "The edge is not configured; see its log.",
            ));
        }
    };
    let answer = match convert::from_worker(request).await {
        Ok(core_request) => edge.handle(core_request).await,
        Err(refusal) => Some(refusal),
    };
    convert::into_worker(answer.unwrap_or_else(tenantry_edge::core::Response::not_found))
}

/// The isolate's edge, built from the bindings on first use.
fn edge(env: &Env) -> Result<Rc<WorkerEdge>, String> {
    if let Some(edge) = EDGE.with_borrow(|slot| slot.clone()) {
        return Ok(edge);
    }
    logging::init(env);
    let edge = Rc::new(Edge::new(config::from_env(env)?, FetchOutbound, WorkerEnv));
    EDGE.with_borrow_mut(|slot| *slot = Some(edge.clone()));
    Ok(edge)
}
