//! Data a screen loads from the edge, reloaded when what it reads changes.
//!
//! Every screen's loads share one Leptos resource type: the answer is kept
//! as `Rc<dyn Any>`, so Leptos' async machinery is compiled once for the
//! whole portal instead of once per type of data (it was a third of the
//! wasm). [`Load<T>`] gives the typed value back.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::ApiError;

type Loaded = Result<Rc<dyn Any>, ApiError>;
type Fetch = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Loaded>>>>;

/// A value of type `T` loaded by a fetch that may fail with an [`ApiError`].
pub struct Load<T> {
    resource: LocalResource<Loaded>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Load<T> {}

impl<T: 'static> Load<T> {
    /// Runs `fetch` now and again whenever a signal it read changes.
    pub fn new<F>(fetch: impl Fn() -> F + 'static) -> Self
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        let fetch: Fetch = Rc::new(move || {
            let answer = fetch();
            Box::pin(async move { answer.await.map(|value| Rc::new(value) as Rc<dyn Any>) })
        });
        Self {
            resource: erased(fetch),
            value: PhantomData,
        }
    }

    /// The value, tracked: `None` while the first load runs.
    pub fn get(&self) -> Option<Result<T, ApiError>>
    where
        T: Clone,
    {
        self.resource.get().map(typed)
    }

    /// Whether the last load found nothing (404), tracked; for screens that
    /// say more about a missing item than [`load_view`](super::load_view::load_view) does.
    pub fn is_missing(&self) -> bool {
        matches!(self.resource.get(), Some(Err(err)) if err.status() == Some(404))
    }

    /// Loads again.
    pub fn refetch(&self) {
        self.resource.refetch();
    }
}

/// The one resource instantiation behind every [`Load`].
fn erased(fetch: Fetch) -> LocalResource<Loaded> {
    LocalResource::new(move || fetch())
}

fn typed<T: Clone + 'static>(loaded: Loaded) -> Result<T, ApiError> {
    // `Load<T>::new` stores only `T`s, so the downcast cannot fail.
    let value = loaded?.downcast::<T>().expect("Load<T> holds a T");
    Ok(Rc::unwrap_or_clone(value))
}
