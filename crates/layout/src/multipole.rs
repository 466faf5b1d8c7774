//! Multipole and local expansions of the many-body force, for the fast many-body force
//! ([`fast`](super::fast)): the arithmetic of a fast multipole method, and nothing of trees or
//! traversal.
//!
//! In complex numbers (z = x + iy) the velocity change d3 gives a node at p from a body of
//! strength v at z is α·v·(z − p)/|z − p|², which is α·conj(v / (z − p)). The field
//! f(p) = Σ v / (z − p) of a group of bodies is analytic in p away from them, so it expands in
//! powers like any such function:
//! - about a cell's centre c, for points far from the cell, as the multipole series
//!   Σₖ (−1)ᵏ Mₖ / (c − p)ᵏ⁺¹ with moments Mₖ = Σ v·(z − c)ᵏ;
//! - about a target cell's centre g, for points near g, as the local series Σₘ Lₘ (p − g)ᵐ.
//!
//! Both are cut after [`ORDER`] terms beyond the first; for a source cell of radius r_s and a
//! target cell of radius r_t whose centres are d apart, the relative error falls like
//! ((r_s + r_t)/d)^(ORDER+1). Not for the close pairs: those the force sums body by body.

use std::ops::{Add, AddAssign, Mul, Sub};

/// Terms kept beyond the first, in both series.
pub(crate) const ORDER: usize = 3;
const TERMS: usize = ORDER + 1;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Complex {
    pub(crate) re: f64,
    pub(crate) im: f64,
}

impl Complex {
    pub(crate) const ZERO: Self = Self { re: 0.0, im: 0.0 };

    pub(crate) fn new(re: f64, im: f64) -> Self {
        Self { re, im }
    }

    fn scale(self, s: f64) -> Self {
        Self::new(self.re * s, self.im * s)
    }

    fn norm2(self) -> f64 {
        self.re * self.re + self.im * self.im
    }

    fn recip(self) -> Self {
        let s = 1.0 / self.norm2();
        Self::new(self.re * s, -self.im * s)
    }
}

impl Add for Complex {
    type Output = Self;
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        Self::new(self.re + other.re, self.im + other.im)
    }
}

impl AddAssign for Complex {
    #[inline(always)]
    fn add_assign(&mut self, other: Self) {
        self.re += other.re;
        self.im += other.im;
    }
}

impl Sub for Complex {
    type Output = Self;
    #[inline(always)]
    fn sub(self, other: Self) -> Self {
        Self::new(self.re - other.re, self.im - other.im)
    }
}

impl Mul for Complex {
    type Output = Self;
    #[inline(always)]
    fn mul(self, other: Self) -> Self {
        Self::new(self.re * other.re - self.im * other.im, self.re * other.im + self.im * other.re)
    }
}

// The series are stored scaled so that no translation multiplies by a binomial coefficient:
// moments as M̃ₖ = Mₖ / k! and local coefficients as L̃ₘ = m!·Lₘ. C(m+k, k) = (m+k)! / (m!·k!)
// then splits between the two, and the interaction of two cells is plain multiply-adds.

/// A cell's moments about its centre c, k = 0..=ORDER: M̃ₖ = Σ v·(z − c)ᵏ / k! (M̃₀ is its
/// strength).
pub(crate) type Multipole = [Complex; TERMS];

/// A cell's local coefficients L̃ₘ = m!·Lₘ about its centre: the field inside it from far cells.
pub(crate) type Local = [Complex; TERMS];

/// tⁿ / n! for n = 0..=ORDER.
#[inline(always)]
fn scaled_powers(t: Complex) -> [Complex; TERMS] {
    let mut powers = [Complex::new(1.0, 0.0); TERMS];
    for n in 1..TERMS {
        powers[n] = (powers[n - 1] * t).scale(1.0 / n as f64);
    }
    powers
}

/// Adds one body of strength `v` at offset `e` from the centre to `moments`.
#[inline(always)]
pub(crate) fn add_body(moments: &mut Multipole, v: f64, e: Complex) {
    for (moment, power) in moments.iter_mut().zip(scaled_powers(e)) {
        *moment += power.scale(v);
    }
}

/// Adds a child's moments, taken about a centre at offset `t` from the parent's, to the
/// parent's: Mₖ += Σⱼ C(k, j)·M'ⱼ·tᵏ⁻ʲ.
pub(crate) fn add_shifted(parent: &mut Multipole, child: &Multipole, t: Complex) {
    let powers = scaled_powers(t);
    for k in 0..TERMS {
        for j in 0..=k {
            parent[k] += child[j] * powers[k - j];
        }
    }
}

/// Both ways between two well-separated cells a and b, with b's centre at offset `u` from a's:
/// adds b's field to a's local coefficients and a's to b's.
///
/// For a's: Lₘ += Σₖ (−1)ᵏ C(m+k, k)·M_b,ₖ / uᵐ⁺ᵏ⁺¹. For b's the offset is −u, which turns
/// the sign into (−1)ᵐ⁺¹ and lets both share the powers of 1/u.
#[inline(always)]
pub(crate) fn interact(
    local_a: &mut Local,
    moments_a: &Multipole,
    local_b: &mut Local,
    moments_b: &Multipole,
    u: Complex,
) {
    // n! / uⁿ⁺¹
    let inverse = u.recip();
    let mut powers = [inverse; 2 * TERMS - 1];
    for n in 1..2 * TERMS - 1 {
        powers[n] = (powers[n - 1] * inverse).scale(n as f64);
    }
    for m in 0..TERMS {
        let (mut into_a, mut into_b) = (Complex::ZERO, Complex::ZERO);
        for k in 0..TERMS {
            let p = powers[m + k];
            let from_b = moments_b[k] * p;
            into_a = if k % 2 == 0 { into_a + from_b } else { into_a - from_b };
            into_b += moments_a[k] * p;
        }
        local_a[m] += into_a;
        local_b[m] = if m % 2 == 0 { local_b[m] - into_b } else { local_b[m] + into_b };
    }
}

/// Adds a parent's local coefficients, re-centred at the child's centre (offset `t` from the
/// parent's), to the child's: L'ₘ += Σⱼ≥ₘ C(j, m)·Lⱼ·tʲ⁻ᵐ.
pub(crate) fn add_local_shifted(child: &mut Local, parent: &Local, t: Complex) {
    let powers = scaled_powers(t);
    for m in 0..TERMS {
        for j in m..TERMS {
            child[m] += parent[j] * powers[j - m];
        }
    }
}

/// The field Σₘ Lₘ δᵐ at offset δ from the cell's centre (Horner's rule).
#[inline(always)]
pub(crate) fn evaluate(local: &Local, delta: Complex) -> Complex {
    let mut sum = local[ORDER];
    for m in (0..ORDER).rev() {
        sum = (sum * delta).scale(1.0 / (m + 1) as f64) + local[m];
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field Σ v / (z − p), summed directly.
    fn direct(bodies: &[(f64, Complex)], p: Complex) -> Complex {
        bodies.iter().fold(Complex::ZERO, |sum, &(v, z)| sum + (z - p).recip().scale(v))
    }

    fn close(a: Complex, b: Complex, tolerance: f64) -> bool {
        (a - b).norm2().sqrt() <= tolerance * b.norm2().sqrt()
    }

    #[test]
    fn expansions_agree_with_the_direct_sum_far_away() {
        // Two clusters of radius about 1, centres 10 apart: the error bound is (2/10)^4.
        let source: Vec<(f64, Complex)> = [(-30.0, (0.3, -0.5)), (-10.0, (-0.7, 0.2)), (5.0, (0.1, 0.6))]
            .map(|(v, (x, y))| (v, Complex::new(x, y)))
            .into();
        let target: Vec<(f64, Complex)> = [(-30.0, (10.2, 0.4)), (-30.0, (9.5, -0.6)), (-20.0, (10.0, 0.9))]
            .map(|(v, (x, y))| (v, Complex::new(x, y)))
            .into();
        let (source_centre, target_centre) = (Complex::new(0.1, 0.0), Complex::new(10.0, 0.1));

        let moments = |bodies: &[(f64, Complex)], centre: Complex| {
            // Built in two halves and shifted together, to cover add_shifted as well.
            let mut half = [Complex::ZERO; TERMS];
            let mut all = [Complex::ZERO; TERMS];
            let offset = Complex::new(0.25, -0.5);
            for &(v, z) in &bodies[1..] {
                add_body(&mut half, v, z - (centre + offset));
            }
            add_body(&mut all, bodies[0].0, bodies[0].1 - centre);
            add_shifted(&mut all, &half, offset);
            all
        };
        let (source_moments, target_moments) = (moments(&source, source_centre), moments(&target, target_centre));
        let (mut source_local, mut target_local) = ([Complex::ZERO; TERMS], [Complex::ZERO; TERMS]);
        interact(&mut target_local, &target_moments, &mut source_local, &source_moments, source_centre - target_centre);

        // Re-centre the target's coefficients once, as the downward pass does.
        let shift = Complex::new(0.2, 0.3);
        let mut shifted = [Complex::ZERO; TERMS];
        add_local_shifted(&mut shifted, &target_local, shift);
        for &(_, p) in &target {
            let expected = direct(&source, p);
            assert!(close(evaluate(&target_local, p - target_centre), expected, 2e-3));
            assert!(close(evaluate(&shifted, p - target_centre - shift), expected, 2e-3));
        }
        for &(_, p) in &source {
            assert!(close(evaluate(&source_local, p - source_centre), direct(&target, p), 2e-3));
        }
    }
}
