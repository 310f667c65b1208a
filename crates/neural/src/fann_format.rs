//! FANN 2.2 floating-point network files (`.net`, version line `FANN_FLO_2.1`).
//!
//! [`Network::to_fann_string`] writes exactly what libfann 2.2's `fann_save` writes (same keys,
//! order and number formats: `%f` for parameters, `%.20e` for weights and steepnesses).
//! [`Network::from_fann_str`] reads `FANN_FLO_2.1` and `FANN_FLO_2.0` files, checks the whole
//! structure and reports what is wrong with malformed text instead of failing later.

use crate::activation::ActivationFunction;
use crate::data::parse_f32;
use crate::decimal::{write_exp, write_fixed};
use crate::error::{NeuralError, Quoted, Result};
use crate::network::{Network, NetworkType, Neuron, Parts, ScaleParams};
use crate::params::{
    CascadeParams, ErrorFunction, StopFunction, TrainingAlgorithm, TrainingParams,
};
use crate::rng::DEFAULT_SEED;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// Version line of the files written.
pub const FANN_FLO_VERSION: &str = "FANN_FLO_2.1";

const NEURONS_KEY: &str = "neurons (num_inputs, activation_function, activation_steepness)";
const CONNECTIONS_KEY: &str = "connections (connected_to_neuron, weight)";

/// C's `printf("%f", x)`.
fn c_f(out: &mut String, x: f32) {
    write_fixed(out, x, 6);
}

/// C's `printf("%.20e", x)` for a float promoted to double.
fn c_e20(out: &mut String, x: f32) {
    write_exp(out, x, 20);
}

impl Network {
    /// The network as FANN 2.2 `.net` text (what `fann_save` writes), loadable by libfann.
    pub fn to_fann_string(&self) -> String {
        let p = &self.params;
        let c = &self.cascade;
        let mut s = String::new();
        let line_f = |s: &mut String, key: &str, v: f32| {
            s.push_str(key);
            s.push('=');
            c_f(s, v);
            s.push('\n');
        };
        s.push_str(FANN_FLO_VERSION);
        s.push('\n');
        let _ = writeln!(s, "num_layers={}", self.layers.len());
        line_f(&mut s, "learning_rate", p.learning_rate);
        line_f(&mut s, "connection_rate", self.connection_rate);
        let _ = writeln!(s, "network_type={}", self.network_type as u32);
        line_f(&mut s, "learning_momentum", p.learning_momentum);
        let _ = writeln!(s, "training_algorithm={}", p.algorithm.fann_code());
        let _ = writeln!(s, "train_error_function={}", p.error_function as u32);
        let _ = writeln!(s, "train_stop_function={}", p.stop_function as u32);
        line_f(
            &mut s,
            "cascade_output_change_fraction",
            c.output_change_fraction,
        );
        line_f(&mut s, "quickprop_decay", p.quickprop_decay);
        line_f(&mut s, "quickprop_mu", p.quickprop_mu);
        line_f(&mut s, "rprop_increase_factor", p.rprop_increase_factor);
        line_f(&mut s, "rprop_decrease_factor", p.rprop_decrease_factor);
        line_f(&mut s, "rprop_delta_min", p.rprop_delta_min);
        line_f(&mut s, "rprop_delta_max", p.rprop_delta_max);
        line_f(&mut s, "rprop_delta_zero", p.rprop_delta_zero);
        let _ = writeln!(
            s,
            "cascade_output_stagnation_epochs={}",
            c.output_stagnation_epochs
        );
        line_f(
            &mut s,
            "cascade_candidate_change_fraction",
            c.candidate_change_fraction,
        );
        let _ = writeln!(
            s,
            "cascade_candidate_stagnation_epochs={}",
            c.candidate_stagnation_epochs
        );
        let _ = writeln!(s, "cascade_max_out_epochs={}", c.max_out_epochs);
        let _ = writeln!(s, "cascade_min_out_epochs={}", c.min_out_epochs);
        let _ = writeln!(s, "cascade_max_cand_epochs={}", c.max_cand_epochs);
        let _ = writeln!(s, "cascade_min_cand_epochs={}", c.min_cand_epochs);
        let _ = writeln!(s, "cascade_num_candidate_groups={}", c.num_candidate_groups);
        for (key, v) in [
            ("bit_fail_limit", p.bit_fail_limit),
            ("cascade_candidate_limit", c.candidate_limit),
            ("cascade_weight_multiplier", c.weight_multiplier),
        ] {
            s.push_str(key);
            s.push('=');
            c_e20(&mut s, v);
            s.push('\n');
        }
        let _ = writeln!(
            s,
            "cascade_activation_functions_count={}",
            c.activation_functions.len()
        );
        s.push_str("cascade_activation_functions=");
        for f in &c.activation_functions {
            let _ = write!(s, "{f} ");
        }
        s.push('\n');
        let _ = writeln!(
            s,
            "cascade_activation_steepnesses_count={}",
            c.activation_steepnesses.len()
        );
        s.push_str("cascade_activation_steepnesses=");
        for v in &c.activation_steepnesses {
            c_e20(&mut s, *v);
            s.push(' ');
        }
        s.push('\n');
        s.push_str("layer_sizes=");
        for l in &self.layers {
            let _ = write!(s, "{} ", l.end() - l.first_neuron);
        }
        s.push('\n');
        match &self.scale {
            None => s.push_str("scale_included=0\n"),
            Some(sc) => {
                s.push_str("scale_included=1\n");
                for (key, vals) in [
                    ("scale_mean_in", &sc.mean_in),
                    ("scale_deviation_in", &sc.deviation_in),
                    ("scale_new_min_in", &sc.new_min_in),
                    ("scale_factor_in", &sc.factor_in),
                    ("scale_mean_out", &sc.mean_out),
                    ("scale_deviation_out", &sc.deviation_out),
                    ("scale_new_min_out", &sc.new_min_out),
                    ("scale_factor_out", &sc.factor_out),
                ] {
                    s.push_str(key);
                    s.push('=');
                    for v in vals {
                        c_f(&mut s, *v);
                        s.push(' ');
                    }
                    s.push('\n');
                }
            }
        }
        s.push_str(NEURONS_KEY);
        s.push('=');
        for n in &self.neurons {
            let _ = write!(
                s,
                "({}, {}, ",
                n.last_con - n.first_con,
                n.activation.code()
            );
            c_e20(&mut s, n.steepness);
            s.push_str(") ");
        }
        s.push('\n');
        s.push_str(CONNECTIONS_KEY);
        s.push('=');
        for (src, w) in self.connections.iter().zip(&self.weights) {
            let _ = write!(s, "({src}, ");
            c_e20(&mut s, *w);
            s.push_str(") ");
        }
        s.push('\n');
        s
    }

    /// Reads a network from FANN 2.2 `.net` text (`FANN_FLO_2.1` or `FANN_FLO_2.0`).
    pub fn from_fann_str(text: &str) -> Result<Network> {
        let mut lines = text.lines().enumerate();
        let version = loop {
            match lines.next() {
                Some((_, l)) if l.trim().is_empty() => continue,
                Some((_, l)) => break l.trim(),
                None => return Err(perr("the text is empty, expected a FANN network file")),
            }
        };
        if version.starts_with("FANN_FIX_") {
            return Err(perr(&format!(
                "{version} is a fixed-point FANN network; only floating-point networks \
                 (FANN_FLO_2.0/2.1, written by fann_save of the float library) are supported"
            )));
        }
        if version != "FANN_FLO_2.1" && version != "FANN_FLO_2.0" {
            return Err(perr(&format!(
                "the first line is {}; a FANN 2.x floating-point network starts with \
                 FANN_FLO_2.1 (or FANN_FLO_2.0)",
                truncate(version)
            )));
        }
        let mut fields: Vec<(&str, &str, usize)> = Vec::new();
        for (i, l) in lines {
            let l = l.trim_end_matches('\r');
            if l.trim().is_empty() {
                continue;
            }
            let (key, value) = l.split_once('=').ok_or_else(|| {
                perr(&format!(
                    "line {}: expected key=value, found {}",
                    i + 1,
                    truncate(l)
                ))
            })?;
            let key = key.trim();
            if fields.iter().any(|f| f.0 == key) {
                return Err(perr(&format!("line {}: {key} appears twice", i + 1)));
            }
            fields.push((key, value, i + 1));
        }
        let f = Fields { fields };

        let num_layers: usize = f.parse_int("num_layers")?;
        let network_type = match f.parse_int::<u32>("network_type")? {
            0 => NetworkType::Layer,
            1 => NetworkType::Shortcut,
            other => {
                return Err(perr(&format!(
                    "network_type={other} is not valid (0 = layer, 1 = shortcut)"
                )))
            }
        };
        let connection_rate = f.parse_float_or("connection_rate", 1.0)?;
        let defaults = TrainingParams::default();
        let params = TrainingParams {
            algorithm: TrainingAlgorithm::from_code(
                f.parse_int_or("training_algorithm", defaults.algorithm.code())?,
            )
            .map_err(|e| perr(e.message()))?,
            learning_rate: f.parse_float_or("learning_rate", defaults.learning_rate)?,
            learning_momentum: f.parse_float_or("learning_momentum", defaults.learning_momentum)?,
            error_function: ErrorFunction::from_code(f.parse_int_or("train_error_function", 1)?)
                .map_err(|e| perr(e.message()))?,
            stop_function: StopFunction::from_code(f.parse_int_or("train_stop_function", 0)?)
                .map_err(|e| perr(e.message()))?,
            bit_fail_limit: f.parse_float_or("bit_fail_limit", defaults.bit_fail_limit)?,
            quickprop_decay: f.parse_float_or("quickprop_decay", defaults.quickprop_decay)?,
            quickprop_mu: f.parse_float_or("quickprop_mu", defaults.quickprop_mu)?,
            rprop_increase_factor: f
                .parse_float_or("rprop_increase_factor", defaults.rprop_increase_factor)?,
            rprop_decrease_factor: f
                .parse_float_or("rprop_decrease_factor", defaults.rprop_decrease_factor)?,
            rprop_delta_min: f.parse_float_or("rprop_delta_min", defaults.rprop_delta_min)?,
            rprop_delta_max: f.parse_float_or("rprop_delta_max", defaults.rprop_delta_max)?,
            rprop_delta_zero: f.parse_float_or("rprop_delta_zero", defaults.rprop_delta_zero)?,
            ..defaults
        };
        params.validate().map_err(|e| perr(e.message()))?;
        let cd = CascadeParams::default();
        let mut cascade = CascadeParams {
            output_change_fraction: f
                .parse_float_or("cascade_output_change_fraction", cd.output_change_fraction)?,
            output_stagnation_epochs: f.parse_int_or(
                "cascade_output_stagnation_epochs",
                cd.output_stagnation_epochs,
            )?,
            candidate_change_fraction: f.parse_float_or(
                "cascade_candidate_change_fraction",
                cd.candidate_change_fraction,
            )?,
            candidate_stagnation_epochs: f.parse_int_or(
                "cascade_candidate_stagnation_epochs",
                cd.candidate_stagnation_epochs,
            )?,
            max_out_epochs: f.parse_int_or("cascade_max_out_epochs", cd.max_out_epochs)?,
            min_out_epochs: f.parse_int_or("cascade_min_out_epochs", cd.min_out_epochs)?,
            max_cand_epochs: f.parse_int_or("cascade_max_cand_epochs", cd.max_cand_epochs)?,
            min_cand_epochs: f.parse_int_or("cascade_min_cand_epochs", cd.min_cand_epochs)?,
            num_candidate_groups: f
                .parse_int_or("cascade_num_candidate_groups", cd.num_candidate_groups)?,
            candidate_limit: f.parse_float_or("cascade_candidate_limit", cd.candidate_limit)?,
            weight_multiplier: f
                .parse_float_or("cascade_weight_multiplier", cd.weight_multiplier)?,
            activation_functions: cd.activation_functions.clone(),
            activation_steepnesses: cd.activation_steepnesses.clone(),
        };
        if let Some((value, line)) = f.get("cascade_activation_functions") {
            let list = parse_list(value, line, "cascade_activation_functions", |t| {
                t.parse::<u32>()
                    .ok()
                    .filter(|&c| ActivationFunction::from_code(c).is_ok())
            })?;
            let count: usize = f.parse_int_or("cascade_activation_functions_count", list.len())?;
            if count != list.len() {
                return Err(perr(&format!(
                    "line {line}: cascade_activation_functions_count is {count} but {} \
                     functions are listed",
                    list.len()
                )));
            }
            cascade.activation_functions = list;
        }
        if let Some((value, line)) = f.get("cascade_activation_steepnesses") {
            let list = parse_list(value, line, "cascade_activation_steepnesses", |t| {
                parse_f32(t).filter(|v| v.is_finite())
            })?;
            let count: usize =
                f.parse_int_or("cascade_activation_steepnesses_count", list.len())?;
            if count != list.len() {
                return Err(perr(&format!(
                    "line {line}: cascade_activation_steepnesses_count is {count} but {} \
                     steepnesses are listed",
                    list.len()
                )));
            }
            cascade.activation_steepnesses = list;
        }

        // Layers.
        let (sizes_text, sizes_line) = f.require("layer_sizes")?;
        let sizes = parse_list(sizes_text, sizes_line, "layer_sizes", |t| {
            t.parse::<u64>().ok()
        })?;
        if sizes.len() != num_layers {
            return Err(perr(&format!(
                "line {sizes_line}: num_layers is {num_layers} but layer_sizes lists {} layers",
                sizes.len()
            )));
        }
        if num_layers < 2 {
            return Err(perr(&format!(
                "num_layers is {num_layers}; a network has at least 2 layers"
            )));
        }
        let mut layers: Vec<(usize, bool)> = Vec::with_capacity(num_layers);
        let mut total_neurons: u64 = 0;
        for (i, &size) in sizes.iter().enumerate() {
            let bias = i == 0 || network_type == NetworkType::Layer;
            let min = if bias { 2 } else { 1 };
            if size < min {
                return Err(perr(&format!(
                    "line {sizes_line}: layer {i} has size {size}; it needs at least {min} \
                     neuron{} (one real neuron{})",
                    if min > 1 { "s" } else { "" },
                    if bias { " and the bias neuron" } else { "" }
                )));
            }
            total_neurons = total_neurons.saturating_add(size);
            let real = usize::try_from(size - u64::from(bias))
                .map_err(|_| perr(&format!("layer {i} is too large ({size} neurons)")))?;
            layers.push((real, bias));
        }

        // Scaling.
        let num_input = layers[0].0;
        let num_output = layers[num_layers - 1].0;
        let scale = match f.get("scale_included") {
            None => None,
            Some((v, line)) => match v.trim() {
                "0" => None,
                "1" => {
                    let read = |key: &str, n: usize| -> Result<Vec<f32>> {
                        let (text, l) = f.require(key)?;
                        let v =
                            parse_list(text, l, key, |t| parse_f32(t).filter(|x| x.is_finite()))?;
                        if v.len() != n {
                            return Err(perr(&format!(
                                "line {l}: {key} has {} values, expected {n}",
                                v.len()
                            )));
                        }
                        Ok(v)
                    };
                    Some(ScaleParams {
                        mean_in: read("scale_mean_in", num_input)?,
                        deviation_in: read("scale_deviation_in", num_input)?,
                        new_min_in: read("scale_new_min_in", num_input)?,
                        factor_in: read("scale_factor_in", num_input)?,
                        mean_out: read("scale_mean_out", num_output)?,
                        deviation_out: read("scale_deviation_out", num_output)?,
                        new_min_out: read("scale_new_min_out", num_output)?,
                        factor_out: read("scale_factor_out", num_output)?,
                    })
                }
                other => {
                    return Err(perr(&format!(
                        "line {line}: scale_included must be 0 or 1, found {}",
                        truncate(other)
                    )))
                }
            },
        };

        // Neurons.
        let (neurons_text, neurons_line) = f.require(NEURONS_KEY)?;
        let tuples = parse_tuples(neurons_text, neurons_line, "neurons", 3)?;
        if tuples.len() as u64 != total_neurons {
            return Err(perr(&format!(
                "line {neurons_line}: layer_sizes add up to {total_neurons} neurons but {} \
                 neurons are listed",
                tuples.len()
            )));
        }
        let mut neurons = Vec::with_capacity(tuples.len());
        let mut total_connections: usize = 0;
        for (i, t) in tuples.iter().enumerate() {
            let count: usize = t[0].parse().map_err(|_| {
                perr(&format!(
                    "line {neurons_line}: neuron {i}: number of inputs {} is not a \
                     non-negative integer",
                    truncate(t[0])
                ))
            })?;
            let code: u32 = t[1].parse().map_err(|_| {
                perr(&format!(
                    "line {neurons_line}: neuron {i}: activation function {} is not an integer",
                    truncate(t[1])
                ))
            })?;
            let activation = ActivationFunction::from_code(code)
                .map_err(|e| perr(&format!("line {neurons_line}: neuron {i}: {}", e.message())))?;
            let steepness = parse_f32(t[2]).filter(|v| v.is_finite()).ok_or_else(|| {
                perr(&format!(
                    "line {neurons_line}: neuron {i}: steepness {} is not a finite number",
                    truncate(t[2])
                ))
            })?;
            let first_con = total_connections;
            total_connections = total_connections
                .checked_add(count)
                .ok_or_else(|| perr("too many connections"))?;
            neurons.push(Neuron {
                first_con,
                last_con: total_connections,
                activation,
                steepness,
            });
        }

        // Connections.
        let (cons_text, cons_line) = f.require(CONNECTIONS_KEY)?;
        let tuples = parse_tuples(cons_text, cons_line, "connections", 2)?;
        if tuples.len() != total_connections {
            return Err(perr(&format!(
                "line {cons_line}: the neurons have {total_connections} inputs in total but {} \
                 connections are listed",
                tuples.len()
            )));
        }
        let mut connections = Vec::with_capacity(tuples.len());
        let mut weights = Vec::with_capacity(tuples.len());
        for (i, t) in tuples.iter().enumerate() {
            let src: u32 = t[0]
                .parse()
                .ok()
                .filter(|&s| (s as u64) < total_neurons)
                .ok_or_else(|| {
                    perr(&format!(
                        "line {cons_line}: connection {i}: source neuron {} is not a neuron \
                         index below {total_neurons}",
                        truncate(t[0])
                    ))
                })?;
            let w = parse_f32(t[1]).filter(|v| v.is_finite()).ok_or_else(|| {
                perr(&format!(
                    "line {cons_line}: connection {i}: weight {} is not a finite number",
                    truncate(t[1])
                ))
            })?;
            connections.push(src);
            weights.push(w);
        }

        Network::from_parts(Parts {
            network_type,
            connection_rate,
            layers,
            neurons,
            connections,
            weights,
            params,
            cascade,
            scale,
            seed: DEFAULT_SEED,
        })
        .map_err(|e| match e {
            NeuralError::Parse(_) => e,
            other => perr(&format!("inconsistent network: {}", other.message())),
        })
    }
}

fn perr(msg: &str) -> NeuralError {
    NeuralError::Parse(String::from(msg))
}

/// At most 40 characters of `s`, quoted, for messages.
fn truncate(s: &str) -> Quoted<'_> {
    Quoted(match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    })
}

struct Fields<'a> {
    fields: Vec<(&'a str, &'a str, usize)>,
}

impl<'a> Fields<'a> {
    fn get(&self, key: &str) -> Option<(&'a str, usize)> {
        self.fields.iter().find(|f| f.0 == key).map(|f| (f.1, f.2))
    }

    fn require(&self, key: &str) -> Result<(&'a str, usize)> {
        self.get(key)
            .ok_or_else(|| perr(&format!("the network file has no {key}= line")))
    }

    fn parse_int<T: core::str::FromStr>(&self, key: &str) -> Result<T> {
        let (v, line) = self.require(key)?;
        v.trim().parse::<T>().map_err(|_| {
            perr(&format!(
                "line {line}: {key} must be a non-negative integer, found {}",
                truncate(v.trim())
            ))
        })
    }

    fn parse_int_or<T: core::str::FromStr>(&self, key: &str, default: T) -> Result<T> {
        match self.get(key) {
            None => Ok(default),
            Some(_) => self.parse_int(key),
        }
    }

    fn parse_float_or(&self, key: &str, default: f32) -> Result<f32> {
        match self.get(key) {
            None => Ok(default),
            Some((v, line)) => parse_f32(v.trim())
                .filter(|x| x.is_finite())
                .ok_or_else(|| {
                    perr(&format!(
                        "line {line}: {key} must be a finite number, found {}",
                        truncate(v.trim())
                    ))
                }),
        }
    }
}

#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
fn parse_list<T>(
    text: &str,
    line: usize,
    key: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>> {
    text.split_ascii_whitespace()
        .enumerate()
        .map(|(i, t)| {
            parse(t).ok_or_else(|| {
                perr(&format!(
                    "line {line}: {key}: entry {i} ({}) is not valid",
                    truncate(t)
                ))
            })
        })
        .collect()
}

/// Parses `(a, b, ...) (c, d, ...) ...` into tuples of `arity` trimmed fields.
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
fn parse_tuples<'a>(
    text: &'a str,
    line: usize,
    what: &str,
    arity: usize,
) -> Result<Vec<Vec<&'a str>>> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let body = rest.strip_prefix('(').ok_or_else(|| {
            perr(&format!(
                "line {line}: {what}: entry {} should start with '(', found {}",
                out.len(),
                truncate(rest)
            ))
        })?;
        let close = body.find(')').ok_or_else(|| {
            perr(&format!(
                "line {line}: {what}: entry {} has no closing ')'",
                out.len()
            ))
        })?;
        let parts: Vec<&str> = body[..close].split(',').map(str::trim).collect();
        if parts.len() != arity {
            return Err(perr(&format!(
                "line {line}: {what}: entry {} has {} fields, expected {arity}",
                out.len(),
                parts.len()
            )));
        }
        out.push(parts);
        rest = body[close + 1..].trim_start();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::TrainingData;
    use alloc::vec;

    /// A network saved by libfann 2.2 (`fann_create_standard(3, 2, 3, 1); fann_save(...)`).
    const LIBFANN_STANDARD: &str = include_str!("../tests/data/libfann_standard_2_3_1.net");
    /// A shortcut network saved by libfann 2.2 (`fann_create_shortcut(3, 2, 2, 1)`).
    const LIBFANN_SHORTCUT: &str = include_str!("../tests/data/libfann_shortcut_2_2_1.net");
    /// A sparse network saved by libfann 2.2 (`fann_create_sparse(0.5, 3, 4, 3, 2)`).
    const LIBFANN_SPARSE: &str = include_str!("../tests/data/libfann_sparse_4_3_2.net");

    #[test]
    fn c_number_formats() {
        let mut s = String::new();
        c_e20(&mut s, 0.35);
        assert_eq!(s, "3.49999994039535522461e-01");
        s.clear();
        c_e20(&mut s, 1000.0);
        assert_eq!(s, "1.00000000000000000000e+03");
        s.clear();
        c_e20(&mut s, 0.0);
        assert_eq!(s, "0.00000000000000000000e+00");
        s.clear();
        c_e20(&mut s, -1.5e-30);
        assert!(s.starts_with("-1.50000") && s.ends_with("e-30"), "{s}");
        s.clear();
        c_f(&mut s, -0.0001);
        assert_eq!(s, "-0.000100");
    }

    #[test]
    fn writes_byte_identical_files_to_libfann() {
        for text in [LIBFANN_STANDARD, LIBFANN_SHORTCUT, LIBFANN_SPARSE] {
            let net = Network::from_fann_str(text).unwrap();
            assert_eq!(net.to_fann_string(), text);
        }
    }

    #[test]
    fn reads_libfann_layouts() {
        let net = Network::from_fann_str(LIBFANN_STANDARD).unwrap();
        assert_eq!(net.layer_sizes(), vec![2, 3, 1]);
        assert_eq!(net.network_type(), NetworkType::Layer);
        assert!(net.is_fully_dense());
        assert_eq!(net.total_connections(), 13);
        let net = Network::from_fann_str(LIBFANN_SHORTCUT).unwrap();
        assert_eq!(net.network_type(), NetworkType::Shortcut);
        assert!(net.is_fully_dense());
        let net = Network::from_fann_str(LIBFANN_SPARSE).unwrap();
        assert!(!net.is_fully_dense());
        assert_eq!(net.connection_rate(), 0.5);
    }

    #[test]
    fn round_trips_created_networks() {
        let data = TrainingData::new(2, 1, vec![0.0, 1.0, 1.0, 0.0], vec![1.0, 0.0]).unwrap();
        for builder in [
            Network::builder(&[2, 5, 3, 1])
                .hidden_activation(ActivationFunction::Elliot)
                .hidden_steepness(0.75),
            Network::builder(&[2, 4, 1]).shortcut(),
            Network::builder(&[2, 6, 1]).connection_rate(0.6),
            Network::builder(&[2, 3, 1]).output_activation(ActivationFunction::LeakyRelu),
        ] {
            let mut net = builder.seed(21).build().unwrap();
            net.randomize_weights(-3.0, 3.0).unwrap();
            net.set_scaling_params(&data, -1.0, 1.0, -1.0, 1.0).unwrap();
            let text = net.to_fann_string();
            let mut back = Network::from_fann_str(&text).unwrap();
            assert_eq!(back.to_fann_string(), text);
            assert_eq!(back.weights(), net.weights());
            for x in [[0.3f32, -0.2], [1.0, 1.0]] {
                assert_eq!(back.run(&x).unwrap(), net.run(&x).unwrap());
            }
        }
    }

    #[test]
    fn adam_is_saved_as_rprop() {
        let net = Network::builder(&[1, 1])
            .training_algorithm(TrainingAlgorithm::Adam)
            .build()
            .unwrap();
        assert!(net.to_fann_string().contains("\ntraining_algorithm=2\n"));
    }

    #[test]
    fn malformed_files_are_rejected_with_a_reason() {
        let good = LIBFANN_STANDARD;
        let cases: Vec<(String, &str)> = vec![
            (String::new(), "empty"),
            ("hello\n".into(), "first line"),
            (good.replace("FANN_FLO_2.1", "FANN_FIX_2.0"), "fixed-point"),
            (good.replace("num_layers=3", "num_layers=4"), "num_layers"),
            (good.replace("num_layers=3", "num_layers=x"), "integer"),
            (
                good.replace("layer_sizes=3 4 2", "layer_sizes=3 1 2"),
                "at least 2",
            ),
            (
                good.replace("network_type=0", "network_type=7"),
                "network_type",
            ),
            (
                good.replace("(3, 4, 5.0", "(3, 40, 5.0"),
                "activation function code",
            ),
            (good.replace("(3, 4, 5.0", "(3, 4, nan"), "steepness"),
            (
                good.replace("(3, 4, 5.0", "(4, 4, 5.0"),
                "connections are listed",
            ),
            (good.replace("(0, -9.18", "(0, nan"), "weight"),
            (good.replace("(0, -9.18", "(99, -9.18"), "source neuron"),
            (good.replace("(0, -9.18", "(5, -9.18"), "earlier layer"),
            (good.replace("(0, -9.18", "0, -9.18"), "should start with"),
            (
                good.replace("learning_rate=0.700000", "learning_rate=abc"),
                "learning_rate",
            ),
            (
                good.replace("training_algorithm=2", "training_algorithm=9"),
                "training algorithm",
            ),
            (
                good.replace("connections (connected_to_neuron, weight)=", "connections="),
                "no connections",
            ),
            (
                good.replace("scale_included=0", "scale_included=1"),
                "scale_mean_in",
            ),
            (
                good.replace("neurons (num_inputs", "num_layers=3\nneurons (num_inputs"),
                "twice",
            ),
        ];
        for (text, needle) in cases {
            match Network::from_fann_str(&text) {
                Err(NeuralError::Parse(m)) => assert!(m.contains(needle), "{needle}: {m}"),
                other => panic!("expected a parse error mentioning {needle:?}, got {other:?}"),
            }
        }
    }

    #[test]
    fn fann_2_0_files_without_scale_line_load() {
        let text = LIBFANN_STANDARD
            .replace("FANN_FLO_2.1", "FANN_FLO_2.0")
            .replace("scale_included=0\n", "");
        let net = Network::from_fann_str(&text).unwrap();
        assert_eq!(net.total_connections(), 13);
    }
}
