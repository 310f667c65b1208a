/**
 * Name of an activation function, accepted wherever an `ActivationFunction` value is.
 * Case, underscores, dashes and a `FANN_` prefix are ignored at run time, so
 * `"sigmoid_symmetric"`, `"SIGMOID_SYMMETRIC"`, `"FANN_SIGMOID_SYMMETRIC"` and
 * `"sigmoidSymmetric"` are the same function; `"tanh"` is `"sigmoid_symmetric"`.
 */
export type ActivationFunctionName =
  | "linear"
  | "threshold"
  | "threshold_symmetric"
  | "sigmoid"
  | "sigmoid_stepwise"
  | "sigmoid_symmetric"
  | "sigmoid_symmetric_stepwise"
  | "gaussian"
  | "gaussian_symmetric"
  | "gaussian_stepwise"
  | "elliot"
  | "elliot_symmetric"
  | "linear_piece"
  | "linear_piece_symmetric"
  | "sin_symmetric"
  | "cos_symmetric"
  | "sin"
  | "cos"
  | "relu"
  | "leaky_relu"
  | "tanh"
  | (string & {});

/** Name of a training algorithm (case, underscores and a `FANN_TRAIN_` prefix are ignored). */
export type TrainingAlgorithmName =
  | "incremental"
  | "batch"
  | "rprop"
  | "quickprop"
  | "sarprop"
  | "adam";

/** Name of an error function. */
export type ErrorFunctionName = "linear" | "tanh";

/** Name of a stop function. */
export type StopFunctionName = "mse" | "bit";

/** Every training parameter, as returned by `NeuralNetwork.getTrainingParams()`. Defaults are FANN 2.2's. */
export interface TrainingParams {
  /** Training algorithm (default `TrainingAlgorithm.Rprop`, FANN's iRPROP-). */
  algorithm: TrainingAlgorithm;
  /** Learning rate of incremental, batch and Quickprop training (default 0.7). */
  learningRate: number;
  /** Momentum of incremental training (default 0). */
  learningMomentum: number;
  /** Error function applied to output errors (default `ErrorFunction.Tanh`). */
  errorFunction: ErrorFunction;
  /** What `desiredError` of `train` refers to (default `StopFunction.Mse`). */
  stopFunction: StopFunction;
  /** An output error (halved for symmetric activations) at least this large is a bit fail (default 0.35). */
  bitFailLimit: number;
  /** Quickprop weight decay (default -0.0001). */
  quickpropDecay: number;
  /** Quickprop maximum growth factor (default 1.75). */
  quickpropMu: number;
  /** RPROP step growth factor (default 1.2). */
  rpropIncreaseFactor: number;
  /** RPROP step shrink factor (default 0.5). */
  rpropDecreaseFactor: number;
  /** RPROP smallest step (default 0). */
  rpropDeltaMin: number;
  /** RPROP largest step (default 50). */
  rpropDeltaMax: number;
  /** RPROP initial step (default 0.1). */
  rpropDeltaZero: number;
  /** SARPROP weight decay shift (default -6.644). */
  sarpropWeightDecayShift: number;
  /** SARPROP step error threshold factor (default 0.1). */
  sarpropStepErrorThresholdFactor: number;
  /** SARPROP step error shift (default 1.385). */
  sarpropStepErrorShift: number;
  /** SARPROP temperature (default 0.015). */
  sarpropTemperature: number;
  /** Adam step size (default 0.001). */
  adamLearningRate: number;
  /** Adam first-moment decay (default 0.9). */
  adamBeta1: number;
  /** Adam second-moment decay (default 0.999). */
  adamBeta2: number;
  /** Adam epsilon (default 1e-8). */
  adamEpsilon: number;
}

/**
 * Training parameters to change: any subset of `TrainingParams`; enum-valued fields also accept
 * names. Unknown fields are an error.
 */
export interface TrainingParamsInput {
  /** Training algorithm. */
  algorithm?: TrainingAlgorithm | TrainingAlgorithmName;
  /** Learning rate of incremental, batch and Quickprop training (≥ 0). */
  learningRate?: number;
  /** Momentum of incremental training. */
  learningMomentum?: number;
  /** Error function applied to output errors. */
  errorFunction?: ErrorFunction | ErrorFunctionName;
  /** What `desiredError` of `train` refers to. */
  stopFunction?: StopFunction | StopFunctionName;
  /** Bit-fail limit (≥ 0). */
  bitFailLimit?: number;
  /** Quickprop weight decay. */
  quickpropDecay?: number;
  /** Quickprop maximum growth factor (> -1). */
  quickpropMu?: number;
  /** RPROP step growth factor. */
  rpropIncreaseFactor?: number;
  /** RPROP step shrink factor. */
  rpropDecreaseFactor?: number;
  /** RPROP smallest step (≥ 0). */
  rpropDeltaMin?: number;
  /** RPROP largest step (≥ rpropDeltaMin). */
  rpropDeltaMax?: number;
  /** RPROP initial step (≥ 0). */
  rpropDeltaZero?: number;
  /** SARPROP weight decay shift. */
  sarpropWeightDecayShift?: number;
  /** SARPROP step error threshold factor. */
  sarpropStepErrorThresholdFactor?: number;
  /** SARPROP step error shift. */
  sarpropStepErrorShift?: number;
  /** SARPROP temperature. */
  sarpropTemperature?: number;
  /** Adam step size (≥ 0). */
  adamLearningRate?: number;
  /** Adam first-moment decay, in [0, 1). */
  adamBeta1?: number;
  /** Adam second-moment decay, in [0, 1). */
  adamBeta2?: number;
  /** Adam epsilon (≥ 0). */
  adamEpsilon?: number;
}

/** Options of `new NeuralNetwork(layers, options)`; every field is optional. */
export interface NetworkOptions extends TrainingParamsInput {
  /** `"standard"` (each layer feeds the next; default) or `"shortcut"` (each layer feeds all later layers). */
  topology?: "standard" | "shortcut";
  /** Fraction of the possible connections of a standard network, in (0, 1] (default 1: fully connected). */
  connectionRate?: number;
  /** Activation function of the hidden layers (default `SigmoidStepwise`, FANN's default). */
  hiddenActivation?: ActivationFunction | ActivationFunctionName;
  /** Activation function of the output layer (default `SigmoidStepwise`). */
  outputActivation?: ActivationFunction | ActivationFunctionName;
  /** Activation steepness of the hidden layers (default 0.5). */
  hiddenSteepness?: number;
  /** Activation steepness of the output layer (default 0.5). */
  outputSteepness?: number;
  /** Seed of the initial weights, sparse layout and later randomisation (a safe integer ≥ 0). */
  seed?: number;
}

/** Options of `NeuralNetwork.train`; training parameters given here are stored in the network. */
export interface TrainOptions extends TrainingParamsInput {
  /** Maximum number of epochs (default 1000). */
  maxEpochs?: number;
  /** Stop when the MSE (or bit fails, per `stopFunction`) is at most this (default 0.001). */
  desiredError?: number;
  /** Epochs between calls of the progress callback (default 100). */
  epochsBetweenReports?: number;
}

/**
 * Progress callback of `NeuralNetwork.train`, called after epoch 1, every
 * `epochsBetweenReports` epochs and at the end. Returning `false` stops training; throwing
 * aborts it and `train` throws that error.
 */
export type TrainProgressCallback = (epoch: number, mse: number, bitFail: number) => boolean | void;

/** Result of `NeuralNetwork.test`. */
export interface TestResult {
  /** Mean squared error over all outputs of all samples (errors of symmetric outputs are halved, as in FANN). */
  mse: number;
  /** Number of outputs whose error reached the bit-fail limit. */
  bitFail: number;
  /** Number of samples tested. */
  samples: number;
}

/** One connection of a network (FANN's `struct fann_connection`). */
export interface Connection {
  /** Source neuron index (FANN numbering: all neurons of all layers, bias neurons included). */
  fromNeuron: number;
  /** Destination neuron index. */
  toNeuron: number;
  /** Weight. */
  weight: number;
}

/** One layer in `NetworkInfo`. */
export interface LayerInfo {
  /** Neurons in the layer, bias excluded. */
  neurons: number;
  /** Whether the layer has a bias neuron feeding later layers. */
  bias: boolean;
  /** Distinct activation functions of the layer's neurons (empty for the input layer). */
  activationFunctions: ActivationFunction[];
  /** Distinct activation steepnesses of the layer's neurons (empty for the input layer). */
  steepnesses: number[];
}

/** Result of `NeuralNetwork.info()`. */
export interface NetworkInfo {
  /** Number of inputs. */
  numInputs: number;
  /** Number of outputs. */
  numOutputs: number;
  /** Neurons per layer, bias excluded, input first. */
  layerSizes: number[];
  /** Per-layer details. */
  layers: LayerInfo[];
  /** Topology. */
  networkType: "standard" | "shortcut";
  /** Connection rate the network was created with. */
  connectionRate: number;
  /** Neurons including bias neurons (FANN's `fann_get_total_neurons`). */
  totalNeurons: number;
  /** Number of connections (weights). */
  totalConnections: number;
  /** Whether every layer runs on the dense (matrix) kernels. */
  dense: boolean;
  /** Whether the network carries input/output scaling parameters. */
  hasScaling: boolean;
  /** Training algorithm. */
  trainingAlgorithm: TrainingAlgorithm;
}

/** One kernel in `KernelCheckResult`. */
export interface KernelDifference {
  /** Kernel name (`matvec`, `dot`, `axpy`, `incremental_update`, `batch_update`, `irpropm_update`, `quickprop_update`, `adam_update`). */
  name: string;
  /** Largest relative difference between the SIMD128 and scalar results. */
  maxRelativeDifference: number;
}

/** Result of `kernelSelfCheck`. */
export interface KernelCheckResult {
  /** Whether this build's kernels use SIMD128 (otherwise both paths are scalar). */
  simd: boolean;
  /** Largest relative difference over all kernels. */
  maxRelativeDifference: number;
  /** Per-kernel differences. */
  kernels: KernelDifference[];
}
