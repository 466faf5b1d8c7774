//! The random source a simulation shares with its forces: d3-force's `lcg.js`.
//!
//! Randomness only ever breaks ties (coincident nodes, zero-length links), but which way a tie
//! breaks changes every later position, so parity needs d3's exact generator, seed and call order.

/// Multiplier, increment and modulus from d3 (Numerical Recipes' parameters).
const A: u64 = 1_664_525;
const C: u64 = 1_013_904_223;
const M: u64 = 1 << 32;

/// d3's linear congruential generator, seeded with 1 as every d3 simulation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lcg {
    state: u64,
}

impl Default for Lcg {
    fn default() -> Self {
        Self { state: 1 }
    }
}

impl Lcg {
    /// The next value in [0, 1). d3 computes `a * s + c` in doubles; the product stays below
    /// 2^53, so integer arithmetic gives the same bits.
    pub fn next_f64(&mut self) -> f64 {
        self.state = (A * self.state + C) % M;
        self.state as f64 / M as f64
    }

    /// d3's `jiggle`: a nudge of at most half a micro-unit, used to give a direction to forces
    /// between points that sit exactly on top of each other.
    pub fn jiggle(&mut self) -> f64 {
        (self.next_f64() - 0.5) * 1e-6
    }

    /// Jiggles each axis of an offset (x, y) that is exactly zero, x first, and returns its
    /// squared length `l` grown to match: how every d3 force gives coincident points a direction.
    pub fn jiggle_zeros(&mut self, x: &mut f64, y: &mut f64, mut l: f64) -> f64 {
        if *x == 0.0 {
            *x = self.jiggle();
            l += *x * *x;
        }
        if *y == 0.0 {
            *y = self.jiggle();
            l += *y * *y;
        }
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_values_match_d3() {
        // From d3-force's lcg() in node: (1664525 + 1013904223) / 2^32, and so on.
        let mut random = Lcg::default();
        assert_eq!(random.next_f64(), 1_015_568_748.0 / 4_294_967_296.0);
        assert_eq!(random.next_f64(), 1_586_005_467.0 / 4_294_967_296.0);
        assert_eq!(random.next_f64(), 2_165_703_038.0 / 4_294_967_296.0);
    }
}
