// The core module's scenario: run in every engine on every build by the package's engine tests
// (npm/tests/browser/scenarios.mjs), which require bit-identical results everywhere. No imports:
// `helpers` holds the suite's deterministic inputs (rng, floats, series), made with exact
// arithmetic so every engine sees the same bits.

/** Exercises the module's API; returns plain data (compared across engines and builds). */
export function scenario(core) {
  const chain = Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, dependencies: i ? [`t${i - 1}`] : [] }));
  const noCycle = core.findCycle(chain);
  chain[0].dependencies = ['t499'];
  return {
    greet: ['Ada', '', 'Zoë 🐝', 'x'.repeat(300)].map((n) => core.greet(n)),
    vocabulary: [core.topologies(), core.strategies(), core.agentRoles(), core.cognitivePatterns()],
    handOff: core.topologies().map((t) => core.handOffRule(t)),
    patterns: core.agentRoles().map((r) => core.defaultCognitivePattern(r)),
    swarm: core.validateSwarmConfig({ id: 's-1', topology: 'star', maxAgents: 10, seed: 7n }),
    agent: core.validateAgentConfig({ role: 'tester', capabilities: ['b', 'a', 'b'] }),
    task: core.validateTaskConfig({ description: 'build', requiredCapabilities: ['z', 'a', 'z'], dependencies: ['t2', 't1'] }),
    noCycle,
    cycleLength: core.findCycle(chain).length,
    errors: [() => core.greet(42), () => core.validateSwarmConfig({ maxAgents: 0 }), () => core.handOffRule('tree')]
      .map((f) => { try { f(); return null; } catch (e) { return e.message; } }),
  };
}

/** One create/use/free cycle, run 1000 times by the suite: the wasm memory must grow < 1 MB. */
export function memoryCycle(core, i) {
  core.greet(`agent-${i}`.repeat(10));
  core.validateSwarmConfig({ id: `s${i}`, maxAgents: 1 + (i % 50) });
  core.findCycle([{ id: 'a', dependencies: ['b'] }, { id: 'b', dependencies: ['a'] }]);
}
