//! Numeric kernels of the forward pass and of the training hot loops.
//!
//! The functions at this level dispatch at compile time: to `simd` (WebAssembly SIMD128,
//! `f32x4`) when compiled for `wasm32` with the `simd128` target feature, to [`scalar`]
//! otherwise. Both implementations are public so that their results can be compared on the
//! same data ([`self_check`] does exactly that); by construction they perform the same
//! floating-point operations in the same order and agree bit for bit.

pub mod scalar;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd;

use crate::rng::Rng;
use alloc::vec;
use alloc::vec::Vec;

/// Whether the dispatching kernels use SIMD128 in this build.
pub const SIMD_ENABLED: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

/// Parameters of FANN's iRPROP- update.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RpropParams {
    /// Step growth factor when the slope keeps its sign (FANN default 1.2).
    pub increase_factor: f32,
    /// Step shrink factor when the slope changes sign (FANN default 0.5).
    pub decrease_factor: f32,
    /// Smallest step (FANN default 0.0).
    pub delta_min: f32,
    /// Largest step (FANN default 50.0).
    pub delta_max: f32,
}

/// Parameters of FANN's Quickprop update, as FANN derives them per epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuickpropParams {
    /// `learning_rate / num_data`.
    pub epsilon: f32,
    /// Weight decay added to the slope (FANN default -0.0001).
    pub decay: f32,
    /// Maximum growth factor (FANN default 1.75).
    pub mu: f32,
    /// `mu / (1 + mu)`, computed in double precision as FANN does.
    pub shrink_factor: f32,
}

impl QuickpropParams {
    /// FANN's per-epoch Quickprop parameters.
    pub fn new(learning_rate: f32, num_data: usize, decay: f32, mu: f32) -> Self {
        QuickpropParams {
            epsilon: learning_rate / num_data as f32,
            decay,
            mu,
            shrink_factor: (mu as f64 / (1.0 + mu as f64)) as f32,
        }
    }
}

/// Parameters of one Adam step, with the bias corrections of step `t` precomputed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamStep {
    /// Step size α.
    pub learning_rate: f32,
    /// Decay of the first moment β1.
    pub beta1: f32,
    /// Decay of the second moment β2.
    pub beta2: f32,
    /// ε added to the denominator.
    pub epsilon: f32,
    /// Factor turning an accumulated slope into a mean gradient (`1 / num_data`).
    pub grad_scale: f32,
    /// `1 / (1 - β1^t)`.
    pub inv_bias1: f32,
    /// `1 / (1 - β2^t)`.
    pub inv_bias2: f32,
}

impl AdamStep {
    /// The parameters of step `t` (1-based).
    pub fn new(
        learning_rate: f32,
        beta1: f32,
        beta2: f32,
        epsilon: f32,
        num_data: usize,
        t: u32,
    ) -> Self {
        let t = t.max(1) as f64;
        AdamStep {
            learning_rate,
            beta1,
            beta2,
            epsilon,
            grad_scale: 1.0 / num_data.max(1) as f32,
            inv_bias1: (1.0 / (1.0 - libm::pow(beta1 as f64, t))) as f32,
            inv_bias2: (1.0 / (1.0 - libm::pow(beta2 as f64, t))) as f32,
        }
    }
}

/// Runs `body` on every item of `it`, as a loop tested at the bottom. Modules built for size
/// (`opt_level = "Oz"`) get no loop rotation from LLVM, so a plain `for` loop would keep its
/// test at the top and pay an extra branch per iteration; the hot loops use this instead.
#[inline(always)]
pub(crate) fn each<I: Iterator>(mut it: I, mut body: impl FnMut(I::Item)) {
    if let Some(mut item) = it.next() {
        loop {
            body(item);
            match it.next() {
                Some(next) => item = next,
                None => break,
            }
        }
    }
}

macro_rules! dispatch {
    ($name:ident ( $($arg:expr),* )) => {{
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        {
            simd::$name($($arg),*)
        }
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        {
            scalar::$name($($arg),*)
        }
    }};
}

/// Dot product over the common length of `a` and `b`.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    dispatch!(dot(a, b))
}

/// Dense row-major matrix-vector product: `out[r] = Σ_c w[r·cols + c]·x[c]` for
/// `r < min(out.len(), w.len() / cols)`, `c < min(cols, x.len())`.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn matvec(w: &[f32], cols: usize, x: &[f32], out: &mut [f32]) {
    dispatch!(matvec(w, cols, x, out))
}

/// `y[i] += a·x[i]` over the common length.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    dispatch!(axpy(y, a, x))
}

/// FANN's incremental update of one neuron's weights (see [`scalar::incremental_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn incremental_update(
    w: &mut [f32],
    prev_delta: &mut [f32],
    x: &[f32],
    tmp_error: f32,
    momentum: f32,
) {
    dispatch!(incremental_update(w, prev_delta, x, tmp_error, momentum))
}

/// FANN's batch weight update (see [`scalar::batch_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn batch_update(w: &mut [f32], slopes: &mut [f32], epsilon: f32) {
    dispatch!(batch_update(w, slopes, epsilon))
}

/// FANN's iRPROP- weight update (see [`scalar::irpropm_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn irpropm_update(
    w: &mut [f32],
    slopes: &mut [f32],
    prev_steps: &mut [f32],
    prev_slopes: &mut [f32],
    p: &RpropParams,
) {
    dispatch!(irpropm_update(w, slopes, prev_steps, prev_slopes, p))
}

/// FANN's Quickprop weight update (see [`scalar::quickprop_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn quickprop_update(
    w: &mut [f32],
    slopes: &mut [f32],
    prev_steps: &mut [f32],
    prev_slopes: &mut [f32],
    p: &QuickpropParams,
) {
    dispatch!(quickprop_update(w, slopes, prev_steps, prev_slopes, p))
}

/// One Adam weight update (see [`scalar::adam_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn adam_update(w: &mut [f32], slopes: &mut [f32], m: &mut [f32], v: &mut [f32], p: &AdamStep) {
    dispatch!(adam_update(w, slopes, m, v, p))
}

/// Result of [`self_check`]: the largest relative difference between the dispatching
/// (possibly SIMD) kernels and the scalar kernels, per kernel.
#[derive(Debug, Clone, PartialEq)]
pub struct KernelCheck {
    /// Whether the dispatching kernels are the SIMD128 ones in this build.
    pub simd: bool,
    /// `(kernel name, largest relative difference)` for every kernel.
    pub kernels: Vec<(&'static str, f64)>,
}

impl KernelCheck {
    /// The largest relative difference over all kernels.
    pub fn max_relative_difference(&self) -> f64 {
        self.kernels.iter().map(|k| k.1).fold(0.0, f64::max)
    }
}

fn rel_diff(a: &[f32], b: &[f32]) -> f64 {
    let mut worst = 0.0f64;
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (*x as f64, *y as f64);
        if x.is_nan() != y.is_nan() {
            return f64::INFINITY;
        }
        if x.is_nan() {
            continue;
        }
        let scale = libm::fmax(libm::fmax(libm::fabs(x), libm::fabs(y)), 1e-30);
        worst = libm::fmax(worst, libm::fabs(x - y) / scale);
    }
    if a.len() != b.len() {
        return f64::INFINITY;
    }
    worst
}

fn random_vec(rng: &mut Rng, n: usize, lo: f32, hi: f32) -> Vec<f32> {
    (0..n).map(|_| rng.range(lo, hi)).collect()
}

/// Runs every dispatching kernel and its scalar counterpart on the same pseudo-random data
/// (from `seed`, with lengths that exercise the 4-lane remainders) and reports the largest
/// relative difference per kernel. In a SIMD128 build this compares the SIMD and scalar
/// paths; elsewhere both paths are the scalar one and the differences are 0.
pub fn self_check(seed: u64) -> KernelCheck {
    let mut rng = Rng::new(seed);
    let mut kernels: Vec<(&'static str, f64)> = Vec::new();
    let mut record = |name: &'static str, d: f64| match kernels.iter_mut().find(|k| k.0 == name) {
        Some(k) => k.1 = libm::fmax(k.1, d),
        None => kernels.push((name, d)),
    };
    for &(rows, cols) in &[
        (1usize, 1usize),
        (3, 5),
        (4, 8),
        (7, 13),
        (16, 33),
        (10, 785),
    ] {
        let w = random_vec(&mut rng, rows * cols, -1.0, 1.0);
        let x = random_vec(&mut rng, cols, -1.0, 1.0);
        let n = rows * cols;

        let mut o1 = vec![0.0f32; rows];
        let mut o2 = vec![0.0f32; rows];
        matvec(&w, cols, &x, &mut o1);
        scalar::matvec(&w, cols, &x, &mut o2);
        record("matvec", rel_diff(&o1, &o2));
        record(
            "dot",
            rel_diff(&[dot(&w[..cols], &x)], &[scalar::dot(&w[..cols], &x)]),
        );

        let a = rng.range(-2.0, 2.0);
        let (mut y1, mut y2) = (x.clone(), x.clone());
        axpy(&mut y1, a, &w[..cols]);
        scalar::axpy(&mut y2, a, &w[..cols]);
        record("axpy", rel_diff(&y1, &y2));

        let pd = random_vec(&mut rng, cols, -0.1, 0.1);
        let (mut w1, mut w2) = (w[..cols].to_vec(), w[..cols].to_vec());
        let (mut d1, mut d2) = (pd.clone(), pd.clone());
        incremental_update(&mut w1, &mut d1, &x, a, 0.9);
        scalar::incremental_update(&mut w2, &mut d2, &x, a, 0.9);
        record(
            "incremental_update",
            rel_diff(&w1, &w2).max(rel_diff(&d1, &d2)),
        );

        let slopes = random_vec(&mut rng, n, -1.0, 1.0);
        let (mut w1, mut w2) = (w.clone(), w.clone());
        let (mut s1, mut s2) = (slopes.clone(), slopes.clone());
        batch_update(&mut w1, &mut s1, 0.35);
        scalar::batch_update(&mut w2, &mut s2, 0.35);
        record("batch_update", rel_diff(&w1, &w2).max(rel_diff(&s1, &s2)));

        // Previous slopes/steps with every sign combination, and weights near the ±1500 clamp.
        let prev_slopes = random_vec(&mut rng, n, -1.0, 1.0);
        let prev_steps: Vec<f32> = (0..n)
            .map(|i| match i % 5 {
                0 => 0.0,
                1 => rng.range(0.0, 0.002),
                2 => -rng.range(0.0, 0.5),
                _ => rng.range(0.0, 60.0),
            })
            .collect();
        let wide: Vec<f32> = (0..n)
            .map(|i| {
                if i % 7 == 0 {
                    rng.range(1490.0, 1510.0) * if i % 2 == 0 { 1.0 } else { -1.0 }
                } else {
                    w[i]
                }
            })
            .collect();
        let rp = RpropParams {
            increase_factor: 1.2,
            decrease_factor: 0.5,
            delta_min: 0.0,
            delta_max: 50.0,
        };
        let (mut w1, mut w2) = (wide.clone(), wide.clone());
        let (mut s1, mut s2) = (slopes.clone(), slopes.clone());
        let (mut st1, mut st2) = (prev_steps.clone(), prev_steps.clone());
        let (mut p1, mut p2) = (prev_slopes.clone(), prev_slopes.clone());
        irpropm_update(&mut w1, &mut s1, &mut st1, &mut p1, &rp);
        scalar::irpropm_update(&mut w2, &mut s2, &mut st2, &mut p2, &rp);
        record(
            "irpropm_update",
            rel_diff(&w1, &w2)
                .max(rel_diff(&st1, &st2))
                .max(rel_diff(&p1, &p2))
                .max(rel_diff(&s1, &s2)),
        );

        let qp = QuickpropParams::new(0.7, 4, -0.0001, 1.75);
        let (mut w1, mut w2) = (wide.clone(), wide.clone());
        let (mut s1, mut s2) = (slopes.clone(), slopes.clone());
        let (mut st1, mut st2) = (prev_steps.clone(), prev_steps.clone());
        let (mut p1, mut p2) = (prev_slopes.clone(), prev_slopes.clone());
        quickprop_update(&mut w1, &mut s1, &mut st1, &mut p1, &qp);
        scalar::quickprop_update(&mut w2, &mut s2, &mut st2, &mut p2, &qp);
        record(
            "quickprop_update",
            rel_diff(&w1, &w2)
                .max(rel_diff(&st1, &st2))
                .max(rel_diff(&p1, &p2))
                .max(rel_diff(&s1, &s2)),
        );

        let ap = AdamStep::new(0.01, 0.9, 0.999, 1e-8, 4, 3);
        let mom: Vec<f32> = random_vec(&mut rng, n, -0.1, 0.1);
        let var: Vec<f32> = random_vec(&mut rng, n, 0.0, 0.01);
        let (mut w1, mut w2) = (w.clone(), w.clone());
        let (mut s1, mut s2) = (slopes.clone(), slopes.clone());
        let (mut m1, mut m2) = (mom.clone(), mom.clone());
        let (mut v1, mut v2) = (var.clone(), var);
        adam_update(&mut w1, &mut s1, &mut m1, &mut v1, &ap);
        scalar::adam_update(&mut w2, &mut s2, &mut m2, &mut v2, &ap);
        record(
            "adam_update",
            rel_diff(&w1, &w2)
                .max(rel_diff(&m1, &m2))
                .max(rel_diff(&v1, &v2)),
        );
    }
    KernelCheck {
        simd: SIMD_ENABLED,
        kernels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_dot(a: &[f32], b: &[f32]) -> f64 {
        a.iter().zip(b).map(|(x, y)| *x as f64 * *y as f64).sum()
    }

    #[test]
    fn dot_and_matvec_match_double_precision() {
        let mut rng = Rng::new(3);
        for &(rows, cols) in &[(1usize, 1usize), (5, 3), (4, 4), (9, 17), (33, 129)] {
            let w = random_vec(&mut rng, rows * cols, -1.0, 1.0);
            let x = random_vec(&mut rng, cols, -1.0, 1.0);
            let mut out = vec![0.0; rows];
            matvec(&w, cols, &x, &mut out);
            for r in 0..rows {
                let row = &w[r * cols..(r + 1) * cols];
                let exact = naive_dot(row, &x);
                let bound: f64 = row.iter().zip(&x).map(|(a, b)| (a * b).abs() as f64).sum();
                assert!((out[r] as f64 - exact).abs() <= 1e-6 * (bound + 1.0));
                assert_eq!(out[r], dot(row, &x));
            }
        }
    }

    #[test]
    fn kernels_tolerate_length_mismatches() {
        let mut out = [9.0f32; 3];
        matvec(&[1.0, 2.0, 3.0, 4.0], 2, &[1.0, 1.0], &mut out);
        assert_eq!(out, [3.0, 7.0, 9.0]);
        matvec(&[1.0, 2.0], 0, &[], &mut out);
        assert_eq!(out, [0.0; 3]);
        let mut y = [1.0f32, 1.0, 1.0];
        axpy(&mut y, 2.0, &[1.0, 2.0]);
        assert_eq!(y, [3.0, 5.0, 1.0]);
        assert_eq!(dot(&[1.0, 2.0, 3.0], &[1.0]), 1.0);
    }

    #[test]
    fn irprop_follows_fann() {
        let p = RpropParams {
            increase_factor: 1.2,
            decrease_factor: 0.5,
            delta_min: 0.0,
            delta_max: 50.0,
        };
        // same sign: step grows, weight moves along the slope
        let (mut w, mut s, mut st, mut ps) = ([1.0f32], [0.5f32], [0.1f32], [0.2f32]);
        irpropm_update(&mut w, &mut s, &mut st, &mut ps, &p);
        assert!((st[0] - 0.12).abs() < 1e-7 && (w[0] - 1.12).abs() < 1e-6);
        assert_eq!((s[0], ps[0]), (0.0, 0.5));
        // sign change: step halves, no move in the slope's direction, slope forgotten
        let (mut w, mut s, mut st, mut ps) = ([1.0f32], [-0.5f32], [0.1f32], [0.2f32]);
        irpropm_update(&mut w, &mut s, &mut st, &mut ps, &p);
        assert!((st[0] - 0.05).abs() < 1e-7);
        assert!(
            (w[0] - 1.05).abs() < 1e-6,
            "FANN adds the step when the slope is reset"
        );
        assert_eq!(ps[0], 0.0);
        // clamp at 1500
        let (mut w, mut s, mut st, mut ps) = ([1499.0f32], [1.0f32], [40.0f32], [1.0f32]);
        irpropm_update(&mut w, &mut s, &mut st, &mut ps, &p);
        assert_eq!((w[0], st[0]), (1500.0, 48.0));
    }

    #[test]
    fn self_check_reports_all_kernels() {
        let check = self_check(11);
        assert_eq!(check.simd, SIMD_ENABLED);
        assert_eq!(check.kernels.len(), 8);
        assert!(check.max_relative_difference() <= 1e-6);
    }
}
