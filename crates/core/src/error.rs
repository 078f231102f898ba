//! Why a model could not be set up: the errors both models return from their constructors
//! (an unusable network, a parameter out of its domain, a configuration the model cannot run).

use crate::network::Network;

/// Why a simulation (of either model) could not be set up.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The network has no nodes.
    #[error("the network has no nodes")]
    EmptyNetwork,
    /// The network has more nodes than 32-bit agent ids can index.
    #[error("the network has {0} nodes; at most 4294967294 are supported")]
    TooManyNodes(usize),
    /// `InitialConfig::Given` lists a different number of strategies than there are nodes.
    #[error("{found} initial strategies given for a network of {expected} nodes")]
    GivenLength {
        /// Number of nodes.
        expected: usize,
        /// Number of strategies given.
        found: usize,
    },
    /// Birth–death picks the reproducer from the current population; it has no
    /// synchronous version.
    #[error("the birth-death rule needs the asynchronous schedule")]
    BirthDeathSynchronous,
    /// A numeric parameter outside its domain.
    #[error("{name} = {value} is out of range: expected {expected}")]
    OutOfRange {
        /// The parameter.
        name: &'static str,
        /// Its value.
        value: f64,
        /// The allowed domain.
        expected: &'static str,
    },
}

impl ModelError {
    /// The node count of `network` if a model can run on it: at least one node, and fewer
    /// than `u32::MAX` so that 32-bit ids index every node (both models check this first).
    pub(crate) fn check_nodes(network: &Network) -> Result<usize, ModelError> {
        let n = network.node_count();
        if n == 0 {
            return Err(ModelError::EmptyNetwork);
        }
        if n >= u32::MAX as usize {
            return Err(ModelError::TooManyNodes(n));
        }
        Ok(n)
    }

    /// `Ok` if `ok`, else [`ModelError::OutOfRange`] naming the parameter `name`, its `value`
    /// and what was `expected` (the one range check of both models' configurations).
    pub(crate) fn check(
        name: &'static str,
        value: f64,
        ok: bool,
        expected: &'static str,
    ) -> Result<(), ModelError> {
        if ok {
            Ok(())
        } else {
            Err(ModelError::OutOfRange {
                name,
                value,
                expected,
            })
        }
    }
}
