/** The model kinds: the `kind` of `ForecastModel`, `fitPredict`, `forecastBatch` and
 * `crossValidate` (`modelKinds()` lists them). At run time the parser also accepts other
 * spellings of these names (any case, `-`, `_` and spaces ignored, e.g. `"holt-winters"`), for
 * callers without the types. */
export type ModelKind =
  | 'naive'
  | 'seasonalNaive'
  | 'mean'
  | 'drift'
  | 'windowAverage'
  | 'ses'
  | 'holt'
  | 'holtWinters'
  | 'ar'
  | 'theta'
  | 'dlinear'
  | 'nlinear'
  | 'mlp';

/**
 * Structure of a model, given when it is created. Only the options of the model's kind may be
 * set (others are an error); counts must be non-negative integers.
 */
export interface ModelOptions {
  /** Season length. Required for `seasonalNaive` (>= 1) and `holtWinters` (>= 2); optional for
   * `theta` (default 1: no deseasonalisation). */
  period?: number;
  /** `windowAverage`: number of trailing values averaged (required, >= 1). */
  window?: number;
  /** `holt`, `holtWinters`: damped trend (default false). */
  damped?: boolean;
  /** `holtWinters`: whether the model has an additive trend (default true). */
  trend?: boolean;
  /** `holtWinters`: seasonality type (default `"additive"`; multiplicative needs positive data). */
  seasonal?: 'additive' | 'multiplicative' | 'add' | 'mul';
  /** `ar`: autoregressive order p (default 1). */
  lags?: number;
  /** `theta`: the theta parameter, >= 1 (default 2, the classical Theta method). */
  theta?: number;
  /** `theta`: deseasonalise when the seasonality test says so (default true). */
  deseasonalize?: boolean;
  /** `theta`: test for seasonality before deseasonalising (default true). */
  useTest?: boolean;
  /** `theta`: run the seasonality test on the differenced series (default false). */
  difference?: boolean;
  /** `theta`: decomposition type (default `"auto"`: multiplicative if all values are positive). */
  method?: 'auto' | 'additive' | 'multiplicative' | 'add' | 'mul';
  /** `dlinear`, `nlinear`, `mlp`: input window length (default 24). */
  lookback?: number;
  /** `dlinear`, `nlinear`, `mlp`: steps predicted by one pass (default 1); longer forecasts are
   * produced recursively. */
  outputLength?: number;
  /** `dlinear`: moving-average kernel size, odd (default 25). */
  kernel?: number;
  /** `mlp`: hidden layer sizes (default `[32]`; `[]` gives a linear network). */
  hidden?: number[];
}

/**
 * Fitting options, given to `fit`: fixed parameters (omitted ones are estimated), initial
 * states and optimiser/training controls. Only the options of the model's kind may be set.
 */
export interface FitOptions {
  /** `ses`, `holt`, `holtWinters`, `theta`: fixed level smoothing parameter in [0, 1]. */
  alpha?: number;
  /** `holt`, `holtWinters`: fixed trend smoothing parameter in [0, 1]. */
  beta?: number;
  /** `holtWinters`: fixed seasonal smoothing parameter in [0, 1]. */
  gamma?: number;
  /** Damped `holt`/`holtWinters`: fixed damping parameter in (0, 1] (fitted in [0.8, 0.995]). */
  phi?: number;
  /** `ses`, `holt`, `holtWinters`: how the initial states are set, as statsmodels'
   * `initialization_method` (default `"estimated"`: least squares jointly with the smoothing
   * parameters, starting from the heuristic states, or the simple ones when the series is
   * shorter than the heuristic needs). Shortest series: `"known"` 2 values; `"simple"` and
   * `"estimated"` two seasons (2 without a season); `"heuristic"` 10, and with a season of
   * length m at least max(2 m, 10 + 2 floor(m / 2)). */
  initialization?: 'estimated' | 'heuristic' | 'simple' | 'known';
  /** Initial level, with `initialization: "known"`. */
  initialLevel?: number;
  /** Initial trend, with `initialization: "known"` and a trend. */
  initialTrend?: number;
  /** Initial seasonal factors (`period` values), with `initialization: "known"`. */
  initialSeasonal?: number[];
  /** Exponential smoothing and `theta`: optimiser iteration limit (default 1000). */
  maxIterations?: number;
  /** Exponential smoothing and `theta`: resolution of the starting-value grid search (default
   * 21; statsmodels uses 87; 0 disables it). */
  gridSize?: number;
  /** Exponential smoothing and `theta`: number of optimiser runs, started from the best
   * well-separated grid points; the lowest SSE wins (default 4; statsmodels runs 1). */
  starts?: number;
  /** `dlinear`, `nlinear`: L2 penalty on the weights, >= 0 (default 0.001). */
  ridge?: number;
  /** `mlp`: training algorithm (default `"rprop"`). */
  algorithm?: 'rprop' | 'adam';
  /** `mlp`: training epochs (default 300). */
  epochs?: number;
  /** `mlp`: Adam step size (default 0.01). */
  learningRate?: number;
  /** `mlp`: seed of the weight initialisation (default 42). */
  seed?: number;
}

/** Options of `forecastBatch`: shared by every series of the batch. */
export interface BatchOptions {
  /** Structure of the models. */
  model?: ModelOptions;
  /** Fitting options of the models. */
  fit?: FitOptions;
  /** Keep every series' fitted parameters for `BatchForecast.params()` (default false). */
  includeParams?: boolean;
}

/** Options of `fitPredict`. */
export interface FitPredictOptions {
  /** Structure of the model. */
  model?: ModelOptions;
  /** Fitting options of the model. */
  fit?: FitOptions;
}

/** Parameters of a fitted model. Fields that do not apply to the model kind are absent. */
export interface FittedParams {
  /** The model kind. */
  kind: ModelKind;
  /** Number of observations fitted. */
  nobs: number;
  /** Mean squared in-sample one-step error over the values that have a prediction. */
  mse: number;
  /** Level smoothing parameter (exponential smoothing, theta). */
  alpha?: number;
  /** Trend smoothing parameter. */
  beta?: number;
  /** Seasonal smoothing parameter. */
  gamma?: number;
  /** Damping parameter. */
  phi?: number;
  /** Initial level. */
  initialLevel?: number;
  /** Initial trend. */
  initialTrend?: number;
  /** Initial seasonal factors. */
  initialSeasonal?: number[];
  /** Sum of squared in-sample one-step errors (exponential smoothing, AR). */
  sse?: number;
  /** Akaike information criterion (exponential smoothing; statsmodels' definition). */
  aic?: number;
  /** Corrected AIC (Infinity when there are too few observations). */
  aicc?: number;
  /** Bayesian information criterion. */
  bic?: number;
  /** Whether the optimiser met its convergence criterion. */
  converged?: boolean;
  /** Optimiser iterations. */
  iterations?: number;
  /** AR intercept. */
  intercept?: number;
  /** AR coefficients phi_1 .. phi_p. */
  coefficients?: number[];
  /** Theta: drift (slope of the OLS trend line). */
  b0?: number;
  /** Theta: the theta parameter. */
  theta?: number;
  /** Theta: seasonal factors (empty when the series was not deseasonalised). */
  seasonalFactors?: number[];
  /** Theta: decomposition used, when deseasonalised. */
  method?: 'additive' | 'multiplicative';
  /** `mean`: historic mean; `windowAverage`: mean of the last window. */
  mean?: number;
  /** `drift`: average change per step. */
  drift?: number;
  /** `dlinear`, `nlinear`, `mlp`: input window length. */
  lookback?: number;
  /** `dlinear`, `nlinear`, `mlp`: steps predicted per pass. */
  outputLength?: number;
  /** `dlinear`, `nlinear`, `mlp`: training MSE over all windows and output steps. */
  trainMse?: number;
}

/** A series of a batch that could not be fitted or forecast. */
export interface BatchFailure {
  /** Index of the series in the batch. */
  index: number;
  /** What went wrong. */
  message: string;
}

/** Forecast accuracy measures. */
export interface Metrics {
  /** Mean absolute error. */
  mae: number;
  /** Mean squared error. */
  mse: number;
  /** Root mean squared error. */
  rmse: number;
  /** Mean absolute percentage error in percent; null when an actual value is 0. */
  mape: number | null;
  /** Symmetric MAPE in percent (0 to 200). */
  smape: number;
  /** Mean absolute scaled error; null without a training series or when its naive error is 0. */
  mase: number | null;
}

/** Options of `crossValidate`. */
export interface CrossValidationOptions {
  /** Forecast horizon of every fold (required, >= 1). */
  horizon: number;
  /** Training size at the first origin (default: half the series, rounded up). */
  initial?: number;
  /** Distance between consecutive origins (default 1). */
  step?: number;
  /** Keep only the last `maxFolds` origins (default: all). */
  maxFolds?: number;
  /** `"expanding"` (default): train on everything before the origin; `"sliding"`: on the last
   * `initial` values. */
  window?: 'expanding' | 'sliding';
  /** Season length of the MASE scale (default: the model's season length, or 1). */
  period?: number;
}

/** One fold of a cross-validation. */
export interface CrossValidationFold {
  /** Index of the first forecast value in the series. */
  origin: number;
  /** Number of training values. */
  trainSize: number;
  /** The forecasts. */
  forecast: number[];
  /** The actual values. */
  actual: number[];
  /** Accuracy of this fold (MASE scaled on the fold's training values). */
  metrics: Metrics;
}

/** Result of `crossValidate`. */
export interface CrossValidationResult {
  /** Every fold, in origin order. */
  folds: CrossValidationFold[];
  /** Means of the fold metrics (`mape`/`mase` are null unless defined for every fold). */
  mean: Metrics;
  /** Mean absolute error per horizon (index 0 = one step ahead). */
  maeByHorizon: number[];
}
