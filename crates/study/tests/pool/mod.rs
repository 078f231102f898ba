//! What the study's integration tests share: running on a pool of a given size.

/// Runs `f` on a pool of `threads` threads.
pub fn on_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}
