// The persistence module through the installed package: SQLite in memory and in files (Node's
// fs), swarm snapshots stored and restored with the swarm module, bad input for every export.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { load } from '@ruv/swarm-wasm';
import * as direct from '@ruv/swarm-wasm/persistence';
import { checkTable, INIT_EXPORTS } from './bad_input.mjs';

const persistence = await load('persistence');
const { Store, Statement } = persistence;
const tmp = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || os.tmpdir(), 'persistence-'));

test('persistence: load() and the subpath export are the same instance', () => {
  for (const name of Object.keys(persistence)) {
    if (!INIT_EXPORTS.includes(name)) assert.equal(direct[name], persistence[name], name);
  }
  assert.equal(persistence.sqliteVersion(), '3.54.1');
});

test('persistence: OPFS and IndexedDB stores are for browsers: in Node the promises reject with a message', async () => {
  await assert.rejects(Store.openOpfs({ name: 'state.db' }), /OPFS is not available/);
  await assert.rejects(Store.deleteOpfs({ name: 'state.db' }), /OPFS is not available/);
  await assert.rejects(Store.openIndexedDb({ name: 'state' }), /IndexedDB is not available here/);
  await assert.rejects(Store.deleteIndexedDb({ name: 'state' }), /IndexedDB is not available here/);
  // Memory and file stores have nothing pending: flush() resolves at once.
  assert.equal(await new Store().flush(), undefined);
});

test('persistence: a file store keeps committed data across reopening, in both journal modes', () => {
  for (const journalMode of ['wal', 'delete']) {
    const file = path.join(tmp, `state-${journalMode}.db`);
    const s = new Store({ path: file, fs, journalMode });
    s.transaction(() => {
      s.saveAgents('sw', [{ id: 'a1', status: 'busy', capabilities: ['rust'] }, { id: 'a2', status: 'idle' }]);
      s.saveTask('sw', { id: 't1', status: 'running', agentId: 'a1', time: 5 });
      s.appendEvents('sw', [{ kind: 'taskStarted', taskId: 't1', agentId: 'a1', time: 5 }]);
    });
    assert.throws(() => s.transaction(() => {
      s.saveAgent('sw', { id: 'a3', status: 'idle' });
      throw new Error('abandon');
    }), /abandon/);
    s.close();
    const again = new Store({ path: file, fs, journalMode });
    assert.deepEqual(again.listAgents('sw').map((a) => [a.id, a.status]), [['a1', 'busy'], ['a2', 'idle']]);
    assert.deepEqual(again.listTasks('sw', { status: 'running', agentId: 'a1' }).map((t) => t.id), ['t1']);
    assert.equal(again.queryEvents('sw', { since: 5, until: 6 }).length, 1);
    assert.deepEqual(again.checkIntegrity(), []);
    again.close();
  }
});

test('persistence: swarm snapshots are stored and restored into the swarm module', async () => {
  const swarm = await load('swarm');
  const s = swarm.createSwarm({ id: 'persisted', topology: 'star', seed: 7 });
  swarm.spawnAgent(s, { id: 'hub', capabilities: ['plan'] });
  swarm.spawnAgent(s, { id: 'w1', capabilities: ['rust'] });
  swarm.orchestrateTasks(s, [{ id: 'a', description: 'first', requiredCapabilities: ['rust'] }, { id: 'b', description: 'then', dependencies: ['a'] }]);
  swarm.completeTask(s, 'a', 'done');
  const status = swarm.getStatus(s);
  const file = path.join(tmp, 'swarms.db');
  const store = new Store({ path: file, fs });
  const id = store.saveSnapshot(s, swarm.snapshot(s), 'after a');
  store.close();
  swarm.destroySwarm(s);

  const reopened = new Store({ path: file, fs });
  assert.deepEqual(reopened.listSnapshots('persisted').map((x) => [x.id, x.label]), [[id, 'after a']]);
  const restored = swarm.restore(reopened.loadSnapshot('persisted'));
  assert.equal(restored, 'persisted');
  assert.deepEqual(swarm.getStatus(restored), status);
  assert.equal(swarm.getTask(restored, 'a').result, 'done');
  swarm.verifySwarm(restored);
  swarm.completeTask(restored, 'b');
  assert.equal(swarm.getStatus(restored).tasks.completed, 2);
  swarm.destroySwarm(restored);
  reopened.close();
});

// ----- bad input -----

const S = new Store();
S.executeBatch('CREATE TABLE kv (k TEXT PRIMARY KEY, v NOT NULL)');
S.execute('INSERT INTO kv VALUES (?, ?)', ['a', 1]);
S.saveAgent('sw', { id: 'a1', status: 'idle', time: 1 });
S.saveTask('sw', { id: 't1', status: 'ready', time: 1 });
const SNAPSHOT_ID = S.saveSnapshot('sw', new Uint8Array([1, 2, 3]), 'x');
const STATE = S.exportBytes();
const STMT = S.prepare('SELECT v FROM kv WHERE k = ?');

const closed = new Store();
const closedStmt = closed.prepare('SELECT 1');
closed.close();
const freed = new Store();
freed.free();
const freedStmt = new Store().prepare('SELECT 1');
freedStmt.free();
const finalized = S.prepare('SELECT 2');
finalized.finalize();

const sanity = () => {
  // The target store is unchanged by every rejected call, and the module still works.
  assert.equal(S.inTransaction, false, 'a rejected call left a transaction open');
  assert.deepEqual(S.exportBytes(), STATE, 'a rejected call changed the store');
  assert.deepEqual(STMT.get(['a']), { v: 1 });
  const s = new Store();
  s.saveAgent('x', { id: 'w', status: 'busy' });
  assert.equal(s.getAgent('x', 'w').status, 'busy');
  assert.deepEqual(s.query('SELECT 1 + 1 AS two'), [{ two: 2 }]);
  s.close();
};

const foreign = (cls, name) => () => Reflect.apply(Object.getOwnPropertyDescriptor(cls.prototype, name).get, {}, []);
/** The same call on a closed store (an Error naming it) and on a freed one. */
const unusable = (label, call) => [
  [`${label} on a closed store`, () => call(closed), /the store is closed/],
  [`${label} on a freed store`, () => call(freed), /null pointer/],
];
const swarmIdCases = (call) => [
  ['a swarm id that is a number', () => call(42), /swarmId must be a string, got number/],
  ['a swarm id with a space', () => call('a b'), /invalid swarmId/],
  ['an empty swarm id', () => call(''), /invalid swarmId: must not be empty/],
];
const sqlCases = (call) => [
  ['SQL that is not a string', () => call(42), /sql must be a string, got number/],
  ['a syntax error', () => call('SELEC 1'), /near "SELEC": syntax error/],
  ['an unknown table', () => call('SELECT * FROM nowhere'), /no such table: nowhere/],
  ['two statements', () => call('SELECT 1; SELECT 2'), /more than one statement/],
  ['no statement', () => call('-- nothing'), /no statement/],
];
const paramCases = (call) => [
  ['too few parameters', () => call('SELECT ?, ?', [1]), /2 parameter\(s\) but 1/],
  ['a missing named parameter', () => call('SELECT :a', { b: 1 }), /no value given for parameter :a/],
  ['an object parameter', () => call('SELECT ?', [{}]), /params\[0\]: expected a number, bigint, string, boolean, Uint8Array or null, got object/],
  ['a bigint beyond 64 bits', () => call('SELECT ?', [2n ** 70n]), /64-bit/],
  ['params that are a string', () => call('SELECT ?', 'a'), /params must be an array or an object/],
];
const queryCases = (what, call) => [
  [`a ${what} query that is a string`, () => call('sw', 'all'), /query|invalid/],
  [`a ${what} query with an unknown field`, () => call('sw', { colour: 'red' }), /unknown field `colour`/],
  [`a ${what} query with a negative limit`, () => call('sw', { limit: -1 }), /invalid query/],
];

const table = {
  version: { noInput: 'takes no arguments', call: () => persistence.version('junk'), check: (v) => assert.match(v, /^\d+\.\d+\.\d+/) },
  memoryUsage: { noInput: 'takes no arguments', call: () => persistence.memoryUsage(1, 2), check: (v) => assert.ok(v > 0) },
  simdEnabled: { noInput: 'takes no arguments', call: () => persistence.simdEnabled({}), check: (v) => assert.equal(typeof v, 'boolean') },
  sqliteVersion: { noInput: 'takes no arguments', call: () => persistence.sqliteVersion(null), check: (v) => assert.equal(v, '3.54.1') },
  schemaVersion: { noInput: 'takes no arguments', call: () => persistence.schemaVersion('x'), check: (v) => assert.equal(v, 2) },

  Store: { bad: [
    ['options that are a string', () => new Store('x.db'), /options must be an object, got string/],
    ['an unknown option', () => new Store({ colour: 'red' }), /unknown field `colour`/],
    ['a path without fs', () => new Store({ path: path.join(tmp, 'x.db') }), /needs `fs`/],
    ['fs without a path', () => new Store({ fs }), /give `path` too/],
    ['a path that is a number', () => new Store({ path: 42, fs }), /options.path must be a string, got number/],
    ['an fs without functions', () => new Store({ path: path.join(tmp, 'y.db'), fs: {} }), /options.fs has no function openSync/],
    ['an unknown journal mode', () => new Store({ path: path.join(tmp, 'y.db'), fs, journalMode: 'memory' }), /journalMode/],
    ['an unknown synchronous mode', () => new Store({ path: path.join(tmp, 'y.db'), fs, synchronous: 'extra' }), /synchronous/],
    ['a directory that does not exist', () => new Store({ path: path.join(tmp, 'no', 'such', 'x.db'), fs }), /unable to open database file \(ENOENT/],
    ['a file that is not a database', () => {
      const file = path.join(tmp, 'garbage.db');
      fs.writeFileSync(file, Buffer.alloc(8192, 7));
      return new Store({ path: file, fs });
    }, /file is not a database/],
  ] },
  'Store.openOpfs': { bad: [
    ['no options', () => Store.openOpfs(), /options must be an object, got undefined/],
    ['a name that is a number', () => Store.openOpfs({ name: 1 }), /options.name must be a string, got number/],
    ['an unknown option', () => Store.openOpfs({ name: 'x.db', path: 'x' }), /unknown field `path`/],
    ['an unknown journal mode', () => Store.openOpfs({ name: 'x.db', journalMode: 'off' }), /journalMode/],
  ] },
  'Store.openIndexedDb': { bad: [
    ['no options', () => Store.openIndexedDb(), /options must be an object, got undefined/],
    ['an empty name', () => Store.openIndexedDb({ name: '' }), /options.name: it is empty/],
    ['a name that is a number', () => Store.openIndexedDb({ name: 7 }), /options.name must be a string, got number/],
    ['an unknown option', () => Store.openIndexedDb({ name: 'x', path: 'x' }), /unknown field `path`/],
  ] },
  'Store.deleteIndexedDb': { bad: [
    ['no options', () => Store.deleteIndexedDb(), /options must be an object, got undefined/],
    ['an unknown option', () => Store.deleteIndexedDb({ name: 'x', directory: 'd' }), /unknown field `directory`/],
  ] },
  'Store#flush': { bad: [['flush on a freed store', () => freed.flush(), /null pointer/]] },
  'Store.deleteOpfs': { bad: [
    ['no options', () => Store.deleteOpfs(), /options must be an object, got undefined/],
    ['a name that is not a database name', () => Store.deleteOpfs({ name: ':memory:' }), /not a database name/],
    ['an option only opening takes', () => Store.deleteOpfs({ name: 'x.db', journalMode: 'wal' }), /unknown field `journalMode`/],
  ] },
  'Store#free': { bad: [['free on a freed store', () => freed.free(), /null pointer/]] },
  'Store#[Symbol.dispose]': { bad: [['dispose on a freed store', () => freed[Symbol.dispose](), /null pointer/]] },
  'Store#close': { bad: [['close on a freed store', () => freed.close(), /null pointer/]] },
  'Store#isOpen': { bad: [['isOpen on a freed store', () => freed.isOpen, /null pointer/], ['on a foreign object', foreign(Store, 'isOpen')]] },
  'Store#backend': { bad: [['backend on a freed store', () => freed.backend, /null pointer/], ['on a foreign object', foreign(Store, 'backend')]] },
  'Store#path': { bad: [['path on a freed store', () => freed.path, /null pointer/], ['on a foreign object', foreign(Store, 'path')]] },
  'Store#schemaVersion': { bad: [...unusable('schemaVersion', (s) => s.schemaVersion), ['on a foreign object', foreign(Store, 'schemaVersion')]] },
  'Store#inTransaction': { bad: [...unusable('inTransaction', (s) => s.inTransaction), ['on a foreign object', foreign(Store, 'inTransaction')]] },

  'Store#query': { bad: [...sqlCases((sql) => S.query(sql)), ...paramCases((sql, p) => S.query(sql, p)), ...unusable('query', (s) => s.query('SELECT 1'))] },
  'Store#get': { bad: [...sqlCases((sql) => S.get(sql)), ...paramCases((sql, p) => S.get(sql, p)), ...unusable('get', (s) => s.get('SELECT 1'))] },
  'Store#execute': { bad: [
    ...sqlCases((sql) => S.execute(sql)),
    ...paramCases((sql, p) => S.execute(sql, p)),
    ['a primary key violation', () => S.execute('INSERT INTO kv VALUES (?, ?)', ['a', 2]), /UNIQUE constraint failed: kv.k/],
    ['a NOT NULL violation', () => S.execute('INSERT INTO kv VALUES (?, ?)', ['b', null]), /NOT NULL constraint failed: kv.v/],
    ['a CHECK violation in the schema', () => S.execute("UPDATE agents SET status = 'sleeping'"), /CHECK constraint failed/],
    ...unusable('execute', (s) => s.execute('SELECT 1')),
  ] },
  'Store#executeMany': { bad: [
    ['param sets that are not an array', () => S.executeMany('INSERT INTO kv VALUES (?, ?)', 'x'), /paramSets must be an array/],
    ['a failing set (nothing is kept)', () => S.executeMany('INSERT INTO kv VALUES (?, ?)', [['n1', 1], ['a', 1]]), /UNIQUE constraint failed/],
    ['a bad set', () => S.executeMany('INSERT INTO kv VALUES (?, ?)', [['n1', 1], 'x']), /params must be an array or an object/],
    ...unusable('executeMany', (s) => s.executeMany('SELECT 1', [[]])),
  ] },
  'Store#executeBatch': { bad: [
    ['a failing script (the earlier statements ran: a script is not atomic, so it is rolled back here)', () => {
      S.begin();
      try {
        return S.executeBatch("INSERT INTO kv VALUES ('z', 1); INSERT INTO kv VALUES ('a', 1)");
      } finally {
        S.rollback();
      }
    }, /UNIQUE constraint failed/],
    ['SQL that is not a string', () => S.executeBatch(null), /sql must be a string, got null/],
    ...unusable('executeBatch', (s) => s.executeBatch('SELECT 1')),
  ] },
  'Store#prepare': { bad: [...sqlCases((sql) => S.prepare(sql)), ...unusable('prepare', (s) => s.prepare('SELECT 1'))] },
  'Store#begin': { bad: [
    ['an unknown mode', () => S.begin('later'), /invalid mode: 'later'/],
    ['a mode that is a number', () => S.begin(1), /mode must be a string, got number/],
    ['begin inside a transaction', () => {
      S.begin();
      try {
        return S.begin();
      } finally {
        S.rollback();
      }
    }, /already open/],
    ...unusable('begin', (s) => s.begin()),
  ] },
  'Store#commit': { bad: [['commit without a transaction', () => S.commit(), /no transaction is open/], ...unusable('commit', (s) => s.commit())] },
  'Store#rollback': { bad: [['rollback without a transaction', () => S.rollback(), /no transaction is open/], ...unusable('rollback', (s) => s.rollback())] },
  'Store#transaction': { bad: [
    ['a function that is not one', () => S.transaction(42), /fn must be a function, got number/],
    ['a function that throws (rolled back, rethrown)', () => S.transaction(() => {
      S.execute("INSERT INTO kv VALUES ('t', 1)");
      throw new Error('mine');
    }), /^mine$/],
    ['an async function', () => S.transaction(async () => S.execute("INSERT INTO kv VALUES ('t', 1)")), /must be synchronous/],
    ...unusable('transaction', (s) => s.transaction(() => 1)),
  ] },

  'Store#saveAgent': { bad: [
    ...swarmIdCases((id) => S.saveAgent(id, { id: 'x', status: 'idle' })),
    ['an unknown status', () => S.saveAgent('sw', { id: 'x', status: 'sleeping' }), /unknown variant `sleeping`/],
    ['no status', () => S.saveAgent('sw', { id: 'x' }), /missing field `status`/],
    ['an unknown field', () => S.saveAgent('sw', { id: 'x', status: 'idle', colour: 1 }), /unknown field `colour`/],
    ['a bad agent id', () => S.saveAgent('sw', { id: 'x y', status: 'idle' }), /invalid agent.id/],
    ['a NaN time', () => S.saveAgent('sw', { id: 'x', status: 'idle', time: NaN }), /time/],
    ['a capability with a space', () => S.saveAgent('sw', { id: 'x', status: 'idle', capabilities: ['a b'] }), /capabilities\[0\]/],
    ['circular data', () => {
      const agent = { id: 'x', status: 'idle' };
      agent.data = { agent };
      return S.saveAgent('sw', agent);
    }, /circular/i],
    ['an agent that is a string', () => S.saveAgent('sw', 'x'), /invalid agent/],
    ...unusable('saveAgent', (s) => s.saveAgent('sw', { id: 'x', status: 'idle' })),
  ] },
  'Store#saveAgents': { bad: [
    ['agents that are not an array', () => S.saveAgents('sw', { id: 'x', status: 'idle' }), /agents must be an array, got object/],
    ['one bad agent (none is saved)', () => S.saveAgents('sw', [{ id: 'ok', status: 'idle' }, { id: 'x y', status: 'idle' }]), /invalid agent.id/],
    ...swarmIdCases((id) => S.saveAgents(id, [])),
    ...unusable('saveAgents', (s) => s.saveAgents('sw', [])),
  ] },
  'Store#getAgent': { bad: [
    ...swarmIdCases((id) => S.getAgent(id, 'a1')),
    ['an agent id that is a number', () => S.getAgent('sw', 1), /agentId must be a string, got number/],
    ...unusable('getAgent', (s) => s.getAgent('sw', 'a1')),
  ] },
  'Store#listAgents': { bad: [...swarmIdCases((id) => S.listAgents(id)), ...queryCases('agent', (id, q) => S.listAgents(id, q)), ...unusable('listAgents', (s) => s.listAgents('sw'))] },
  'Store#deleteAgent': { bad: [
    ...swarmIdCases((id) => S.deleteAgent(id, 'a1')),
    ['a bad agent id', () => S.deleteAgent('sw', 'a b'), /invalid agentId/],
    ...unusable('deleteAgent', (s) => s.deleteAgent('sw', 'a1')),
  ] },
  'Store#saveTask': { bad: [
    ...swarmIdCases((id) => S.saveTask(id, { id: 'x', status: 'ready' })),
    ['an unknown status', () => S.saveTask('sw', { id: 'x', status: 'done' }), /unknown variant `done`/],
    ['an unknown priority', () => S.saveTask('sw', { id: 'x', status: 'ready', priority: 'urgent' }), /unknown variant `urgent`/],
    ['a bad dependency', () => S.saveTask('sw', { id: 'x', status: 'ready', dependencies: ['a b'] }), /dependencies\[0\]/],
    ['a description with a NUL', () => S.saveTask('sw', { id: 'x', status: 'ready', description: 'a\u0000b' }), /control character/],
    ...unusable('saveTask', (s) => s.saveTask('sw', { id: 'x', status: 'ready' })),
  ] },
  'Store#saveTasks': { bad: [
    ['tasks that are not an array', () => S.saveTasks('sw', 'x'), /tasks must be an array, got string/],
    ['one bad task (none is saved)', () => S.saveTasks('sw', [{ id: 'ok', status: 'ready' }, { id: 'x', status: 'nope' }]), /unknown variant `nope`/],
    ...unusable('saveTasks', (s) => s.saveTasks('sw', [])),
  ] },
  'Store#getTask': { bad: [
    ...swarmIdCases((id) => S.getTask(id, 't1')),
    ['a task id that is undefined', () => S.getTask('sw'), /taskId must be a string, got undefined/],
    ...unusable('getTask', (s) => s.getTask('sw', 't1')),
  ] },
  'Store#listTasks': { bad: [
    ...swarmIdCases((id) => S.listTasks(id)),
    ...queryCases('task', (id, q) => S.listTasks(id, q)),
    ['an unknown status', () => S.listTasks('sw', { status: 'done' }), /unknown variant `done`/],
    ['a NaN time bound', () => S.listTasks('sw', { since: NaN }), /since/],
    ...unusable('listTasks', (s) => s.listTasks('sw')),
  ] },
  'Store#deleteTask': { bad: [...swarmIdCases((id) => S.deleteTask(id, 't1')), ['a bad task id', () => S.deleteTask('sw', ''), /invalid taskId/], ...unusable('deleteTask', (s) => s.deleteTask('sw', 't1'))] },
  'Store#appendEvent': { bad: [
    ...swarmIdCases((id) => S.appendEvent(id, { kind: 'k' })),
    ['no kind', () => S.appendEvent('sw', {}), /missing field `kind`/],
    ['an empty kind', () => S.appendEvent('sw', { kind: '' }), /kind: must not be empty/],
    ['an Infinity time', () => S.appendEvent('sw', { kind: 'k', time: Infinity }), /time/],
    ...unusable('appendEvent', (s) => s.appendEvent('sw', { kind: 'k' })),
  ] },
  'Store#appendEvents': { bad: [
    ['events that are not an array', () => S.appendEvents('sw', { kind: 'k' }), /events must be an array, got object/],
    ['one bad event (none is kept)', () => S.appendEvents('sw', [{ kind: 'k' }, { kind: 'k', agentId: 'a b' }]), /events\[1\].agentId/],
    ...unusable('appendEvents', (s) => s.appendEvents('sw', [])),
  ] },
  'Store#queryEvents': { bad: [
    ...swarmIdCases((id) => S.queryEvents(id)),
    ...queryCases('event', (id, q) => S.queryEvents(id, q)),
    ['kinds that are a string', () => S.queryEvents('sw', { kinds: 'k' }), /invalid query/],
    ...unusable('queryEvents', (s) => s.queryEvents('sw')),
  ] },
  'Store#sendMessage': { bad: [
    ...swarmIdCases((id) => S.sendMessage(id, { from: 'a', content: 'x' })),
    ['no content', () => S.sendMessage('sw', { from: 'a' }), /missing field `content`/],
    ['a bad sender', () => S.sendMessage('sw', { from: '', content: 'x' }), /message.from/],
    ...unusable('sendMessage', (s) => s.sendMessage('sw', { from: 'a', content: 'x' })),
  ] },
  'Store#queryMessages': { bad: [
    ...swarmIdCases((id) => S.queryMessages(id)),
    ...queryCases('message', (id, q) => S.queryMessages(id, q)),
    ['unreadOnly that is a string', () => S.queryMessages('sw', { unreadOnly: 'yes' }), /invalid query/],
    ...unusable('queryMessages', (s) => s.queryMessages('sw')),
  ] },
  'Store#markMessagesRead': { bad: [
    ...swarmIdCases((id) => S.markMessagesRead(id, [1])),
    ['ids that are not an array', () => S.markMessagesRead('sw', 1), /ids must be an array, got number/],
    ['a fractional id', () => S.markMessagesRead('sw', [1.5]), /ids\[0\]: 1.5 is not a positive integer/],
    ['an id that is a string', () => S.markMessagesRead('sw', ['1']), /ids\[0\] must be a number, got string/],
    ['a NaN time', () => S.markMessagesRead('sw', [1], NaN), /time/],
    ...unusable('markMessagesRead', (s) => s.markMessagesRead('sw', [1])),
  ] },
  'Store#recordMetric': { bad: [
    ...swarmIdCases((id) => S.recordMetric(id, { name: 'm', value: 1 })),
    ['a NaN value', () => S.recordMetric('sw', { name: 'm', value: NaN }), /value/],
    ['a tag that is a number', () => S.recordMetric('sw', { name: 'm', value: 1, tags: { a: 1 } }), /invalid metric/],
    ...unusable('recordMetric', (s) => s.recordMetric('sw', { name: 'm', value: 1 })),
  ] },
  'Store#recordMetrics': { bad: [
    ['metrics that are not an array', () => S.recordMetrics('sw', null), /metrics must be an array, got null/],
    ['one infinite value (none is kept)', () => S.recordMetrics('sw', [{ name: 'm', value: 1 }, { name: 'm', value: -Infinity }]), /metrics\[1\].value|invalid metrics/],
    ...unusable('recordMetrics', (s) => s.recordMetrics('sw', [])),
  ] },
  'Store#queryMetrics': { bad: [...swarmIdCases((id) => S.queryMetrics(id)), ...queryCases('metric', (id, q) => S.queryMetrics(id, q)), ...unusable('queryMetrics', (s) => s.queryMetrics('sw'))] },
  'Store#summarizeMetric': { bad: [
    ...swarmIdCases((id) => S.summarizeMetric(id, 'm')),
    ['a name that is a number', () => S.summarizeMetric('sw', 1), /name must be a string, got number/],
    ['an empty name', () => S.summarizeMetric('sw', ''), /name: must not be empty/],
    ...unusable('summarizeMetric', (s) => s.summarizeMetric('sw', 'm')),
  ] },
  'Store#saveSnapshot': { bad: [
    ...swarmIdCases((id) => S.saveSnapshot(id, new Uint8Array([1]))),
    ['bytes that are an array', () => S.saveSnapshot('sw', [1, 2]), /bytes must be a Uint8Array, got an array/],
    ['no bytes', () => S.saveSnapshot('sw', new Uint8Array(0)), /the snapshot is empty/],
    ['a label that is a number', () => S.saveSnapshot('sw', new Uint8Array([1]), 5), /label must be a string, got number/],
    ...unusable('saveSnapshot', (s) => s.saveSnapshot('sw', new Uint8Array([1]))),
  ] },
  'Store#loadSnapshot': { bad: [
    ...swarmIdCases((id) => S.loadSnapshot(id)),
    ['an id of 0', () => S.loadSnapshot('sw', 0), /invalid id: 0 is not a positive integer/],
    ['an id that is a string', () => S.loadSnapshot('sw', String(SNAPSHOT_ID)), /id must be a number, got string/],
    ...unusable('loadSnapshot', (s) => s.loadSnapshot('sw')),
  ] },
  'Store#listSnapshots': { bad: [...swarmIdCases((id) => S.listSnapshots(id)), ...unusable('listSnapshots', (s) => s.listSnapshots('sw'))] },
  'Store#deleteSnapshot': { bad: [
    ...swarmIdCases((id) => S.deleteSnapshot(id, SNAPSHOT_ID)),
    ['no id', () => S.deleteSnapshot('sw'), /id must be a number, got undefined/],
    ...unusable('deleteSnapshot', (s) => s.deleteSnapshot('sw', 1)),
  ] },
  'Store#listSwarms': { bad: unusable('listSwarms', (s) => s.listSwarms()) },
  'Store#deleteSwarm': { bad: [...swarmIdCases((id) => S.deleteSwarm(id)), ...unusable('deleteSwarm', (s) => s.deleteSwarm('sw'))] },
  'Store#stats': { bad: unusable('stats', (s) => s.stats()) },
  'Store#checkIntegrity': { bad: unusable('checkIntegrity', (s) => s.checkIntegrity()) },
  'Store#exportBytes': { bad: [
    ['inside a transaction', () => {
      S.begin();
      try {
        return S.exportBytes();
      } finally {
        S.rollback();
      }
    }, /inside an open transaction/],
    ...unusable('exportBytes', (s) => s.exportBytes()),
  ] },
  'Store#importBytes': { bad: [
    ['bytes that are a string', () => S.importBytes('SQLite'), /bytes must be a Uint8Array, got string/],
    ['bytes that are not a database', () => S.importBytes(new Uint8Array(200)), /not a SQLite database/],
    ['a damaged database', () => {
      const damaged = STATE.slice();
      for (let i = damaged.length / 2; i < damaged.length; i++) damaged[i] ^= 0x33;
      return S.importBytes(damaged);
    }, /corrupt|malformed/],
    ['another application\'s database', () => {
      const other = new Store();
      other.executeBatch('PRAGMA application_id = 7');
      return S.importBytes(other.exportBytes());
    }, /not a swarm store/],
    ...unusable('importBytes', (s) => s.importBytes(STATE)),
  ] },

  Statement: { bad: [
    ['a store that is not one', () => new Statement({}, 'SELECT 1'), /Store/],
    ['SQL that is not a string', () => new Statement(S, 5), /sql must be a string, got number/],
    ['a syntax error', () => new Statement(S, 'SELEC'), /syntax error/],
    ['a closed store', () => new Statement(closed, 'SELECT 1'), /the store is closed/],
  ] },
  'Statement#run': { bad: [
    ...paramCases((sql, p) => STMT.run(p)).filter(([label]) => label !== 'too few parameters' && label !== 'a missing named parameter'),
    ['too many parameters', () => STMT.run(['a', 'b']), /1 parameter\(s\) but 2/],
    ['on a finalized statement', () => finalized.run(), /the statement is closed/],
    ['on a closed store', () => closedStmt.run(), /the store is closed/],
    ['on a freed statement', () => freedStmt.run(), /null pointer/],
  ] },
  'Statement#get': { bad: [
    ['named parameters for a positional one', () => STMT.get({ k: 'a' }), /positional/],
    ['on a finalized statement', () => finalized.get(), /the statement is closed/],
    ['on a freed statement', () => freedStmt.get(), /null pointer/],
  ] },
  'Statement#all': { bad: [
    ['no parameters', () => STMT.all(), /none were given/],
    ['on a closed store', () => closedStmt.all(), /the store is closed/],
    ['on a freed statement', () => freedStmt.all(), /null pointer/],
  ] },
  'Statement#values': { bad: [
    ['a Uint8Array as the parameters', () => STMT.values(new Uint8Array(1)), /params must be an array or an object/],
    ['on a finalized statement', () => finalized.values(), /the statement is closed/],
    ['on a freed statement', () => freedStmt.values(), /null pointer/],
  ] },
  'Statement#columns': { bad: [['columns of a freed statement', () => freedStmt.columns, /null pointer/], ['on a foreign object', foreign(Statement, 'columns')]] },
  'Statement#sql': { bad: [['sql of a freed statement', () => freedStmt.sql, /null pointer/], ['on a foreign object', foreign(Statement, 'sql')]] },
  'Statement#readonly': { bad: [['readonly of a freed statement', () => freedStmt.readonly, /null pointer/], ['on a foreign object', foreign(Statement, 'readonly')]] },
  'Statement#finalize': { bad: [['finalize on a freed statement', () => freedStmt.finalize(), /null pointer/]] },
  'Statement#free': { bad: [['free on a freed statement', () => freedStmt.free(), /null pointer/]] },
  'Statement#[Symbol.dispose]': { bad: [['dispose on a freed statement', () => freedStmt[Symbol.dispose](), /null pointer/]] },
};

checkTable(test, 'persistence', persistence, table, sanity);
