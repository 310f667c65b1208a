//! WebAssembly SIMD128 kernels (`f32x4`), compiled only for `wasm32` with the `simd128` target
//! feature. Each function computes exactly what its namesake in [`super::scalar`] computes, in
//! the same order of operations (see that module), processing four lanes at a time; leftover
//! elements are handed to the scalar kernel.
//!
//! Safety of the unsafe blocks: every `v128_load`/`v128_store` touches the four `f32`s at
//! `ptr.add(i)..ptr.add(i + 4)` with `i + 4 <= n`, where `n` never exceeds the length of any
//! slice involved; wasm SIMD loads and stores have no alignment requirement.

use super::scalar;
use super::{AdamStep, QuickpropParams, RpropParams};
use core::arch::wasm32::*;

#[inline(always)]
unsafe fn load(p: *const f32) -> v128 {
    v128_load(p as *const v128)
}

#[inline(always)]
unsafe fn store(p: *mut f32, v: v128) {
    v128_store(p as *mut v128, v)
}

/// `(l0 + l1) + (l2 + l3)`, the lane reduction shared with the scalar kernels.
#[inline(always)]
fn hsum(v: v128) -> f32 {
    (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v))
        + (f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v))
}

/// Runs `body(i)` for `i = 0, 4, 8, …` below `n4` (a multiple of 4), as a loop tested at the
/// bottom: modules built for size get no loop rotation from LLVM, and a loop tested at the top
/// costs an extra branch per four lanes.
#[inline(always)]
fn quads(n4: usize, mut body: impl FnMut(usize)) {
    if n4 == 0 {
        return;
    }
    let mut i = 0;
    loop {
        body(i);
        i += 4;
        if i >= n4 {
            break;
        }
    }
}

/// Dot product over the common length (see [`scalar::dot`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let n4 = n & !3;
    let mut acc = f32x4_splat(0.0);
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    quads(n4, |i| {
        // SAFETY: i + 4 <= n4 <= n, within both slices.
        unsafe {
            acc = f32x4_add(acc, f32x4_mul(load(pa.add(i)), load(pb.add(i))));
        }
    });
    let mut s = hsum(acc);
    for (x, y) in a[n4..n].iter().zip(&b[n4..n]) {
        s += x * y;
    }
    s
}

/// Dense matrix-vector product (see [`scalar::matvec`]): four rows at a time share each load of
/// `x`, two groups of four columns per iteration. Each row still accumulates its columns into
/// one `f32x4` in column order, exactly as [`scalar::matvec`] does.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn matvec(w: &[f32], cols: usize, x: &[f32], out: &mut [f32]) {
    if cols == 0 {
        out.iter_mut().for_each(|o| *o = 0.0);
        return;
    }
    let rows = out.len().min(w.len() / cols);
    let n = cols.min(x.len());
    let n4 = n & !3;
    let n8 = n & !7;
    let xp = x.as_ptr();
    let mut r = 0;
    while r + 4 <= rows {
        let base = r * cols;
        let zero = f32x4_splat(0.0);
        let (mut a0, mut a1, mut a2, mut a3) = (zero, zero, zero, zero);
        // SAFETY: rows r..r+4 lie within w (rows <= w.len() / cols); every load below reads
        // columns i..i+4 (or i+4..i+8) with i + 4 <= n4 <= n <= cols (resp. i + 8 <= n8), and
        // n <= x.len().
        unsafe {
            let p0 = w.as_ptr().add(base);
            let p1 = p0.add(cols);
            let p2 = p1.add(cols);
            let p3 = p2.add(cols);
            // Tested at the bottom, as in `quads`.
            let mut i = 0;
            if n8 > 0 {
                loop {
                    let xv = load(xp.add(i));
                    let xw = load(xp.add(i + 4));
                    a0 = f32x4_add(a0, f32x4_mul(load(p0.add(i)), xv));
                    a1 = f32x4_add(a1, f32x4_mul(load(p1.add(i)), xv));
                    a2 = f32x4_add(a2, f32x4_mul(load(p2.add(i)), xv));
                    a3 = f32x4_add(a3, f32x4_mul(load(p3.add(i)), xv));
                    a0 = f32x4_add(a0, f32x4_mul(load(p0.add(i + 4)), xw));
                    a1 = f32x4_add(a1, f32x4_mul(load(p1.add(i + 4)), xw));
                    a2 = f32x4_add(a2, f32x4_mul(load(p2.add(i + 4)), xw));
                    a3 = f32x4_add(a3, f32x4_mul(load(p3.add(i + 4)), xw));
                    i += 8;
                    if i >= n8 {
                        break;
                    }
                }
            }
            if i < n4 {
                let xv = load(xp.add(i));
                a0 = f32x4_add(a0, f32x4_mul(load(p0.add(i)), xv));
                a1 = f32x4_add(a1, f32x4_mul(load(p1.add(i)), xv));
                a2 = f32x4_add(a2, f32x4_mul(load(p2.add(i)), xv));
                a3 = f32x4_add(a3, f32x4_mul(load(p3.add(i)), xv));
            }
        }
        let mut sums = [hsum(a0), hsum(a1), hsum(a2), hsum(a3)];
        for (k, s) in sums.iter_mut().enumerate() {
            let row = &w[base + k * cols..base + k * cols + n];
            for (wv, xv) in row[n4..].iter().zip(&x[n4..n]) {
                *s += wv * xv;
            }
        }
        out[r..r + 4].copy_from_slice(&sums);
        r += 4;
    }
    while r < rows {
        out[r] = dot(&w[r * cols..r * cols + n], &x[..n]);
        r += 1;
    }
}

/// `y[i] += a * x[i]` (see [`scalar::axpy`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    let n = y.len().min(x.len());
    let n4 = n & !3;
    let av = f32x4_splat(a);
    let (py, px) = (y.as_mut_ptr(), x.as_ptr());
    quads(n4, |i| {
        // SAFETY: i + 4 <= n, within both slices.
        unsafe {
            store(
                py.add(i),
                f32x4_add(load(py.add(i)), f32x4_mul(av, load(px.add(i)))),
            );
        }
    });
    scalar::axpy(&mut y[n4..n], a, &x[n4..n]);
}

/// FANN's incremental update (see [`scalar::incremental_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn incremental_update(
    w: &mut [f32],
    prev_delta: &mut [f32],
    x: &[f32],
    tmp_error: f32,
    momentum: f32,
) {
    let n = w.len().min(prev_delta.len()).min(x.len());
    let n4 = n & !3;
    let te = f32x4_splat(tmp_error);
    let mo = f32x4_splat(momentum);
    let (pw, pd, px) = (w.as_mut_ptr(), prev_delta.as_mut_ptr(), x.as_ptr());
    quads(n4, |i| {
        // SAFETY: i + 4 <= n, within all three slices.
        unsafe {
            let delta = f32x4_add(
                f32x4_mul(te, load(px.add(i))),
                f32x4_mul(mo, load(pd.add(i))),
            );
            store(pw.add(i), f32x4_add(load(pw.add(i)), delta));
            store(pd.add(i), delta);
        }
    });
    scalar::incremental_update(
        &mut w[n4..n],
        &mut prev_delta[n4..n],
        &x[n4..n],
        tmp_error,
        momentum,
    );
}

/// FANN's batch update (see [`scalar::batch_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn batch_update(w: &mut [f32], slopes: &mut [f32], epsilon: f32) {
    let n = w.len().min(slopes.len());
    let n4 = n & !3;
    let ev = f32x4_splat(epsilon);
    let zero = f32x4_splat(0.0);
    let (pw, ps) = (w.as_mut_ptr(), slopes.as_mut_ptr());
    quads(n4, |i| {
        // SAFETY: i + 4 <= n, within both slices.
        unsafe {
            store(
                pw.add(i),
                f32x4_add(load(pw.add(i)), f32x4_mul(load(ps.add(i)), ev)),
            );
            store(ps.add(i), zero);
        }
    });
    scalar::batch_update(&mut w[n4..n], &mut slopes[n4..n], epsilon);
}

/// FANN's iRPROP- update (see [`scalar::irpropm_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn irpropm_update(
    w: &mut [f32],
    slopes: &mut [f32],
    prev_steps: &mut [f32],
    prev_slopes: &mut [f32],
    p: &RpropParams,
) {
    let n = w
        .len()
        .min(slopes.len())
        .min(prev_steps.len())
        .min(prev_slopes.len());
    let n4 = n & !3;
    let inc = f32x4_splat(p.increase_factor);
    let dec = f32x4_splat(p.decrease_factor);
    let dmin = f32x4_splat(p.delta_min);
    let dmax = f32x4_splat(p.delta_max);
    let tiny = f32x4_splat(0.0001);
    let zero = f32x4_splat(0.0);
    let hi = f32x4_splat(1500.0);
    let lo = f32x4_splat(-1500.0);
    let (pw, ps, pst, ppl) = (
        w.as_mut_ptr(),
        slopes.as_mut_ptr(),
        prev_steps.as_mut_ptr(),
        prev_slopes.as_mut_ptr(),
    );
    quads(n4, |i| {
        // SAFETY: i + 4 <= n, within all four slices.
        unsafe {
            let ps_v = load(pst.add(i));
            // pmax(a, b) = a < b ? b : a, pmin(a, b) = b < a ? b : a: the C ternaries exactly.
            let prev_step = f32x4_pmax(tiny, ps_v);
            let slope = load(ps.add(i));
            let same_sign = f32x4_mul(load(ppl.add(i)), slope);
            let ge = f32x4_ge(same_sign, zero);
            let up = f32x4_pmin(dmax, f32x4_mul(prev_step, inc));
            let down = f32x4_pmax(dmin, f32x4_mul(prev_step, dec));
            let next = v128_bitselect(up, down, ge);
            let slope = v128_bitselect(slope, zero, ge);
            let neg = f32x4_lt(slope, zero);
            let w_v = load(pw.add(i));
            let wd = f32x4_sub(w_v, next);
            let wd = v128_bitselect(lo, wd, f32x4_lt(wd, lo));
            let wu = f32x4_add(w_v, next);
            let wu = v128_bitselect(hi, wu, f32x4_gt(wu, hi));
            store(pw.add(i), v128_bitselect(wd, wu, neg));
            store(pst.add(i), next);
            store(ppl.add(i), slope);
            store(ps.add(i), zero);
        }
    });
    scalar::irpropm_update(
        &mut w[n4..n],
        &mut slopes[n4..n],
        &mut prev_steps[n4..n],
        &mut prev_slopes[n4..n],
        p,
    );
}

/// FANN's Quickprop update (see [`scalar::quickprop_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn quickprop_update(
    w: &mut [f32],
    slopes: &mut [f32],
    prev_steps: &mut [f32],
    prev_slopes: &mut [f32],
    p: &QuickpropParams,
) {
    let n = w
        .len()
        .min(slopes.len())
        .min(prev_steps.len())
        .min(prev_slopes.len());
    let n4 = n & !3;
    let eps = f32x4_splat(p.epsilon);
    let decay = f32x4_splat(p.decay);
    let mu = f32x4_splat(p.mu);
    let shrink = f32x4_splat(p.shrink_factor);
    let zero = f32x4_splat(0.0);
    let pos_t = f32x4_splat(0.001);
    let neg_t = f32x4_splat(-0.001);
    let hi = f32x4_splat(1500.0);
    let lo = f32x4_splat(-1500.0);
    let (pw, ps, pst, ppl) = (
        w.as_mut_ptr(),
        slopes.as_mut_ptr(),
        prev_steps.as_mut_ptr(),
        prev_slopes.as_mut_ptr(),
    );
    quads(n4, |i| {
        // SAFETY: i + 4 <= n, within all four slices.
        unsafe {
            let weight = load(pw.add(i));
            let prev_step = load(pst.add(i));
            let slope = f32x4_add(load(ps.add(i)), f32x4_mul(decay, weight));
            let prev_slope = load(ppl.add(i));
            let lin = f32x4_mul(eps, slope);
            let max_step = f32x4_mul(mu, prev_step);
            let quad = f32x4_div(f32x4_mul(prev_step, slope), f32x4_sub(prev_slope, slope));
            let shrunk = f32x4_mul(shrink, prev_slope);
            // previous step positive
            let a_pos = v128_bitselect(lin, zero, f32x4_gt(slope, zero));
            let b_pos = v128_bitselect(max_step, quad, f32x4_gt(slope, shrunk));
            let next_pos = f32x4_add(f32x4_add(zero, a_pos), b_pos);
            // previous step negative
            let a_neg = v128_bitselect(lin, zero, f32x4_lt(slope, zero));
            let b_neg = v128_bitselect(max_step, quad, f32x4_lt(slope, shrunk));
            let next_neg = f32x4_add(f32x4_add(zero, a_neg), b_neg);
            // previous step (close to) zero
            let next_zero = f32x4_add(zero, lin);
            let next = v128_bitselect(
                next_pos,
                v128_bitselect(next_neg, next_zero, f32x4_lt(prev_step, neg_t)),
                f32x4_gt(prev_step, pos_t),
            );
            store(pst.add(i), next);
            let v = f32x4_add(weight, next);
            let v = v128_bitselect(hi, v128_bitselect(lo, v, f32x4_lt(v, lo)), f32x4_gt(v, hi));
            store(pw.add(i), v);
            store(ppl.add(i), slope);
            store(ps.add(i), zero);
        }
    });
    scalar::quickprop_update(
        &mut w[n4..n],
        &mut slopes[n4..n],
        &mut prev_steps[n4..n],
        &mut prev_slopes[n4..n],
        p,
    );
}

/// One Adam step (see [`scalar::adam_update`]).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn adam_update(w: &mut [f32], slopes: &mut [f32], m: &mut [f32], v: &mut [f32], p: &AdamStep) {
    let n = w.len().min(slopes.len()).min(m.len()).min(v.len());
    let n4 = n & !3;
    let b1 = f32x4_splat(p.beta1);
    let b2 = f32x4_splat(p.beta2);
    let omb1 = f32x4_splat(1.0 - p.beta1);
    let omb2 = f32x4_splat(1.0 - p.beta2);
    let scale = f32x4_splat(p.grad_scale);
    let ib1 = f32x4_splat(p.inv_bias1);
    let ib2 = f32x4_splat(p.inv_bias2);
    let lr = f32x4_splat(p.learning_rate);
    let eps = f32x4_splat(p.epsilon);
    let zero = f32x4_splat(0.0);
    let (pw, ps, pm, pv) = (
        w.as_mut_ptr(),
        slopes.as_mut_ptr(),
        m.as_mut_ptr(),
        v.as_mut_ptr(),
    );
    quads(n4, |i| {
        // SAFETY: i + 4 <= n, within all four slices.
        unsafe {
            let g = f32x4_mul(f32x4_neg(load(ps.add(i))), scale);
            let mn = f32x4_add(f32x4_mul(b1, load(pm.add(i))), f32x4_mul(omb1, g));
            let vn = f32x4_add(
                f32x4_mul(b2, load(pv.add(i))),
                f32x4_mul(omb2, f32x4_mul(g, g)),
            );
            let mhat = f32x4_mul(mn, ib1);
            let vhat = f32x4_mul(vn, ib2);
            let step = f32x4_div(f32x4_mul(lr, mhat), f32x4_add(f32x4_sqrt(vhat), eps));
            store(pw.add(i), f32x4_sub(load(pw.add(i)), step));
            store(pm.add(i), mn);
            store(pv.add(i), vn);
            store(ps.add(i), zero);
        }
    });
    scalar::adam_update(
        &mut w[n4..n],
        &mut slopes[n4..n],
        &mut m[n4..n],
        &mut v[n4..n],
        p,
    );
}
