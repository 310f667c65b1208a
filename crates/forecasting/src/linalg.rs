//! Small dense linear algebra: least squares by Householder QR, and symmetric positive-definite
//! solves by Cholesky factorisation.

use alloc::vec;
use alloc::vec::Vec;

/// Least-squares solution of `A x ≈ b` for a row-major `rows x cols` matrix `A` with
/// `rows >= cols`, by Householder QR. Returns `None` if `A` is (numerically) rank deficient.
pub(crate) fn lstsq_qr(a: &[f64], rows: usize, cols: usize, b: &[f64]) -> Option<Vec<f64>> {
    if rows < cols || a.len() != rows * cols || b.len() != rows || cols == 0 {
        return None;
    }
    // Column-major copy.
    let mut q = vec![0.0; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            q[c * rows + r] = a[r * cols + c];
        }
    }
    let mut rhs = b.to_vec();
    let mut diag = vec![0.0; cols];
    let mut v = vec![0.0; rows];
    for j in 0..cols {
        let col = &q[j * rows..(j + 1) * rows];
        let norm = libm::sqrt(col[j..].iter().map(|x| x * x).sum::<f64>());
        if norm == 0.0 {
            return None;
        }
        let x0 = col[j];
        let alpha = if x0 > 0.0 { -norm } else { norm };
        v[j..].copy_from_slice(&col[j..]);
        v[j] -= alpha;
        let vv: f64 = v[j..].iter().map(|x| x * x).sum();
        diag[j] = alpha;
        if vv == 0.0 {
            continue;
        }
        // Apply H = I - 2 v v^T / (v^T v) to the remaining columns and the right-hand side.
        for c in j..cols {
            let colc = &mut q[c * rows..(c + 1) * rows];
            let d: f64 = v[j..].iter().zip(&colc[j..]).map(|(a, b)| a * b).sum();
            let f = 2.0 * d / vv;
            for (x, vi) in colc[j..].iter_mut().zip(&v[j..]) {
                *x -= f * vi;
            }
        }
        let d: f64 = v[j..].iter().zip(&rhs[j..]).map(|(a, b)| a * b).sum();
        let f = 2.0 * d / vv;
        for (x, vi) in rhs[j..].iter_mut().zip(&v[j..]) {
            *x -= f * vi;
        }
    }
    let max_diag = diag.iter().fold(0.0f64, |m, d| m.max(libm::fabs(*d)));
    if diag
        .iter()
        .any(|d| !d.is_finite() || libm::fabs(*d) <= 1e-11 * max_diag)
    {
        return None;
    }
    // Back substitution with R (upper triangle of q, diagonal in `diag`).
    let mut x = vec![0.0; cols];
    for j in (0..cols).rev() {
        let mut s = rhs[j];
        for c in j + 1..cols {
            s -= q[c * rows + j] * x[c];
        }
        x[j] = s / diag[j];
    }
    if x.iter().all(|v| v.is_finite()) {
        Some(x)
    } else {
        None
    }
}

/// Solves `M X = B` in place for a symmetric positive-definite row-major `n x n` matrix `M`
/// (overwritten by its Cholesky factor) and a row-major `n x k` right-hand side `B`
/// (overwritten by `X`). Returns `false` if `M` is not positive definite.
pub(crate) fn cholesky_solve(m: &mut [f64], n: usize, b: &mut [f64], k: usize) -> bool {
    if m.len() != n * n || b.len() != n * k {
        return false;
    }
    for j in 0..n {
        let mut d = m[j * n + j];
        for p in 0..j {
            d -= m[j * n + p] * m[j * n + p];
        }
        if !(d.is_finite() && d > 0.0) {
            return false;
        }
        let d = libm::sqrt(d);
        m[j * n + j] = d;
        for i in j + 1..n {
            let mut s = m[i * n + j];
            for p in 0..j {
                s -= m[i * n + p] * m[j * n + p];
            }
            m[i * n + j] = s / d;
        }
    }
    // Forward (L z = b) then backward (L^T x = z) substitution, column by column of B.
    for c in 0..k {
        for i in 0..n {
            let mut s = b[i * k + c];
            for p in 0..i {
                s -= m[i * n + p] * b[p * k + c];
            }
            b[i * k + c] = s / m[i * n + i];
        }
        for i in (0..n).rev() {
            let mut s = b[i * k + c];
            for p in i + 1..n {
                s -= m[p * n + i] * b[p * k + c];
            }
            b[i * k + c] = s / m[i * n + i];
        }
    }
    b.iter().all(|v| v.is_finite())
}

/// Least squares with a tiny ridge fallback: QR when `A` has full column rank, otherwise the
/// solution of `(A^T A + eps tr(A^T A)/cols I) x = A^T b`, which approaches the minimum-norm
/// solution that a pseudo-inverse would give.
pub(crate) fn lstsq(a: &[f64], rows: usize, cols: usize, b: &[f64]) -> Option<Vec<f64>> {
    if let Some(x) = lstsq_qr(a, rows, cols, b) {
        return Some(x);
    }
    if a.len() != rows * cols || b.len() != rows || cols == 0 {
        return None;
    }
    let mut ata = vec![0.0; cols * cols];
    let mut atb = vec![0.0; cols];
    for r in 0..rows {
        let row = &a[r * cols..(r + 1) * cols];
        for i in 0..cols {
            atb[i] += row[i] * b[r];
            for j in 0..cols {
                ata[i * cols + j] += row[i] * row[j];
            }
        }
    }
    let trace: f64 = (0..cols).map(|i| ata[i * cols + i]).sum();
    let lambda = 1e-10 * (trace / cols as f64).max(f64::MIN_POSITIVE);
    for i in 0..cols {
        ata[i * cols + i] += lambda;
    }
    if cholesky_solve(&mut ata, cols, &mut atb, 1) {
        Some(atb)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_solves_an_overdetermined_line_fit() {
        // y = 2 + 3x exactly.
        let xs = [0.0, 1.0, 2.0, 3.0, 4.0];
        let a: Vec<f64> = xs.iter().flat_map(|x| [1.0, *x]).collect();
        let b: Vec<f64> = xs.iter().map(|x| 2.0 + 3.0 * x).collect();
        let sol = lstsq_qr(&a, 5, 2, &b).unwrap();
        assert!((sol[0] - 2.0).abs() < 1e-12 && (sol[1] - 3.0).abs() < 1e-12);
    }

    #[test]
    fn rank_deficient_falls_back_to_ridge() {
        let a = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0];
        let b = [3.0, 3.0, 3.0];
        assert!(lstsq_qr(&a, 3, 2, &b).is_none());
        let sol = lstsq(&a, 3, 2, &b).unwrap();
        // Minimum-norm solution of x + 2y = 3 is (0.6, 1.2).
        assert!(
            (sol[0] - 0.6).abs() < 1e-6 && (sol[1] - 1.2).abs() < 1e-6,
            "{sol:?}"
        );
    }

    #[test]
    fn cholesky_solves_spd_system() {
        let mut m = [4.0, 2.0, 2.0, 3.0];
        let mut b = [2.0, 1.0, 4.0, 2.0]; // two right-hand sides as columns
        assert!(cholesky_solve(&mut m, 2, &mut b, 2));
        // [4 2; 2 3] x = [2; 4] -> x = [-0.25, 1.5]; = [1; 2] -> x = [-0.125, 0.75]
        assert!((b[0] + 0.25).abs() < 1e-12 && (b[2] - 1.5).abs() < 1e-12);
        assert!((b[1] + 0.125).abs() < 1e-12 && (b[3] - 0.75).abs() < 1e-12);
        let mut not_pd = [1.0, 2.0, 2.0, 1.0];
        let mut rhs = [1.0, 1.0];
        assert!(!cholesky_solve(&mut not_pd, 2, &mut rhs, 1));
    }
}
