//! `compare`: the ruv-neural side of the libfann comparison (see `fann_ref.c`, its libfann
//! counterpart, and `run_compare.sh`, which drives both).
//!
//! Build (any way that links the `ruv_neural` rlib), e.g.
//!   rustc --edition 2021 -O tests/libfann/compare.rs --extern ruv_neural=<path>/libruv_neural.rlib \
//!         -L dependency=<deps dir> -o compare
//!
//! Subcommands (exit status 0 on success, 1 with a message on stderr otherwise):
//!
//!   compare create <out.net> <layers> [options]
//!       Creates a network with ruv-neural and saves it as a FANN `.net` file.
//!   compare train <train.data> <out.net> (--layers L | --init in.net) [options]
//!       Creates (--layers) or loads (--init) a network, trains it epoch by epoch like
//!       `fann_train_on_data`, prints "epoch mse bit_fail" per epoch and saves it.
//!   compare run <net> <data>
//!       Prints the network's outputs for every input of the data file (one line per sample).
//!   compare check <net> <data> <expected> [--tol T]
//!       Loads the network with ruv-neural, runs every input of the data file and compares
//!       with the outputs in <expected> (the output of `fann_ref run`): every value must be
//!       within T·max(1, |expected|) (default T = 1e-5). Prints a summary.
//!   compare gen-data <out.data> <samples> <inputs> <outputs> [--seed N]
//!       Writes a reproducible smooth regression data set in [-1, 1] as a FANN `.data` file.
//!   compare curves <ours> <theirs> [--tol T] [--epochs N]
//!       Compares two "epoch mse bit_fail" training logs: the first N epochs (default all
//!       common epochs) must have MSEs within T·max(1e-3, mse) (default T = 1e-3).
//!
//! Options as in fann_ref: --shortcut, --connection-rate R, --hidden F, --output F (FANN
//! activation codes, 18/19 = ReLU/leaky ReLU), --hidden-steepness S, --output-steepness S,
//! --seed N, --weights-range R, --algorithm incremental|batch|rprop|quickprop|sarprop|adam,
//! --epochs N, --desired-error E, --learning-rate R, --momentum M,
//! --error-function linear|tanh, --stop mse|bit.

use ruv_neural::{
    ActivationFunction, ErrorFunction, Network, StopFunction, TrainingAlgorithm, TrainingData,
};
use std::process::ExitCode;

fn fail<T>(msg: impl Into<String>) -> Result<T, String> {
    Err(msg.into())
}

#[derive(Default)]
struct Opts {
    layers: Option<String>,
    init: Option<String>,
    shortcut: bool,
    connection_rate: Option<f32>,
    hidden: Option<u32>,
    output: Option<u32>,
    hidden_steepness: Option<f32>,
    output_steepness: Option<f32>,
    seed: u64,
    weights_range: Option<f32>,
    algorithm: Option<TrainingAlgorithm>,
    epochs: Option<u32>,
    desired_error: f32,
    learning_rate: Option<f32>,
    momentum: Option<f32>,
    error_function: Option<ErrorFunction>,
    stop_function: Option<StopFunction>,
    tol: Option<f64>,
}

fn num<T: std::str::FromStr>(opt: &str, v: &str) -> Result<T, String> {
    v.parse::<T>()
        .map_err(|_| format!("bad value {v:?} for {opt}"))
}

fn parse_opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--shortcut" {
            o.shortcut = true;
            continue;
        }
        let v = it
            .next()
            .ok_or_else(|| format!("missing value for {a}"))?
            .as_str();
        match a.as_str() {
            "--layers" => o.layers = Some(v.to_string()),
            "--init" => o.init = Some(v.to_string()),
            "--connection-rate" => o.connection_rate = Some(num(a, v)?),
            "--hidden" => o.hidden = Some(num(a, v)?),
            "--output" => o.output = Some(num(a, v)?),
            "--hidden-steepness" => o.hidden_steepness = Some(num(a, v)?),
            "--output-steepness" => o.output_steepness = Some(num(a, v)?),
            "--seed" => o.seed = num(a, v)?,
            "--weights-range" => o.weights_range = Some(num(a, v)?),
            "--algorithm" => {
                o.algorithm = Some(TrainingAlgorithm::from_name(v).map_err(|e| e.to_string())?)
            }
            "--epochs" => o.epochs = Some(num(a, v)?),
            "--desired-error" => o.desired_error = num(a, v)?,
            "--learning-rate" => o.learning_rate = Some(num(a, v)?),
            "--momentum" => o.momentum = Some(num(a, v)?),
            "--error-function" => {
                o.error_function = Some(match v {
                    "linear" => ErrorFunction::Linear,
                    "tanh" => ErrorFunction::Tanh,
                    _ => return fail(format!("unknown error function {v}")),
                })
            }
            "--stop" => {
                o.stop_function = Some(match v {
                    "mse" => StopFunction::Mse,
                    "bit" => StopFunction::Bit,
                    _ => return fail(format!("unknown stop function {v}")),
                })
            }
            "--tol" => o.tol = Some(num(a, v)?),
            _ => return fail(format!("unknown option {a}")),
        }
    }
    Ok(o)
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn write(path: &str, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))
}

fn load_net(path: &str) -> Result<Network, String> {
    Network::from_fann_str(&read(path)?).map_err(|e| format!("{path}: {e}"))
}

fn load_data(path: &str) -> Result<TrainingData, String> {
    TrainingData::from_fann_str(&read(path)?).map_err(|e| format!("{path}: {e}"))
}

fn activation(code: u32) -> Result<ActivationFunction, String> {
    ActivationFunction::from_code(code).map_err(|e| e.to_string())
}

fn create(layers: &str, o: &Opts) -> Result<Network, String> {
    let sizes: Vec<usize> = layers
        .split(',')
        .map(|s| num("--layers", s))
        .collect::<Result<_, _>>()?;
    let mut b = Network::builder(&sizes).seed(o.seed);
    if o.shortcut {
        b = b.shortcut();
    }
    if let Some(r) = o.connection_rate {
        b = b.connection_rate(r);
    }
    if let Some(f) = o.hidden {
        b = b.hidden_activation(activation(f)?);
    }
    if let Some(f) = o.output {
        b = b.output_activation(activation(f)?);
    }
    if let Some(s) = o.hidden_steepness {
        b = b.hidden_steepness(s);
    }
    if let Some(s) = o.output_steepness {
        b = b.output_steepness(s);
    }
    let mut net = b.build().map_err(|e| e.to_string())?;
    if let Some(r) = o.weights_range {
        net.randomize_weights(-r, r).map_err(|e| e.to_string())?;
    }
    Ok(net)
}

fn configure(net: &mut Network, o: &Opts) -> Result<(), String> {
    let mut p = *net.training_params();
    if let Some(a) = o.algorithm {
        p.algorithm = a;
    }
    if let Some(r) = o.learning_rate {
        p.learning_rate = r;
        p.adam_learning_rate = r;
    }
    if let Some(m) = o.momentum {
        p.learning_momentum = m;
    }
    if let Some(e) = o.error_function {
        p.error_function = e;
    }
    if let Some(s) = o.stop_function {
        p.stop_function = s;
    }
    net.set_training_params(p).map_err(|e| e.to_string())
}

fn outputs(net: &mut Network, data: &TrainingData) -> Result<Vec<Vec<f32>>, String> {
    (0..data.len())
        .map(|i| {
            let x = data.input(i).ok_or("sample out of range")?;
            net.run(x).map_err(|e| e.to_string())
        })
        .collect()
}

fn parse_rows(text: &str) -> Result<Vec<Vec<f64>>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            l.split_ascii_whitespace()
                .map(|t| {
                    t.parse::<f64>()
                        .map_err(|_| format!("line {}: {t:?} is not a number", i + 1))
                })
                .collect()
        })
        .collect()
}

fn main_inner(args: &[String]) -> Result<(), String> {
    let cmd = args.first().map(String::as_str).unwrap_or("");
    let pos = |i: usize, usage: &str| -> Result<&str, String> {
        args.get(i)
            .map(String::as_str)
            .ok_or_else(|| format!("usage: compare {usage}"))
    };
    match cmd {
        "create" => {
            let usage = "create <out.net> <layers> [options]";
            let (out, layers) = (pos(1, usage)?, pos(2, usage)?);
            let o = parse_opts(&args[3..])?;
            let mut net = create(layers, &o)?;
            configure(&mut net, &o)?;
            write(out, &net.to_fann_string())
        }
        "train" => {
            let usage = "train <train.data> <out.net> (--layers L | --init in.net) [options]";
            let (data_path, out) = (pos(1, usage)?, pos(2, usage)?);
            let o = parse_opts(&args[3..])?;
            let data = load_data(data_path)?;
            let mut net = match (&o.init, &o.layers) {
                (Some(init), _) => load_net(init)?,
                (None, Some(layers)) => create(layers, &o)?,
                (None, None) => return fail("train needs --layers or --init"),
            };
            configure(&mut net, &o)?;
            let epochs = o.epochs.unwrap_or(1000);
            let mut log = String::new();
            net.train_on_data_with_callback(&data, epochs, 1, o.desired_error, |r| {
                log.push_str(&format!("{} {:e} {}\n", r.epoch, r.mse, r.bit_fail));
                true
            })
            .map_err(|e| e.to_string())?;
            print!("{log}");
            write(out, &net.to_fann_string())
        }
        "run" => {
            let usage = "run <net> <data>";
            let mut net = load_net(pos(1, usage)?)?;
            let data = load_data(pos(2, usage)?)?;
            for row in outputs(&mut net, &data)? {
                let line: Vec<String> = row.iter().map(|v| format!("{v:e}")).collect();
                println!("{}", line.join(" "));
            }
            Ok(())
        }
        "check" => {
            let usage = "check <net> <data> <expected> [--tol T]";
            let (net_path, data_path, exp_path) = (pos(1, usage)?, pos(2, usage)?, pos(3, usage)?);
            let o = parse_opts(&args[4..])?;
            let tol = o.tol.unwrap_or(1e-5);
            let mut net = load_net(net_path)?;
            let data = load_data(data_path)?;
            let ours = outputs(&mut net, &data)?;
            let theirs = parse_rows(&read(exp_path)?)?;
            if ours.len() != theirs.len() {
                return fail(format!(
                    "{exp_path} has {} rows but the data has {} samples",
                    theirs.len(),
                    ours.len()
                ));
            }
            let mut worst = (0.0f64, 0usize, 0usize);
            for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                if a.len() != b.len() {
                    return fail(format!(
                        "sample {i}: {} outputs here, {} expected",
                        a.len(),
                        b.len()
                    ));
                }
                for (k, (x, y)) in a.iter().zip(b).enumerate() {
                    let err = (*x as f64 - y).abs() / y.abs().max(1.0);
                    if err.is_nan() || err > worst.0 {
                        worst = (if err.is_nan() { f64::INFINITY } else { err }, i, k);
                    }
                }
            }
            let (err, i, k) = worst;
            let detail = format!(
                "{net_path}: {} samples x {} outputs, largest scaled difference {err:.3e} \
                 (sample {i}, output {k}: ours {:e}, expected {:e}), tolerance {tol:e}",
                ours.len(),
                net.num_output(),
                ours.get(i)
                    .and_then(|r| r.get(k))
                    .copied()
                    .unwrap_or(f32::NAN),
                theirs
                    .get(i)
                    .and_then(|r| r.get(k))
                    .copied()
                    .unwrap_or(f64::NAN),
            );
            if err <= tol {
                println!("ok: {detail}");
                Ok(())
            } else {
                fail(format!("MISMATCH: {detail}"))
            }
        }
        "gen-data" => {
            let usage = "gen-data <out.data> <samples> <inputs> <outputs> [--seed N]";
            let out = pos(1, usage)?;
            let n: usize = num("samples", pos(2, usage)?)?;
            let n_in: usize = num("inputs", pos(3, usage)?)?;
            let n_out: usize = num("outputs", pos(4, usage)?)?;
            let o = parse_opts(&args[5..])?;
            let mut rng = ruv_neural::rng::Rng::new(o.seed);
            let mut inputs = Vec::with_capacity(n * n_in);
            let mut outs = Vec::with_capacity(n * n_out);
            for _ in 0..n {
                let x: Vec<f32> = (0..n_in).map(|_| rng.range(-1.0, 1.0)).collect();
                for k in 0..n_out {
                    let mut s = 0.0f32;
                    for (j, v) in x.iter().enumerate() {
                        s += ((j + 2 * k + 1) as f32 * 0.7 * v).sin() / (j + 1) as f32;
                    }
                    outs.push((s * 1.5).tanh());
                }
                inputs.extend(x);
            }
            let data = TrainingData::new(n_in, n_out, inputs, outs).map_err(|e| e.to_string())?;
            write(out, &data.to_fann_string())
        }
        "curves" => {
            let usage = "curves <ours> <theirs> [--tol T] [--epochs N]";
            let (a_path, b_path) = (pos(1, usage)?, pos(2, usage)?);
            let o = parse_opts(&args[3..])?;
            let tol = o.tol.unwrap_or(1e-3);
            let a = parse_rows(&read(a_path)?)?;
            let b = parse_rows(&read(b_path)?)?;
            let n = o.epochs.map_or(a.len().min(b.len()), |e| e as usize);
            if a.len() < n || b.len() < n {
                return fail(format!(
                    "the logs have {} and {} epochs, fewer than the {n} to compare",
                    a.len(),
                    b.len()
                ));
            }
            for i in 0..n {
                let (x, y) = (
                    a[i].get(1).copied().unwrap_or(f64::NAN),
                    b[i].get(1).copied().unwrap_or(f64::NAN),
                );
                let err = (x - y).abs() / y.abs().max(1e-3);
                if err.is_nan() || err > tol {
                    return fail(format!(
                        "MISMATCH: epoch {}: MSE {x:e} here, {y:e} in {b_path} \
                         (scaled difference {err:.3e} > {tol:e})",
                        i + 1
                    ));
                }
            }
            println!("ok: {n} epochs of {a_path} and {b_path} agree within {tol:e}");
            Ok(())
        }
        _ => fail(
            "usage: compare create|train|run|check|gen-data|curves ... (see the source header)",
        ),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match main_inner(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("compare: {msg}");
            ExitCode::FAILURE
        }
    }
}
