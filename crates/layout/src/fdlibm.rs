//! cos and sin as V8 computes `Math.cos` and `Math.sin` in Node 20 (V8 11): fdlibm's
//! algorithms (Sun, 1993). Chromium 156's V8 differs from them in the last bit for a few of the
//! spiral's angles (74 of 2,000 values for the first 1,000 nodes), so d3 in that browser drifts
//! from d3 in Node; this follows Node, where the parity reference is made.
//!
//! d3 places unplaced nodes with cos and sin, and one unit in the last place there grows into
//! visible differences after a few hundred ticks. `libm`'s cos and sin (from musl) differ from
//! V8's in the last bit for about 2% of the spiral's angles: musl evaluates the same
//! polynomials in another order. This is fdlibm's argument reduction (for |x| < 2^19·π/2, which
//! covers the spiral of the first 340,000 nodes) and its kernels, in plain f64 arithmetic, so
//! the results are the same on every target. Larger arguments fall back to `libm`.

/// Bits of 2/π and π/2 split into parts, as in fdlibm's `__ieee754_rem_pio2`.
const INV_PIO2: f64 = f64::from_bits(0x3FE4_5F30_6DC9_C883);
const PIO2_1: f64 = f64::from_bits(0x3FF9_21FB_5440_0000);
const PIO2_1T: f64 = f64::from_bits(0x3DD0_B461_1A62_6331);
const PIO2_2: f64 = f64::from_bits(0x3DD0_B461_1A60_0000);
const PIO2_2T: f64 = f64::from_bits(0x3BA3_198A_2E03_7073);
const PIO2_3: f64 = f64::from_bits(0x3BA3_198A_2E00_0000);
const PIO2_3T: f64 = f64::from_bits(0x397B_839A_2520_49C1);

/// High words of n·π/2 for n = 1 to 32: arguments this close to a multiple of π/2 need the
/// slower, more exact reduction.
const NPIO2_HW: [u32; 32] = [
    0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB, 0x402C463A,
    0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
    0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C, 0x4043A28C, 0x40446B9C, 0x404534AC,
    0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB,
];

const C: [f64; 6] = [
    f64::from_bits(0x3FA5_5555_5555_554C),
    f64::from_bits(0xBF56_C16C_16C1_5177),
    f64::from_bits(0x3EFA_01A0_19CB_1590),
    f64::from_bits(0xBE92_7E4F_809C_52AD),
    f64::from_bits(0x3E21_EE9E_BDB4_B1C4),
    f64::from_bits(0xBDA8_FAE9_BE88_38D4),
];

const S: [f64; 6] = [
    f64::from_bits(0xBFC5_5555_5555_5549),
    f64::from_bits(0x3F81_1111_1110_F8A6),
    f64::from_bits(0xBF2A_01A0_19C1_61D5),
    f64::from_bits(0x3EC7_1DE3_57B1_FE7D),
    f64::from_bits(0xBE5A_E5E6_8A2B_9CEB),
    f64::from_bits(0x3DE5_D93A_5ACF_D57C),
];

/// The high 32 bits of a double, without the sign.
fn magnitude_word(x: f64) -> u32 {
    ((x.to_bits() >> 32) as u32) & 0x7FFF_FFFF
}

pub(crate) fn cos(x: f64) -> f64 {
    if magnitude_word(x) <= 0x3FE9_21FB {
        return kernel_cos(x, 0.0);
    }
    match rem_pio2(x) {
        Some((n, y0, y1)) => match n & 3 {
            0 => kernel_cos(y0, y1),
            1 => -kernel_sin(y0, y1, true),
            2 => -kernel_cos(y0, y1),
            _ => kernel_sin(y0, y1, true),
        },
        None => libm::cos(x),
    }
}

pub(crate) fn sin(x: f64) -> f64 {
    if magnitude_word(x) <= 0x3FE9_21FB {
        return kernel_sin(x, 0.0, false);
    }
    match rem_pio2(x) {
        Some((n, y0, y1)) => match n & 3 {
            0 => kernel_sin(y0, y1, true),
            1 => kernel_cos(y0, y1),
            2 => -kernel_sin(y0, y1, true),
            _ => -kernel_cos(y0, y1),
        },
        None => libm::sin(x),
    }
}

/// x − n·π/2 as a head and tail y0 + y1 with |y0| ≲ π/4, and n, for π/4 < |x| < 2^19·π/2;
/// None for larger (or non-finite) x.
fn rem_pio2(x: f64) -> Option<(i32, f64, f64)> {
    let ix = magnitude_word(x);
    let negative = x < 0.0;
    if ix < 0x4002_D97C {
        // |x| < 3π/4: n is ±1, and 33 + 53 bits of π/2 are enough unless x is close to π/2.
        let sign = if negative { -1.0 } else { 1.0 };
        let t = x.abs();
        let (z, tail) = if ix != 0x3FF9_21FB { (t - PIO2_1, PIO2_1T) } else { (t - PIO2_1 - PIO2_2, PIO2_2T) };
        let y0 = z - tail;
        let y1 = (z - y0) - tail;
        return Some((if negative { -1 } else { 1 }, sign * y0, sign * y1));
    }
    if ix > 0x4139_21FB {
        return None;
    }
    let t = x.abs();
    let n = (t * INV_PIO2 + 0.5) as i32;
    let fn_ = f64::from(n);
    let mut r = t - fn_ * PIO2_1;
    let mut w = fn_ * PIO2_1T;
    let mut y0 = r - w;
    if n >= 32 || ix == NPIO2_HW[n as usize - 1] {
        // Cancellation check: how many leading bits the first reduction lost.
        let exponent = |v: f64| ((v.to_bits() >> 52) & 0x7FF) as i32;
        let j = (ix >> 20) as i32;
        if j - exponent(y0) > 16 {
            let t = r;
            w = fn_ * PIO2_2;
            r = t - w;
            w = fn_ * PIO2_2T - ((t - r) - w);
            y0 = r - w;
            if j - exponent(y0) > 49 {
                let t = r;
                w = fn_ * PIO2_3;
                r = t - w;
                w = fn_ * PIO2_3T - ((t - r) - w);
                y0 = r - w;
            }
        }
    }
    let y1 = (r - y0) - w;
    Some(if negative { (-n, -y0, -y1) } else { (n, y0, y1) })
}

/// cos(x + y) for |x| ≲ π/4, y the tail of x.
fn kernel_cos(x: f64, y: f64) -> f64 {
    let ix = magnitude_word(x);
    if ix < 0x3E40_0000 {
        return 1.0;
    }
    let z = x * x;
    let r = z * (C[0] + z * (C[1] + z * (C[2] + z * (C[3] + z * (C[4] + z * C[5])))));
    if ix < 0x3FD3_3333 {
        return 1.0 - (0.5 * z - (z * r - x * y));
    }
    // Split off qx (about |x|/4, exact) so that both subtractions below are exact or nearly.
    let qx = if ix > 0x3FE9_0000 { 0.28125 } else { f64::from_bits(u64::from(ix - 0x0020_0000) << 32) };
    let hz = 0.5 * z - qx;
    let a = 1.0 - qx;
    a - (hz - (z * r - x * y))
}

/// sin(x + y) for |x| ≲ π/4, y the tail of x when `has_tail`.
fn kernel_sin(x: f64, y: f64, has_tail: bool) -> f64 {
    if magnitude_word(x) < 0x3E40_0000 {
        return x;
    }
    let z = x * x;
    let v = z * x;
    let r = S[1] + z * (S[2] + z * (S[3] + z * (S[4] + z * S[5])));
    if has_tail {
        x - ((z * (0.5 * y - v * r) - y) - v * S[0])
    } else {
        x + v * (S[0] + z * r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_v8_where_musl_does_not() {
        // Math.cos and Math.sin in node 20 of i·π(3 − √5), the spiral's angles; libm differs
        // in the last bit on the cosines of 46 and 111.
        let angle = std::f64::consts::PI * (3.0 - libm::sqrt(5.0));
        let cases =
            [(46.0, -0.9036558571074667, -0.42825937457966956), (111.0, -0.8024198837723289, 0.5967598596812642)];
        for (i, cos_v8, sin_v8) in cases {
            assert_eq!((cos(i * angle), sin(i * angle)), (cos_v8, sin_v8), "angle {i}");
        }
        assert_eq!((cos(0.5), sin(-2.0)), (libm::cos(0.5), libm::sin(-2.0)));
    }
}
