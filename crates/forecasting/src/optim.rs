//! A bound-constrained quasi-Newton minimiser in the spirit of L-BFGS-B (Byrd, Lu, Nocedal &
//! Zhu, 1995), the optimiser statsmodels uses to fit exponential smoothing models.
//!
//! It is a projected L-BFGS method: variables that sit on a bound with the gradient pushing
//! outwards are held fixed, the limited-memory BFGS direction is computed on the free
//! variables, and an Armijo backtracking line search runs along the projected path
//! `P(x + t d)`. Stopping rules follow SciPy's L-BFGS-B defaults: projected-gradient
//! infinity norm `<= pgtol`, or relative decrease of the objective `<= ftol`.

use alloc::vec;
use alloc::vec::Vec;

/// Tuning of [`minimize_box`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct OptSettings {
    /// Maximum number of iterations.
    pub max_iter: usize,
    /// Number of correction pairs kept (SciPy's `maxcor`).
    pub memory: usize,
    /// Projected-gradient tolerance (SciPy's `gtol`).
    pub pgtol: f64,
    /// Relative function-decrease tolerance (SciPy's `ftol` = `factr * eps`).
    pub ftol: f64,
    /// Maximum backtracking steps per line search.
    pub max_line_search: usize,
}

impl Default for OptSettings {
    fn default() -> Self {
        OptSettings {
            max_iter: 1000,
            memory: 10,
            pgtol: 1e-5,
            ftol: 1e7 * f64::EPSILON,
            max_line_search: 30,
        }
    }
}

/// What [`minimize_box`] reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct OptOutcome {
    /// Objective at the returned point.
    pub f: f64,
    /// Iterations done.
    pub iterations: usize,
    /// Objective/gradient evaluations done.
    pub evaluations: usize,
    /// Whether a stopping rule (rather than the iteration limit or a failed line search) ended
    /// the run.
    pub converged: bool,
}

fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `fg` (which returns f(x) and writes the gradient into its second argument) over the
/// box `lo <= x <= hi` (infinite bounds allowed), starting from `x`, which receives the result.
/// Non-finite objective values are treated as +infinity (the line search backs off).
///
/// `x`, `lo` and `hi` must have the same length (checked by the callers, which build them).
pub(crate) fn minimize_box<F>(
    mut fg: F,
    x: &mut [f64],
    lo: &[f64],
    hi: &[f64],
    settings: &OptSettings,
) -> OptOutcome
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let n = x.len();
    for ((xi, &l), &h) in x.iter_mut().zip(lo).zip(hi) {
        *xi = clamp(*xi, l, h);
    }
    let mut g = vec![0.0; n];
    let mut f = fg(x, &mut g);
    let mut evaluations = 1;
    if !f.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return OptOutcome {
            f,
            iterations: 0,
            evaluations,
            converged: false,
        };
    }
    let mem = settings.memory.max(1);
    let mut s_hist: Vec<Vec<f64>> = Vec::with_capacity(mem);
    let mut y_hist: Vec<Vec<f64>> = Vec::with_capacity(mem);
    let mut rho_hist: Vec<f64> = Vec::with_capacity(mem);
    let mut free = vec![true; n];
    let mut d = vec![0.0; n];
    let mut q = vec![0.0; n];
    let mut alphas = vec![0.0; mem];
    let mut xn = vec![0.0; n];
    let mut gn = vec![0.0; n];
    let mut iterations = 0;
    let mut converged = false;

    while iterations < settings.max_iter {
        // Projected gradient and the free set.
        let mut pg_norm: f64 = 0.0;
        for i in 0..n {
            let step = clamp(x[i] - g[i], lo[i], hi[i]) - x[i];
            pg_norm = pg_norm.max(libm::fabs(step));
            free[i] = !((x[i] <= lo[i] && g[i] > 0.0) || (x[i] >= hi[i] && g[i] < 0.0));
        }
        if pg_norm <= settings.pgtol {
            converged = true;
            break;
        }
        iterations += 1;

        // L-BFGS two-loop recursion restricted to the free variables.
        for i in 0..n {
            q[i] = if free[i] { g[i] } else { 0.0 };
        }
        let k = s_hist.len();
        for j in (0..k).rev() {
            let a = rho_hist[j] * masked_dot(&s_hist[j], &q, &free);
            alphas[j] = a;
            for i in 0..n {
                if free[i] {
                    q[i] -= a * y_hist[j][i];
                }
            }
        }
        if k > 0 {
            let yy = dot(&y_hist[k - 1], &y_hist[k - 1]);
            let sy = dot(&s_hist[k - 1], &y_hist[k - 1]);
            let h0 = if yy > 0.0 { sy / yy } else { 1.0 };
            q.iter_mut().for_each(|v| *v *= h0);
        }
        for j in 0..k {
            let b = rho_hist[j] * masked_dot(&y_hist[j], &q, &free);
            let c = alphas[j] - b;
            for i in 0..n {
                if free[i] {
                    q[i] += c * s_hist[j][i];
                }
            }
        }
        for i in 0..n {
            d[i] = if free[i] { -q[i] } else { 0.0 };
        }
        let mut gd = dot(&g, &d);
        if !(gd.is_finite() && gd < 0.0) {
            // Not a descent direction: restart from steepest descent.
            s_hist.clear();
            y_hist.clear();
            rho_hist.clear();
            for i in 0..n {
                d[i] = if free[i] { -g[i] } else { 0.0 };
            }
            gd = dot(&g, &d);
            if !(gd.is_finite() && gd < 0.0) {
                converged = true;
                break;
            }
        }
        let mut t = if s_hist.is_empty() {
            let dn = libm::sqrt(dot(&d, &d));
            if dn > 0.0 {
                (1.0 / dn).min(1.0)
            } else {
                1.0
            }
        } else {
            1.0
        };

        // Backtracking (Armijo) line search along the projected path.
        let mut accepted = false;
        let mut fnew = f;
        for _ in 0..settings.max_line_search {
            for i in 0..n {
                xn[i] = clamp(x[i] + t * d[i], lo[i], hi[i]);
            }
            let mut dec = 0.0;
            for i in 0..n {
                dec += g[i] * (xn[i] - x[i]);
            }
            if dec.is_nan() || dec >= 0.0 {
                // The projected step vanished (all movement blocked by the bounds).
                break;
            }
            fnew = fg(&xn, &mut gn);
            evaluations += 1;
            if fnew.is_finite() && gn.iter().all(|v| v.is_finite()) && fnew <= f + 1e-4 * dec {
                accepted = true;
                break;
            }
            // Safeguarded quadratic interpolation of the step.
            let tn = if fnew.is_finite() {
                let denom = 2.0 * (fnew - f - dec);
                if denom > 0.0 {
                    -dec * t / denom
                } else {
                    0.5 * t
                }
            } else {
                0.5 * t
            };
            t = clamp(tn, 0.1 * t, 0.5 * t);
        }
        if !accepted {
            if s_hist.is_empty() {
                // Steepest descent failed too: no further progress possible.
                converged = true;
                break;
            }
            s_hist.clear();
            y_hist.clear();
            rho_hist.clear();
            continue;
        }

        // Update the correction pairs.
        let mut s_new = vec![0.0; n];
        let mut y_new = vec![0.0; n];
        for i in 0..n {
            s_new[i] = xn[i] - x[i];
            y_new[i] = gn[i] - g[i];
        }
        let sy = dot(&s_new, &y_new);
        let yy = dot(&y_new, &y_new);
        if sy > f64::EPSILON * yy && sy > 0.0 {
            if s_hist.len() == mem {
                s_hist.remove(0);
                y_hist.remove(0);
                rho_hist.remove(0);
            }
            s_hist.push(s_new);
            y_hist.push(y_new);
            rho_hist.push(1.0 / sy);
        }
        let rel = (f - fnew) / libm::fabs(f).max(libm::fabs(fnew)).max(1.0);
        x.copy_from_slice(&xn);
        g.copy_from_slice(&gn);
        f = fnew;
        if rel <= settings.ftol {
            converged = true;
            break;
        }
    }
    OptOutcome {
        f,
        iterations,
        evaluations,
        converged,
    }
}

fn masked_dot(a: &[f64], b: &[f64], mask: &[bool]) -> f64 {
    a.iter()
        .zip(b)
        .zip(mask)
        .filter(|(_, &m)| m)
        .map(|((x, y), _)| x * y)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rosenbrock(x: &[f64], g: &mut [f64]) -> f64 {
        let (a, b) = (x[0], x[1]);
        g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
        g[1] = 200.0 * (b - a * a);
        (1.0 - a) * (1.0 - a) + 100.0 * (b - a * a) * (b - a * a)
    }

    #[test]
    fn unconstrained_rosenbrock() {
        let mut x = [-1.2, 1.0];
        let inf = f64::INFINITY;
        let out = minimize_box(
            rosenbrock,
            &mut x,
            &[-inf, -inf],
            &[inf, inf],
            &OptSettings {
                ftol: 1e-15,
                pgtol: 1e-9,
                ..OptSettings::default()
            },
        );
        assert!(out.f < 1e-10, "{out:?} {x:?}");
        assert!((x[0] - 1.0).abs() < 1e-4 && (x[1] - 1.0).abs() < 1e-4);
    }

    #[test]
    fn active_bound_is_respected() {
        // Minimum of the unconstrained problem is (1, 1); the box forces a = 0.5 and the
        // constrained minimum is then b = 0.25.
        let mut x = [0.0, 0.0];
        let out = minimize_box(
            rosenbrock,
            &mut x,
            &[-2.0, -2.0],
            &[0.5, 2.0],
            &OptSettings {
                ftol: 1e-15,
                pgtol: 1e-9,
                ..OptSettings::default()
            },
        );
        assert!((x[0] - 0.5).abs() < 1e-9, "{out:?} {x:?}");
        assert!((x[1] - 0.25).abs() < 1e-5, "{out:?} {x:?}");
    }

    #[test]
    fn quadratic_with_many_variables() {
        // f(x) = sum_i (i + 1) (x_i - i)^2 with bounds 0 <= x_i <= 5.
        let n = 12;
        let f = |x: &[f64], g: &mut [f64]| {
            let mut s = 0.0;
            for i in 0..x.len() {
                let w = (i + 1) as f64;
                let e = x[i] - i as f64;
                g[i] = 2.0 * w * e;
                s += w * e * e;
            }
            s
        };
        let mut x = vec![2.5; n];
        let lo = vec![0.0; n];
        let hi = vec![5.0; n];
        let settings = OptSettings {
            ftol: 1e-15,
            ..OptSettings::default()
        };
        let out = minimize_box(f, &mut x, &lo, &hi, &settings);
        assert!(out.converged);
        for (i, v) in x.iter().enumerate() {
            let expect = (i as f64).min(5.0);
            assert!((v - expect).abs() < 1e-5, "x[{i}] = {v}");
        }
    }
}
