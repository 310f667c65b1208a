//! Portable scalar kernels.
//!
//! Reductions ([`dot`], [`matvec`]) accumulate in four interleaved lanes (element `i` goes to
//! lane `i % 4` for the part of the array that fills whole groups of four), then add the lanes
//! as `(l0 + l1) + (l2 + l3)` and finally the leftover elements in order. That is exactly the
//! order of operations of the SIMD128 kernels, so both paths give bit-identical results (no
//! fused multiply-add is used on either path). Element-wise kernels do the same arithmetic per
//! element as FANN's C loops.
//!
//! Every kernel works on the common prefix of its slices and never panics on length mismatches.

use super::{each, AdamStep, QuickpropParams, RpropParams};

/// Dot product `Σ a[i]·b[i]` over the common length, in the 4-lane order described above.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; 4];
    let mut ca = a.chunks_exact(4);
    let mut cb = b.chunks_exact(4);
    each((&mut ca).zip(&mut cb), |(x, y)| {
        acc[0] += x[0] * y[0];
        acc[1] += x[1] * y[1];
        acc[2] += x[2] * y[2];
        acc[3] += x[3] * y[3];
    });
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        s += x * y;
    }
    s
}

/// Dense matrix-vector product: `out[r] = dot(w[r*cols .. r*cols+cols], x)` for
/// `r < min(out.len(), w.len() / cols)`.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn matvec(w: &[f32], cols: usize, x: &[f32], out: &mut [f32]) {
    if cols == 0 {
        out.iter_mut().for_each(|o| *o = 0.0);
        return;
    }
    each(out.iter_mut().zip(w.chunks_exact(cols)), |(o, row)| {
        *o = dot(row, x);
    });
}

/// `y[i] += a * x[i]`.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    each(y.iter_mut().zip(x), |(yi, xi)| {
        *yi += a * *xi;
    });
}

/// FANN's incremental (online) weight update for one neuron:
/// `delta = tmp_error·x[i] + momentum·prev_delta[i]; w[i] += delta; prev_delta[i] = delta`.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn incremental_update(
    w: &mut [f32],
    prev_delta: &mut [f32],
    x: &[f32],
    tmp_error: f32,
    momentum: f32,
) {
    let it = w.iter_mut().zip(prev_delta.iter_mut()).zip(x);
    each(it, |((wi, pd), xi)| {
        let delta = tmp_error * *xi + momentum * *pd;
        *wi += delta;
        *pd = delta;
    });
}

/// FANN's batch update: `w[i] += slopes[i]·epsilon; slopes[i] = 0`.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn batch_update(w: &mut [f32], slopes: &mut [f32], epsilon: f32) {
    each(w.iter_mut().zip(slopes.iter_mut()), |(wi, si)| {
        *wi += *si * epsilon;
        *si = 0.0;
    });
}

/// FANN's iRPROP- update (`fann_update_weights_irpropm`).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn irpropm_update(
    w: &mut [f32],
    slopes: &mut [f32],
    prev_steps: &mut [f32],
    prev_slopes: &mut [f32],
    p: &RpropParams,
) {
    let it = w
        .iter_mut()
        .zip(slopes.iter_mut())
        .zip(prev_steps.iter_mut())
        .zip(prev_slopes.iter_mut());
    each(it, |(((wi, si), psi), pslope)| {
        let prev_step = if *psi > 0.0001 { *psi } else { 0.0001 };
        let mut slope = *si;
        let same_sign = *pslope * slope;
        let next_step;
        if same_sign >= 0.0 {
            let up = prev_step * p.increase_factor;
            next_step = if up < p.delta_max { up } else { p.delta_max };
        } else {
            let down = prev_step * p.decrease_factor;
            next_step = if down > p.delta_min {
                down
            } else {
                p.delta_min
            };
            slope = 0.0;
        }
        if slope < 0.0 {
            let v = *wi - next_step;
            *wi = if v < -1500.0 { -1500.0 } else { v };
        } else {
            let v = *wi + next_step;
            *wi = if v > 1500.0 { 1500.0 } else { v };
        }
        *psi = next_step;
        *pslope = slope;
        *si = 0.0;
    });
}

/// FANN's Quickprop update (`fann_update_weights_quickprop`).
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn quickprop_update(
    w: &mut [f32],
    slopes: &mut [f32],
    prev_steps: &mut [f32],
    prev_slopes: &mut [f32],
    p: &QuickpropParams,
) {
    let it = w
        .iter_mut()
        .zip(slopes.iter_mut())
        .zip(prev_steps.iter_mut())
        .zip(prev_slopes.iter_mut());
    each(it, |(((wi, si), psi), pslope)| {
        let weight = *wi;
        let prev_step = *psi;
        let slope = *si + p.decay * weight;
        let prev_slope = *pslope;
        let mut next_step = 0.0f32;
        if prev_step > 0.001 {
            if slope > 0.0 {
                next_step += p.epsilon * slope;
            }
            if slope > p.shrink_factor * prev_slope {
                next_step += p.mu * prev_step;
            } else {
                next_step += prev_step * slope / (prev_slope - slope);
            }
        } else if prev_step < -0.001 {
            if slope < 0.0 {
                next_step += p.epsilon * slope;
            }
            if slope < p.shrink_factor * prev_slope {
                next_step += p.mu * prev_step;
            } else {
                next_step += prev_step * slope / (prev_slope - slope);
            }
        } else {
            next_step += p.epsilon * slope;
        }
        *psi = next_step;
        let v = weight + next_step;
        *wi = v.clamp(-1500.0, 1500.0);
        *pslope = slope;
        *si = 0.0;
    });
}

/// One Adam step on the gradient `g = -slopes[i]·grad_scale` (FANN slopes point downhill):
/// `m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²;
///  w -= lr · (m·inv_bias1) / (sqrt(v·inv_bias2) + ε); slopes[i] = 0`.
#[inline]
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub fn adam_update(w: &mut [f32], slopes: &mut [f32], m: &mut [f32], v: &mut [f32], p: &AdamStep) {
    let one_m_b1 = 1.0 - p.beta1;
    let one_m_b2 = 1.0 - p.beta2;
    let it = w
        .iter_mut()
        .zip(slopes.iter_mut())
        .zip(m.iter_mut())
        .zip(v.iter_mut());
    each(it, |(((wi, si), mi), vi)| {
        let g = -*si * p.grad_scale;
        let mn = p.beta1 * *mi + one_m_b1 * g;
        let vn = p.beta2 * *vi + one_m_b2 * (g * g);
        let mhat = mn * p.inv_bias1;
        let vhat = vn * p.inv_bias2;
        *wi -= p.learning_rate * mhat / (libm::sqrtf(vhat) + p.epsilon);
        *mi = mn;
        *vi = vn;
        *si = 0.0;
    });
}
