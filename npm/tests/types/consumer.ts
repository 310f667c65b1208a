// A TypeScript consumer of every exported API of the package, type-checked with
// `tsc --strict --noEmit` against the packed package (npm/tests/typecheck_test.mjs).
import { load, moduleNames, simdSupported, version } from '@ruv/swarm-wasm';
import type { ModuleCommon, ModuleName, Modules } from '@ruv/swarm-wasm';
import * as coreDirect from '@ruv/swarm-wasm/core';
import type { AgentConfig, GraphNode, SwarmConfig, TaskConfig, Topology } from '@ruv/swarm-wasm/core';
import type { SwarmStatus } from '@ruv/swarm-wasm/swarm';
import type { TrainingData } from '@ruv/swarm-wasm/neural';
import type { ForecastModel } from '@ruv/swarm-wasm/forecasting';

const names: readonly ModuleName[] = moduleNames;
const packageVersion: string = version;
const simd: boolean = simdSupported();

async function common(name: ModuleName): Promise<number> {
  const module: ModuleCommon = await load(name);
  const v: string = module.version();
  const enabled: boolean = module.simdEnabled();
  return module.memoryUsage() + v.length + (enabled ? 1 : 0);
}

async function core(): Promise<void> {
  const c: Modules['core'] = await load('core');
  const hello: string = c.greet('swarm');
  const swarm: SwarmConfig = c.validateSwarmConfig({ topology: 'star', maxAgents: 10 });
  const agent: AgentConfig = c.validateAgentConfig({ role: 'coder', capabilities: ['rust'] });
  const task: TaskConfig = c.validateTaskConfig({ description: 'build', priority: 'high' });
  const graph: GraphNode[] = [{ id: 'a', dependencies: ['b'] }, { id: 'b', dependencies: ['a'] }];
  const cycle: string[] | null = c.findCycle(graph);
  const topologies: Topology[] = c.topologies();
  const rule: string = c.handOffRule(topologies[0] ?? 'mesh');
  const roles = c.agentRoles();
  const patterns = c.cognitivePatterns();
  const pattern = c.defaultCognitivePattern(roles[0] ?? 'coder');
  const strategies = c.strategies();
  console.log(hello, swarm.topology, agent.role, task.priority, cycle, rule, patterns, pattern, strategies);
  const direct: string = coreDirect.greet('direct');
  console.log(direct);
}

// The other modules' declarations are part of the program (checked with skipLibCheck off).
declare const status: SwarmStatus;
declare const data: TrainingData;
declare const model: ForecastModel;
console.log(status.agents, data, model);

console.log(names, packageVersion, simd, await common('core'));
await core();
