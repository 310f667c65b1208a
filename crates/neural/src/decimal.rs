//! Decimal text of floating-point numbers, without `core`'s float parsing and formatting.
//!
//! `str::parse::<f32>` and the float `Display`/`LowerExp` impls of `core` bring large tables
//! into a wasm module (Eisel-Lemire's 10 KiB table of powers of five, Grisu's cached powers of
//! ten) plus their code. This module does the same jobs with one small exact big-integer type
//! (and `u64`/`f64` fast paths where they are provably exact):
//!
//! - [`parse_f32`]: the grammar of `str::parse::<f32>`, correctly rounded (ties to even): an
//!   `f64` approximation when its error bound cannot straddle a rounding boundary, otherwise an
//!   exact comparison of the decimal value with the midpoints between neighbouring floats;
//! - [`Shortest`]: the output of `f32`/`f64` `Display` (`{}`): the shortest digits that read back
//!   as the same number (Steele & White's free-format algorithm, with `core`'s tie rules);
//! - [`write_fixed`] and [`write_exp`]: C's `printf("%.Nf")` and `printf("%.Ne")` of an `f32`
//!   promoted to double, from its exact decimal expansion, rounded half to even.
//!
//! The unit tests compare every function with `core` on edge cases and random bit patterns.

use alloc::string::String;
use core::cmp::Ordering;
use core::fmt;
use core::fmt::Write;

/// 32-bit limbs of [`Big`]: 1280 bits, enough for every value the functions here build (the
/// largest is the scaled `f64::MAX` of [`Shortest`], under 1140 bits).
const LIMBS: usize = 40;

/// A non-negative integer of at most `32 * LIMBS` bits, little-endian. Operations never panic;
/// bits past the capacity would be dropped, which the callers' bounds rule out.
#[derive(Clone)]
struct Big {
    len: usize,
    limbs: [u32; LIMBS],
}

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big {
            len: 0,
            limbs: [0; LIMBS],
        };
        b.limbs[0] = v as u32;
        b.limbs[1] = (v >> 32) as u32;
        b.len = if v >> 32 != 0 { 2 } else { usize::from(v != 0) };
        b
    }

    fn is_zero(&self) -> bool {
        self.len == 0
    }

    fn push(&mut self, limb: u32) {
        if limb != 0 {
            if let Some(slot) = self.limbs.get_mut(self.len) {
                *slot = limb;
                self.len += 1;
            }
        }
    }

    fn mul_small(&mut self, m: u32) -> &mut Big {
        let mut carry = 0u64;
        for limb in &mut self.limbs[..self.len] {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        self.push(carry as u32);
        if m == 0 {
            self.len = 0;
            self.limbs = [0; LIMBS];
        }
        self
    }

    fn mul_pow5(&mut self, mut e: u32) -> &mut Big {
        const POW5_13: u32 = 1_220_703_125;
        while e >= 13 {
            self.mul_small(POW5_13);
            e -= 13;
        }
        self.mul_small(5u32.pow(e))
    }

    fn mul_pow2(&mut self, bits: u32) -> &mut Big {
        if self.is_zero() {
            return self;
        }
        let words = (bits / 32) as usize;
        let shift = bits % 32;
        let old = self.len;
        let new_len = (old + words + 1).min(LIMBS);
        // From the top down: limb i of the result takes bits of limbs i - words and below.
        for i in (0..new_len).rev() {
            let src = i.checked_sub(words);
            let hi = src.and_then(|s| self.limbs.get(s).copied()).unwrap_or(0);
            let lo = src
                .and_then(|s| s.checked_sub(1))
                .and_then(|s| self.limbs.get(s).copied())
                .unwrap_or(0);
            self.limbs[i] = if shift == 0 {
                hi
            } else {
                (hi << shift) | (lo >> (32 - shift))
            };
        }
        self.len = new_len;
        self.trim();
        self
    }

    fn trim(&mut self) {
        while self.len > 0 && self.limbs[self.len - 1] == 0 {
            self.len -= 1;
        }
    }

    fn add(&mut self, other: &Big) -> &mut Big {
        let n = self.len.max(other.len);
        let mut carry = 0u64;
        for (a, b) in self.limbs[..n].iter_mut().zip(&other.limbs[..n]) {
            let v = u64::from(*a) + u64::from(*b) + carry;
            *a = v as u32;
            carry = v >> 32;
        }
        self.len = n;
        self.push(carry as u32);
        self
    }

    /// `self - other`; `self` must not be smaller.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (a, b) in self.limbs[..self.len].iter_mut().zip(&other.limbs) {
            let v = i64::from(*a) - i64::from(*b) - borrow;
            *a = v as u32;
            borrow = i64::from(v < 0);
        }
        self.trim();
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.len.cmp(&other.len).then_with(|| {
            self.limbs[..self.len]
                .iter()
                .rev()
                .cmp(other.limbs[..other.len].iter().rev())
        })
    }

    /// Divides by `d` in place; returns the remainder.
    fn div_rem_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.limbs[..self.len].iter_mut().rev() {
            let v = (rem << 32) | u64::from(*limb);
            *limb = (v / u64::from(d)) as u32;
            rem = v % u64::from(d);
        }
        self.trim();
        rem as u32
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Significant digits kept by [`parse_f32`]; later non-zero digits only set a sticky digit.
/// Every midpoint between two `f32` has at most 113 significant digits, so keeping more decides
/// every rounding exactly.
const MAX_DIGITS: usize = 125;

/// Parses `tok` exactly as `tok.parse::<f32>()` does: an optional sign, then `inf`, `infinity`
/// or `nan` (any case), or decimal digits with at most one `.` (at least one digit in all)
/// and an optional exponent (`e` or `E`, an optional sign, at least one digit). The result is
/// the nearest `f32` (ties to even), infinite when the value rounds past `f32::MAX`.
pub(crate) fn parse_f32(tok: &str) -> Option<f32> {
    let b = tok.as_bytes();
    let (negative, b) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if b.is_empty() {
        return None;
    }
    let magnitude = match parse_decimal(b) {
        Some(v) => v,
        None if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") => {
            f32::INFINITY
        }
        None if b.eq_ignore_ascii_case(b"nan") => f32::NAN,
        None => return None,
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// The digits of a decimal number: `value = digits × 10^exp10`.
struct Decimal {
    digits: [u8; MAX_DIGITS + 1],
    len: usize,
    exp10: i64,
    /// The first (at most 19) digits as an integer.
    head: u64,
}

impl Decimal {
    /// The digits as an integer.
    fn to_big(&self) -> Big {
        let mut b = Big::from_u64(0);
        for chunk in self.digits[..self.len].chunks(9) {
            let mut v = 0u32;
            for &d in chunk {
                v = v * 10 + u32::from(d);
            }
            b.mul_small(10u32.pow(chunk.len() as u32))
                .add(&Big::from_u64(u64::from(v)));
        }
        b
    }

    /// Compares the value with `m × 2^p`.
    fn cmp_with(&self, digits: &Big, m: u64, p: i64) -> Ordering {
        let mut lhs = digits.clone();
        let mut rhs = Big::from_u64(m);
        let e = self.exp10;
        if e >= 0 {
            lhs.mul_pow5(e as u32);
        } else {
            rhs.mul_pow5(e.unsigned_abs() as u32);
        }
        let shift = e - p;
        if shift >= 0 {
            lhs.mul_pow2(shift as u32);
        } else {
            rhs.mul_pow2(shift.unsigned_abs() as u32);
        }
        lhs.cmp(&rhs)
    }
}

/// A non-negative decimal number without sign, or `None` if `b` is not one.
fn parse_decimal(b: &[u8]) -> Option<f32> {
    let mut dec = Decimal {
        digits: [0; MAX_DIGITS + 1],
        len: 0,
        exp10: 0,
        head: 0,
    };
    let mut any_digit = false;
    let mut after_dot = false;
    let mut sticky = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            any_digit = true;
            let d = c - b'0';
            if dec.len == 0 && d == 0 {
                // A leading zero: significant only for the position of what follows.
                dec.exp10 -= i64::from(after_dot);
            } else if dec.len < MAX_DIGITS {
                dec.digits[dec.len] = d;
                if dec.len < 19 {
                    dec.head = dec.head * 10 + u64::from(d);
                }
                dec.len += 1;
                dec.exp10 -= i64::from(after_dot);
            } else {
                sticky |= d != 0;
                dec.exp10 += i64::from(!after_dot);
            }
        } else if c == b'.' && !after_dot {
            after_dot = true;
        } else {
            break;
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let negative = b.get(i) == Some(&b'-');
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            // Saturates far beyond any exponent that matters.
            e = (e * 10 + i64::from(c - b'0')).min(1 << 20);
            i += 1;
        }
        if i == start {
            return None;
        }
        dec.exp10 += if negative { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    if dec.len == 0 {
        return Some(0.0);
    }
    if sticky {
        // Stands for the dropped non-zero digits: strictly between the same neighbours.
        dec.digits[dec.len] = 1;
        dec.len += 1;
        dec.exp10 -= 1;
    }
    // value ∈ [10^(magnitude-1), 10^magnitude)
    let magnitude = dec.len as i64 + dec.exp10;
    if magnitude > 39 {
        return Some(f32::INFINITY);
    }
    if magnitude < -45 {
        return Some(0.0);
    }
    Some(round_to_f32(&dec))
}

/// An approximation of the decimal's value and the number of roundings made computing it: the
/// error is below that many `f64` ulps, plus the digits after the 19th (under 10^-18 relative).
fn approximate(dec: &Decimal) -> (f64, u32) {
    let used = dec.len.min(19);
    let mut e = dec.exp10 + (dec.len - used) as i64;
    let mut v = dec.head as f64;
    let mut roundings = 1;
    // In steps that stay within f64's range: |e| ≤ 45 + 125 here.
    while e > 0 {
        let step = e.min(22);
        v *= POW10[step as usize];
        e -= step;
        roundings += 1;
    }
    while e < 0 {
        let step = (-e).min(22);
        v /= POW10[step as usize];
        e += step;
        roundings += 1;
    }
    (v, roundings)
}

/// The `f32` nearest to every number within `roundings + 1` ulps of `v`, if they all round to
/// the same normal `f32`: `v`'s bits below `f32` precision are then far from a midpoint's
/// pattern (`1` followed by zeros), and converting `v` rounds the exact value correctly.
fn certain_f32(v: f64, roundings: u32) -> Option<f32> {
    if !(f64::from(f32::MIN_POSITIVE)..=f64::from(f32::MAX)).contains(&v) {
        return None;
    }
    let below = v.to_bits() & ((1 << 29) - 1);
    // Twice the error bound: an ulp of v may be half of one at the exact value's exponent.
    let margin = 2 * (u64::from(roundings) + 2);
    if below.abs_diff(1 << 28) <= margin {
        return None;
    }
    Some(v as f32)
}

/// `10^e` for `0 ≤ e ≤ 22`, each exact in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `m × 2^q` with `m` the integer significand of the finite, non-negative `f32` with these
/// bits.
fn f32_parts(bits: u32) -> (u64, i64) {
    let exp_bits = (bits >> 23) & 0xff;
    let frac = u64::from(bits & 0x7f_ffff);
    if exp_bits == 0 {
        (frac, -149)
    } else {
        (frac | 1 << 23, i64::from(exp_bits) - 150)
    }
}

/// The `f32` nearest to the decimal (ties to even): starts from an approximation and moves to a
/// neighbour while the value is beyond a midpoint.
fn round_to_f32(dec: &Decimal) -> f32 {
    let (approx, roundings) = approximate(dec);
    if let Some(v) = certain_f32(approx, roundings) {
        return v;
    }
    let digits = dec.to_big();
    let approx = approx as f32;
    let mut bits = if approx.is_finite() {
        approx.to_bits()
    } else {
        f32::MAX.to_bits()
    };
    loop {
        let (m, q) = f32_parts(bits);
        let odd = m & 1 == 1;
        // Upper midpoint: (2m + 1) × 2^(q-1).
        let up = dec.cmp_with(&digits, 2 * m + 1, q - 1);
        if up == Ordering::Greater || (up == Ordering::Equal && odd) {
            bits += 1;
            if bits == f32::INFINITY.to_bits() {
                return f32::INFINITY;
            }
            continue;
        }
        if m == 0 {
            return 0.0;
        }
        // Lower midpoint; half as far below a power of two (the float below has a smaller
        // exponent), except at the smallest normal exponent.
        let down = if m == 1 << 23 && q > -149 {
            dec.cmp_with(&digits, 4 * m - 1, q - 2)
        } else {
            dec.cmp_with(&digits, 2 * m - 1, q - 1)
        };
        if down == Ordering::Less || (down == Ordering::Equal && odd) {
            bits -= 1;
            continue;
        }
        return f32::from_bits(bits);
    }
}

// ---------------------------------------------------------------------------------------------
// Shortest formatting (`Display`)
// ---------------------------------------------------------------------------------------------

/// Displays a float as `{}` does: the shortest digits that read back as the same number, in
/// positional notation (`0.0001`, `1500`, `-0`, `NaN`, `inf`, `-inf`). For messages: flags such
/// as width are not supported.
#[derive(Clone, Copy)]
pub(crate) enum Shortest {
    /// An `f32`, with the digits that identify it among `f32` values.
    F32(f32),
    /// An `f64` (the JS bindings' messages; unused in native builds).
    #[cfg_attr(
        not(all(target_arch = "wasm32", feature = "bindings")),
        allow(dead_code)
    )]
    F64(f64),
}

/// A finite, non-zero float as `core` decodes it for digit generation: `v = mant × 2^exp`, the
/// neighbours are at `(mant ∓ 2·minus/plus) × 2^exp`, and the rounding interval's ends belong to
/// it when `inclusive`.
struct Decoded {
    mant: u64,
    minus: u64,
    plus: u64,
    exp: i64,
    inclusive: bool,
}

/// Decodes the magnitude of a float from its fraction bits, biased exponent and format.
fn decode(frac: u64, exp_bits: u64, sig_bits: u32, bias: i64) -> Decoded {
    if exp_bits == 0 {
        // Subnormal: `core` doubles the significand (which makes it even).
        return Decoded {
            mant: frac << 1,
            minus: 1,
            plus: 1,
            exp: 1 - bias - i64::from(sig_bits) - 1,
            inclusive: true,
        };
    }
    let mant = frac | 1 << sig_bits;
    let exp = exp_bits as i64 - bias - i64::from(sig_bits);
    let inclusive = mant & 1 == 0;
    if frac == 0 {
        Decoded {
            mant: mant << 2,
            minus: 1,
            plus: 2,
            exp: exp - 2,
            inclusive,
        }
    } else {
        Decoded {
            mant: mant << 1,
            minus: 1,
            plus: 1,
            exp: exp - 1,
            inclusive,
        }
    }
}

/// The integer arithmetic of [`shortest_digits`]: `u64` where the numbers fit (every `f32` of
/// ordinary magnitude, fast), [`Big`] otherwise. Operations return `false` on overflow.
trait Natural: Clone {
    fn from_u64(v: u64) -> Self;
    fn mul_small(&mut self, m: u32) -> bool;
    fn mul_pow2(&mut self, bits: u32) -> bool;
    /// `self + other`, or `None` on overflow.
    fn plus(&self, other: &Self) -> Option<Self>;
    /// `self - other`; `self` must not be smaller.
    fn minus(&mut self, other: &Self);
    fn compare(&self, other: &Self) -> Ordering;
    /// Replaces `self` (below `10 × scale`) by `self mod scale` and returns the quotient.
    fn take_digit(&mut self, scale: &Self) -> u8 {
        let mut digit = 0u8;
        while self.compare(scale) != Ordering::Less {
            self.minus(scale);
            digit += 1;
        }
        digit
    }

    /// Multiplies by `10^e`.
    fn mul_pow10(&mut self, e: u32) -> bool {
        let mut ok = true;
        let mut left = e;
        while left > 0 {
            let step = left.min(13);
            ok &= self.mul_small(5u32.pow(step));
            left -= step;
        }
        ok && self.mul_pow2(e)
    }
}

impl Natural for u64 {
    fn from_u64(v: u64) -> Self {
        v
    }
    fn mul_small(&mut self, m: u32) -> bool {
        // Not `checked_mul`, which a size-optimised build turns into a 128-bit multiplication.
        let m = u64::from(m);
        if m != 0 && *self > u64::MAX / m {
            return false;
        }
        *self *= m;
        true
    }
    fn mul_pow2(&mut self, bits: u32) -> bool {
        if *self != 0 && self.leading_zeros() < bits {
            return false;
        }
        *self = self.checked_shl(bits).unwrap_or(0);
        true
    }
    fn plus(&self, other: &Self) -> Option<Self> {
        self.checked_add(*other)
    }
    fn minus(&mut self, other: &Self) {
        *self = self.saturating_sub(*other);
    }
    fn compare(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
    fn take_digit(&mut self, scale: &Self) -> u8 {
        let digit = self.checked_div(*scale).unwrap_or(0);
        *self -= digit * scale;
        digit as u8
    }
}

impl Natural for Big {
    fn from_u64(v: u64) -> Self {
        Big::from_u64(v)
    }
    fn mul_small(&mut self, m: u32) -> bool {
        Big::mul_small(self, m);
        true
    }
    fn mul_pow2(&mut self, bits: u32) -> bool {
        Big::mul_pow2(self, bits);
        true
    }
    fn plus(&self, other: &Self) -> Option<Self> {
        let mut sum = self.clone();
        sum.add(other);
        Some(sum)
    }
    fn minus(&mut self, other: &Self) {
        self.sub(other);
    }
    fn compare(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

/// The shortest digits of `d` (at most 17) and `k` with `v = 0.d₁d₂… × 10^k`.
fn shortest_digits(d: &Decoded, buf: &mut [u8; 17]) -> (usize, i64) {
    shortest_digits_in::<u64>(d, buf)
        .unwrap_or_else(|| shortest_digits_in::<Big>(d, buf).unwrap_or((0, 0)))
}

/// [`shortest_digits`] computed with `N`, or `None` if a number did not fit.
fn shortest_digits_in<N: Natural>(d: &Decoded, buf: &mut [u8; 17]) -> Option<(usize, i64)> {
    // `a < b` in the exclusive case, `a <= b` in the inclusive one.
    let below = |a: &N, b: &N| match a.compare(b) {
        Ordering::Less => true,
        Ordering::Equal => d.inclusive,
        Ordering::Greater => false,
    };
    let mut mant = N::from_u64(d.mant);
    let mut minus = N::from_u64(d.minus);
    let mut plus = N::from_u64(d.plus);
    let mut scale = N::from_u64(1);
    let mut ok = true;
    if d.exp < 0 {
        ok &= scale.mul_pow2(d.exp.unsigned_abs() as u32);
    } else {
        let e = d.exp as u32;
        ok &= mant.mul_pow2(e) & minus.mul_pow2(e) & plus.mul_pow2(e);
    }
    // Estimate k ≈ log10(high), then make it exact, as `core` does: high < 10^k (≤ when the
    // interval is exclusive) and not 10·high < 10^k (≤) as well.
    let bits = 64 - (d.mant + d.plus).leading_zeros() as i64 + d.exp;
    let mut k = (bits * 1233) >> 12; // ≈ bits × log10(2)
    if k >= 0 {
        ok &= scale.mul_pow10(k as u32);
    } else {
        let e = k.unsigned_abs() as u32;
        ok &= mant.mul_pow10(e) & minus.mul_pow10(e) & plus.mul_pow10(e);
    }
    // The digit loop multiplies numbers below 10·scale by 10: keep that within range too.
    let mut room = scale.clone();
    ok &= room.mul_small(100);
    if !ok {
        return None;
    }
    while below(&scale, &mant.plus(&plus)?) {
        if !scale.mul_small(10) {
            return None;
        }
        k += 1;
    }
    loop {
        let mut h10 = mant.plus(&plus)?;
        if !h10.mul_small(10) {
            return None;
        }
        if below(&scale, &h10) {
            break;
        }
        if !(mant.mul_small(10) & minus.mul_small(10) & plus.mul_small(10)) {
            return None;
        }
        k -= 1;
    }

    let mut n = 0;
    let (down, up) = loop {
        if !(mant.mul_small(10) & minus.mul_small(10) & plus.mul_small(10)) {
            return None;
        }
        let digit = mant.take_digit(&scale);
        if let Some(slot) = buf.get_mut(n) {
            *slot = digit;
            n += 1;
        }
        let down = below(&mant, &minus);
        let up = below(&scale, &mant.plus(&plus)?);
        if down || up || n == buf.len() {
            break (down, up);
        }
    };
    let round_up = up
        && (!down || {
            let mut twice = mant.clone();
            twice.mul_pow2(1) && twice.compare(&scale) != Ordering::Less
        });
    if round_up {
        // 0.999 → 0.1 × 10^(k+1) (never reached in practice, as for `core`).
        while n > 0 && buf[n - 1] == 9 {
            n -= 1;
        }
        if n == 0 {
            buf[0] = 1;
            n = 1;
            k += 1;
        } else {
            buf[n - 1] += 1;
        }
    }
    Some((n, k))
}

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The same text as `core`'s `Display` (the tests compare both). Only the `neural`
        // module itself (feature `bindings`) avoids core's tables with it: a module that merely
        // depends on this crate keeps core's float formatting, which it usually links anyway.
        if !cfg!(feature = "bindings") {
            return match *self {
                Shortest::F32(v) => fmt::Display::fmt(&v, f),
                Shortest::F64(v) => fmt::Display::fmt(&v, f),
            };
        }
        self.write(f)
    }
}

impl Shortest {
    /// Writes the text of [`Shortest`]'s `Display`, computed here.
    fn write(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let (negative, nan, inf, zero, decoded) = match *self {
            Shortest::F32(v) => {
                let bits = v.to_bits();
                (
                    bits >> 31 == 1,
                    v.is_nan(),
                    v.is_infinite(),
                    v == 0.0,
                    decode(
                        u64::from(bits & 0x7f_ffff),
                        u64::from((bits >> 23) & 0xff),
                        23,
                        127,
                    ),
                )
            }
            Shortest::F64(v) => {
                let bits = v.to_bits();
                (
                    bits >> 63 == 1,
                    v.is_nan(),
                    v.is_infinite(),
                    v == 0.0,
                    decode(bits & ((1 << 52) - 1), (bits >> 52) & 0x7ff, 52, 1023),
                )
            }
        };
        if nan {
            return out.write_str("NaN");
        }
        if negative {
            out.write_str("-")?;
        }
        if inf {
            return out.write_str("inf");
        }
        if zero {
            return out.write_str("0");
        }
        let mut buf = [0u8; 17];
        let (n, k) = shortest_digits(&decoded, &mut buf);
        for d in &mut buf[..n] {
            *d += b'0';
        }
        let digits = core::str::from_utf8(&buf[..n]).unwrap_or("");
        if k <= 0 {
            out.write_str("0.")?;
            write_zeros(out, k.unsigned_abs() as usize)?;
            out.write_str(digits)
        } else {
            let k = k as usize;
            match (digits.get(..k), digits.get(k..)) {
                (Some(int), Some(frac)) if !frac.is_empty() => {
                    out.write_str(int)?;
                    out.write_str(".")?;
                    out.write_str(frac)
                }
                _ => {
                    out.write_str(digits)?;
                    write_zeros(out, k.saturating_sub(n))
                }
            }
        }
    }

    /// The text of [`Shortest`]'s `Display`, computed here.
    #[cfg(test)]
    fn text(&self) -> String {
        let mut s = String::new();
        let _ = self.write(&mut s);
        s
    }
}

/// Writes `n` zeros.
fn write_zeros(out: &mut impl fmt::Write, mut n: usize) -> fmt::Result {
    const ZEROS: &str = "0000000000000000";
    while n > 0 {
        let step = n.min(ZEROS.len());
        out.write_str(&ZEROS[..step])?;
        n -= step;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Exact formatting (C's %f and %e)
// ---------------------------------------------------------------------------------------------

/// Capacity of an exact expansion: an `f32` has at most 39 integer digits, and at most 149
/// fraction digits of which at most 113 are significant.
const EXPANSION: usize = 192;

/// The exact decimal expansion of a finite `|x|`: `digits[..len]` with the decimal point after
/// `int_len ≥ 1` digits (a single leading `0` when `|x| < 1`).
struct Expansion {
    digits: [u8; EXPANSION],
    len: usize,
    int_len: usize,
}

impl Expansion {
    fn new(x: f32) -> Expansion {
        let (m, q) = f32_parts(x.to_bits() & 0x7fff_ffff);
        // |x| = m·2^q = m·5^k / 10^k with k = -q fraction digits when q < 0.
        let mut n = Big::from_u64(m);
        let frac_len = if q >= 0 {
            n.mul_pow2(q as u32);
            0
        } else {
            n.mul_pow5(q.unsigned_abs() as u32);
            q.unsigned_abs() as usize
        };
        // Digits of n, least significant first, 9 at a time.
        let mut rev = [0u8; EXPANSION];
        let mut count = 0;
        while !n.is_zero() {
            let mut chunk = n.div_rem_small(1_000_000_000);
            let digits = if n.is_zero() { 0 } else { 9 };
            let mut i = 0;
            while (i < digits || chunk != 0) && count < EXPANSION {
                rev[count] = (chunk % 10) as u8;
                chunk /= 10;
                count += 1;
                i += 1;
            }
        }
        // Zero-pad to at least one integer digit.
        let total = count.max(frac_len + 1).min(EXPANSION);
        let mut e = Expansion {
            digits: [0; EXPANSION],
            len: total,
            int_len: total - frac_len.min(total),
        };
        for (i, slot) in e.digits[..total].iter_mut().enumerate() {
            *slot = rev.get(total - 1 - i).copied().unwrap_or(0);
        }
        e
    }

    /// Rounds to the first `keep` digits (half to even on the exact value); returns true when
    /// rounding carried out of the first digit (all kept digits were 9: they become 0 and the
    /// caller accounts for the new leading 1).
    fn round_at(&mut self, keep: usize) -> bool {
        let rest = self.digits.get(keep..self.len).unwrap_or(&[]);
        let round_up = match rest.split_first() {
            None => false,
            Some((&first, tail)) => {
                first > 5
                    || (first == 5
                        && (tail.iter().any(|&d| d != 0)
                            || keep
                                .checked_sub(1)
                                .and_then(|i| self.digits.get(i))
                                .is_some_and(|d| d % 2 == 1)))
            }
        };
        if keep < self.len {
            self.len = keep;
        }
        if round_up {
            for d in self.digits[..keep.min(EXPANSION)].iter_mut().rev() {
                if *d == 9 {
                    *d = 0;
                } else {
                    *d += 1;
                    return false;
                }
            }
            return true;
        }
        false
    }

    /// Digit `i`, zero past the end.
    fn digit(&self, i: usize) -> char {
        let d = if i < self.len { self.digits[i] } else { 0 };
        char::from(b'0' + d)
    }
}

/// Appends the sign of `x` (C prints `-` for negative zero too) and returns true if `x` is not
/// finite, having written `nan`, `inf` or `-inf` as C does.
fn write_sign_or_special(out: &mut String, x: f32) -> bool {
    if x.is_nan() {
        out.push_str("nan");
        return true;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return true;
    }
    false
}

/// Appends C's `printf("%.{precision}f", x)` (`x` promoted to double): the exact value
/// rounded half to even at `precision` decimals.
pub(crate) fn write_fixed(out: &mut String, x: f32, precision: usize) {
    if write_sign_or_special(out, x) {
        return;
    }
    let mut e = Expansion::new(x);
    let carry = e.round_at(e.int_len + precision);
    if carry {
        out.push('1');
    }
    for i in 0..e.int_len {
        out.push(e.digit(i));
    }
    if precision > 0 {
        out.push('.');
        for i in e.int_len..e.int_len + precision {
            out.push(e.digit(i));
        }
    }
}

/// Appends C's `printf("%.{precision}e", x)` (`x` promoted to double): `d.ddd…e±XX`, the exact
/// value rounded half to even at `precision + 1` significant digits.
pub(crate) fn write_exp(out: &mut String, x: f32, precision: usize) {
    if write_sign_or_special(out, x) {
        return;
    }
    let mut e = Expansion::new(x);
    let first = e.digits[..e.len].iter().position(|&d| d != 0);
    let mut exp10 = 0i64;
    if let Some(first) = first {
        exp10 = e.int_len as i64 - 1 - first as i64;
        // Drop the leading zeros, then round.
        e.digits.copy_within(first..e.len, 0);
        e.len -= first;
        if e.round_at(precision + 1) {
            e.digits[0] = 1;
            exp10 += 1;
        }
    }
    out.push(e.digit(0));
    if precision > 0 {
        out.push('.');
        for i in 1..=precision {
            out.push(e.digit(i));
        }
    }
    out.push('e');
    out.push(if exp10 < 0 { '-' } else { '+' });
    let _ = write!(out, "{:02}", exp10.unsigned_abs());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec::Vec;

    /// Random bit patterns plus the edge cases of the format.
    fn f32_samples(n: usize) -> Vec<f32> {
        let mut rng = Rng::new(7);
        let mut v: Vec<f32> = [
            0.0f32,
            -0.0,
            1.0,
            0.1,
            0.5,
            1.5,
            f32::MAX,
            f32::MIN_POSITIVE,
            f32::from_bits(1),
            f32::from_bits(0x007f_ffff),
            f32::from_bits(0x0080_0001),
            1e-7,
            1e30,
            3.4028235e38,
            16_777_216.0,
            16_777_217.0,
            0.0078125,
            1.0 / 128.0 + 1.0 / 1024.0,
            2.5,
            0.000_000_5,
            9.999_999e-7,
            123_456.79,
        ]
        .into_iter()
        .flat_map(|x| [x, -x])
        .collect();
        for p in -149..128 {
            let x = libm::ldexpf(1.0, p);
            v.extend([
                x,
                f32::from_bits(x.to_bits() + 1),
                f32::from_bits(x.to_bits() - 1),
            ]);
        }
        while v.len() < n {
            let bits = rng.next_u64() as u32;
            let x = f32::from_bits(bits);
            if x.is_finite() {
                v.push(x);
            }
        }
        v
    }

    #[test]
    fn shortest_matches_core_f32() {
        for x in f32_samples(60_000) {
            assert_eq!(
                Shortest::F32(x).text(),
                x.to_string(),
                "bits {:#x}",
                x.to_bits()
            );
        }
        for x in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            assert_eq!(Shortest::F32(x).text(), x.to_string());
        }
    }

    #[test]
    fn shortest_matches_core_f64() {
        let mut rng = Rng::new(9);
        let mut v: Vec<f64> = [
            0.0f64,
            -0.0,
            0.1,
            1e21,
            1e-7,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::from_bits(1),
            f64::from_bits(0x000f_ffff_ffff_ffff),
            4_294_967_295.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            5e-324,
            1.7976931348623157e308,
        ]
        .into_iter()
        .flat_map(|x| [x, -x])
        .collect();
        for p in -1074..1024 {
            let x = libm::ldexp(1.0, p);
            v.extend([
                x,
                f64::from_bits(x.to_bits() + 1),
                f64::from_bits(x.to_bits() - 1),
            ]);
        }
        for _ in 0..40_000 {
            v.push(f64::from_bits(rng.next_u64()));
            v.push(f64::from(f32::from_bits(rng.next_u64() as u32)));
        }
        for x in v {
            assert_eq!(
                Shortest::F64(x).text(),
                x.to_string(),
                "bits {:#x}",
                x.to_bits()
            );
        }
    }

    #[test]
    fn fixed_and_exp_match_core() {
        for x in f32_samples(60_000) {
            let d = f64::from(x);
            for precision in [0usize, 1, 6, 20] {
                let mut s = String::new();
                write_fixed(&mut s, x, precision);
                assert_eq!(s, format!("{d:.precision$}"), "bits {:#x}", x.to_bits());
            }
            for precision in [0usize, 2, 8, 20] {
                let mut s = String::new();
                write_exp(&mut s, x, precision);
                let core = format!("{d:.precision$e}");
                let (mantissa, exp) = core.split_once('e').unwrap();
                let exp: i32 = exp.parse().unwrap();
                let sign = if exp < 0 { '-' } else { '+' };
                let c_style = format!("{mantissa}e{sign}{:02}", exp.abs());
                assert_eq!(s, c_style, "bits {:#x}", x.to_bits());
            }
        }
        let mut s = String::new();
        for x in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            write_exp(&mut s, x, 20);
            s.push(' ');
            write_fixed(&mut s, x, 6);
            s.push(' ');
        }
        assert_eq!(s, "nan nan inf inf -inf -inf ");
    }

    #[test]
    fn parse_matches_core_on_formatted_values() {
        let mut rng = Rng::new(3);
        for x in f32_samples(40_000) {
            let d = f64::from(x);
            let texts = [
                x.to_string(),
                format!("{d:.20e}"),
                format!("{d:.6}"),
                format!("{d:e}"),
                format!("{:.9e}", d * (1.0 + (rng.next_u64() % 1000) as f64 * 1e-12)),
                // Midpoints between x and its neighbours, written exactly.
                format!("{:.1074e}", d + (d.abs() * f64::EPSILON * 2.0f64.powi(28))),
                format!(
                    "{:.1074e}",
                    (d + f64::from(f32::from_bits(x.to_bits() + 1))) / 2.0
                ),
            ];
            for t in texts {
                let ours = parse_f32(&t).map(f32::to_bits);
                let core = t.parse::<f32>().ok().map(f32::to_bits);
                assert_eq!(ours, core, "{t}");
            }
        }
    }

    #[test]
    fn parse_matches_core_on_odd_text() {
        let cases = [
            "", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1e-", "1.", ".5", "+.5", "-.5e-3", "1.2.3",
            "1e5.0", "0x10", " 1", "1 ", "inf", "INF", "-Infinity", "infinit", "nan", "-NaN", "NAN",
            "nan0", "0", "-0", "00000", "-0.0e99999999999999999999", "1e99999999999999999999",
            "1e-99999999999999999999", "0.000000000000000000000000000000000000000000001401298464",
            "0.0000000000000000000000000000000000000000000007006492321624085354618647916449580656",
            "0.0000000000000000000000000000000000000000000007006492321624085354618647916449580657",
            "340282356779733661637539395458142568447.9", "340282356779733661637539395458142568448",
            "3.4028235e38", "3.4028236e38", "1e39", "9e-46", "7e-46", "1_0", "１", "1e٣",
            "0000000000000000000000000000000000000000001", "1.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
            "16777217", "16777217.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
            "33554431", "0.1", "1e-45", "1.5e-45", "2.1019476964872256063855943749348741969203929128147736576356024258346866240301e-45",
        ];
        for t in cases {
            let ours = parse_f32(t).map(|v| if v.is_nan() { u32::MAX } else { v.to_bits() });
            let core = t
                .parse::<f32>()
                .ok()
                .map(|v| if v.is_nan() { u32::MAX } else { v.to_bits() });
            assert_eq!(ours, core, "{t:?}");
        }
        // Random short strings over the grammar's alphabet.
        let alphabet = b"0123456789.eE+-inftyaINFN5";
        let mut rng = Rng::new(5);
        for _ in 0..200_000 {
            let len = 1 + (rng.next_u64() % 8) as usize;
            let t: String = (0..len)
                .map(|_| char::from(alphabet[(rng.next_u64() % alphabet.len() as u64) as usize]))
                .collect();
            let ours = parse_f32(&t).map(|v| if v.is_nan() { u32::MAX } else { v.to_bits() });
            let core = t
                .parse::<f32>()
                .ok()
                .map(|v| if v.is_nan() { u32::MAX } else { v.to_bits() });
            assert_eq!(ours, core, "{t:?}");
        }
    }
}
