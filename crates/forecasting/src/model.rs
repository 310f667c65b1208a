//! One interface over every model: a [`ForecastModel`] is created from a kind name and
//! [`ModelOptions`] (structure: season length, damping, lags, window sizes, ...), fitted with
//! [`FitOptions`] (fixed parameters, initial states, optimiser/training controls), and then
//! forecasts, reports its fitted parameters ([`FittedParams`]) and its in-sample residuals.
//!
//! Options are checked strictly: an option that does not apply to the model kind, a negative or
//! fractional count, or an unknown enumeration value is an error naming the option.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::ar::{self, ArFit};
use crate::baselines::{Baseline, BaselineMethod};
use crate::error::{ForecastError, Result};
use crate::ets::{self, EtsFit, EtsOptions, EtsSpec, Initialization, Seasonality};
use crate::linear::{self, LinearFit, LinearKind, LinearOptions};
use crate::mlp::{self, MlpAlgorithm, MlpFit, MlpOptions};
use crate::theta::{self, ThetaFit, ThetaMethod, ThetaOptions};

/// The model families.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// Last value.
    Naive,
    /// Value one season earlier.
    SeasonalNaive,
    /// Historic mean.
    Mean,
    /// Random walk with drift.
    Drift,
    /// Mean of the last `window` values.
    WindowAverage,
    /// Simple exponential smoothing.
    Ses,
    /// Holt's linear trend (optionally damped).
    Holt,
    /// Holt-Winters (additive or multiplicative season, optional damped trend).
    HoltWinters,
    /// Autoregression with intercept.
    Ar,
    /// The Theta method.
    Theta,
    /// DLinear.
    DLinear,
    /// NLinear.
    NLinear,
    /// Multi-layer perceptron on lagged windows.
    Mlp,
}

impl ModelKind {
    /// All kinds, in the order of [`ModelKind::NAMES`].
    pub const ALL: [ModelKind; 13] = [
        ModelKind::Naive,
        ModelKind::SeasonalNaive,
        ModelKind::Mean,
        ModelKind::Drift,
        ModelKind::WindowAverage,
        ModelKind::Ses,
        ModelKind::Holt,
        ModelKind::HoltWinters,
        ModelKind::Ar,
        ModelKind::Theta,
        ModelKind::DLinear,
        ModelKind::NLinear,
        ModelKind::Mlp,
    ];

    /// The kind names accepted by [`ModelKind::parse`] (and the wasm API).
    pub const NAMES: [&'static str; 13] = [
        "naive",
        "seasonalNaive",
        "mean",
        "drift",
        "windowAverage",
        "ses",
        "holt",
        "holtWinters",
        "ar",
        "theta",
        "dlinear",
        "nlinear",
        "mlp",
    ];

    /// Parses a kind name (case-insensitive; `-` and `_` are ignored, so `holt-winters` and
    /// `seasonal_naive` are accepted).
    pub fn parse(name: &str) -> Result<ModelKind> {
        let norm: String = name
            .chars()
            .filter(|c| *c != '-' && *c != '_' && *c != ' ')
            .flat_map(char::to_lowercase)
            .collect();
        for (kind, n) in Self::ALL.iter().zip(Self::NAMES) {
            if n.to_lowercase() == norm {
                return Ok(*kind);
            }
        }
        Err(ForecastError::UnknownKind(name.to_string()))
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::NAMES[i]
    }
}

/// Structural options of a model (the JSON object given when a model is created). Which
/// options apply depends on the kind; see the TypeScript declarations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModelOptions {
    /// Season length (seasonalNaive, holtWinters, theta).
    pub period: Option<f64>,
    /// Window length (windowAverage).
    pub window: Option<f64>,
    /// Damped trend (holt, holtWinters).
    pub damped: Option<bool>,
    /// Whether Holt-Winters has a trend (default true).
    pub trend: Option<bool>,
    /// "additive" (default) or "multiplicative" seasonality (holtWinters).
    pub seasonal: Option<String>,
    /// Autoregressive order (ar; default 1).
    pub lags: Option<f64>,
    /// Theta parameter (theta; default 2).
    pub theta: Option<f64>,
    /// Whether to deseasonalise (theta; default true).
    pub deseasonalize: Option<bool>,
    /// Whether to test for seasonality first (theta; default true).
    pub use_test: Option<bool>,
    /// Whether the seasonality test uses the differenced series (theta; default false).
    pub difference: Option<bool>,
    /// "auto" (default), "additive" or "multiplicative" decomposition (theta).
    pub method: Option<String>,
    /// Input window length (dlinear, nlinear, mlp; default 24).
    pub lookback: Option<f64>,
    /// Steps predicted per pass (dlinear, nlinear, mlp; default 1).
    pub output_length: Option<f64>,
    /// Moving-average kernel size, odd (dlinear; default 25).
    pub kernel: Option<f64>,
    /// Hidden layer sizes (mlp; default [32]).
    pub hidden: Option<Vec<f64>>,
}

/// Fitting options (the JSON object given to `fit`): fixed parameters, initial states and
/// optimiser or training controls. Which apply depends on the kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FitOptions {
    /// Fixed level smoothing parameter (ses, holt, holtWinters, theta).
    pub alpha: Option<f64>,
    /// Fixed trend smoothing parameter (holt, holtWinters).
    pub beta: Option<f64>,
    /// Fixed seasonal smoothing parameter (holtWinters).
    pub gamma: Option<f64>,
    /// Fixed damping parameter (damped holt/holtWinters).
    pub phi: Option<f64>,
    /// "estimated" (default), "heuristic", "simple" or "known" (ses, holt, holtWinters).
    pub initialization: Option<String>,
    /// Initial level for initialization "known".
    pub initial_level: Option<f64>,
    /// Initial trend for initialization "known".
    pub initial_trend: Option<f64>,
    /// Initial seasonal factors for initialization "known" (`period` values).
    pub initial_seasonal: Option<Vec<f64>>,
    /// Optimiser iteration limit (ses, holt, holtWinters, theta; default 1000).
    pub max_iterations: Option<f64>,
    /// Starting-value grid resolution, 0 to disable (ses, holt, holtWinters, theta).
    pub grid_size: Option<f64>,
    /// Number of optimiser starts from well-separated grid points (ses, holt, holtWinters,
    /// theta; default 4).
    pub starts: Option<f64>,
    /// L2 penalty on the weights (dlinear, nlinear; default 0.001).
    pub ridge: Option<f64>,
    /// Training algorithm, "rprop" (default) or "adam" (mlp).
    pub algorithm: Option<String>,
    /// Training epochs (mlp; default 300).
    pub epochs: Option<f64>,
    /// Adam learning rate (mlp; default 0.01).
    pub learning_rate: Option<f64>,
    /// Seed of the weight initialisation (mlp; default 42).
    pub seed: Option<f64>,
}

fn count(name: &str, v: Option<f64>, default: usize, min: usize) -> Result<usize> {
    match v {
        None => Ok(default),
        Some(x) => {
            if !x.is_finite() || x < 0.0 || libm::floor(x) != x || x > 1e9 {
                return Err(ForecastError::option(
                    name,
                    alloc::format!("must be a non-negative integer, got {x}"),
                ));
            }
            let n = x as usize;
            if n < min {
                return Err(ForecastError::option(
                    name,
                    alloc::format!("must be at least {min}, got {n}"),
                ));
            }
            Ok(n)
        }
    }
}

fn required(name: &str, kind: ModelKind, v: Option<f64>, min: usize) -> Result<usize> {
    if v.is_none() {
        return Err(ForecastError::option(
            name,
            alloc::format!("is required for model kind '{}'", kind.name()),
        ));
    }
    count(name, v, 0, min)
}

/// Rejects options that are set but do not apply to `kind`.
fn reject(kind: ModelKind, given: &[(&str, bool)], allowed: &[&str]) -> Result<()> {
    for (name, set) in given {
        if *set && !allowed.contains(name) {
            return Err(ForecastError::option(
                name,
                alloc::format!("does not apply to model kind '{}'", kind.name()),
            ));
        }
    }
    Ok(())
}

/// A resolved model structure.
#[derive(Debug, Clone, PartialEq)]
enum Spec {
    Baseline(BaselineMethod),
    Ets(EtsSpec),
    Ar(usize),
    Theta(ThetaOptions),
    Linear(LinearKind, LinearOptions),
    Mlp(MlpOptions),
}

impl ModelOptions {
    fn given(&self) -> [(&'static str, bool); 15] {
        [
            ("period", self.period.is_some()),
            ("window", self.window.is_some()),
            ("damped", self.damped.is_some()),
            ("trend", self.trend.is_some()),
            ("seasonal", self.seasonal.is_some()),
            ("lags", self.lags.is_some()),
            ("theta", self.theta.is_some()),
            ("deseasonalize", self.deseasonalize.is_some()),
            ("useTest", self.use_test.is_some()),
            ("difference", self.difference.is_some()),
            ("method", self.method.is_some()),
            ("lookback", self.lookback.is_some()),
            ("outputLength", self.output_length.is_some()),
            ("kernel", self.kernel.is_some()),
            ("hidden", self.hidden.is_some()),
        ]
    }
}

impl FitOptions {
    fn given(&self) -> [(&'static str, bool); 16] {
        [
            ("alpha", self.alpha.is_some()),
            ("beta", self.beta.is_some()),
            ("gamma", self.gamma.is_some()),
            ("phi", self.phi.is_some()),
            ("initialization", self.initialization.is_some()),
            ("initialLevel", self.initial_level.is_some()),
            ("initialTrend", self.initial_trend.is_some()),
            ("initialSeasonal", self.initial_seasonal.is_some()),
            ("maxIterations", self.max_iterations.is_some()),
            ("gridSize", self.grid_size.is_some()),
            ("starts", self.starts.is_some()),
            ("ridge", self.ridge.is_some()),
            ("algorithm", self.algorithm.is_some()),
            ("epochs", self.epochs.is_some()),
            ("learningRate", self.learning_rate.is_some()),
            ("seed", self.seed.is_some()),
        ]
    }
}

fn resolve(kind: ModelKind, o: &ModelOptions) -> Result<Spec> {
    use ModelKind as K;
    let allowed: &[&str] = match kind {
        K::Naive | K::Mean | K::Drift | K::Ses => &[],
        K::SeasonalNaive => &["period"],
        K::WindowAverage => &["window"],
        K::Holt => &["damped"],
        K::HoltWinters => &["period", "damped", "trend", "seasonal"],
        K::Ar => &["lags"],
        K::Theta => &[
            "period",
            "theta",
            "deseasonalize",
            "useTest",
            "difference",
            "method",
        ],
        K::DLinear => &["lookback", "outputLength", "kernel"],
        K::NLinear => &["lookback", "outputLength"],
        K::Mlp => &["lookback", "outputLength", "hidden"],
    };
    reject(kind, &o.given(), allowed)?;
    Ok(match kind {
        K::Naive => Spec::Baseline(BaselineMethod::Naive),
        K::Mean => Spec::Baseline(BaselineMethod::Mean),
        K::Drift => Spec::Baseline(BaselineMethod::Drift),
        K::SeasonalNaive => Spec::Baseline(BaselineMethod::SeasonalNaive {
            period: required("period", kind, o.period, 1)?,
        }),
        K::WindowAverage => Spec::Baseline(BaselineMethod::WindowAverage {
            window: required("window", kind, o.window, 1)?,
        }),
        K::Ses => Spec::Ets(EtsSpec::SES),
        K::Holt => Spec::Ets(EtsSpec {
            trend: true,
            damped: o.damped.unwrap_or(false),
            seasonal: Seasonality::None,
            period: 0,
        }),
        K::HoltWinters => {
            let seasonal = match o.seasonal.as_deref() {
                None | Some("additive") | Some("add") => Seasonality::Additive,
                Some("multiplicative") | Some("mul") => Seasonality::Multiplicative,
                Some(other) => {
                    return Err(ForecastError::option(
                        "seasonal",
                        alloc::format!("expected 'additive' or 'multiplicative', got '{other}'"),
                    ))
                }
            };
            let trend = o.trend.unwrap_or(true);
            let damped = o.damped.unwrap_or(false);
            if damped && !trend {
                return Err(ForecastError::option(
                    "damped",
                    "a damped trend needs trend: true",
                ));
            }
            Spec::Ets(EtsSpec {
                trend,
                damped,
                seasonal,
                period: required("period", kind, o.period, 2)?,
            })
        }
        K::Ar => Spec::Ar(count("lags", o.lags, 1, 0)?),
        K::Theta => {
            let method = match o.method.as_deref() {
                None | Some("auto") => ThetaMethod::Auto,
                Some("additive") | Some("add") => ThetaMethod::Additive,
                Some("multiplicative") | Some("mul") => ThetaMethod::Multiplicative,
                Some(other) => {
                    return Err(ForecastError::option(
                        "method",
                        alloc::format!(
                            "expected 'auto', 'additive' or 'multiplicative', got '{other}'"
                        ),
                    ))
                }
            };
            let theta = o.theta.unwrap_or(2.0);
            if !(theta.is_finite() && theta >= 1.0) {
                return Err(ForecastError::option(
                    "theta",
                    "must be a finite number >= 1",
                ));
            }
            Spec::Theta(ThetaOptions {
                period: count("period", o.period, 1, 1)?,
                deseasonalize: o.deseasonalize.unwrap_or(true),
                use_test: o.use_test.unwrap_or(true),
                difference: o.difference.unwrap_or(false),
                method,
                theta,
                ..ThetaOptions::default()
            })
        }
        K::DLinear | K::NLinear => {
            let lin = LinearOptions {
                lookback: count("lookback", o.lookback, 24, 1)?,
                output_length: count("outputLength", o.output_length, 1, 1)?,
                ..LinearOptions::default()
            };
            let lk = if kind == K::DLinear {
                let kernel = count("kernel", o.kernel, 25, 1)?;
                if kernel % 2 == 0 {
                    return Err(ForecastError::option(
                        "kernel",
                        "the moving-average kernel must be odd",
                    ));
                }
                LinearKind::DLinear { kernel }
            } else {
                LinearKind::NLinear
            };
            Spec::Linear(lk, lin)
        }
        K::Mlp => {
            let mut opts = MlpOptions {
                lookback: count("lookback", o.lookback, 24, 1)?,
                output_length: count("outputLength", o.output_length, 1, 1)?,
                ..MlpOptions::default()
            };
            if let Some(h) = &o.hidden {
                let mut sizes = Vec::with_capacity(h.len());
                for v in h {
                    sizes.push(count("hidden", Some(*v), 0, 1)?);
                }
                opts.hidden = sizes;
            }
            Spec::Mlp(opts)
        }
    })
}

/// Parameters of a fitted model, as reported to JavaScript. Fields that do not apply to the
/// model are omitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FittedParams {
    /// The model kind.
    pub kind: String,
    /// Number of observations fitted.
    pub nobs: usize,
    /// Mean squared in-sample one-step error over the values that have a prediction.
    pub mse: f64,
    /// Level smoothing parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
    /// Trend smoothing parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beta: Option<f64>,
    /// Seasonal smoothing parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gamma: Option<f64>,
    /// Damping parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phi: Option<f64>,
    /// Initial level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_level: Option<f64>,
    /// Initial trend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_trend: Option<f64>,
    /// Initial seasonal factors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_seasonal: Option<Vec<f64>>,
    /// Sum of squared in-sample errors (exponential smoothing, AR).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sse: Option<f64>,
    /// Akaike information criterion (exponential smoothing, statsmodels' definition).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aic: Option<f64>,
    /// Corrected AIC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aicc: Option<f64>,
    /// Bayesian information criterion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bic: Option<f64>,
    /// Whether the optimiser met its convergence criterion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converged: Option<bool>,
    /// Optimiser iterations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iterations: Option<usize>,
    /// AR intercept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intercept: Option<f64>,
    /// AR coefficients phi_1..phi_p.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coefficients: Option<Vec<f64>>,
    /// Theta drift.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b0: Option<f64>,
    /// Theta parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theta: Option<f64>,
    /// Seasonal factors of the Theta decomposition (empty if not deseasonalised).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seasonal_factors: Option<Vec<f64>>,
    /// Decomposition used by Theta: "additive" or "multiplicative".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Historic mean (mean), trailing window mean (windowAverage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// Drift per step (drift).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drift: Option<f64>,
    /// Input window length (dlinear, nlinear, mlp).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lookback: Option<usize>,
    /// Steps predicted per pass (dlinear, nlinear, mlp).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_length: Option<usize>,
    /// Training MSE over all windows and output steps (dlinear, nlinear, mlp).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub train_mse: Option<f64>,
}

#[derive(Debug, Clone)]
enum Fitted {
    Baseline(Baseline),
    Ets(EtsFit),
    Ar(ArFit),
    Theta(ThetaFit),
    Linear(LinearFit),
    Mlp(Box<MlpFit>),
}

impl Fitted {
    fn fitted(&self) -> &[f64] {
        match self {
            Fitted::Baseline(m) => m.fitted(),
            Fitted::Ets(m) => m.fitted(),
            Fitted::Ar(m) => m.fitted(),
            Fitted::Theta(m) => m.fitted(),
            Fitted::Linear(m) => m.fitted(),
            Fitted::Mlp(m) => m.fitted(),
        }
    }

    fn forecast(&self, horizon: usize) -> Result<Vec<f64>> {
        match self {
            Fitted::Baseline(m) => m.forecast(horizon),
            Fitted::Ets(m) => m.forecast(horizon),
            Fitted::Ar(m) => m.forecast(horizon),
            Fitted::Theta(m) => m.forecast(horizon),
            Fitted::Linear(m) => m.forecast(horizon),
            Fitted::Mlp(m) => m.forecast(horizon),
        }
    }
}

/// Largest forecast horizon accepted (a guard against accidental huge allocations).
pub const MAX_HORIZON: usize = 1_000_000;

/// A model of one kind with its structure, fitted or not.
#[derive(Debug, Clone)]
pub struct ForecastModel {
    kind: ModelKind,
    spec: Spec,
    state: Option<(Fitted, Vec<f64>)>,
}

impl ForecastModel {
    /// Creates an unfitted model of the named kind.
    pub fn new(kind: &str, options: &ModelOptions) -> Result<ForecastModel> {
        let kind = ModelKind::parse(kind)?;
        Self::with_kind(kind, options)
    }

    /// Creates an unfitted model of a kind.
    pub fn with_kind(kind: ModelKind, options: &ModelOptions) -> Result<ForecastModel> {
        let spec = resolve(kind, options)?;
        Ok(ForecastModel {
            kind,
            spec,
            state: None,
        })
    }

    /// The model kind.
    pub fn kind(&self) -> ModelKind {
        self.kind
    }

    /// Season length of the model (1 if it has none): the default MASE period.
    pub fn season_length(&self) -> usize {
        match &self.spec {
            Spec::Baseline(BaselineMethod::SeasonalNaive { period }) => *period,
            Spec::Ets(s) if s.seasonal != Seasonality::None => s.period,
            Spec::Theta(t) => t.period.max(1),
            _ => 1,
        }
    }

    /// Whether `fit` has succeeded.
    pub fn is_fitted(&self) -> bool {
        self.state.is_some()
    }

    /// Fits the model to `y` (replacing any previous fit; on error the model is left unfitted).
    pub fn fit(&mut self, y: &[f64], o: &FitOptions) -> Result<()> {
        self.state = None;
        let kind = self.kind;
        use ModelKind as K;
        let allowed: &[&str] = match kind {
            K::Naive | K::SeasonalNaive | K::Mean | K::Drift | K::WindowAverage | K::Ar => &[],
            K::Ses => &[
                "alpha",
                "initialization",
                "initialLevel",
                "maxIterations",
                "gridSize",
                "starts",
            ],
            K::Holt => &[
                "alpha",
                "beta",
                "phi",
                "initialization",
                "initialLevel",
                "initialTrend",
                "maxIterations",
                "gridSize",
                "starts",
            ],
            K::HoltWinters => &[
                "alpha",
                "beta",
                "gamma",
                "phi",
                "initialization",
                "initialLevel",
                "initialTrend",
                "initialSeasonal",
                "maxIterations",
                "gridSize",
                "starts",
            ],
            K::Theta => &["alpha", "maxIterations", "gridSize", "starts"],
            K::DLinear | K::NLinear => &["ridge"],
            K::Mlp => &["algorithm", "epochs", "learningRate", "seed"],
        };
        reject(kind, &o.given(), allowed)?;
        let fitted = match &self.spec {
            Spec::Baseline(method) => Fitted::Baseline(Baseline::fit(*method, y)?),
            Spec::Ets(spec) => {
                let initialization = match o.initialization.as_deref() {
                    None | Some("estimated") => Initialization::Estimated,
                    Some("heuristic") => Initialization::Heuristic,
                    Some("simple") => Initialization::Simple,
                    Some("known") => Initialization::Known,
                    Some(other) => {
                        return Err(ForecastError::option(
                            "initialization",
                            alloc::format!(
                                "expected 'estimated', 'heuristic', 'simple' or 'known', got \
                                 '{other}'"
                            ),
                        ))
                    }
                };
                let defaults = EtsOptions::default();
                let opts = EtsOptions {
                    initialization,
                    alpha: o.alpha,
                    beta: o.beta,
                    gamma: o.gamma,
                    phi: o.phi,
                    initial_level: o.initial_level,
                    initial_trend: o.initial_trend,
                    initial_seasonal: o.initial_seasonal.clone(),
                    max_iterations: count(
                        "maxIterations",
                        o.max_iterations,
                        defaults.max_iterations,
                        1,
                    )?,
                    grid_size: count("gridSize", o.grid_size, defaults.grid_size, 0)?,
                    starts: count("starts", o.starts, defaults.starts, 1)?,
                };
                Fitted::Ets(ets::fit(y, spec, &opts)?)
            }
            Spec::Ar(lags) => Fitted::Ar(ar::fit(y, *lags)?),
            Spec::Theta(t) => {
                let mut t = t.clone();
                t.alpha = o.alpha;
                t.max_iterations = count("maxIterations", o.max_iterations, t.max_iterations, 1)?;
                t.grid_size = count("gridSize", o.grid_size, t.grid_size, 0)?;
                t.starts = count("starts", o.starts, t.starts, 1)?;
                Fitted::Theta(theta::fit(y, &t)?)
            }
            Spec::Linear(kind, lin) => {
                let mut lin = *lin;
                if let Some(r) = o.ridge {
                    lin.ridge = r;
                }
                Fitted::Linear(linear::fit(y, *kind, &lin)?)
            }
            Spec::Mlp(m) => {
                let mut m = m.clone();
                m.algorithm = match o.algorithm.as_deref() {
                    None | Some("rprop") => MlpAlgorithm::Rprop,
                    Some("adam") => MlpAlgorithm::Adam,
                    Some(other) => {
                        return Err(ForecastError::option(
                            "algorithm",
                            alloc::format!("expected 'rprop' or 'adam', got '{other}'"),
                        ))
                    }
                };
                m.epochs = count("epochs", o.epochs, m.epochs, 1)?;
                if let Some(lr) = o.learning_rate {
                    m.learning_rate = lr;
                }
                if let Some(s) = o.seed {
                    m.seed = count("seed", Some(s), 0, 0)? as u64;
                }
                Fitted::Mlp(Box::new(mlp::fit(y, &m)?))
            }
        };
        let residuals: Vec<f64> = y.iter().zip(fitted.fitted()).map(|(a, f)| a - f).collect();
        self.state = Some((fitted, residuals));
        Ok(())
    }

    fn fitted_state(&self) -> Result<&(Fitted, Vec<f64>)> {
        self.state.as_ref().ok_or(ForecastError::NotFitted)
    }

    /// Forecasts `horizon` steps after the fitted series.
    pub fn predict(&self, horizon: usize) -> Result<Vec<f64>> {
        if horizon > MAX_HORIZON {
            return Err(ForecastError::option(
                "horizon",
                alloc::format!("must be at most {MAX_HORIZON}"),
            ));
        }
        let (fitted, _) = self.fitted_state()?;
        fitted.forecast(horizon)
    }

    /// In-sample one-step predictions (NaN where the model has none).
    pub fn fitted_values(&self) -> Result<&[f64]> {
        Ok(self.fitted_state()?.0.fitted())
    }

    /// In-sample residuals `y - fitted` (NaN where the model has no prediction).
    pub fn residuals(&self) -> Result<&[f64]> {
        Ok(&self.fitted_state()?.1)
    }

    /// Mean squared in-sample one-step error over the values that have a prediction.
    pub fn in_sample_mse(&self) -> Result<f64> {
        let res = self.residuals()?;
        let (s, c) = res
            .iter()
            .filter(|r| !r.is_nan())
            .fold((0.0, 0usize), |(s, c), r| (s + r * r, c + 1));
        Ok(if c > 0 { s / c as f64 } else { f64::NAN })
    }

    /// The fitted parameters.
    pub fn params(&self) -> Result<FittedParams> {
        let (fitted, residuals) = self.fitted_state()?;
        let mut p = FittedParams {
            kind: self.kind.name().to_string(),
            nobs: residuals.len(),
            mse: self.in_sample_mse()?,
            ..FittedParams::default()
        };
        match fitted {
            Fitted::Baseline(b) => match b.method() {
                BaselineMethod::Mean | BaselineMethod::WindowAverage { .. } => {
                    p.mean = Some(b.statistic())
                }
                BaselineMethod::Drift => p.drift = Some(b.statistic()),
                _ => {}
            },
            Fitted::Ets(e) => {
                let spec = e.spec();
                p.alpha = Some(e.alpha);
                p.initial_level = Some(e.initial_level);
                if spec.trend {
                    p.beta = Some(e.beta);
                    p.initial_trend = Some(e.initial_trend);
                }
                if spec.damped {
                    p.phi = Some(e.phi);
                }
                if spec.seasonal != Seasonality::None {
                    p.gamma = Some(e.gamma);
                    p.initial_seasonal = Some(e.initial_seasonal.clone());
                }
                p.sse = Some(e.sse);
                p.aic = Some(e.aic());
                p.aicc = Some(e.aicc());
                p.bic = Some(e.bic());
                p.converged = Some(e.converged);
                p.iterations = Some(e.iterations);
            }
            Fitted::Ar(a) => {
                p.intercept = Some(a.intercept);
                p.coefficients = Some(a.coefficients.clone());
                p.sse = Some(a.sse);
            }
            Fitted::Theta(t) => {
                p.alpha = Some(t.alpha);
                p.b0 = Some(t.b0);
                p.theta = Some(t.theta);
                p.seasonal_factors = Some(t.seasonal_factors().to_vec());
                if t.is_seasonal() {
                    p.method = Some(String::from(match t.method_used() {
                        ThetaMethod::Multiplicative => "multiplicative",
                        _ => "additive",
                    }));
                }
            }
            Fitted::Linear(l) => {
                p.lookback = Some(l.lookback());
                p.output_length = Some(l.output_length());
                p.train_mse = Some(l.train_mse);
            }
            Fitted::Mlp(m) => {
                p.lookback = Some(m.lookback());
                p.output_length = Some(m.output_length());
                p.train_mse = Some(m.train_mse);
            }
        }
        Ok(p)
    }
}

/// Fits a model of `kind` to `y` and forecasts `horizon` steps: a convenience for one-shot use.
pub fn fit_predict(
    kind: &str,
    options: &ModelOptions,
    fit_options: &FitOptions,
    y: &[f64],
    horizon: usize,
) -> Result<Vec<f64>> {
    let mut m = ForecastModel::new(kind, options)?;
    m.fit(y, fit_options)?;
    m.predict(horizon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn y() -> Vec<f64> {
        (0..60)
            .map(|t| 10.0 + 0.2 * t as f64 + [2.0, -1.0, 0.5, -1.5][t % 4])
            .collect()
    }

    #[test]
    fn every_kind_fits_and_predicts() {
        for kind in ModelKind::ALL {
            let mut opts = ModelOptions::default();
            match kind {
                ModelKind::SeasonalNaive | ModelKind::HoltWinters => opts.period = Some(4.0),
                ModelKind::WindowAverage => opts.window = Some(3.0),
                ModelKind::Theta => opts.period = Some(4.0),
                ModelKind::DLinear | ModelKind::NLinear | ModelKind::Mlp => {
                    opts.lookback = Some(8.0)
                }
                _ => {}
            }
            let mut m = ForecastModel::with_kind(kind, &opts).unwrap();
            assert!(matches!(m.predict(3), Err(ForecastError::NotFitted)));
            m.fit(&y(), &FitOptions::default())
                .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            let fc = m.predict(5).unwrap();
            assert_eq!(fc.len(), 5);
            assert!(fc.iter().all(|v| v.is_finite()), "{kind:?}: {fc:?}");
            assert_eq!(m.residuals().unwrap().len(), 60);
            let p = m.params().unwrap();
            assert_eq!(p.kind, kind.name());
            assert!(p.mse.is_finite(), "{kind:?}");
            assert_eq!(m.predict(0).unwrap_err(), ForecastError::ZeroHorizon);
        }
    }

    #[test]
    fn kind_names_and_errors() {
        assert_eq!(
            ModelKind::parse("Holt-Winters").unwrap(),
            ModelKind::HoltWinters
        );
        assert_eq!(
            ModelKind::parse("seasonal_naive").unwrap(),
            ModelKind::SeasonalNaive
        );
        let e = ForecastModel::new("arima", &ModelOptions::default()).unwrap_err();
        let msg = alloc::format!("{e}");
        assert!(msg.contains("unknown model kind 'arima'") && msg.contains("holtWinters"));
        let e = ForecastModel::new("holtWinters", &ModelOptions::default()).unwrap_err();
        assert!(alloc::format!("{e}").contains("'period'"), "{e}");
        let opts = ModelOptions {
            period: Some(12.5),
            ..ModelOptions::default()
        };
        let e = ForecastModel::new("holtWinters", &opts).unwrap_err();
        assert!(alloc::format!("{e}").contains("integer"), "{e}");
        let opts = ModelOptions {
            lags: Some(2.0),
            ..ModelOptions::default()
        };
        let e = ForecastModel::new("naive", &opts).unwrap_err();
        assert!(alloc::format!("{e}").contains("'lags'"), "{e}");
        let mut m = ForecastModel::new("naive", &ModelOptions::default()).unwrap();
        let e = m
            .fit(
                &y(),
                &FitOptions {
                    alpha: Some(0.5),
                    ..FitOptions::default()
                },
            )
            .unwrap_err();
        assert!(alloc::format!("{e}").contains("'alpha'"), "{e}");
        let e = m.fit(&[], &FitOptions::default()).unwrap_err();
        assert_eq!(e, ForecastError::EmptySeries);
        assert!(!m.is_fitted());
        let e = m
            .fit(&[1.0, f64::INFINITY], &FitOptions::default())
            .unwrap_err();
        assert!(alloc::format!("{e}").contains("index 1"));
    }

    #[test]
    fn fixed_parameters_are_reported() {
        let opts = ModelOptions {
            period: Some(4.0),
            ..ModelOptions::default()
        };
        let mut m = ForecastModel::new("holtWinters", &opts).unwrap();
        let fo = FitOptions {
            alpha: Some(0.3),
            beta: Some(0.1),
            gamma: Some(0.2),
            initialization: Some(String::from("heuristic")),
            ..FitOptions::default()
        };
        m.fit(&y(), &fo).unwrap();
        let p = m.params().unwrap();
        assert_eq!(
            (p.alpha, p.beta, p.gamma),
            (Some(0.3), Some(0.1), Some(0.2))
        );
        assert_eq!(p.phi, None);
        assert_eq!(p.initial_seasonal.as_ref().map(Vec::len), Some(4));
        let fc = fit_predict("holtWinters", &opts, &fo, &y(), 2).unwrap();
        assert_eq!(fc, m.predict(2).unwrap());
        let _ = vec![0];
    }
}
