//! Fitness-proportional selection among neighbours, shared by the classic death–birth and
//! birth–death rules and the firm model's death–birth learning: Moran fitness `1 − w + w·Π`
//! and the choice of the neighbour whose copy replaces the focal agent.

/// Moran fitness `1 − w + w·Π`, negative values counted as 0.
#[inline(always)]
pub(crate) fn fitness(w: f64, payoff: f64) -> f64 {
    (1.0 - w + w * payoff).max(0.0)
}

/// Death–birth choice: the position (in `fit`'s order) of the neighbour whose copy replaces
/// the focal agent, chosen with probability proportional to fitness; uniform when every
/// neighbour has fitness 0; `None` without neighbours. `u` is uniform in `[0, 1)`.
#[inline]
pub(crate) fn death_birth_choice<I>(fit: I, u: f64) -> Option<usize>
where
    I: Iterator<Item = f64> + Clone,
{
    let mut total = 0.0;
    let mut count = 0usize;
    for f in fit.clone() {
        total += f;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    if total <= 0.0 {
        return Some(((u * count as f64) as usize).min(count - 1));
    }
    let target = u * total;
    let mut acc = 0.0;
    let mut last_positive = 0;
    for (pos, f) in fit.enumerate() {
        if f > 0.0 {
            last_positive = pos;
            acc += f;
            if target < acc {
                return Some(pos);
            }
        }
    }
    // Rounding: `target` reached the accumulated total.
    Some(last_positive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn death_birth_choice_is_proportional() {
        let fit = [1.0, 0.0, 3.0];
        assert_eq!(death_birth_choice(fit.iter().copied(), 0.0), Some(0));
        assert_eq!(death_birth_choice(fit.iter().copied(), 0.249), Some(0));
        assert_eq!(death_birth_choice(fit.iter().copied(), 0.25), Some(2));
        assert_eq!(death_birth_choice(fit.iter().copied(), 0.999_999), Some(2));
        assert_eq!(death_birth_choice(std::iter::empty(), 0.5), None);
        let zero = [0.0, 0.0, 0.0, 0.0];
        assert_eq!(death_birth_choice(zero.iter().copied(), 0.6), Some(2));
        assert_eq!(fitness(0.5, -4.0), 0.0);
        assert_eq!(fitness(0.5, 3.0), 2.0);
    }
}
