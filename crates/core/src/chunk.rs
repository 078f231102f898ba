//! The fixed chunking of parallel work, shared by both models: agents (or firms) are split in
//! chunks of [`CHUNK`] whatever the thread count, so that random-stream offsets and float
//! partial sums, added in chunk order, do not depend on how work is spread on threads.

/// Agents per chunk of parallel work. Fixed (independent of the thread count) so that
/// random-stream offsets and float partial sums do not depend on how work is split.
pub const CHUNK: usize = 4096;
