//! Training data sets and FANN's `.data` text format.
//!
//! The format (FANN's `fann_read_train_from_file`): a header `num_data num_input num_output`,
//! then for every sample its inputs and its outputs, whitespace separated (FANN writes each
//! sample's inputs on one line and its outputs on the next).

use crate::decimal::Shortest;
use crate::error::{check_finite, NeuralError, Quoted, Result};
use crate::network::try_zeroed;
use crate::rng::Rng;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// A set of (input, desired output) samples, stored row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingData {
    num_input: usize,
    num_output: usize,
    inputs: Vec<f32>,
    outputs: Vec<f32>,
}

impl TrainingData {
    /// A data set from flat row-major arrays: `inputs` holds `n·num_input` values and
    /// `outputs` `n·num_output` values for `n` samples. All values must be finite.
    pub fn new(
        num_input: usize,
        num_output: usize,
        inputs: Vec<f32>,
        outputs: Vec<f32>,
    ) -> Result<Self> {
        if num_input == 0 || num_output == 0 {
            return Err(NeuralError::InvalidArgument(format!(
                "a data set needs at least one input and one output per sample \
                 (got {num_input} inputs and {num_output} outputs)"
            )));
        }
        if inputs.len() % num_input != 0 {
            return Err(NeuralError::SizeMismatch(format!(
                "{} input values are not a whole number of samples of {num_input} inputs",
                inputs.len()
            )));
        }
        if outputs.len() % num_output != 0 {
            return Err(NeuralError::SizeMismatch(format!(
                "{} output values are not a whole number of samples of {num_output} outputs",
                outputs.len()
            )));
        }
        let n = inputs.len() / num_input;
        if outputs.len() / num_output != n {
            return Err(NeuralError::SizeMismatch(format!(
                "the inputs hold {n} samples but the outputs hold {}",
                outputs.len() / num_output
            )));
        }
        check_finite(&inputs, "inputs")?;
        check_finite(&outputs, "outputs")?;
        Ok(TrainingData {
            num_input,
            num_output,
            inputs,
            outputs,
        })
    }

    /// A data set from one vector per sample.
    pub fn from_samples(inputs: &[Vec<f32>], outputs: &[Vec<f32>]) -> Result<Self> {
        if inputs.len() != outputs.len() {
            return Err(NeuralError::SizeMismatch(format!(
                "{} input samples but {} output samples",
                inputs.len(),
                outputs.len()
            )));
        }
        let num_input = inputs.first().map_or(0, Vec::len);
        let num_output = outputs.first().map_or(0, Vec::len);
        let mut fi = Vec::with_capacity(inputs.len() * num_input);
        let mut fo = Vec::with_capacity(outputs.len() * num_output);
        for (i, (x, y)) in inputs.iter().zip(outputs).enumerate() {
            if x.len() != num_input {
                return Err(NeuralError::SizeMismatch(format!(
                    "sample {i} has {} inputs, sample 0 has {num_input}",
                    x.len()
                )));
            }
            if y.len() != num_output {
                return Err(NeuralError::SizeMismatch(format!(
                    "sample {i} has {} outputs, sample 0 has {num_output}",
                    y.len()
                )));
            }
            fi.extend_from_slice(x);
            fo.extend_from_slice(y);
        }
        if inputs.is_empty() {
            return Err(NeuralError::InvalidArgument(
                "cannot infer the sample sizes of an empty list of samples".into(),
            ));
        }
        TrainingData::new(num_input, num_output, fi, fo)
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.inputs.len() / self.num_input
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// Inputs per sample.
    pub fn num_input(&self) -> usize {
        self.num_input
    }

    /// Outputs per sample.
    pub fn num_output(&self) -> usize {
        self.num_output
    }

    /// All inputs, sample after sample.
    pub fn inputs(&self) -> &[f32] {
        &self.inputs
    }

    /// All outputs, sample after sample.
    pub fn outputs(&self) -> &[f32] {
        &self.outputs
    }

    /// The inputs of sample `i`, if it exists.
    pub fn input(&self, i: usize) -> Option<&[f32]> {
        self.inputs
            .get(i * self.num_input..(i + 1) * self.num_input)
    }

    /// The outputs of sample `i`, if it exists.
    pub fn output(&self, i: usize) -> Option<&[f32]> {
        self.outputs
            .get(i * self.num_output..(i + 1) * self.num_output)
    }

    /// Sample `i` (`i < len()`; internal use).
    pub(crate) fn sample(&self, i: usize) -> (&[f32], &[f32]) {
        (
            &self.inputs[i * self.num_input..(i + 1) * self.num_input],
            &self.outputs[i * self.num_output..(i + 1) * self.num_output],
        )
    }

    /// Shuffles the samples (FANN's `fann_shuffle_train_data`, with a seeded generator).
    pub fn shuffle(&mut self, seed: u64) {
        let mut rng = Rng::new(seed);
        let n = self.len();
        for i in 0..n {
            let j = rng.below(n);
            if i != j {
                for k in 0..self.num_input {
                    self.inputs
                        .swap(i * self.num_input + k, j * self.num_input + k);
                }
                for k in 0..self.num_output {
                    self.outputs
                        .swap(i * self.num_output + k, j * self.num_output + k);
                }
            }
        }
    }

    fn scale_values(values: &mut [f32], new_min: f32, new_max: f32) -> Result<()> {
        if !new_min.is_finite() || !new_max.is_finite() || new_min > new_max {
            return Err(NeuralError::InvalidArgument(format!(
                "invalid scaling range [{}, {}]",
                Shortest::F32(new_min),
                Shortest::F32(new_max)
            )));
        }
        let Some(&first) = values.first() else {
            return Ok(());
        };
        let (mut old_min, mut old_max) = (first, first);
        for &v in values.iter() {
            if v < old_min {
                old_min = v;
            } else if v > old_max {
                old_max = v;
            }
        }
        let old_span = old_max - old_min;
        if old_span <= 0.0 {
            return Err(NeuralError::InvalidArgument(
                "cannot scale values that are all equal".into(),
            ));
        }
        let factor = (new_max - new_min) / old_span;
        for v in values.iter_mut() {
            let t = (*v - old_min) * factor + new_min;
            *v = if t < new_min {
                new_min
            } else if t > new_max {
                new_max
            } else {
                t
            };
        }
        Ok(())
    }

    /// Linearly maps all inputs (as one range) onto `[new_min, new_max]`
    /// (FANN's `fann_scale_input_train_data`).
    pub fn scale_input(&mut self, new_min: f32, new_max: f32) -> Result<()> {
        Self::scale_values(&mut self.inputs, new_min, new_max)
    }

    /// Linearly maps all outputs onto `[new_min, new_max]`
    /// (FANN's `fann_scale_output_train_data`).
    pub fn scale_output(&mut self, new_min: f32, new_max: f32) -> Result<()> {
        Self::scale_values(&mut self.outputs, new_min, new_max)
    }

    /// Scales inputs and outputs separately onto `[new_min, new_max]`
    /// (FANN's `fann_scale_train_data`).
    pub fn scale(&mut self, new_min: f32, new_max: f32) -> Result<()> {
        self.scale_input(new_min, new_max)?;
        self.scale_output(new_min, new_max)
    }

    /// The samples of `self` followed by those of `other` (FANN's `fann_merge_train_data`).
    pub fn merge(&self, other: &TrainingData) -> Result<TrainingData> {
        if self.num_input != other.num_input || self.num_output != other.num_output {
            return Err(NeuralError::SizeMismatch(format!(
                "cannot merge data with {}/{} inputs/outputs and data with {}/{}",
                self.num_input, self.num_output, other.num_input, other.num_output
            )));
        }
        let mut inputs = self.inputs.clone();
        inputs.extend_from_slice(&other.inputs);
        let mut outputs = self.outputs.clone();
        outputs.extend_from_slice(&other.outputs);
        Ok(TrainingData {
            inputs,
            outputs,
            ..*self
        })
    }

    /// `length` samples from position `pos` (FANN's `fann_subset_train_data`).
    pub fn subset(&self, pos: usize, length: usize) -> Result<TrainingData> {
        let end = pos
            .checked_add(length)
            .filter(|&e| e <= self.len())
            .ok_or_else(|| {
                NeuralError::InvalidArgument(format!(
                    "subset {pos}..{pos}+{length} is outside the {} samples",
                    self.len()
                ))
            })?;
        Ok(TrainingData {
            num_input: self.num_input,
            num_output: self.num_output,
            inputs: self.inputs[pos * self.num_input..end * self.num_input].to_vec(),
            outputs: self.outputs[pos * self.num_output..end * self.num_output].to_vec(),
        })
    }

    /// Parses FANN `.data` text.
    pub fn from_fann_str(text: &str) -> Result<TrainingData> {
        let mut tokens = Tokens::new(text);
        let mut header = [0usize; 3];
        let names = ["number of samples", "number of inputs", "number of outputs"];
        for (h, name) in header.iter_mut().zip(names) {
            let (tok, line) = tokens.next().ok_or_else(|| {
                NeuralError::Parse(format!(
                    "the .data header must hold the number of samples, inputs and outputs; \
                     the {name} is missing"
                ))
            })?;
            *h = tok.parse::<usize>().map_err(|_| {
                NeuralError::Parse(format!(
                    "line {line}: the {name} must be a non-negative integer, found {}",
                    Quoted(tok)
                ))
            })?;
        }
        let [num_data, num_input, num_output] = header;
        if num_input == 0 || num_output == 0 {
            return Err(NeuralError::Parse(format!(
                "the header declares {num_input} inputs and {num_output} outputs; \
                 both must be at least 1"
            )));
        }
        let n_in = num_data.checked_mul(num_input);
        let n_out = num_data.checked_mul(num_output);
        let (n_in, n_out) = match (n_in, n_out) {
            (Some(a), Some(b)) if a.checked_add(b).is_some_and(|t| t <= text.len()) => (a, b),
            _ => {
                return Err(NeuralError::Parse(format!(
                    "the header declares {num_data} samples of {num_input} inputs and \
                     {num_output} outputs, more values than the text can hold"
                )))
            }
        };
        let mut inputs: Vec<f32> = try_zeroed(n_in, "input values")?;
        let mut outputs: Vec<f32> = try_zeroed(n_out, "output values")?;
        for s in 0..num_data {
            for (what, width, dest) in [
                ("input", num_input, &mut inputs),
                ("output", num_output, &mut outputs),
            ] {
                for k in 0..width {
                    let (tok, line) = tokens.next().ok_or_else(|| {
                        NeuralError::Parse(format!(
                            "the text ends before {what} {k} of sample {s} \
                             (the header declares {num_data} samples)"
                        ))
                    })?;
                    let v = parse_f32(tok).ok_or_else(|| {
                        NeuralError::Parse(format!(
                            "line {line}: {what} {k} of sample {s} is not a number: {}",
                            Quoted(tok)
                        ))
                    })?;
                    if !v.is_finite() {
                        return Err(NeuralError::Parse(format!(
                            "line {line}: {what} {k} of sample {s} is {tok} \
                             (only finite numbers are allowed)"
                        )));
                    }
                    dest[s * width + k] = v;
                }
            }
        }
        if let Some((tok, line)) = tokens.next() {
            return Err(NeuralError::Parse(format!(
                "line {line}: unexpected value {} after the {num_data} samples \
                 declared in the header",
                Quoted(tok)
            )));
        }
        TrainingData::new(num_input, num_output, inputs, outputs)
    }

    /// Writes FANN `.data` text (each value in the shortest form that reads back exactly).
    pub fn to_fann_string(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} {} {}", self.len(), self.num_input, self.num_output);
        for i in 0..self.len() {
            let (x, y) = self.sample(i);
            for row in [x, y] {
                for (k, v) in row.iter().enumerate() {
                    if k > 0 {
                        s.push(' ');
                    }
                    let _ = write!(s, "{}", Shortest::F32(*v));
                }
                s.push('\n');
            }
        }
        s
    }
}

/// Parses a number the way C's `strtof`/`scanf("%f")` accepts decimal input (the grammar of
/// `str::parse::<f32>`, see [`crate::decimal::parse_f32`]).
pub(crate) fn parse_f32(tok: &str) -> Option<f32> {
    crate::decimal::parse_f32(tok)
}

/// Whitespace-separated tokens with their 1-based line numbers.
pub(crate) struct Tokens<'a> {
    rest: &'a str,
    line: usize,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Tokens {
            rest: text,
            line: 1,
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.rest.as_bytes();
        let mut i = 0;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            if bytes[i] == b'\n' {
                self.line += 1;
            }
            i += 1;
        }
        if i == bytes.len() {
            self.rest = "";
            return None;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let tok = &self.rest[start..i];
        self.rest = &self.rest[i..];
        Some((tok, self.line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn parses_fann_data_written_by_libfann() {
        // Exactly what libfann 2.2's fann_save_train wrote for a small set.
        let text = "2 2 1\n0.100000 -1 \n0 \n3 4 \n-2.500000 \n";
        let d = TrainingData::from_fann_str(text).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d.inputs(), &[0.1, -1.0, 3.0, 4.0]);
        assert_eq!(d.outputs(), &[0.0, -2.5]);
        assert_eq!(d.input(1), Some(&[3.0f32, 4.0][..]));
        assert_eq!(d.output(2), None);
    }

    #[test]
    fn round_trips_exactly() {
        let d = TrainingData::new(
            3,
            2,
            vec![0.1, -1e-7, 3.4028235e38, 1.0, 2.0, -0.0],
            vec![1.0 / 3.0, 7.0, -2.0, 1e-30],
        )
        .unwrap();
        let text = d.to_fann_string();
        assert!(text.starts_with("2 3 2\n"));
        assert_eq!(TrainingData::from_fann_str(&text).unwrap(), d);
    }

    #[test]
    fn malformed_text_is_rejected_with_a_reason() {
        let cases = [
            ("", "missing"),
            ("2 2", "missing"),
            ("x 2 1", "non-negative integer"),
            ("1 0 1\n", "at least 1"),
            ("2 2 1\n1 2\n3\n4 5\n", "ends before"),
            ("1 2 1\n1 abc\n3\n", "not a number"),
            ("1 2 1\n1 nan\n3\n", "finite"),
            ("1 2 1\n1 inf\n3\n", "finite"),
            ("1 1 1\n1\n2\n3\n", "unexpected"),
            ("4000000000 1000000 1\n1\n", "more values"),
        ];
        for (text, needle) in cases {
            match TrainingData::from_fann_str(text) {
                Err(NeuralError::Parse(m)) => assert!(m.contains(needle), "{text:?}: {m}"),
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn constructors_validate() {
        assert!(TrainingData::new(0, 1, vec![], vec![]).is_err());
        assert!(TrainingData::new(2, 1, vec![1.0], vec![1.0]).is_err());
        assert!(TrainingData::new(1, 1, vec![1.0, 2.0], vec![1.0]).is_err());
        assert!(TrainingData::new(1, 1, vec![f32::NAN], vec![1.0]).is_err());
        let d =
            TrainingData::from_samples(&[vec![1.0, 2.0], vec![3.0, 4.0]], &[vec![1.0], vec![0.0]])
                .unwrap();
        assert_eq!(d.len(), 2);
        assert!(
            TrainingData::from_samples(&[vec![1.0], vec![3.0, 4.0]], &[vec![1.0], vec![0.0]])
                .is_err()
        );
        assert!(TrainingData::from_samples(&[], &[]).is_err());
    }

    #[test]
    fn shuffle_scale_merge_subset() {
        let d =
            TrainingData::new(1, 1, vec![0.0, 1.0, 2.0, 3.0], vec![0.0, 10.0, 20.0, 30.0]).unwrap();
        let mut s = d.clone();
        s.shuffle(3);
        let mut pairs: Vec<(f32, f32)> = (0..4).map(|i| (s.inputs()[i], s.outputs()[i])).collect();
        for (x, y) in &pairs {
            assert_eq!(*y, *x * 10.0);
        }
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(pairs[3], (3.0, 30.0));
        let mut t = d.clone();
        t.scale(-1.0, 1.0).unwrap();
        for (a, b) in t.inputs().iter().zip([-1.0f32, -1.0 / 3.0, 1.0 / 3.0, 1.0]) {
            assert!((a - b).abs() < 1e-6);
        }
        assert_eq!(t.outputs()[3], 1.0);
        let m = d.merge(&d).unwrap();
        assert_eq!(m.len(), 8);
        let sub = m.subset(3, 2).unwrap();
        assert_eq!(sub.inputs(), &[3.0, 0.0]);
        assert!(m.subset(7, 2).is_err());
        assert!(m.subset(usize::MAX, 2).is_err());
        let flat = TrainingData::new(1, 1, vec![1.0, 1.0], vec![0.0, 1.0]).unwrap();
        assert!(flat.clone().scale_input(0.0, 1.0).is_err());
    }
}
