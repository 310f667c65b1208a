//! The network: FANN's neuron/connection layout, construction, the forward pass and the
//! accessors.
//!
//! Layout (identical to FANN's, so `.net` files map one to one): all neurons of all layers live
//! in one array, layer by layer. In a [`NetworkType::Layer`] network every layer ends with a
//! bias neuron (value 1; the output layer's one is unused); in a [`NetworkType::Shortcut`]
//! network only the input layer has one. Every neuron owns a contiguous range of connections,
//! each a (source neuron, weight) pair. In a fully connected layer FANN puts the bias weight
//! last; in a sparse layer first.
//!
//! When all neurons of a layer read the same contiguous run of source neurons (every fully
//! connected layer of both topologies), the layer's weights form a row-major matrix and the
//! forward and backward passes use the dense [`crate::kernels`]; other layers use a gather loop.

use crate::activation::{clip_sum, ActivationFunction};
use crate::data::TrainingData;
use crate::decimal::Shortest;
use crate::error::{check_finite, check_finite_scalar, NeuralError, Result};
use crate::kernels;
use crate::params::{CascadeParams, TrainingAlgorithm, TrainingParams};
use crate::rng::{Rng, DEFAULT_SEED};
use alloc::format;
use alloc::vec;
use alloc::vec::Vec;

/// Largest number of neurons in one layer (FANN's limit).
pub const MAX_LAYER_SIZE: usize = 1_000_000;
/// Largest number of connections in a network (keeps memory use bounded: each connection
/// costs up to 32 bytes with all training state).
pub const MAX_CONNECTIONS: usize = 1 << 26;

/// How the layers are connected (FANN's `enum fann_nettype_enum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum NetworkType {
    /// `FANN_NETTYPE_LAYER`: each layer is connected to the next one only.
    Layer = 0,
    /// `FANN_NETTYPE_SHORTCUT`: each layer is connected to every later layer.
    Shortcut = 1,
}

/// One neuron: its connection range, activation function and steepness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Neuron {
    pub first_con: usize,
    pub last_con: usize,
    pub activation: ActivationFunction,
    pub steepness: f32,
}

/// A layer whose neurons all read `cols` consecutive source neurons starting at `src`, with
/// their weights stored row after row from connection `first_con`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DenseBlock {
    pub first_con: usize,
    pub cols: usize,
    pub src: usize,
}

/// One layer: `num_neurons` real neurons from `first_neuron`, then a bias neuron if `bias`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layer {
    pub first_neuron: usize,
    pub num_neurons: usize,
    pub bias: bool,
    pub dense: Option<DenseBlock>,
}

impl Layer {
    /// One past the layer's last neuron (bias included).
    pub fn end(&self) -> usize {
        self.first_neuron + self.num_neurons + usize::from(self.bias)
    }
}

/// One connection of the network, as FANN's `struct fann_connection`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Connection {
    /// Index of the source neuron (FANN numbering, bias neurons included).
    pub from_neuron: usize,
    /// Index of the destination neuron.
    pub to_neuron: usize,
    /// The weight.
    pub weight: f32,
}

/// FANN's input/output scaling parameters (`fann_set_scaling_params`), one entry per input or
/// output.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleParams {
    /// Mean of each input.
    pub mean_in: Vec<f32>,
    /// Standard deviation of each input.
    pub deviation_in: Vec<f32>,
    /// Lower bound of the scaled inputs.
    pub new_min_in: Vec<f32>,
    /// Scale factor of the inputs.
    pub factor_in: Vec<f32>,
    /// Mean of each output.
    pub mean_out: Vec<f32>,
    /// Standard deviation of each output.
    pub deviation_out: Vec<f32>,
    /// Lower bound of the scaled outputs.
    pub new_min_out: Vec<f32>,
    /// Scale factor of the outputs.
    pub factor_out: Vec<f32>,
}

impl ScaleParams {
    /// Parameters that leave values unchanged apart from FANN's identity mapping
    /// (mean 0, deviation 1, new minimum -1, factor 1).
    pub fn identity(num_input: usize, num_output: usize) -> Self {
        ScaleParams {
            mean_in: vec![0.0; num_input],
            deviation_in: vec![1.0; num_input],
            new_min_in: vec![-1.0; num_input],
            factor_in: vec![1.0; num_input],
            mean_out: vec![0.0; num_output],
            deviation_out: vec![1.0; num_output],
            new_min_out: vec![-1.0; num_output],
            factor_out: vec![1.0; num_output],
        }
    }
}

/// Training buffers, allocated on first use.
#[derive(Debug, Clone, Default)]
pub(crate) struct TrainState {
    pub errors: Vec<f32>,
    pub slopes: Vec<f32>,
    pub prev_steps: Vec<f32>,
    pub prev_slopes: Vec<f32>,
    pub prev_deltas: Vec<f32>,
    pub adam_m: Vec<f32>,
    pub adam_v: Vec<f32>,
    pub adam_t: u32,
    pub sarprop_epoch: u32,
    /// Whether slopes/steps have been initialised for the current algorithm.
    pub arrays_ready: bool,
}

/// A feed-forward neural network in FANN's model.
#[derive(Debug, Clone)]
pub struct Network {
    pub(crate) network_type: NetworkType,
    pub(crate) connection_rate: f32,
    pub(crate) layers: Vec<Layer>,
    pub(crate) neurons: Vec<Neuron>,
    pub(crate) weights: Vec<f32>,
    pub(crate) connections: Vec<u32>,
    pub(crate) num_input: usize,
    pub(crate) num_output: usize,
    pub(crate) params: TrainingParams,
    pub(crate) cascade: CascadeParams,
    pub(crate) scale: Option<ScaleParams>,
    pub(crate) rng: Rng,
    pub(crate) values: Vec<f32>,
    pub(crate) sums: Vec<f32>,
    pub(crate) train: TrainState,
    pub(crate) mse_value: f32,
    pub(crate) num_mse: u32,
    pub(crate) num_bit_fail: u32,
}

/// Everything needed to assemble a network; validated by [`Network::from_parts`].
pub(crate) struct Parts {
    pub network_type: NetworkType,
    pub connection_rate: f32,
    /// `(real neurons, has bias)` per layer.
    pub layers: Vec<(usize, bool)>,
    pub neurons: Vec<Neuron>,
    pub connections: Vec<u32>,
    pub weights: Vec<f32>,
    pub params: TrainingParams,
    pub cascade: CascadeParams,
    pub scale: Option<ScaleParams>,
    pub seed: u64,
}

fn input_neuron() -> Neuron {
    Neuron {
        first_con: 0,
        last_con: 0,
        activation: ActivationFunction::Linear,
        steepness: 0.0,
    }
}

/// Allocates a zeroed vector, reporting allocation failure as an error instead of aborting.
pub(crate) fn try_zeroed<T: Clone + Default>(n: usize, what: &str) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| {
        NeuralError::InvalidArgument(format!("cannot allocate memory for {n} {what}"))
    })?;
    v.resize(n, T::default());
    Ok(v)
}

/// Builds a network from layer sizes and options; see [`Network::builder`].
#[derive(Debug, Clone)]
pub struct NetworkBuilder {
    layers: Vec<usize>,
    network_type: NetworkType,
    connection_rate: f32,
    hidden_activation: Option<ActivationFunction>,
    output_activation: Option<ActivationFunction>,
    hidden_steepness: Option<f32>,
    output_steepness: Option<f32>,
    seed: u64,
    params: TrainingParams,
}

impl NetworkBuilder {
    /// A builder for a fully connected [`NetworkType::Layer`] network with the given layer
    /// sizes (input first, output last), FANN's default activation (`SigmoidStepwise`,
    /// steepness 0.5), weights uniform in [-0.1, 0.1) and FANN's default training parameters.
    pub fn new(layers: &[usize]) -> Self {
        NetworkBuilder {
            layers: layers.to_vec(),
            network_type: NetworkType::Layer,
            connection_rate: 1.0,
            hidden_activation: None,
            output_activation: None,
            hidden_steepness: None,
            output_steepness: None,
            seed: DEFAULT_SEED,
            params: TrainingParams::default(),
        }
    }

    /// Sets the topology.
    pub fn network_type(mut self, network_type: NetworkType) -> Self {
        self.network_type = network_type;
        self
    }

    /// Makes a shortcut network (every layer connected to every later layer).
    pub fn shortcut(self) -> Self {
        self.network_type(NetworkType::Shortcut)
    }

    /// Sets the connection rate of a layered network (FANN's `fann_create_sparse`): 1 for a
    /// fully connected network, less for a sparse one. Must be in (0, 1]; shortcut networks
    /// are always fully connected.
    pub fn connection_rate(mut self, rate: f32) -> Self {
        self.connection_rate = rate;
        self
    }

    /// Sets the activation function of the hidden layers.
    pub fn hidden_activation(mut self, f: ActivationFunction) -> Self {
        self.hidden_activation = Some(f);
        self
    }

    /// Sets the activation function of the output layer.
    pub fn output_activation(mut self, f: ActivationFunction) -> Self {
        self.output_activation = Some(f);
        self
    }

    /// Sets the activation steepness of the hidden layers.
    pub fn hidden_steepness(mut self, s: f32) -> Self {
        self.hidden_steepness = Some(s);
        self
    }

    /// Sets the activation steepness of the output layer.
    pub fn output_steepness(mut self, s: f32) -> Self {
        self.output_steepness = Some(s);
        self
    }

    /// Sets the seed of the random generator used for the initial weights, the sparse
    /// connection layout and later randomisation and shuffling.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the training parameters.
    pub fn training_params(mut self, params: TrainingParams) -> Self {
        self.params = params;
        self
    }

    /// Sets the training algorithm.
    pub fn training_algorithm(mut self, algorithm: TrainingAlgorithm) -> Self {
        self.params.algorithm = algorithm;
        self
    }

    /// Creates the network.
    pub fn build(self) -> Result<Network> {
        self.params.validate()?;
        if self.layers.len() < 2 {
            return Err(NeuralError::InvalidTopology(format!(
                "a network needs at least 2 layers (input and output), got {}",
                self.layers.len()
            )));
        }
        for (i, &n) in self.layers.iter().enumerate() {
            if n == 0 {
                return Err(NeuralError::InvalidTopology(format!(
                    "layer {i} has 0 neurons (every layer needs at least one)"
                )));
            }
            if n > MAX_LAYER_SIZE {
                return Err(NeuralError::InvalidTopology(format!(
                    "layer {i} has {n} neurons (at most {MAX_LAYER_SIZE} are allowed)"
                )));
            }
        }
        let rate = self.connection_rate;
        if rate.is_nan() || rate <= 0.0 || rate > 1.0 {
            return Err(NeuralError::InvalidArgument(format!(
                "connection rate must be in (0, 1], got {}",
                Shortest::F32(rate)
            )));
        }
        if self.network_type == NetworkType::Shortcut && rate < 1.0 {
            return Err(NeuralError::InvalidArgument(
                "shortcut networks are always fully connected (connection rate 1)".into(),
            ));
        }
        for (s, name) in [
            (self.hidden_steepness, "hidden steepness"),
            (self.output_steepness, "output steepness"),
        ] {
            if let Some(s) = s {
                check_finite_scalar(s, name)?;
            }
        }
        let mut rng = Rng::new(self.seed);
        let parts = match self.network_type {
            NetworkType::Layer => build_layered(&self.layers, rate, &mut rng)?,
            NetworkType::Shortcut => build_shortcut(&self.layers, &mut rng)?,
        };
        let mut net = Network::from_parts(Parts {
            params: self.params,
            seed: self.seed,
            ..parts
        })?;
        net.rng = rng;
        if let Some(f) = self.hidden_activation {
            net.set_activation_function_hidden(f);
        }
        if let Some(f) = self.output_activation {
            net.set_activation_function_output(f);
        }
        if let Some(s) = self.hidden_steepness {
            net.set_activation_steepness_hidden(s)?;
        }
        if let Some(s) = self.output_steepness {
            net.set_activation_steepness_output(s)?;
        }
        Ok(net)
    }
}

fn check_connection_count(total: usize) -> Result<()> {
    if total > MAX_CONNECTIONS {
        return Err(NeuralError::InvalidTopology(format!(
            "the network would have {total} connections (at most {MAX_CONNECTIONS} are allowed)"
        )));
    }
    Ok(())
}

fn default_neuron(first_con: usize, last_con: usize) -> Neuron {
    Neuron {
        first_con,
        last_con,
        activation: ActivationFunction::SigmoidStepwise,
        steepness: 0.5,
    }
}

/// FANN's `fann_create_sparse_array` (a connection rate of 1 gives `fann_create_standard`).
fn build_layered(sizes: &[usize], rate: f32, rng: &mut Rng) -> Result<Parts> {
    let mut layer_first = Vec::with_capacity(sizes.len());
    let mut acc = 0usize;
    for &n in sizes {
        layer_first.push(acc);
        acc += n + 1;
    }
    let mut neurons: Vec<Neuron> = Vec::with_capacity(acc);
    neurons.extend((0..sizes[0] + 1).map(|_| input_neuron()));
    let mut total = 0usize;
    for l in 1..sizes.len() {
        let (num_in, num_out) = (sizes[l - 1], sizes[l]);
        let min_connections = num_in.max(num_out);
        let max_connections = num_in.checked_mul(num_out).ok_or_else(|| {
            NeuralError::InvalidTopology(format!("layer {l} has too many connections"))
        })?;
        let wanted = (0.5f64 + (rate * max_connections as f32) as f64) as usize;
        let num_connections = min_connections.max(wanted).min(max_connections) + num_out;
        check_connection_count(num_connections)?;
        let per_neuron = num_connections / num_out;
        let mut allocated = 0usize;
        for i in 0..num_out {
            let first = total + allocated;
            allocated += per_neuron;
            let mut last = total + allocated;
            if allocated < (num_connections * (i + 1)) / num_out {
                last += 1;
                allocated += 1;
            }
            neurons.push(default_neuron(first, last));
        }
        let end = total + allocated;
        neurons.push(Neuron {
            first_con: end,
            last_con: end,
            ..input_neuron()
        });
        total += num_connections;
        check_connection_count(total)?;
    }
    const UNSET: u32 = u32::MAX;
    let mut connections: Vec<u32> = vec![UNSET; total];
    let mut weights: Vec<f32> = try_zeroed(total, "weights")?;
    for l in 1..sizes.len() {
        let (num_in, num_out) = (sizes[l - 1], sizes[l]);
        let prev_first = layer_first[l - 1];
        let first = layer_first[l];
        let bias = (prev_first + num_in) as u32;
        if rate >= 1.0 {
            for n in &neurons[first..first + num_out] {
                for (k, c) in (n.first_con..n.last_con).enumerate() {
                    connections[c] = (prev_first + k) as u32;
                    weights[c] = rng.range(-0.1, 0.1);
                }
            }
            continue;
        }
        // Sparse layer, FANN's algorithm: the bias first, then every neuron of the previous
        // layer to a random neuron with room, then the remaining slots to random distinct
        // previous neurons.
        for n in &neurons[first..first + num_out] {
            connections[n.first_con] = bias;
            weights[n.first_con] = rng.range(-0.1, 0.1);
        }
        for src in prev_first..prev_first + num_in {
            let target = loop {
                let t = first + rng.below(num_out);
                let n = &neurons[t];
                if connections[n.last_con - 1] == UNSET {
                    break t;
                }
            };
            let n = neurons[target];
            if let Some(c) = (n.first_con..n.last_con).find(|&c| connections[c] == UNSET) {
                connections[c] = src as u32;
                weights[c] = rng.range(-0.1, 0.1);
            }
        }
        for n in &neurons[first..first + num_out] {
            for c in n.first_con..n.last_con {
                if connections[c] != UNSET {
                    continue;
                }
                let src = loop {
                    let s = (prev_first + rng.below(num_in)) as u32;
                    if !connections[n.first_con..c].contains(&s) {
                        break s;
                    }
                };
                connections[c] = src;
                weights[c] = rng.range(-0.1, 0.1);
            }
        }
    }
    Ok(Parts {
        network_type: NetworkType::Layer,
        connection_rate: rate,
        layers: sizes.iter().map(|&n| (n, true)).collect(),
        neurons,
        connections,
        weights,
        params: TrainingParams::default(),
        cascade: CascadeParams::default(),
        scale: None,
        seed: DEFAULT_SEED,
    })
}

/// FANN's `fann_create_shortcut_array`.
fn build_shortcut(sizes: &[usize], rng: &mut Rng) -> Result<Parts> {
    let mut neurons: Vec<Neuron> = Vec::new();
    neurons.extend((0..sizes[0] + 1).map(|_| input_neuron()));
    let mut total = 0usize;
    for &n in &sizes[1..] {
        let cols = neurons.len();
        for _ in 0..n {
            let first = total;
            total = total.checked_add(cols).ok_or_else(|| {
                NeuralError::InvalidTopology("the network has too many connections".into())
            })?;
            check_connection_count(total)?;
            neurons.push(default_neuron(first, total));
        }
    }
    let mut connections: Vec<u32> = try_zeroed(total, "connections")?;
    let mut weights: Vec<f32> = try_zeroed(total, "weights")?;
    for n in &neurons {
        for (k, c) in (n.first_con..n.last_con).enumerate() {
            connections[c] = k as u32;
            weights[c] = rng.range(-0.1, 0.1);
        }
    }
    Ok(Parts {
        network_type: NetworkType::Shortcut,
        connection_rate: 1.0,
        layers: sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| (n, i == 0))
            .collect(),
        neurons,
        connections,
        weights,
        params: TrainingParams::default(),
        cascade: CascadeParams::default(),
        scale: None,
        seed: DEFAULT_SEED,
    })
}

impl Network {
    /// Starts building a network with the given layer sizes (input first, output last).
    pub fn builder(layers: &[usize]) -> NetworkBuilder {
        NetworkBuilder::new(layers)
    }

    /// A fully connected layered network with FANN's defaults (`fann_create_standard`).
    pub fn new_standard(layers: &[usize]) -> Result<Network> {
        NetworkBuilder::new(layers).build()
    }

    /// A sparse layered network (`fann_create_sparse`).
    pub fn new_sparse(connection_rate: f32, layers: &[usize]) -> Result<Network> {
        NetworkBuilder::new(layers)
            .connection_rate(connection_rate)
            .build()
    }

    /// A shortcut network (`fann_create_shortcut`).
    pub fn new_shortcut(layers: &[usize]) -> Result<Network> {
        NetworkBuilder::new(layers).shortcut().build()
    }

    /// Validates the parts and assembles a network.
    pub(crate) fn from_parts(p: Parts) -> Result<Network> {
        p.params.validate()?;
        if p.layers.len() < 2 {
            return Err(NeuralError::InvalidTopology(format!(
                "a network needs at least 2 layers, got {}",
                p.layers.len()
            )));
        }
        let mut layers = Vec::with_capacity(p.layers.len());
        let mut next = 0usize;
        for (i, &(n, bias)) in p.layers.iter().enumerate() {
            if n == 0 {
                return Err(NeuralError::InvalidTopology(format!(
                    "layer {i} has 0 neurons (every layer needs at least one)"
                )));
            }
            let expected_bias = i == 0 || p.network_type == NetworkType::Layer;
            if bias != expected_bias {
                return Err(NeuralError::InvalidTopology(format!(
                    "layer {i} {} a bias neuron, which a {:?} network {}",
                    if bias { "has" } else { "lacks" },
                    p.network_type,
                    if bias { "does not have" } else { "needs" }
                )));
            }
            layers.push(Layer {
                first_neuron: next,
                num_neurons: n,
                bias,
                dense: None,
            });
            next = next
                .checked_add(n + usize::from(bias))
                .ok_or_else(|| NeuralError::InvalidTopology("too many neurons".into()))?;
        }
        if p.neurons.len() != next {
            return Err(NeuralError::InvalidTopology(format!(
                "the layer sizes add up to {next} neurons but {} neurons are given",
                p.neurons.len()
            )));
        }
        if p.weights.len() != p.connections.len() {
            return Err(NeuralError::InvalidTopology(format!(
                "{} weights for {} connections",
                p.weights.len(),
                p.connections.len()
            )));
        }
        check_connection_count(p.connections.len())?;
        check_finite(&p.weights, "weights")?;
        let mut expected_first = 0usize;
        for (li, layer) in layers.iter().enumerate() {
            for idx in layer.first_neuron..layer.end() {
                let n = &p.neurons[idx];
                let is_bias = idx == layer.first_neuron + layer.num_neurons;
                check_finite_scalar(n.steepness, &format!("steepness of neuron {idx}"))?;
                if n.first_con != expected_first || n.last_con < n.first_con {
                    return Err(NeuralError::InvalidTopology(format!(
                        "connections of neuron {idx} are not contiguous with the previous neuron's"
                    )));
                }
                expected_first = n.last_con;
                let count = n.last_con - n.first_con;
                if (li == 0 || is_bias) && count != 0 {
                    return Err(NeuralError::InvalidTopology(format!(
                        "neuron {idx} is an input or bias neuron but has {count} input connections"
                    )));
                }
                if li > 0 && !is_bias && count == 0 {
                    return Err(NeuralError::InvalidTopology(format!(
                        "neuron {idx} (layer {li}) has no input connections"
                    )));
                }
                if n.last_con > p.connections.len() {
                    return Err(NeuralError::InvalidTopology(format!(
                        "neuron {idx} refers to connection {} but there are only {}",
                        n.last_con,
                        p.connections.len()
                    )));
                }
                for c in n.first_con..n.last_con {
                    let src = p.connections[c] as usize;
                    if src >= layer.first_neuron {
                        return Err(NeuralError::InvalidTopology(format!(
                            "connection {c} feeds neuron {idx} (layer {li}) from neuron {src}, \
                             which is not in an earlier layer"
                        )));
                    }
                }
            }
        }
        if expected_first != p.connections.len() {
            return Err(NeuralError::InvalidTopology(format!(
                "the neurons use {expected_first} connections but {} are given",
                p.connections.len()
            )));
        }
        // Detect dense layers.
        for layer in layers.iter_mut().skip(1) {
            let first = p.neurons[layer.first_neuron];
            let cols = first.last_con - first.first_con;
            let src = p.connections[first.first_con] as usize;
            let dense = (0..layer.num_neurons).all(|r| {
                let n = &p.neurons[layer.first_neuron + r];
                n.first_con == first.first_con + r * cols
                    && n.last_con - n.first_con == cols
                    && p.connections[n.first_con..n.last_con]
                        .iter()
                        .enumerate()
                        .all(|(k, &s)| s as usize == src + k)
            });
            if dense {
                layer.dense = Some(DenseBlock {
                    first_con: first.first_con,
                    cols,
                    src,
                });
            }
        }
        let num_input = layers[0].num_neurons;
        let num_output = layers[layers.len() - 1].num_neurons;
        if let Some(s) = &p.scale {
            let ok_in = [&s.mean_in, &s.deviation_in, &s.new_min_in, &s.factor_in]
                .iter()
                .all(|v| v.len() == num_input);
            let ok_out = [&s.mean_out, &s.deviation_out, &s.new_min_out, &s.factor_out]
                .iter()
                .all(|v| v.len() == num_output);
            if !ok_in || !ok_out {
                return Err(NeuralError::InvalidTopology(
                    "scaling parameters do not match the number of inputs and outputs".into(),
                ));
            }
        }
        let total = p.neurons.len();
        let mut values: Vec<f32> = try_zeroed(total, "neuron values")?;
        for layer in &layers {
            if layer.bias {
                values[layer.first_neuron + layer.num_neurons] = 1.0;
            }
        }
        Ok(Network {
            network_type: p.network_type,
            connection_rate: p.connection_rate,
            layers,
            neurons: p.neurons,
            weights: p.weights,
            connections: p.connections,
            num_input,
            num_output,
            params: p.params,
            cascade: p.cascade,
            scale: p.scale,
            rng: Rng::new(p.seed),
            values,
            sums: try_zeroed(total, "neuron sums")?,
            train: TrainState::default(),
            mse_value: 0.0,
            num_mse: 0,
            num_bit_fail: 0,
        })
    }

    // ----------------------------------------------------------------------------------------
    // Forward pass
    // ----------------------------------------------------------------------------------------

    /// Checks an input vector's length and values.
    pub(crate) fn check_input(&self, input: &[f32]) -> Result<()> {
        if input.len() != self.num_input {
            return Err(NeuralError::SizeMismatch(format!(
                "the network has {} inputs but the input vector has {} values",
                self.num_input,
                input.len()
            )));
        }
        check_finite(input, "input")
    }

    /// The forward pass on an already validated input (FANN's `fann_run`).
    #[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
    pub(crate) fn forward(&mut self, input: &[f32]) {
        let n_in = self.num_input;
        self.values[..n_in].copy_from_slice(&input[..n_in]);
        self.values[n_in] = 1.0;
        for li in 1..self.layers.len() {
            let layer = &self.layers[li];
            let (first, rows, bias) = (layer.first_neuron, layer.num_neurons, layer.bias);
            let (before, rest) = self.values.split_at_mut(first);
            let sums = &mut self.sums[first..first + rows];
            match layer.dense {
                Some(d) => kernels::matvec(
                    &self.weights[d.first_con..d.first_con + rows * d.cols],
                    d.cols,
                    &before[d.src..d.src + d.cols],
                    sums,
                ),
                None => {
                    for (s, n) in sums.iter_mut().zip(&self.neurons[first..first + rows]) {
                        let mut acc = 0.0f32;
                        for c in n.first_con..n.last_con {
                            acc += self.weights[c] * before[self.connections[c] as usize];
                        }
                        *s = acc;
                    }
                }
            }
            let neurons = &self.neurons[first..first + rows];
            for ((s, v), n) in sums.iter_mut().zip(rest.iter_mut()).zip(neurons) {
                let sum = clip_sum(n.steepness * *s, n.steepness);
                *s = sum;
                *v = n.activation.activate(sum);
            }
            if bias {
                rest[rows] = 1.0;
            }
        }
    }

    /// The outputs of the last forward pass.
    pub fn outputs(&self) -> &[f32] {
        let last = &self.layers[self.layers.len() - 1];
        &self.values[last.first_neuron..last.first_neuron + self.num_output]
    }

    /// Runs the network on one input vector and returns the outputs (FANN's `fann_run`).
    #[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
    pub fn run(&mut self, input: &[f32]) -> Result<Vec<f32>> {
        self.check_input(input)?;
        self.forward(input);
        Ok(self.outputs().to_vec())
    }

    /// Runs the network and writes the outputs into `output` (which must hold
    /// [`Network::num_output`] values).
    #[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
    pub fn run_into(&mut self, input: &[f32], output: &mut [f32]) -> Result<()> {
        if output.len() != self.num_output {
            return Err(NeuralError::SizeMismatch(format!(
                "the network has {} outputs but the output buffer holds {} values",
                self.num_output,
                output.len()
            )));
        }
        self.check_input(input)?;
        self.forward(input);
        output.copy_from_slice(self.outputs());
        Ok(())
    }

    /// Runs the network on many inputs stored one after another in `inputs` (a multiple of
    /// [`Network::num_input`] values) and returns the outputs one after another.
    #[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
    pub fn run_batch(&mut self, inputs: &[f32]) -> Result<Vec<f32>> {
        let n_in = self.num_input;
        if inputs.len() % n_in != 0 {
            return Err(NeuralError::SizeMismatch(format!(
                "the batch has {} values, which is not a multiple of the {} inputs of the network",
                inputs.len(),
                n_in
            )));
        }
        check_finite(inputs, "inputs")?;
        let rows = inputs.len() / n_in;
        let total = rows.checked_mul(self.num_output).ok_or_else(|| {
            NeuralError::SizeMismatch(format!("{rows} samples produce too many outputs"))
        })?;
        let mut out = try_zeroed(total, "outputs")?;
        for (x, y) in inputs
            .chunks_exact(n_in)
            .zip(out.chunks_exact_mut(self.num_output))
        {
            self.forward(x);
            y.copy_from_slice(self.outputs());
        }
        Ok(out)
    }

    // ----------------------------------------------------------------------------------------
    // Structure
    // ----------------------------------------------------------------------------------------

    /// Number of inputs.
    pub fn num_input(&self) -> usize {
        self.num_input
    }

    /// Number of outputs.
    pub fn num_output(&self) -> usize {
        self.num_output
    }

    /// Number of layers, input and output included.
    pub fn num_layers(&self) -> usize {
        self.layers.len()
    }

    /// Neurons per layer, bias neurons excluded (FANN's `fann_get_layer_array`).
    pub fn layer_sizes(&self) -> Vec<usize> {
        self.layers.iter().map(|l| l.num_neurons).collect()
    }

    /// Bias neurons per layer (FANN's `fann_get_bias_array`: 1 for every layer but the last
    /// of a layered network, 1 for the input layer only of a shortcut network).
    pub fn bias_counts(&self) -> Vec<usize> {
        let last = self.layers.len() - 1;
        self.layers
            .iter()
            .enumerate()
            .map(|(i, l)| usize::from(l.bias && i != last))
            .collect()
    }

    /// Number of neurons with bias neurons (FANN's `fann_get_total_neurons`, which does not
    /// count the unused bias neuron of a layered network's output layer).
    pub fn total_neurons(&self) -> usize {
        match self.network_type {
            NetworkType::Layer => self.neurons.len() - 1,
            NetworkType::Shortcut => self.neurons.len(),
        }
    }

    /// Number of connections (and weights).
    pub fn total_connections(&self) -> usize {
        self.weights.len()
    }

    /// The topology.
    pub fn network_type(&self) -> NetworkType {
        self.network_type
    }

    /// The connection rate the network was created with.
    pub fn connection_rate(&self) -> f32 {
        self.connection_rate
    }

    /// Whether every layer uses the dense (matrix) kernels.
    pub fn is_fully_dense(&self) -> bool {
        self.layers.iter().skip(1).all(|l| l.dense.is_some())
    }

    fn layer_index(&self, layer: usize) -> Result<&Layer> {
        if layer == 0 || layer >= self.layers.len() {
            return Err(NeuralError::InvalidArgument(format!(
                "layer {layer} is out of range: activation settings exist for layers 1..{} \
                 (layer 0 is the input layer)",
                self.layers.len() - 1
            )));
        }
        Ok(&self.layers[layer])
    }

    fn neuron_index(&self, layer: usize, neuron: usize) -> Result<usize> {
        let l = self.layer_index(layer)?;
        let count = l.end() - l.first_neuron;
        if neuron >= count {
            return Err(NeuralError::InvalidArgument(format!(
                "neuron {neuron} is out of range: layer {layer} has {count} neurons"
            )));
        }
        Ok(l.first_neuron + neuron)
    }

    /// The activation function of a neuron (`layer` ≥ 1; neurons numbered within the layer).
    pub fn activation_function(&self, layer: usize, neuron: usize) -> Result<ActivationFunction> {
        Ok(self.neurons[self.neuron_index(layer, neuron)?].activation)
    }

    /// The activation steepness of a neuron.
    pub fn activation_steepness(&self, layer: usize, neuron: usize) -> Result<f32> {
        Ok(self.neurons[self.neuron_index(layer, neuron)?].steepness)
    }

    /// Sets the activation function of one neuron (`fann_set_activation_function`).
    pub fn set_activation_function(
        &mut self,
        layer: usize,
        neuron: usize,
        f: ActivationFunction,
    ) -> Result<()> {
        let i = self.neuron_index(layer, neuron)?;
        self.neurons[i].activation = f;
        Ok(())
    }

    /// Sets the activation steepness of one neuron (`fann_set_activation_steepness`).
    pub fn set_activation_steepness(
        &mut self,
        layer: usize,
        neuron: usize,
        steepness: f32,
    ) -> Result<()> {
        check_finite_scalar(steepness, "steepness")?;
        let i = self.neuron_index(layer, neuron)?;
        self.neurons[i].steepness = steepness;
        Ok(())
    }

    fn set_layers_activation(&mut self, from: usize, to: usize, f: ActivationFunction) {
        for li in from..to {
            let (a, b) = (self.layers[li].first_neuron, self.layers[li].end());
            self.neurons[a..b].iter_mut().for_each(|n| n.activation = f);
        }
    }

    fn set_layers_steepness(&mut self, from: usize, to: usize, s: f32) {
        for li in from..to {
            let (a, b) = (self.layers[li].first_neuron, self.layers[li].end());
            self.neurons[a..b].iter_mut().for_each(|n| n.steepness = s);
        }
    }

    /// Sets the activation function of every neuron of a layer, its bias neuron included as
    /// FANN does (`fann_set_activation_function_layer`).
    pub fn set_activation_function_layer(
        &mut self,
        layer: usize,
        f: ActivationFunction,
    ) -> Result<()> {
        self.layer_index(layer)?;
        self.set_layers_activation(layer, layer + 1, f);
        Ok(())
    }

    /// Sets the activation function of all hidden layers.
    pub fn set_activation_function_hidden(&mut self, f: ActivationFunction) {
        let last = self.layers.len() - 1;
        self.set_layers_activation(1, last, f);
    }

    /// Sets the activation function of the output layer.
    pub fn set_activation_function_output(&mut self, f: ActivationFunction) {
        let last = self.layers.len() - 1;
        self.set_layers_activation(last, last + 1, f);
    }

    /// Sets the activation steepness of every neuron of a layer.
    pub fn set_activation_steepness_layer(&mut self, layer: usize, steepness: f32) -> Result<()> {
        check_finite_scalar(steepness, "steepness")?;
        self.layer_index(layer)?;
        self.set_layers_steepness(layer, layer + 1, steepness);
        Ok(())
    }

    /// Sets the activation steepness of all hidden layers.
    pub fn set_activation_steepness_hidden(&mut self, steepness: f32) -> Result<()> {
        check_finite_scalar(steepness, "steepness")?;
        let last = self.layers.len() - 1;
        self.set_layers_steepness(1, last, steepness);
        Ok(())
    }

    /// Sets the activation steepness of the output layer.
    pub fn set_activation_steepness_output(&mut self, steepness: f32) -> Result<()> {
        check_finite_scalar(steepness, "steepness")?;
        let last = self.layers.len() - 1;
        self.set_layers_steepness(last, last + 1, steepness);
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Weights
    // ----------------------------------------------------------------------------------------

    /// All weights, in FANN's connection order.
    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    /// Replaces all weights (FANN's `fann_set_weights`); `weights` must hold
    /// [`Network::total_connections`] finite values.
    pub fn set_weights(&mut self, weights: &[f32]) -> Result<()> {
        if weights.len() != self.weights.len() {
            return Err(NeuralError::SizeMismatch(format!(
                "the network has {} weights but {} were given",
                self.weights.len(),
                weights.len()
            )));
        }
        check_finite(weights, "weights")?;
        self.weights.copy_from_slice(weights);
        Ok(())
    }

    /// All connections (FANN's `fann_get_connection_array`).
    pub fn connections(&self) -> Vec<Connection> {
        let mut out = Vec::with_capacity(self.weights.len());
        for (to, n) in self.neurons.iter().enumerate() {
            for c in n.first_con..n.last_con {
                out.push(Connection {
                    from_neuron: self.connections[c] as usize,
                    to_neuron: to,
                    weight: self.weights[c],
                });
            }
        }
        out
    }

    /// Sets the weight of the connection from `from_neuron` to `to_neuron`
    /// (FANN's `fann_set_weight`); an error if there is no such connection.
    pub fn set_weight(&mut self, from_neuron: usize, to_neuron: usize, weight: f32) -> Result<()> {
        check_finite_scalar(weight, "weight")?;
        let n = self.neurons.get(to_neuron).copied().ok_or_else(|| {
            NeuralError::InvalidArgument(format!(
                "neuron {to_neuron} does not exist (the network has {} neurons)",
                self.neurons.len()
            ))
        })?;
        let mut found = false;
        for c in n.first_con..n.last_con {
            if self.connections[c] as usize == from_neuron {
                self.weights[c] = weight;
                found = true;
            }
        }
        if found {
            Ok(())
        } else {
            Err(NeuralError::InvalidArgument(format!(
                "there is no connection from neuron {from_neuron} to neuron {to_neuron}"
            )))
        }
    }

    /// Re-seeds the network's random generator (used by [`Network::randomize_weights`],
    /// [`Network::init_weights`] and SARPROP).
    pub fn set_seed(&mut self, seed: u64) {
        self.rng = Rng::new(seed);
    }

    /// Sets every weight uniformly at random in `[min, max)` (FANN's
    /// `fann_randomize_weights`) and resets the training state.
    pub fn randomize_weights(&mut self, min: f32, max: f32) -> Result<()> {
        check_finite_scalar(min, "minimum weight")?;
        check_finite_scalar(max, "maximum weight")?;
        if min > max {
            return Err(NeuralError::InvalidArgument(format!(
                "minimum weight {} is greater than maximum weight {}",
                Shortest::F32(min),
                Shortest::F32(max)
            )));
        }
        for w in self.weights.iter_mut() {
            *w = self.rng.range(min, max);
        }
        self.reset_training_state();
        Ok(())
    }

    /// Widrow-Nguyen initialisation from the input range of `data` (FANN's
    /// `fann_init_weights`): weights from a bias neuron uniform in `[-f, f)`, the others in
    /// `[0, f)`, with `f = (0.7·hidden)^(1/inputs) / (max input - min input)`.
    pub fn init_weights(&mut self, data: &TrainingData) -> Result<()> {
        if data.num_input() != self.num_input {
            return Err(NeuralError::SizeMismatch(format!(
                "the data has {} inputs but the network has {}",
                data.num_input(),
                self.num_input
            )));
        }
        let inputs = data.inputs();
        let (mut smallest, mut largest) = match inputs.first() {
            Some(&v) => (v, v),
            None => {
                return Err(NeuralError::InvalidArgument(
                    "Widrow-Nguyen initialisation needs a non-empty data set".into(),
                ))
            }
        };
        for &v in inputs {
            if v < smallest {
                smallest = v;
            }
            if v > largest {
                largest = v;
            }
        }
        if largest <= smallest {
            return Err(NeuralError::InvalidArgument(
                "Widrow-Nguyen initialisation needs inputs that are not all equal".into(),
            ));
        }
        let num_hidden = self
            .neurons
            .len()
            .saturating_sub(self.num_input + self.num_output + self.layers.len());
        let scale = (libm::pow(
            0.7f32 as f64 * num_hidden as f64,
            1.0f64 / self.num_input as f64,
        ) / (largest - smallest) as f64) as f32;
        let input_bias = self.layers[0].num_neurons;
        for li in 1..self.layers.len() {
            let bias = match self.network_type {
                NetworkType::Layer => {
                    let prev = &self.layers[li - 1];
                    prev.first_neuron + prev.num_neurons
                }
                NetworkType::Shortcut => input_bias,
            };
            let (a, b) = (self.layers[li].first_neuron, self.layers[li].end());
            for ni in a..b {
                let n = self.neurons[ni];
                for c in n.first_con..n.last_con {
                    self.weights[c] = if self.connections[c] as usize == bias {
                        self.rng.range(-scale, scale)
                    } else {
                        self.rng.range(0.0, scale)
                    };
                }
            }
        }
        self.reset_training_state();
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Parameters
    // ----------------------------------------------------------------------------------------

    /// The training parameters.
    pub fn training_params(&self) -> &TrainingParams {
        &self.params
    }

    /// Replaces the training parameters (validated). Changing the algorithm resets the
    /// training state (steps, slopes, moments).
    pub fn set_training_params(&mut self, params: TrainingParams) -> Result<()> {
        params.validate()?;
        if params.algorithm != self.params.algorithm {
            self.reset_training_state();
        }
        self.params = params;
        Ok(())
    }

    /// The training algorithm.
    pub fn training_algorithm(&self) -> TrainingAlgorithm {
        self.params.algorithm
    }

    /// Sets the training algorithm (resets the training state if it changes).
    pub fn set_training_algorithm(&mut self, algorithm: TrainingAlgorithm) {
        if algorithm != self.params.algorithm {
            self.reset_training_state();
        }
        self.params.algorithm = algorithm;
    }

    /// The learning rate.
    pub fn learning_rate(&self) -> f32 {
        self.params.learning_rate
    }

    /// Sets the learning rate (finite, not negative).
    pub fn set_learning_rate(&mut self, rate: f32) -> Result<()> {
        let p = TrainingParams {
            learning_rate: rate,
            ..self.params
        };
        p.validate()?;
        self.params = p;
        Ok(())
    }

    /// The momentum of incremental training.
    pub fn learning_momentum(&self) -> f32 {
        self.params.learning_momentum
    }

    /// Sets the momentum of incremental training.
    pub fn set_learning_momentum(&mut self, momentum: f32) -> Result<()> {
        check_finite_scalar(momentum, "learning_momentum")?;
        self.params.learning_momentum = momentum;
        Ok(())
    }

    /// The cascade parameters (kept for `.net` round trips only).
    pub fn cascade_params(&self) -> &CascadeParams {
        &self.cascade
    }

    // ----------------------------------------------------------------------------------------
    // Scaling (FANN's fann_set_scaling_params / fann_scale_input / ...)
    // ----------------------------------------------------------------------------------------

    /// The scaling parameters, if any.
    pub fn scale_params(&self) -> Option<&ScaleParams> {
        self.scale.as_ref()
    }

    /// Computes scaling parameters from `data` so that inputs map to
    /// `[new_input_min, new_input_max]` and outputs to `[new_output_min, new_output_max]`
    /// (in units of standard deviations around the mean, as FANN does). A column with zero
    /// deviation gets deviation 1 (FANN would divide by zero).
    pub fn set_scaling_params(
        &mut self,
        data: &TrainingData,
        new_input_min: f32,
        new_input_max: f32,
        new_output_min: f32,
        new_output_max: f32,
    ) -> Result<()> {
        self.check_data(data)?;
        for (v, name) in [
            (new_input_min, "new_input_min"),
            (new_input_max, "new_input_max"),
            (new_output_min, "new_output_min"),
            (new_output_max, "new_output_max"),
        ] {
            check_finite_scalar(v, name)?;
        }
        let mut s = ScaleParams::identity(self.num_input, self.num_output);
        if !data.is_empty() {
            let columns = |vals: &[f32], width: usize, mean: &mut [f32], dev: &mut [f32]| {
                let rows = vals.len() / width;
                for (j, (m, d)) in mean.iter_mut().zip(dev.iter_mut()).enumerate() {
                    let mut acc = 0.0f32;
                    for r in 0..rows {
                        acc += vals[r * width + j];
                    }
                    *m = acc / rows as f32;
                    let mut sq = 0.0f32;
                    for r in 0..rows {
                        let t = vals[r * width + j] - *m;
                        sq += t * t;
                    }
                    let dv = libm::sqrt((sq / rows as f32) as f64) as f32;
                    *d = if dv > 0.0 && dv.is_finite() { dv } else { 1.0 };
                }
            };
            columns(
                data.inputs(),
                self.num_input,
                &mut s.mean_in,
                &mut s.deviation_in,
            );
            columns(
                data.outputs(),
                self.num_output,
                &mut s.mean_out,
                &mut s.deviation_out,
            );
            s.factor_in
                .fill((new_input_max - new_input_min) / (1.0 - (-1.0)));
            s.new_min_in.fill(new_input_min);
            s.factor_out
                .fill((new_output_max - new_output_min) / (1.0 - (-1.0)));
            s.new_min_out.fill(new_output_min);
        }
        self.scale = Some(s);
        Ok(())
    }

    /// Removes the scaling parameters.
    pub fn clear_scaling_params(&mut self) {
        self.scale = None;
    }

    fn scale_params_or_err(&self) -> Result<&ScaleParams> {
        self.scale.as_ref().ok_or_else(|| {
            NeuralError::InvalidArgument("the network has no scaling parameters".into())
        })
    }

    fn scale_slice(
        v: &mut [f32],
        mean: &[f32],
        dev: &[f32],
        factor: &[f32],
        new_min: &[f32],
        forward: bool,
    ) {
        for (((x, m), d), (f, nm)) in v
            .iter_mut()
            .zip(mean)
            .zip(dev)
            .zip(factor.iter().zip(new_min))
        {
            *x = if forward {
                ((*x - m) / d - (-1.0)) * f + nm
            } else {
                ((*x - nm) / f + (-1.0)) * d + m
            };
        }
    }

    /// Scales an input vector in place with the network's scaling parameters.
    pub fn scale_input(&self, input: &mut [f32]) -> Result<()> {
        let s = self.scale_params_or_err()?;
        if input.len() != self.num_input {
            return Err(NeuralError::SizeMismatch(format!(
                "expected {} inputs, got {}",
                self.num_input,
                input.len()
            )));
        }
        Self::scale_slice(
            input,
            &s.mean_in,
            &s.deviation_in,
            &s.factor_in,
            &s.new_min_in,
            true,
        );
        Ok(())
    }

    /// Scales an output vector (e.g. desired outputs) in place.
    pub fn scale_output(&self, output: &mut [f32]) -> Result<()> {
        let s = self.scale_params_or_err()?;
        if output.len() != self.num_output {
            return Err(NeuralError::SizeMismatch(format!(
                "expected {} outputs, got {}",
                self.num_output,
                output.len()
            )));
        }
        Self::scale_slice(
            output,
            &s.mean_out,
            &s.deviation_out,
            &s.factor_out,
            &s.new_min_out,
            true,
        );
        Ok(())
    }

    /// Undoes [`Network::scale_input`].
    pub fn descale_input(&self, input: &mut [f32]) -> Result<()> {
        let s = self.scale_params_or_err()?;
        if input.len() != self.num_input {
            return Err(NeuralError::SizeMismatch(format!(
                "expected {} inputs, got {}",
                self.num_input,
                input.len()
            )));
        }
        Self::scale_slice(
            input,
            &s.mean_in,
            &s.deviation_in,
            &s.factor_in,
            &s.new_min_in,
            false,
        );
        Ok(())
    }

    /// Undoes [`Network::scale_output`] (turns network outputs back into data units).
    pub fn descale_output(&self, output: &mut [f32]) -> Result<()> {
        let s = self.scale_params_or_err()?;
        if output.len() != self.num_output {
            return Err(NeuralError::SizeMismatch(format!(
                "expected {} outputs, got {}",
                self.num_output,
                output.len()
            )));
        }
        Self::scale_slice(
            output,
            &s.mean_out,
            &s.deviation_out,
            &s.factor_out,
            &s.new_min_out,
            false,
        );
        Ok(())
    }

    /// Checks that a data set has this network's numbers of inputs and outputs.
    pub(crate) fn check_data(&self, data: &TrainingData) -> Result<()> {
        if data.num_input() != self.num_input {
            return Err(NeuralError::SizeMismatch(format!(
                "the data has {} inputs per sample but the network has {} inputs",
                data.num_input(),
                self.num_input
            )));
        }
        if data.num_output() != self.num_output {
            return Err(NeuralError::SizeMismatch(format!(
                "the data has {} outputs per sample but the network has {} outputs",
                data.num_output(),
                self.num_output
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference forward pass in double precision straight from the connection list.
    fn reference_run(net: &Network, input: &[f32]) -> Vec<f64> {
        let mut values = vec![0.0f64; net.neurons.len()];
        for (i, v) in input.iter().enumerate() {
            values[i] = *v as f64;
        }
        for l in &net.layers {
            if l.bias {
                values[l.first_neuron + l.num_neurons] = 1.0;
            }
        }
        for l in net.layers.iter().skip(1) {
            for idx in l.first_neuron..l.first_neuron + l.num_neurons {
                let n = net.neurons[idx];
                let mut s = 0.0f64;
                for c in n.first_con..n.last_con {
                    s += net.weights[c] as f64 * values[net.connections[c] as usize];
                }
                let (_, v) = n.activation.neuron_output(n.steepness, s as f32);
                values[idx] = v as f64;
            }
        }
        let last = &net.layers[net.layers.len() - 1];
        values[last.first_neuron..last.first_neuron + net.num_output].to_vec()
    }

    #[test]
    fn standard_layout_matches_fann() {
        let net = Network::new_standard(&[2, 3, 1]).unwrap();
        // FANN: layer sizes with bias 3 4 2, 13 connections, bias weight last.
        assert_eq!(net.neurons.len(), 9);
        assert_eq!(net.total_neurons(), 8);
        assert_eq!(net.total_connections(), 13);
        assert_eq!(net.layer_sizes(), vec![2, 3, 1]);
        assert_eq!(net.bias_counts(), vec![1, 1, 0]);
        assert!(net.is_fully_dense());
        assert_eq!(&net.connections[0..3], &[0, 1, 2]);
        assert_eq!(&net.connections[9..13], &[3, 4, 5, 6]);
        assert!(net.weights.iter().all(|w| (-0.1..0.1).contains(w)));
        assert_eq!(
            net.activation_function(1, 0).unwrap(),
            ActivationFunction::SigmoidStepwise
        );
        assert_eq!(net.activation_steepness(2, 0).unwrap(), 0.5);
    }

    #[test]
    fn shortcut_layout_matches_fann() {
        let net = Network::new_shortcut(&[2, 2, 1]).unwrap();
        // FANN: layer sizes 3 2 1, hidden neurons read 3 neurons, the output reads 5.
        assert_eq!(net.neurons.len(), 6);
        assert_eq!(net.total_connections(), 11);
        assert_eq!(net.bias_counts(), vec![1, 0, 0]);
        assert!(net.is_fully_dense());
        assert_eq!(&net.connections[6..11], &[0, 1, 2, 3, 4]);
    }

    #[test]
    fn sparse_layout_has_fann_connection_counts() {
        let net = Network::new_sparse(0.5, &[4, 3, 2]).unwrap();
        // FANN's counts for this net: 3,3,3 then 2,3 connections.
        let counts: Vec<usize> = net
            .neurons
            .iter()
            .map(|n| n.last_con - n.first_con)
            .collect();
        assert_eq!(counts, vec![0, 0, 0, 0, 0, 3, 3, 3, 0, 2, 3, 0]);
        assert_eq!(net.total_connections(), 14);
        // Every neuron has its bias first, distinct sources, all from the previous layer; every
        // previous neuron feeds somebody.
        for (li, l) in net.layers.iter().enumerate().skip(1) {
            let prev = &net.layers[li - 1];
            let mut fed = vec![false; prev.num_neurons];
            for idx in l.first_neuron..l.first_neuron + l.num_neurons {
                let n = net.neurons[idx];
                let srcs = &net.connections[n.first_con..n.last_con];
                assert_eq!(srcs[0] as usize, prev.first_neuron + prev.num_neurons);
                for (i, s) in srcs.iter().enumerate() {
                    assert!(!srcs[..i].contains(s));
                    let s = *s as usize;
                    assert!(s >= prev.first_neuron && s < prev.end());
                    if s < prev.first_neuron + prev.num_neurons {
                        fed[s - prev.first_neuron] = true;
                    }
                }
            }
            assert!(fed.iter().all(|f| *f));
        }
        assert!(!net.is_fully_dense());
    }

    #[test]
    fn forward_matches_reference_for_all_topologies() {
        let mut nets = [
            Network::builder(&[5, 7, 3])
                .hidden_activation(ActivationFunction::SigmoidSymmetric)
                .output_activation(ActivationFunction::Linear)
                .seed(1)
                .build()
                .unwrap(),
            Network::builder(&[6, 5, 4, 2])
                .shortcut()
                .hidden_activation(ActivationFunction::Elliot)
                .seed(2)
                .build()
                .unwrap(),
            Network::builder(&[9, 6, 3])
                .connection_rate(0.4)
                .hidden_activation(ActivationFunction::Gaussian)
                .seed(3)
                .build()
                .unwrap(),
        ];
        for net in nets.iter_mut() {
            net.randomize_weights(-1.5, 1.5).unwrap();
            let input: Vec<f32> = (0..net.num_input())
                .map(|i| (i as f32 * 0.37).sin())
                .collect();
            let out = net.run(&input).unwrap();
            let reference = reference_run(net, &input);
            for (a, b) in out.iter().zip(&reference) {
                assert!((*a as f64 - b).abs() < 1e-5, "{out:?} vs {reference:?}");
            }
        }
    }

    #[test]
    fn seeds_make_networks_reproducible() {
        let a = Network::builder(&[3, 4, 2]).seed(9).build().unwrap();
        let b = Network::builder(&[3, 4, 2]).seed(9).build().unwrap();
        let c = Network::builder(&[3, 4, 2]).seed(10).build().unwrap();
        assert_eq!(a.weights(), b.weights());
        assert_ne!(a.weights(), c.weights());
        let s1 = Network::builder(&[8, 5, 3])
            .connection_rate(0.5)
            .seed(4)
            .build()
            .unwrap();
        let s2 = Network::builder(&[8, 5, 3])
            .connection_rate(0.5)
            .seed(4)
            .build()
            .unwrap();
        assert_eq!(s1.connections, s2.connections);
    }

    #[test]
    fn bad_topologies_and_inputs_are_rejected() {
        assert!(Network::new_standard(&[2]).is_err());
        assert!(Network::new_standard(&[2, 0, 1]).is_err());
        assert!(Network::new_standard(&[0, 1]).is_err());
        assert!(Network::new_sparse(0.0, &[2, 2]).is_err());
        assert!(Network::new_sparse(f32::NAN, &[2, 2]).is_err());
        assert!(Network::new_sparse(1.5, &[2, 2]).is_err());
        assert!(Network::new_standard(&[1_000_001, 1]).is_err());
        assert!(Network::new_standard(&[100_000, 100_000]).is_err());
        let mut net = Network::new_standard(&[2, 2, 1]).unwrap();
        assert!(matches!(net.run(&[1.0]), Err(NeuralError::SizeMismatch(_))));
        assert!(matches!(
            net.run(&[1.0, f32::NAN]),
            Err(NeuralError::NonFinite(_))
        ));
        assert!(matches!(
            net.run(&[1.0, f32::INFINITY]),
            Err(NeuralError::NonFinite(_))
        ));
        assert!(net.set_weights(&[0.0; 3]).is_err());
        assert!(net.set_weights(&[f32::NAN; 9]).is_err());
        assert!(net
            .set_activation_function(0, 0, ActivationFunction::Linear)
            .is_err());
        assert!(net
            .set_activation_function(3, 0, ActivationFunction::Linear)
            .is_err());
        assert!(net
            .set_activation_function(1, 3, ActivationFunction::Linear)
            .is_err());
        assert!(net.set_activation_steepness_hidden(f32::NAN).is_err());
        assert!(net.randomize_weights(1.0, -1.0).is_err());
        assert!(net.run_batch(&[1.0, 2.0, 3.0]).is_err());
    }

    #[test]
    fn weights_and_connections_round_trip() {
        let mut net = Network::new_standard(&[2, 2, 1]).unwrap();
        let w: Vec<f32> = (0..net.total_connections())
            .map(|i| i as f32 * 0.1)
            .collect();
        net.set_weights(&w).unwrap();
        assert_eq!(net.weights(), &w[..]);
        let cons = net.connections();
        assert_eq!(cons.len(), 9);
        assert_eq!(
            cons[0],
            Connection {
                from_neuron: 0,
                to_neuron: 3,
                weight: 0.0
            }
        );
        net.set_weight(2, 3, 5.0).unwrap();
        assert_eq!(net.weights()[2], 5.0);
        assert!(net.set_weight(3, 3, 1.0).is_err());
        assert!(net.set_weight(0, 100, 1.0).is_err());
    }

    #[test]
    fn run_batch_equals_repeated_run() {
        let mut net = Network::builder(&[3, 4, 2]).seed(5).build().unwrap();
        let inputs = [0.1f32, 0.2, 0.3, -1.0, 0.5, 2.0];
        let batch = net.run_batch(&inputs).unwrap();
        let a = net.run(&inputs[..3]).unwrap();
        let b = net.run(&inputs[3..]).unwrap();
        assert_eq!(&batch[..2], &a[..]);
        assert_eq!(&batch[2..], &b[..]);
    }

    #[test]
    fn widrow_nguyen_follows_fann() {
        let data = TrainingData::new(2, 1, vec![0.0, 0.0, 1.0, 1.0], vec![0.0, 1.0]).unwrap();
        let mut net = Network::new_standard(&[2, 3, 1]).unwrap();
        net.init_weights(&data).unwrap();
        // hidden neurons = 9 - (2 + 1 + 3) = 3; f = (0.7*3)^(1/2) / 1
        let f = libm::sqrt(0.7f32 as f64 * 3.0) as f32;
        for c in net.connections() {
            let from_bias = c.from_neuron == 2 || c.from_neuron == 6;
            if from_bias {
                assert!(c.weight >= -f && c.weight < f);
            } else {
                assert!(c.weight >= 0.0 && c.weight < f);
            }
        }
        let flat = TrainingData::new(2, 1, vec![1.0, 1.0], vec![0.0]).unwrap();
        assert!(net.init_weights(&flat).is_err());
    }

    #[test]
    fn scaling_round_trips() {
        let data = TrainingData::new(
            2,
            1,
            vec![0.0, 10.0, 2.0, 20.0, 4.0, 30.0],
            vec![1.0, 2.0, 3.0],
        )
        .unwrap();
        let mut net = Network::new_standard(&[2, 2, 1]).unwrap();
        assert!(net.scale_input(&mut [0.0, 0.0]).is_err());
        net.set_scaling_params(&data, -1.0, 1.0, 0.0, 1.0).unwrap();
        let mut x = [2.0f32, 20.0];
        net.scale_input(&mut x).unwrap();
        assert!((x[0] - 0.0).abs() < 1e-6 && (x[1] - 0.0).abs() < 1e-6);
        net.descale_input(&mut x).unwrap();
        assert!((x[0] - 2.0).abs() < 1e-5 && (x[1] - 20.0).abs() < 1e-4);
        let mut y = [3.0f32];
        net.scale_output(&mut y).unwrap();
        net.descale_output(&mut y).unwrap();
        assert!((y[0] - 3.0).abs() < 1e-5);
    }
}
