//! Network generators (to be written: see issue 3).

use super::{Network, NetworkError, NetworkSpec};

/// Builds the network `spec` describes, drawing from the run's network stream.
pub fn generate(spec: &NetworkSpec, seed: u64) -> Result<Network, NetworkError> {
    let _ = (spec, seed);
    Err(NetworkError::Impossible("generators not written yet".into()))
}
