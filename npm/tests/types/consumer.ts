// A TypeScript consumer of every exported API of the package, type-checked with
// `tsc --strict --noEmit` against the packed package (npm/tests/typecheck_test.mjs).
//
// Every function, class constructor, static and instance method, accessor and enum of every
// module is called here with correctly typed arguments, and every result goes through `is<T>()`,
// which compiles only when the declared type is exactly T: a declaration that is `any`, or
// wider, narrower or different, fails. Each function taking arguments also has a call with a
// wrong argument under `@ts-expect-error`, which fails the build when the parameter's
// declaration accepts it (e.g. when it is `any`). The file is only type-checked, never run.
import * as pkg from '@ruv/swarm-wasm';
// The package's modules as the build lists them (modules.json; written by typecheck_test.mjs).
import type { ExpectedModuleName } from './expected.js';
import { load, moduleNames, setDefaultVariant, simdSupported, variantOf, variants, version } from '@ruv/swarm-wasm';
import type { LoadOptions, ModuleCommon, ModuleName, Modules, Variant, VariantChoice } from '@ruv/swarm-wasm';
import * as coreDirect from '@ruv/swarm-wasm/core';
import * as neuralDirect from '@ruv/swarm-wasm/neural';
import * as forecastingDirect from '@ruv/swarm-wasm/forecasting';
import * as swarmDirect from '@ruv/swarm-wasm/swarm';
import * as unifiedDirect from '@ruv/swarm-wasm/unified';
import * as persistenceDirect from '@ruv/swarm-wasm/persistence';
import { Statement, Store } from '@ruv/swarm-wasm/persistence';
import type {
  AgentInput, AgentQuery, AgentRecord, BeginMode, EventInput, EventQuery, EventRecord, JsonValue, MessageInput,
  MessageQuery, MessageRecord, MetricInput, MetricQuery, MetricRecord, MetricSummary, NodeFileSystem, RunResult,
  IndexedDbStoreOptions, OpfsDatabase, OpfsStoreOptions, SnapshotInfo, SqlInput, SqliteError, SqlParams, SqlRow, SqlValue, StoreBackend, StoreOptions, StoreStats, TaskInput,
  TaskQuery, TaskRecord,
} from '@ruv/swarm-wasm/persistence';
import type {
  AgentConfig, AgentRole, ClockMode, CognitivePattern, GraphNode, Strategy, SwarmConfig, TaskConfig,
  TaskPriority, Topology,
} from '@ruv/swarm-wasm/core';
import {
  ActivationFunction, DenseMatrix, ErrorFunction, NeuralNetwork, StopFunction, TrainingAlgorithm,
  TrainingData,
} from '@ruv/swarm-wasm/neural';
import type {
  ActivationFunctionName, Connection, ErrorFunctionName, StopFunctionName, KernelCheckResult, KernelDifference, LayerInfo, NetworkInfo,
  NetworkOptions, TestResult, TrainOptions, TrainProgressCallback, TrainingAlgorithmName,
  TrainingParams, TrainingParamsInput,
} from '@ruv/swarm-wasm/neural';
import { BatchForecast, ForecastModel } from '@ruv/swarm-wasm/forecasting';
import type {
  BatchFailure, BatchOptions, CrossValidationFold, CrossValidationOptions, CrossValidationResult,
  FitOptions, FitPredictOptions, FittedParams, Metrics, ModelKind, ModelOptions,
} from '@ruv/swarm-wasm/forecasting';
import type {
  Agent, AgentCounts, AgentStatus, AssignmentBatch, EventBatch, EventLogStatus, FailOutcome, SwarmEvent,
  SwarmEventBase, SwarmEventKind, SwarmMetrics, SwarmStatus, Task, TaskCounts, TaskStatus,
} from '@ruv/swarm-wasm/swarm';

/** Whether A and B are the same type (`any` is only the same as `any`). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** `is<Expected>()(value)` compiles only when `value`'s declared type is exactly `Expected`. */
function is<Expected>() {
  return <Actual>(value: Actual, ..._exact: Equals<Actual, Expected> extends true ? [] : [never]): Actual => value;
}
/** Static checks of types without values. */
function same<A, B>(..._exact: Equals<A, B> extends true ? [] : [never]): void {}

// The complete value surface of the package and of every module and class: adding an export (or
// a method) fails this check until the export is added here and called below.
same<keyof typeof pkg,
  'load' | 'moduleNames' | 'setDefaultVariant' | 'simdSupported' | 'variantOf' | 'variants' | 'version'>();
same<keyof typeof coreDirect,
  | 'agentRoles' | 'cognitivePatterns' | 'defaultCognitivePattern' | 'findCycle' | 'greet' | 'handOffRule'
  | 'memoryUsage' | 'simdEnabled' | 'strategies' | 'topologies' | 'validateAgentConfig' | 'validateSwarmConfig'
  | 'validateTaskConfig' | 'version'>();
same<keyof typeof neuralDirect,
  | 'ActivationFunction' | 'DenseMatrix' | 'ErrorFunction' | 'NeuralNetwork' | 'StopFunction' | 'TrainingAlgorithm'
  | 'TrainingData' | 'activationFunctionName' | 'kernelSelfCheck' | 'memoryUsage' | 'simdEnabled' | 'version'>();
same<keyof typeof forecastingDirect,
  | 'BatchForecast' | 'ForecastModel' | 'crossValidate' | 'evaluate' | 'fitPredict' | 'forecastBatch' | 'mae'
  | 'mape' | 'mase' | 'memoryUsage' | 'modelKinds' | 'mse' | 'rmse' | 'simdEnabled' | 'smape' | 'version'>();
same<keyof typeof swarmDirect,
  | 'completeTask' | 'createSwarm' | 'destroySwarm' | 'failTask' | 'getAgent' | 'getEvents' | 'getStatus' | 'getTask'
  | 'handOff' | 'listAgents' | 'listSwarms' | 'listTasks' | 'memoryUsage' | 'neighbors' | 'orchestrateTask'
  | 'orchestrateTasks' | 'removeAgent' | 'restore' | 'route' | 'setTime' | 'simdEnabled' | 'snapshot' | 'spawnAgent'
  | 'startTask' | 'verifySwarm' | 'version' | 'completeTasks' | 'getAssignments' | 'startTasks'>();
same<keyof typeof persistenceDirect,
  'Statement' | 'Store' | 'memoryUsage' | 'schemaVersion' | 'simdEnabled' | 'sqliteVersion' | 'version'>();
same<keyof Store,
  | 'free' | typeof Symbol.dispose | 'appendEvent' | 'appendEvents' | 'begin' | 'checkIntegrity' | 'close' | 'commit'
  | 'deleteAgent' | 'deleteSnapshot' | 'deleteSwarm' | 'deleteTask' | 'executeBatch' | 'executeMany' | 'execute'
  | 'exportBytes' | 'flush' | 'getAgent' | 'getTask' | 'get' | 'importBytes' | 'listAgents' | 'listSnapshots' | 'listSwarms'
  | 'listTasks' | 'loadSnapshot' | 'markMessagesRead' | 'prepare' | 'queryEvents' | 'queryMessages' | 'queryMetrics'
  | 'query' | 'recordMetric' | 'recordMetrics' | 'rollback' | 'saveAgent' | 'saveAgents' | 'saveSnapshot' | 'saveTask'
  | 'saveTasks' | 'sendMessage' | 'stats' | 'summarizeMetric' | 'transaction' | 'backend' | 'inTransaction' | 'isOpen'
  | 'path' | 'schemaVersion'>();
same<Exclude<keyof typeof Store, 'prototype'>, 'openOpfs' | 'deleteOpfs' | 'openIndexedDb' | 'deleteIndexedDb'>();
same<keyof Statement, 'free' | typeof Symbol.dispose | 'all' | 'finalize' | 'get' | 'run' | 'values' | 'columns' | 'readonly' | 'sql'>();
same<Exclude<keyof typeof Statement, 'prototype'>, never>();
same<keyof DenseMatrix, 'free' | typeof Symbol.dispose | 'mulVec' | 'cols' | 'rows'>();
same<Exclude<keyof typeof DenseMatrix, 'prototype'>, never>();
same<keyof TrainingData,
  | 'free' | typeof Symbol.dispose | 'getInput' | 'getOutput' | 'inputs' | 'merge' | 'outputs' | 'scaleInput'
  | 'scaleOutput' | 'scale' | 'shuffle' | 'subset' | 'toFann' | 'length' | 'numInputs' | 'numOutputs'>();
same<Exclude<keyof typeof TrainingData, 'prototype'>, 'fromArrays' | 'fromFann'>();
same<keyof NeuralNetwork,
  | 'free' | typeof Symbol.dispose | 'clearScalingParams' | 'clone' | 'descaleOutput' | 'getActivationFunction'
  | 'getActivationSteepness' | 'getConnections' | 'getTrainingParams' | 'getWeights' | 'info' | 'initWeights'
  | 'layerSizes' | 'randomizeWeights' | 'resetMse' | 'runBatch' | 'run' | 'scaleInput' | 'scaleOutput'
  | 'setActivationFunctionHidden' | 'setActivationFunctionLayer' | 'setActivationFunctionOutput'
  | 'setActivationFunction' | 'setActivationSteepnessHidden' | 'setActivationSteepnessLayer'
  | 'setActivationSteepnessOutput' | 'setActivationSteepness' | 'setScalingParams' | 'setTrainingParams'
  | 'setWeight' | 'setWeights' | 'test' | 'toFann' | 'trainEpoch' | 'trainSample' | 'train' | 'bitFail' | 'mse'
  | 'numInputs' | 'numOutputs' | 'trainingAlgorithm' | 'totalConnections'>();
same<Exclude<keyof typeof NeuralNetwork, 'prototype'>, 'fromFann'>();
same<keyof ForecastModel,
  | 'free' | typeof Symbol.dispose | 'fit' | 'fittedValues' | 'inSampleMse' | 'params' | 'predict' | 'residuals'
  | 'isFitted' | 'kind'>();
same<Exclude<keyof typeof ForecastModel, 'prototype'>, never>();
same<keyof BatchForecast,
  | 'free' | typeof Symbol.dispose | 'failures' | 'forecast' | 'forecasts' | 'inSampleMse' | 'params' | 'count'
  | 'failureCount' | 'horizon'>();
same<Exclude<keyof typeof BatchForecast, 'prototype'>, never>();

// ----------------------------------------------------------------------------------------------
// The package entry point
// ----------------------------------------------------------------------------------------------

async function entry(): Promise<void> {
  is<readonly ModuleName[]>()(moduleNames);
  is<string>()(version);
  is<boolean>()(simdSupported());
  is<readonly Variant[]>()(variants);
  same<Variant, 'simd128' | 'baseline'>();
  same<VariantChoice, Variant | 'auto'>();
  const choice: VariantChoice = 'auto';
  is<void>()(setDefaultVariant(choice));
  // @ts-expect-error: not a variant
  setDefaultVariant('sse');
  is<Variant | undefined>()(variantOf('neural'));
  // @ts-expect-error: not a module name
  variantOf('nope');
  const options: LoadOptions = { variant: 'baseline' };
  is<Modules['forecasting']>()(await load('forecasting', options));
  is<Modules['core']>()(await load('core', {}));
  // @ts-expect-error: not a variant
  await load('core', { variant: 'avx' });
  same<ModuleName, ExpectedModuleName>();
  for (const name of moduleNames) {
    const module: ModuleCommon = await load(name);
    is<string>()(module.version());
    is<number>()(module.memoryUsage());
    is<boolean>()(module.simdEnabled());
  }
  is<Modules['core']>()(await load('core'));
  is<Modules['neural']>()(await load('neural'));
  is<Modules['forecasting']>()(await load('forecasting'));
  is<Modules['swarm']>()(await load('swarm'));
  is<Modules['unified']>()(await load('unified'));
  same<Modules['core'], typeof coreDirect>();
  same<Modules['neural'], typeof neuralDirect>();
  same<Modules['forecasting'], typeof forecastingDirect>();
  same<Modules['swarm'], typeof swarmDirect>();
  same<Modules['unified'], typeof unifiedDirect>();
  is<Modules['persistence']>()(await load('persistence'));
  same<Modules['persistence'], typeof persistenceDirect>();
  // @ts-expect-error: not a module name
  await load('nope');
}

// ----------------------------------------------------------------------------------------------
// core
// ----------------------------------------------------------------------------------------------

async function core(): Promise<void> {
  const c = await load('core');
  is<string>()(c.greet('swarm'));
  // @ts-expect-error: greet takes a string
  c.greet(42);
  is<string>()(c.version());
  is<number>()(c.memoryUsage());
  is<boolean>()(c.simdEnabled());

  const swarmInput: SwarmConfig = {
    id: 's', name: 'n', topology: 'star', strategy: 'leastLoaded', maxAgents: 10, maxConcurrentPerAgent: 2,
    maxRetries: 1, eventLogCapacity: 100, hierarchyFanout: 3, seed: 7n, clock: 'external',
  };
  const swarm = is<SwarmConfig>()(c.validateSwarmConfig(swarmInput));
  is<Topology | undefined>()(swarm.topology);
  is<number | bigint | undefined>()(swarm.seed);
  // @ts-expect-error: not a topology
  c.validateSwarmConfig({ topology: 'tree' });

  const agent = is<AgentConfig>()(c.validateAgentConfig({
    id: 'a', name: 'A', role: 'coder', cognitivePattern: 'lateral', capabilities: ['rust'], maxConcurrent: 2, parent: 'p',
  }));
  is<AgentRole | undefined>()(agent.role);
  is<CognitivePattern | undefined>()(agent.cognitivePattern);
  // @ts-expect-error: capabilities are strings
  c.validateAgentConfig({ capabilities: [1] });

  const task = is<TaskConfig>()(c.validateTaskConfig({
    id: 't', description: 'build', priority: 'high', requiredCapabilities: ['rust'], dependencies: ['u'], maxRetries: 2,
  }));
  is<TaskPriority | undefined>()(task.priority);
  is<string>()(task.description);
  // @ts-expect-error: description is required
  c.validateTaskConfig({ priority: 'low' });

  const graph: GraphNode[] = [{ id: 'a', dependencies: ['b'] }, { id: 'b' }];
  is<string[] | null>()(c.findCycle(graph));
  // @ts-expect-error: nodes need an id
  c.findCycle([{ dependencies: [] }]);

  is<Topology[]>()(c.topologies());
  is<Strategy[]>()(c.strategies());
  is<AgentRole[]>()(c.agentRoles());
  is<CognitivePattern[]>()(c.cognitivePatterns());
  is<CognitivePattern>()(c.defaultCognitivePattern('tester'));
  // @ts-expect-error: not a role
  c.defaultCognitivePattern('king');
  is<string>()(c.handOffRule('ring'));
  // @ts-expect-error: not a topology
  c.handOffRule('tree');
  same<ClockMode, 'logical' | 'external'>();

  is<string>()(coreDirect.greet('direct'));
}

// ----------------------------------------------------------------------------------------------
// neural
// ----------------------------------------------------------------------------------------------

async function neural(): Promise<void> {
  const n = await load('neural');
  is<string>()(n.version());
  is<number>()(n.memoryUsage());
  is<boolean>()(n.simdEnabled());

  // Enums: FANN numbering, usable as values and as types.
  is<ActivationFunction.SigmoidSymmetric>()(ActivationFunction.SigmoidSymmetric);
  is<TrainingAlgorithm.Rprop>()(TrainingAlgorithm.Rprop);
  is<ErrorFunction.Tanh>()(ErrorFunction.Tanh);
  is<StopFunction.Bit>()(StopFunction.Bit);
  is<typeof ActivationFunction>()(n.ActivationFunction);
  is<typeof TrainingAlgorithm>()(n.TrainingAlgorithm);
  is<typeof ErrorFunction>()(n.ErrorFunction);
  is<typeof StopFunction>()(n.StopFunction);
  const allActivations: ActivationFunction[] = [
    ActivationFunction.Linear, ActivationFunction.Threshold, ActivationFunction.ThresholdSymmetric,
    ActivationFunction.Sigmoid, ActivationFunction.SigmoidStepwise, ActivationFunction.SigmoidSymmetric,
    ActivationFunction.SigmoidSymmetricStepwise, ActivationFunction.Gaussian, ActivationFunction.GaussianSymmetric,
    ActivationFunction.GaussianStepwise, ActivationFunction.Elliot, ActivationFunction.ElliotSymmetric,
    ActivationFunction.LinearPiece, ActivationFunction.LinearPieceSymmetric, ActivationFunction.SinSymmetric,
    ActivationFunction.CosSymmetric, ActivationFunction.Sin, ActivationFunction.Cos, ActivationFunction.Relu,
    ActivationFunction.LeakyRelu,
  ];
  const algorithms: TrainingAlgorithm[] = [
    TrainingAlgorithm.Incremental, TrainingAlgorithm.Batch, TrainingAlgorithm.Rprop, TrainingAlgorithm.Quickprop,
    TrainingAlgorithm.Sarprop, TrainingAlgorithm.Adam,
  ];
  const errorFunctions: ErrorFunction[] = [ErrorFunction.Linear, ErrorFunction.Tanh];
  same<ErrorFunctionName, 'linear' | 'tanh'>();
  same<StopFunctionName, 'mse' | 'bit'>();
  const stopFunctions: StopFunction[] = [StopFunction.Mse, StopFunction.Bit];
  // @ts-expect-error: an enum member that does not exist
  ActivationFunction.Softmax;

  is<string>()(n.activationFunctionName(allActivations[0] ?? ActivationFunction.Linear));
  // @ts-expect-error: takes the enum, not a name
  n.activationFunctionName('linear');
  const check = is<KernelCheckResult>()(n.kernelSelfCheck(7));
  is<KernelCheckResult>()(n.kernelSelfCheck());
  is<KernelCheckResult>()(n.kernelSelfCheck(null));
  for (const kernel of check.kernels) {
    is<KernelDifference>()(kernel);
    is<string>()(kernel.name);
  }
  is<number>()(check.maxRelativeDifference);
  // @ts-expect-error: the seed is a number
  n.kernelSelfCheck('7');

  // DenseMatrix
  const matrix = is<DenseMatrix>()(new n.DenseMatrix(2, 2, new Float32Array([1, 2, 3, 4])));
  is<DenseMatrix>()(new DenseMatrix(1, 2, [1, 2]));
  is<Float32Array>()(matrix.mulVec([1, 1]));
  is<Float32Array>()(matrix.mulVec(new Float32Array([1, 1])));
  is<number>()(matrix.rows);
  is<number>()(matrix.cols);
  // @ts-expect-error: the vector holds numbers
  matrix.mulVec(['1', '1']);
  // @ts-expect-error: rows is read-only
  matrix.rows = 3;
  // @ts-expect-error: data is required
  new DenseMatrix(2, 2);
  is<void>()(matrix[Symbol.dispose]());
  is<void>()(matrix.free());

  // TrainingData
  const data = is<TrainingData>()(TrainingData.fromArrays([[-1, -1], [1, 1]], [[-1], [1]]));
  const flat = is<TrainingData>()(new TrainingData(new Float32Array([0, 1]), [1], 2, 1));
  const parsed = is<TrainingData>()(n.TrainingData.fromFann('1 2 1\n0 1\n1\n'));
  // @ts-expect-error: rows of numbers
  TrainingData.fromArrays([['a']], [[1]]);
  // @ts-expect-error: text
  TrainingData.fromFann(1);
  // @ts-expect-error: counts are numbers
  new TrainingData([0, 1], [1], '2', 1);
  is<string>()(data.toFann());
  is<number>()(data.length);
  is<number>()(data.numInputs);
  is<number>()(data.numOutputs);
  is<Float32Array>()(data.inputs());
  is<Float32Array>()(data.outputs());
  is<Float32Array>()(data.getInput(0));
  is<Float32Array>()(data.getOutput(0));
  // @ts-expect-error: the index is a number
  data.getInput('0');
  // @ts-expect-error: the index is a number
  data.getOutput('0');
  is<void>()(data.shuffle(3));
  // @ts-expect-error: the seed is a number
  data.shuffle('3');
  is<void>()(data.scaleInput(-1, 1));
  is<void>()(data.scaleOutput(-1, 1));
  is<void>()(data.scale(-1, 1));
  // @ts-expect-error: bounds are numbers
  data.scale('-1', 1);
  // @ts-expect-error: bounds are numbers
  data.scaleInput(-1, '1');
  // @ts-expect-error: bounds are numbers
  data.scaleOutput(null, 1);
  const merged = is<TrainingData>()(data.merge(parsed));
  // @ts-expect-error: merges a TrainingData
  data.merge(matrix);
  const sub = is<TrainingData>()(merged.subset(0, 2));
  // @ts-expect-error: position and length are numbers
  merged.subset('0', 2);
  // @ts-expect-error: length is read-only
  data.length = 3;

  // NeuralNetwork
  const options: NetworkOptions = {
    topology: 'standard', connectionRate: 1, hiddenActivation: 'sigmoid_symmetric',
    outputActivation: ActivationFunction.Linear, hiddenSteepness: 0.5, outputSteepness: 1, seed: 1,
    algorithm: 'rprop', learningRate: 0.7, errorFunction: 'tanh', stopFunction: StopFunction.Mse,
  };
  const activationName: ActivationFunctionName = 'FANN_ELLIOT';
  const algorithmName: TrainingAlgorithmName = 'quickprop';
  const net = is<NeuralNetwork>()(new NeuralNetwork([2, 3, 1], options));
  is<NeuralNetwork>()(new n.NeuralNetwork(new Uint32Array([2, 1])));
  is<NeuralNetwork>()(new NeuralNetwork([2, 2, 1], { hiddenActivation: activationName, algorithm: algorithmName }));
  // @ts-expect-error: not a topology
  new NeuralNetwork([2, 1], { topology: 'ring' });
  // @ts-expect-error: layer sizes are numbers
  new NeuralNetwork(['2', '1']);
  is<string>()(net.toFann());
  const loaded = is<NeuralNetwork>()(NeuralNetwork.fromFann(net.toFann()));
  // @ts-expect-error: text
  NeuralNetwork.fromFann(net);
  is<NeuralNetwork>()(net.clone());
  is<Float32Array>()(net.run([0, 1]));
  is<Float32Array>()(net.runBatch(new Float32Array([0, 1, 1, 0])));
  // @ts-expect-error: inputs are numbers
  net.run('01');
  // @ts-expect-error: inputs are numbers
  net.runBatch([[0, 1]]);
  const trainOptions: TrainOptions = { maxEpochs: 100, desiredError: 0.01, epochsBetweenReports: 10, learningRate: 0.5 };
  const progress: TrainProgressCallback = (epoch, mse, bitFail) => {
    is<number>()(epoch);
    is<number>()(mse);
    is<number>()(bitFail);
    return epoch < 50;
  };
  is<number>()(net.train(data, trainOptions, progress));
  is<number>()(net.train(data));
  is<number>()(net.train(data, { maxEpochs: 1 }, () => undefined));
  // @ts-expect-error: trains on TrainingData
  net.train([[0, 1]]);
  // @ts-expect-error: the callback returns a boolean or nothing
  net.train(data, {}, () => 'stop');
  is<number>()(net.trainEpoch(data));
  // @ts-expect-error: trains on TrainingData
  net.trainEpoch(matrix);
  is<void>()(net.trainSample([0, 1], [1]));
  // @ts-expect-error: desired outputs are required
  net.trainSample([0, 1]);
  const result = is<TestResult>()(net.test(data));
  is<number>()(result.mse);
  is<number>()(result.bitFail);
  is<number>()(result.samples);
  // @ts-expect-error: tests TrainingData
  net.test({});
  is<number>()(net.mse);
  is<number>()(net.bitFail);
  is<void>()(net.resetMse());
  is<Float32Array>()(net.getWeights());
  is<void>()(net.setWeights(net.getWeights()));
  // @ts-expect-error: weights are numbers
  net.setWeights(['0.1']);
  const connections = is<Connection[]>()(net.getConnections());
  for (const connection of connections) {
    is<number>()(connection.weight);
    is<void>()(net.setWeight(connection.fromNeuron, connection.toNeuron, 0.5));
  }
  // @ts-expect-error: neuron indices are numbers
  net.setWeight('0', 3, 0.5);
  is<void>()(net.randomizeWeights(-0.1, 0.1));
  is<void>()(net.randomizeWeights(-0.1, 0.1, 42));
  is<void>()(net.randomizeWeights(-0.1, 0.1, null));
  // @ts-expect-error: bounds are numbers
  net.randomizeWeights('-0.1', 0.1);
  is<void>()(net.initWeights(data));
  // @ts-expect-error: initialises from TrainingData
  net.initWeights([0, 1]);
  is<number>()(net.numInputs);
  is<number>()(net.numOutputs);
  is<number>()(net.totalConnections);
  // @ts-expect-error: read-only
  net.numInputs = 3;
  is<Uint32Array>()(net.layerSizes());
  const info = is<NetworkInfo>()(net.info());
  for (const layer of info.layers) {
    is<LayerInfo>()(layer);
    is<ActivationFunction[]>()(layer.activationFunctions);
  }
  is<'standard' | 'shortcut'>()(info.networkType);
  is<TrainingAlgorithm>()(info.trainingAlgorithm);
  is<ActivationFunction>()(net.getActivationFunction(1, 0));
  is<number>()(net.getActivationSteepness(1, 0));
  // @ts-expect-error: indices are numbers
  net.getActivationFunction('1', 0);
  // @ts-expect-error: indices are numbers
  net.getActivationSteepness(1, '0');
  is<void>()(net.setActivationFunction(1, 0, ActivationFunction.Elliot));
  is<void>()(net.setActivationFunctionLayer(1, ActivationFunction.Gaussian));
  is<void>()(net.setActivationFunctionHidden(ActivationFunction.Relu));
  is<void>()(net.setActivationFunctionOutput(ActivationFunction.Linear));
  // @ts-expect-error: takes the enum, not a name
  net.setActivationFunction(1, 0, 'elliot');
  // @ts-expect-error: takes the enum, not a name
  net.setActivationFunctionLayer(1, 'gaussian');
  // @ts-expect-error: takes the enum, not a name
  net.setActivationFunctionHidden('relu');
  // @ts-expect-error: takes the enum, not a name
  net.setActivationFunctionOutput('linear');
  is<void>()(net.setActivationSteepness(1, 0, 0.5));
  is<void>()(net.setActivationSteepnessLayer(1, 0.5));
  is<void>()(net.setActivationSteepnessHidden(0.5));
  is<void>()(net.setActivationSteepnessOutput(0.5));
  // @ts-expect-error: steepness is a number
  net.setActivationSteepness(1, 0, '0.5');
  // @ts-expect-error: steepness is a number
  net.setActivationSteepnessLayer(1, '0.5');
  // @ts-expect-error: steepness is a number
  net.setActivationSteepnessHidden('0.5');
  // @ts-expect-error: steepness is a number
  net.setActivationSteepnessOutput(true);
  is<TrainingAlgorithm>()(net.trainingAlgorithm);
  net.trainingAlgorithm = algorithms[0] ?? TrainingAlgorithm.Adam;
  // @ts-expect-error: the setter takes the enum
  net.trainingAlgorithm = 'adam';
  const params = is<TrainingParams>()(net.getTrainingParams());
  is<TrainingAlgorithm>()(params.algorithm);
  is<ErrorFunction>()(params.errorFunction);
  is<StopFunction>()(params.stopFunction);
  const patch: TrainingParamsInput = {
    algorithm: 'adam', errorFunction: errorFunctions[0], stopFunction: stopFunctions[1], adamBeta1: 0.8,
  };
  is<void>()(net.setTrainingParams(patch));
  // @ts-expect-error: not an algorithm name
  net.setTrainingParams({ algorithm: 'lbfgs' });
  is<void>()(net.setScalingParams(data, -1, 1, -1, 1));
  // @ts-expect-error: bounds are numbers
  net.setScalingParams(data, '-1', 1, -1, 1);
  is<Float32Array>()(net.scaleInput([0, 1]));
  is<Float32Array>()(net.scaleOutput([1]));
  is<Float32Array>()(net.descaleOutput(new Float32Array([1])));
  // @ts-expect-error: vectors of numbers
  net.scaleInput(['0', '1']);
  // @ts-expect-error: vectors of numbers
  net.scaleOutput('1');
  // @ts-expect-error: vectors of numbers
  net.descaleOutput(1);
  is<void>()(net.clearScalingParams());

  for (const disposable of [flat, sub, merged, parsed, data]) is<void>()(disposable[Symbol.dispose]());
  is<void>()(loaded[Symbol.dispose]());
  is<void>()(net.free());
  is<void>()(merged.free());
}

// ----------------------------------------------------------------------------------------------
// forecasting
// ----------------------------------------------------------------------------------------------

async function forecasting(): Promise<void> {
  const f = await load('forecasting');
  is<string>()(f.version());
  is<number>()(f.memoryUsage());
  is<boolean>()(f.simdEnabled());
  is<ModelKind[]>()(f.modelKinds());
  const kind: ModelKind = 'holtWinters';

  const modelOptions: ModelOptions = {
    period: 4, window: 3, damped: true, trend: true, seasonal: 'mul', lags: 2, theta: 2, deseasonalize: true,
    useTest: true, difference: false, method: 'auto', lookback: 8, outputLength: 1, kernel: 5, hidden: [8],
  };
  const fitOptions: FitOptions = {
    alpha: 0.5, beta: 0.1, gamma: 0.1, phi: 0.9, initialization: 'known', initialLevel: 1, initialTrend: 0,
    initialSeasonal: [0, 0, 0, 0], maxIterations: 100, gridSize: 11, starts: 1, ridge: 0.01, algorithm: 'adam',
    epochs: 10, learningRate: 0.01, seed: 1,
  };
  const model = is<ForecastModel>()(new ForecastModel(kind, { period: modelOptions.period }));
  is<ForecastModel>()(new f.ForecastModel('naive'));
  is<ForecastModel>()(new ForecastModel('ses', null));
  // @ts-expect-error: the kind is a string
  new ForecastModel(1);
  // @ts-expect-error: not a seasonality
  new ForecastModel('holtWinters', { seasonal: 'both' });
  // @ts-expect-error: not a ModelKind (the parser accepts this spelling at run time, untyped)
  new ForecastModel('holt-winters', { period: 4 });
  is<ModelKind>()(model.kind);
  is<boolean>()(model.isFitted);
  // @ts-expect-error: read-only
  model.isFitted = true;
  is<void>()(model.fit(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]), { alpha: fitOptions.alpha }));
  is<void>()(model.fit([1, 2, 3, 4, 5, 6, 7, 8]));
  is<void>()(model.fit([1, 2, 3, 4, 5, 6, 7, 8], null));
  // @ts-expect-error: values are numbers
  model.fit(['1']);
  // @ts-expect-error: not an initialization
  model.fit([1], { initialization: 'guess' });
  is<Float64Array>()(model.predict(4));
  // @ts-expect-error: the horizon is a number
  model.predict('4');
  const params = is<FittedParams>()(model.params());
  is<ModelKind>()(params.kind);
  is<number | undefined>()(params.alpha);
  is<number[] | undefined>()(params.initialSeasonal);
  is<'additive' | 'multiplicative' | undefined>()(params.method);
  is<Float64Array>()(model.residuals());
  is<Float64Array>()(model.fittedValues());
  is<number>()(model.inSampleMse());

  const fitPredictOptions: FitPredictOptions = { model: { lags: 1 }, fit: {} };
  is<Float64Array>()(f.fitPredict([1, 2, 3, 4], 'ar', 2, fitPredictOptions));
  is<Float64Array>()(f.fitPredict(new Float64Array([1, 2]), 'naive', 1));
  // @ts-expect-error: the horizon is a number
  f.fitPredict([1, 2], 'naive', '1');
  // @ts-expect-error: includeParams belongs to forecastBatch
  f.fitPredict([1, 2], 'naive', 1, { includeParams: true });
  // @ts-expect-error: not a ModelKind
  f.fitPredict([1, 2], 'arima', 1);

  const batchOptions: BatchOptions = { model: {}, fit: {}, includeParams: true };
  const batch = is<BatchForecast>()(f.forecastBatch([1, 2, 3, 4], new Uint32Array([0, 2, 4]), 'naive', 2, batchOptions));
  is<BatchForecast>()(f.forecastBatch([1, 2], [0, 2], 'drift', 1));
  // @ts-expect-error: offsets are numbers
  f.forecastBatch([1, 2], ['0', '2'], 'naive', 1);
  // @ts-expect-error: not a ModelKind
  f.forecastBatch([1, 2], [0, 2], 'Naive', 1);
  // @ts-expect-error: the constructor is private
  new BatchForecast();
  is<number>()(batch.count);
  is<number>()(batch.horizon);
  is<number>()(batch.failureCount);
  is<Float64Array>()(batch.forecasts());
  is<Float64Array>()(batch.forecast(0));
  // @ts-expect-error: the index is a number
  batch.forecast('0');
  is<Float64Array>()(batch.inSampleMse());
  const failures = is<BatchFailure[]>()(batch.failures());
  for (const failure of failures) is<number>()(failure.index);
  is<(FittedParams | null)[] | null>()(batch.params());
  is<void>()(batch[Symbol.dispose]());

  is<number>()(f.mae([1, 2], [1, 3]));
  is<number>()(f.mse(new Float64Array([1]), [1]));
  is<number>()(f.rmse([1], new Float64Array([1])));
  is<number>()(f.mape([1], [1]));
  is<number>()(f.smape([1], [1]));
  is<number>()(f.mase([1], [1], [1, 2, 3], 1));
  // @ts-expect-error: series of numbers
  f.mae('12', [1, 2]);
  // @ts-expect-error: series of numbers
  f.mse([1], ['1']);
  // @ts-expect-error: series of numbers
  f.rmse([[1]], [1]);
  // @ts-expect-error: series of numbers
  f.mape([1], [true]);
  // @ts-expect-error: series of numbers
  f.smape({}, [1]);
  // @ts-expect-error: the period is a number
  f.mase([1], [1], [1, 2, 3], '1');
  const metrics = is<Metrics>()(f.evaluate([1, 2], [1, 3], [1, 2, 3], 1));
  is<Metrics>()(f.evaluate([1, 2], [1, 3]));
  is<number | null>()(metrics.mape);
  is<number | null>()(metrics.mase);
  is<number>()(metrics.smape);
  // @ts-expect-error: the period is a number
  f.evaluate([1], [1], [1, 2], '1');

  const cvOptions: CrossValidationOptions = { horizon: 2, initial: 4, step: 1, maxFolds: 3, window: 'sliding', period: 1 };
  const cv = is<CrossValidationResult>()(f.crossValidate([1, 2, 3, 4, 5, 6, 7, 8], 'ses', cvOptions, {}, { alpha: 0.5 }));
  is<CrossValidationResult>()(f.crossValidate([1, 2, 3, 4, 5, 6], 'naive', { horizon: 1 }));
  for (const fold of cv.folds) {
    is<CrossValidationFold>()(fold);
    is<number[]>()(fold.forecast);
  }
  is<Metrics>()(cv.mean);
  is<number[]>()(cv.maeByHorizon);
  // @ts-expect-error: the horizon is required
  f.crossValidate([1, 2, 3], 'naive', {});
  // @ts-expect-error: not a ModelKind
  f.crossValidate([1, 2, 3], 'seasonal_naive', { horizon: 1 });

  is<void>()(model.free());
  is<void>()(batch.free());
  is<Float64Array>()(forecastingDirect.fitPredict([1, 2], 'naive', 1));
}

// ----------------------------------------------------------------------------------------------
// swarm
// ----------------------------------------------------------------------------------------------

async function swarm(): Promise<void> {
  const s = await load('swarm');
  is<string>()(s.version());
  is<number>()(s.memoryUsage());
  is<boolean>()(s.simdEnabled());

  const config: SwarmConfig = { topology: 'hierarchical', hierarchyFanout: 2, clock: 'external' };
  const id = is<string>()(s.createSwarm(config));
  // @ts-expect-error: not a strategy
  s.createSwarm({ strategy: 'fifo' });
  is<string[]>()(s.listSwarms());
  const root = is<string>()(s.spawnAgent(id, { id: 'root', role: 'coordinator', capabilities: ['plan'] }));
  const worker = is<string>()(s.spawnAgent(id, { parent: root, maxConcurrent: 2 }));
  // @ts-expect-error: not a role
  s.spawnAgent(id, { role: 'wizard' });
  // @ts-expect-error: the swarm id is a string
  s.spawnAgent(1, {});

  const taskId = is<string>()(s.orchestrateTask(id, { description: 'plan', requiredCapabilities: ['plan'] }));
  const ids = is<string[]>()(s.orchestrateTasks(id, [{ id: 'a', description: '' }, { id: 'b', description: '', dependencies: ['a'] }]));
  // @ts-expect-error: description is required
  s.orchestrateTask(id, { id: 'x' });
  // @ts-expect-error: a list of tasks
  s.orchestrateTasks(id, { description: '' });
  is<void>()(s.startTask(id, taskId));
  // @ts-expect-error: the task id is a string
  s.startTask(id, 1);
  const assignments = is<AssignmentBatch>()(s.getAssignments(id, 0, 100));
  is<AssignmentBatch>()(s.getAssignments(id, assignments.nextSeq));
  is<AssignmentBatch>()(s.getAssignments(id, 0, null));
  is<string[]>()(assignments.taskIds);
  is<string[]>()(assignments.agentIds);
  is<number>()(assignments.dropped);
  // @ts-expect-error: since is a number
  s.getAssignments(id, '0');
  is<void>()(s.startTasks(id, assignments.taskIds));
  // @ts-expect-error: a list of ids
  s.startTasks(id, 'a');
  is<void>()(s.completeTasks(id, assignments.taskIds, assignments.taskIds.map((t) => `done ${t}`)));
  is<void>()(s.completeTasks(id, []));
  is<void>()(s.completeTasks(id, [], null));
  // @ts-expect-error: results are strings
  s.completeTasks(id, ['a'], [1]);
  is<void>()(s.completeTask(id, taskId, 'done'));
  is<void>()(s.completeTask(id, ids[0] ?? 'a'));
  is<void>()(s.completeTask(id, 'b', null));
  // @ts-expect-error: the result is a string
  s.completeTask(id, 'b', 42);
  const outcome = is<FailOutcome>()(s.failTask(id, 'b', 'boom'));
  same<FailOutcome, 'ready' | 'failed'>();
  // @ts-expect-error: the error message is required
  s.failTask(id, 'b');
  is<void>()(s.handOff(id, 'b', worker));
  // @ts-expect-error: the agent id is a string
  s.handOff(id, 'b', 2);
  is<string[]>()(s.route(id, worker, root));
  // @ts-expect-error: two agent ids
  s.route(id, worker);
  is<string[]>()(s.neighbors(id, root));
  // @ts-expect-error: the agent id is a string
  s.neighbors(id, null);
  is<void>()(s.setTime(id, 100));
  // @ts-expect-error: the time is a number
  s.setTime(id, '100');

  const status = is<SwarmStatus>()(s.getStatus(id));
  is<AgentCounts>()(status.agents);
  is<TaskCounts>()(status.tasks);
  is<SwarmMetrics>()(status.metrics);
  is<EventLogStatus>()(status.events);
  is<string | undefined>()(status.root);
  is<ClockMode>()(status.clock);
  // @ts-expect-error: the swarm id is a string
  s.getStatus();

  const agent = is<Agent>()(s.getAgent(id, root));
  is<AgentStatus>()(agent.status);
  is<string | undefined>()(agent.parent);
  // @ts-expect-error: the agent id is required
  s.getAgent(id);
  const task = is<Task>()(s.getTask(id, taskId));
  is<TaskStatus>()(task.status);
  is<string | undefined>()(task.result);
  // @ts-expect-error: the task id is a string
  s.getTask(id, {});
  is<Agent[]>()(s.listAgents(id));
  is<Agent[]>()(s.listAgents(id, true));
  // @ts-expect-error: includeRemoved is a boolean
  s.listAgents(id, 'yes');
  is<Task[]>()(s.listTasks(id));
  is<Task[]>()(s.listTasks(id, 'completed'));
  // @ts-expect-error: the status is a string
  s.listTasks(id, 3);

  const kinds: SwarmEventKind[] = ['taskAssigned', 'taskCompleted'];
  const batch = is<EventBatch>()(s.getEvents(id, 0, 100, kinds));
  is<EventBatch>()(s.getEvents(id, batch.nextSeq));
  is<EventBatch>()(s.getEvents(id, 0, null, null));
  // @ts-expect-error: since is a number
  s.getEvents(id, '0');
  for (const event of batch.events) {
    is<SwarmEvent>()(event);
    const base: SwarmEventBase = event;
    is<number>()(base.time);
    is<number>()(event.seq);
    if (event.kind === 'taskHandedOff') is<string>()(event.fromAgentId);
    if (event.kind === 'agentLeft') is<string | undefined>()(event.detail);
  }

  const bytes = is<Uint8Array>()(s.snapshot(id));
  is<string>()(s.restore(bytes, 'copy'));
  is<string>()(s.restore(Array.from(bytes), null));
  // @ts-expect-error: bytes
  s.restore('snapshot');
  is<void>()(s.verifySwarm(id));
  // @ts-expect-error: the swarm id is a string
  s.verifySwarm(5);
  is<void>()(s.removeAgent(id, worker, 'done'));
  is<void>()(s.removeAgent(id, root));
  // @ts-expect-error: the reason is a string
  s.removeAgent(id, root, 1);
  is<void>()(s.destroySwarm(id));
  // @ts-expect-error: the swarm id is a string
  s.destroySwarm();
  console.log(outcome);

  // swarm's declarations re-export core's vocabulary: the same types.
  same<import('@ruv/swarm-wasm/swarm').SwarmConfig, SwarmConfig>();
  same<import('@ruv/swarm-wasm/swarm').TaskConfig, TaskConfig>();
  same<import('@ruv/swarm-wasm/swarm').AgentConfig, AgentConfig>();
  is<string>()(swarmDirect.createSwarm({}));
}

await entry();
await core();
await neural();
await forecasting();
await swarm();
await unifiedNeural();
await persistence();

// ----------------------------------------------------------------------------------------------
// persistence
// ----------------------------------------------------------------------------------------------

declare const fs: NodeFileSystem & { readFileSync(path: string): Uint8Array };

async function persistence(): Promise<void> {
  const p = await load('persistence');
  is<string>()(p.version());
  is<number>()(p.memoryUsage());
  is<boolean>()(p.simdEnabled());
  is<string>()(p.sqliteVersion());
  is<number>()(p.schemaVersion());

  const memory = new p.Store();
  is<Store>()(new Store(null));
  // Node's fs module (no @types/node here: a stand-in with its shape).
  const nodeFs: NodeFileSystem = fs;
  const options: StoreOptions = { path: '/tmp/x.db', fs: nodeFs, journalMode: 'wal', synchronous: 'full' };
  const file = is<Store>()(new Store(options));
  // @ts-expect-error: not a journal mode
  new Store({ path: 'x.db', fs, journalMode: 'memory' });
  // @ts-expect-error: fs must have the synchronous functions
  new Store({ path: 'x.db', fs: { readFileSync: fs.readFileSync } });
  const opfsOptions: OpfsStoreOptions = { name: 'state.db', directory: 'pool', journalMode: 'delete', synchronous: 'normal' };
  is<Promise<Store>>()(Store.openOpfs(opfsOptions));
  // @ts-expect-error: a name is required
  Store.openOpfs({ directory: 'pool' });
  const opfsDatabase: OpfsDatabase = { name: 'state.db', directory: 'pool' };
  is<Promise<boolean>>()(Store.deleteOpfs(opfsDatabase));
  // @ts-expect-error: a database has no journal mode
  Store.deleteOpfs({ name: 'state.db', journalMode: 'wal' });
  const idbOptions: IndexedDbStoreOptions = { name: 'state' };
  is<Promise<Store>>()(Store.openIndexedDb(idbOptions));
  is<Promise<boolean>>()(Store.deleteIndexedDb(idbOptions));
  // @ts-expect-error: a name is required
  Store.openIndexedDb({});
  is<Promise<void>>()(memory.flush());
  is<StoreBackend>()(file.backend);
  is<string | undefined>()(file.path);
  is<boolean>()(file.isOpen);
  is<number>()(file.schemaVersion);
  is<boolean>()(file.inTransaction);

  // Raw SQL.
  is<void>()(memory.executeBatch('CREATE TABLE t (a, b)'));
  // @ts-expect-error: SQL is a string
  memory.executeBatch(1);
  const params: SqlParams = [1, 'x', 2n, null, new Uint8Array(1), true, undefined];
  const named: SqlParams = { a: 1, b: 'x' };
  is<RunResult>()(memory.execute('INSERT INTO t VALUES (?, ?)', [1, 'x']));
  is<RunResult>()(memory.execute('INSERT INTO t VALUES (:a, :b)', named));
  // @ts-expect-error: parameter values are SQL values
  memory.execute('INSERT INTO t VALUES (?, ?)', [{}, []]);
  is<RunResult>()(memory.executeMany('INSERT INTO t VALUES (?, ?)', [[1, 2], { a: 1 }]));
  // @ts-expect-error: a list of parameter sets
  memory.executeMany('INSERT INTO t VALUES (?, ?)', 1);
  const rows = is<SqlRow[]>()(memory.query('SELECT * FROM t WHERE a = ?', [1]));
  const first: SqlValue | undefined = rows[0]?.a;
  is<SqlRow | undefined>()(memory.get('SELECT * FROM t'));
  // @ts-expect-error: params are an array or an object
  memory.query('SELECT ?', 5);
  const input: SqlInput = undefined;
  const stmt = is<Statement>()(memory.prepare('SELECT a, b FROM t WHERE a = ?'));
  is<Statement>()(new Statement(memory, 'SELECT 1'));
  // @ts-expect-error: a store first
  new Statement('SELECT 1');
  is<RunResult>()(stmt.run([input]));
  is<SqlRow | undefined>()(stmt.get(params.slice(0, 1)));
  is<SqlRow[]>()(stmt.all([1]));
  is<SqlValue[][]>()(stmt.values([1]));
  // @ts-expect-error: params are an array or an object
  stmt.all('1');
  is<string[]>()(stmt.columns);
  is<string>()(stmt.sql);
  is<boolean>()(stmt.readonly);
  is<void>()(stmt.finalize());

  // Transactions.
  const mode: BeginMode = 'immediate';
  is<void>()(memory.begin(mode));
  // @ts-expect-error: not a mode
  memory.begin('later');
  is<void>()(memory.commit());
  is<void>()(memory.begin());
  is<void>()(memory.rollback());
  is<number>()(memory.transaction(() => 42));
  is<string[]>()(memory.transaction(() => ['a']));
  // @ts-expect-error: a function
  memory.transaction(42);

  // Typed API.
  const data: JsonValue = { nested: [1, 'two', null, { ok: true }] };
  const agent: AgentInput = { id: 'a1', name: 'Ada', role: 'researcher', status: 'idle', capabilities: ['x'], data, time: 1 };
  is<AgentRecord>()(memory.saveAgent('sw', agent));
  // @ts-expect-error: not an agent status
  memory.saveAgent('sw', { id: 'a1', status: 'sleeping' });
  is<number>()(memory.saveAgents('sw', [agent]));
  is<AgentRecord | undefined>()(memory.getAgent('sw', 'a1'));
  // @ts-expect-error: ids are strings
  memory.getAgent('sw', 1);
  const agentQuery: AgentQuery = { status: 'busy', limit: 10, offset: 0 };
  is<AgentRecord[]>()(memory.listAgents('sw', agentQuery));
  is<boolean>()(memory.deleteAgent('sw', 'a1'));
  const task: TaskInput = { id: 't1', status: 'running', priority: 'high', agentId: 'a1', dependencies: [], result: 'r', error: 'e', data, time: 2, description: 'd' };
  is<TaskRecord>()(memory.saveTask('sw', task));
  // @ts-expect-error: status is required
  memory.saveTask('sw', { id: 't2' });
  is<number>()(memory.saveTasks('sw', [task]));
  is<TaskRecord | undefined>()(memory.getTask('sw', 't1'));
  const taskQuery: TaskQuery = { status: 'running', agentId: 'a1', since: 0, until: 10, limit: 5, offset: 1 };
  is<TaskRecord[]>()(memory.listTasks('sw', taskQuery));
  is<boolean>()(memory.deleteTask('sw', 't1'));
  const event: EventInput = { kind: 'k', agentId: 'a1', taskId: 't1', time: 3, data };
  is<number>()(memory.appendEvent('sw', event));
  is<number[]>()(memory.appendEvents('sw', [event]));
  const eventQuery: EventQuery = { since: 0, until: 5, afterSeq: 0, kinds: ['k'], agentId: 'a1', taskId: 't1', limit: 9 };
  is<EventRecord[]>()(memory.queryEvents('sw', eventQuery));
  // @ts-expect-error: kinds are a list
  memory.queryEvents('sw', { kinds: 'k' });
  const message: MessageInput = { from: 'a1', to: 'a2', kind: 'note', content: 'hi', time: 4 };
  const messageId = is<number>()(memory.sendMessage('sw', message));
  const messageQuery: MessageQuery = { to: 'a2', from: 'a1', unreadOnly: true, since: 0, until: 9, limit: 3 };
  is<MessageRecord[]>()(memory.queryMessages('sw', messageQuery));
  is<number>()(memory.markMessagesRead('sw', [messageId], 5));
  // @ts-expect-error: ids are numbers
  memory.markMessagesRead('sw', ['1']);
  const metric: MetricInput = { name: 'm', value: 1, agentId: 'a1', time: 5, tags: { host: 'h' } };
  is<void>()(memory.recordMetric('sw', metric));
  is<number>()(memory.recordMetrics('sw', [metric]));
  const metricQuery: MetricQuery = { name: 'm', agentId: 'a1', since: 0, until: 10, limit: 2 };
  is<MetricRecord[]>()(memory.queryMetrics('sw', metricQuery));
  is<MetricSummary>()(memory.summarizeMetric('sw', 'm', metricQuery));
  // @ts-expect-error: tag values are strings
  memory.recordMetric('sw', { name: 'm', value: 1, tags: { n: 1 } });
  const snapshotId = is<number>()(memory.saveSnapshot('sw', new Uint8Array([1]), 'label'));
  is<Uint8Array | undefined>()(memory.loadSnapshot('sw', snapshotId));
  // @ts-expect-error: bytes are a Uint8Array
  memory.saveSnapshot('sw', [1]);
  is<SnapshotInfo[]>()(memory.listSnapshots('sw'));
  is<boolean>()(memory.deleteSnapshot('sw', snapshotId));
  is<string[]>()(memory.listSwarms());
  is<number>()(memory.deleteSwarm('sw'));
  is<StoreStats>()(memory.stats());
  is<string[]>()(memory.checkIntegrity());
  const bytes = is<Uint8Array>()(memory.exportBytes());
  is<void>()(memory.importBytes(bytes));
  // @ts-expect-error: bytes are a Uint8Array
  memory.importBytes('bytes');
  try {
    memory.query('SELEC');
  } catch (e) {
    const error = e as SqliteError;
    is<string>()(error.code);
    is<number>()(error.sqliteCode);
  }
  is<void>()(memory.close());
  is<void>()(file.close());
  console.log(first, p.sqliteVersion());
}

// The unified module
// ----------------------------------------------------------------------------------------------
// It declares every bundled module's API with exactly that module's types (each module's calls
// above hold for it too): each module's namespace type, without wasm-bindgen's init functions,
// is the same type as the corresponding part of the unified namespace.

type Api<M> = Omit<M, 'default' | 'initSync'>;
type Part<M> = Pick<Api<typeof unifiedDirect>, keyof Api<M> & keyof Api<typeof unifiedDirect>>;
same<keyof Api<typeof coreDirect> & keyof Api<typeof unifiedDirect>, keyof Api<typeof coreDirect>>();
same<keyof Api<typeof neuralDirect> & keyof Api<typeof unifiedDirect>, keyof Api<typeof neuralDirect>>();
same<keyof Api<typeof forecastingDirect> & keyof Api<typeof unifiedDirect>, keyof Api<typeof forecastingDirect>>();
same<keyof Api<typeof swarmDirect> & keyof Api<typeof unifiedDirect>, keyof Api<typeof swarmDirect>>();
same<keyof Api<typeof unifiedDirect>,
  keyof Api<typeof coreDirect> | keyof Api<typeof neuralDirect> | keyof Api<typeof forecastingDirect> | keyof Api<typeof swarmDirect>>();
same<Part<typeof coreDirect>, Api<typeof coreDirect>>();
same<Part<typeof forecastingDirect>, Api<typeof forecastingDirect>>();
same<Part<typeof swarmDirect>, Api<typeof swarmDirect>>();
// neural's enums (ActivationFunction, ...) are TypeScript enums, which are nominal: the unified
// module's enums are their own types, so the two neural parts are not identical types, and the
// unified module's neural part is checked by use.
async function unifiedNeural(): Promise<void> {
  const unified = await load('unified');
  const net = is<InstanceType<typeof unified.NeuralNetwork>>()(
    new unified.NeuralNetwork([2, 3, 1], { outputActivation: unified.ActivationFunction.Sigmoid, seed: 1 }));
  is<Float32Array>()(net.run([0.5, -0.5]));
  // @ts-expect-error: not an activation function
  new unified.NeuralNetwork([2, 1], { outputActivation: true });
  is<void>()(net.free());
}
