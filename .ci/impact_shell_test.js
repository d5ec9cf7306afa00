// CI: co2e impact as Impact Framework's builtin Shell plugin calls it, with IF's own YAML
// library (js-yaml 4, Debian's node-js-yaml). The plugin's steps, as its source does them
// (Green-Software-Foundation/if, src/if-run/builtins/shell/index.ts): dump(inputs, {indent: 2})
// to the program's standard input, spawnSync of the configured command split at spaces,
// loadAll(stdout) and .flat() for the outputs; the exit code is not looked at.
//
// 1. The README's manifest (examples/impact/manifest.yml): its three observations come back
//    with their carbon fields, each recomputed here from the observation.
// 2. Generated observations (a seeded generator, a few thousand in a few hundred calls): odd
//    field names and string values (quotes, colons, '#', unicode, control characters, long
//    and multi-line strings that js-yaml folds or writes as block scalars), numbers in the
//    forms js-yaml writes (1e+21, -0.0, .inf, .nan), booleans, null, nested mappings and
//    sequences. Every call must be answered: every field comes back equal as js-yaml reads
//    it, in order, and carbon = energy x intensity; or, where co2e refuses, nothing on
//    standard output and one error line on standard error. A refusal is counted and, for
//    inputs inside what co2e says it reads, a failure.
// 3. Malformed YAML gets no partial output.
//
// Usage: node .ci/impact_shell_test.js CO2E_BINARY   (NODE_PATH must find js-yaml)
'use strict';
const {spawnSync} = require('child_process');
const fs = require('fs');
const path = require('path');
const {load, loadAll, dump} = require('js-yaml');
const assert = require('assert');

const co2e = process.argv[2];
if (!co2e) { console.error('usage: node .ci/impact_shell_test.js CO2E_BINARY'); process.exit(2); }
const root = path.resolve(__dirname, '..');
let passed = 0, failed = 0;
function check(name, f) {
  try { f(); passed++; } catch (e) { failed++; console.error(`FAIL ${name}: ${e.message}`); }
}

// IF's Shell plugin, step for step.
function shellPlugin(command, inputs) {
  const [executable, ...args] = command.split(' ');
  const result = spawnSync(executable === 'co2e' ? co2e : executable, args,
    {input: dump(inputs, {indent: 2}), encoding: 'utf8', maxBuffer: 1 << 28});
  return {outputs: loadAll(result.stdout).flat(), status: result.status, stderr: result.stderr, stdout: result.stdout};
}

function closeTo(actual, expected, what) {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= 1e-9 * scale, `${what}: ${actual}, expected ${expected}`);
}

// 1. The manifest.
check('manifest', () => {
  const manifest = load(fs.readFileSync(path.join(root, 'examples/impact/manifest.yml'), 'utf8'));
  const command = manifest.initialize.plugins.co2e.config.command;
  const inputs = manifest.tree.children.server.inputs;
  const r = shellPlugin(command, inputs);
  assert.strictEqual(r.status, 0, r.stderr);
  assert.strictEqual(r.outputs.length, 3);
  r.outputs.forEach((o, i) => {
    for (const [k, v] of Object.entries(inputs[i])) assert.deepStrictEqual(o[k], v, `outputs[${i}].${k}`);
    closeTo(o['carbon-operational'], o.energy * o['co2e/grid-intensity'], `outputs[${i}] carbon-operational`);
    closeTo(o.carbon, o['carbon-operational'] + (o['carbon-embodied'] || 0), `outputs[${i}] carbon`);
    assert.ok(typeof o['co2e/grid-source'] === 'string' && o['co2e/grid-source'].length > 0);
  });
  closeTo(r.outputs[0]['carbon-operational'], 0.5 * 400, 'the given 400 g/kWh');
  // The embodied share, SCI's formula: 1,533,120 g x 3,600 s / 94,608,000 s x 1/8.
  closeTo(r.outputs[1]['carbon-embodied'], 1533120 * 3600 / 94608000 / 8, 'carbon-embodied');
});

// 2. Generated observations.
let seed = 0x2545F4914F6CDD1Dn;
function next() {            // SplitMix64
  seed = (seed + 0x9E3779B97F4A7C15n) & 0xFFFFFFFFFFFFFFFFn;
  let z = seed;
  z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & 0xFFFFFFFFFFFFFFFFn;
  z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & 0xFFFFFFFFFFFFFFFFn;
  return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53;
}
const pick = a => a[Math.floor(next() * a.length)];
const pieces = ['a', 'Z', '0', ' ', ':', ': ', '#', ' #', '-', '- ', '?', '!', '&', '*', '|', '>', "'", '"',
  '\\', '/', '{', '}', '[', ']', ',', '%', '@', '`', 'é', 'ß', '中', '🌍', '\u0301', '\t', '\n', '\u0007',
  '\u001b[2J', '\u00a0', '\u2028', 'null', 'true', 'no', '~', '1e3', '0x1F', '.inf', '2023-07-06',
  'x'.repeat(90), ' lead', 'trail '];
function text(maxParts) {
  let s = '';
  const n = Math.floor(next() * maxParts);
  for (let i = 0; i < n; i++) s += pick(pieces);
  return s;
}
const numbers = [0, -0, 1, 3600, 0.5, 1e21, 1e-7, 123456789012, -42, 2 ** 53 + 2, 5e-324, 1.7976931348623157e308,
  Infinity, -Infinity, NaN, 0.1 + 0.2];
function value(depth) {
  const r = next();
  if (r < 0.35) return text(6);
  if (r < 0.6) return pick(numbers) * (next() < 0.5 ? 1 : next() * 1000);
  if (r < 0.7) return next() < 0.5;
  if (r < 0.75) return null;
  if (depth > 2) return text(3);
  if (r < 0.87) { const a = []; for (let i = Math.floor(next() * 4); i > 0; i--) a.push(value(depth + 1)); return a; }
  const o = {};
  for (let i = Math.floor(next() * 4); i > 0; i--) o[key()] = value(depth + 1);
  return o;
}
function key() {
  const k = text(4) || pick(['k', 'tags', 'cloud/vendor']);
  return ['timestamp', 'duration', 'energy', 'grid/carbon-intensity', '__proto__'].includes(k) ? k + '.x' : k;
}
function observation(i) {
  const o = {};
  // Extra fields before and after the ones co2e reads: their order must be kept.
  for (let j = Math.floor(next() * 3); j > 0; j--) o[key()] = value(0);
  o.timestamp = new Date(Date.UTC(2023, 0, 1) + i * 3600e3).toISOString();
  o.duration = pick([3600, 1800, 60, 86400]);
  o.energy = Math.round(next() * 1e6) / 1e3;
  o['grid/carbon-intensity'] = Math.round(next() * 9e5) / 1e3;
  for (let j = Math.floor(next() * 3); j > 0; j--) o[key()] = value(0);
  return o;
}
// JSON cannot say -0, NaN or Infinity; compare as js-yaml reads, with them spelled out.
const canonical = v => JSON.stringify(v, (k, x) => (typeof x === 'number' && (!isFinite(x) || Object.is(x, -0))) ? `#${x}${Object.is(x, -0) ? '-0' : ''}` : x);

let calls = 0, observations = 0, refused = 0;
const refusals = new Map();
for (let call = 0; call < 300; call++) {
  const inputs = [];
  for (let i = Math.floor(next() * 20) + 1; i > 0; i--) inputs.push(observation(observations + i));
  observations += inputs.length;
  calls++;
  const r = shellPlugin('co2e impact', inputs);
  if (r.status !== 0) {
    refused++;
    check(`call ${call}: a refusal prints nothing on standard output`, () => {
      assert.strictEqual(r.stdout, '');
      assert.strictEqual(r.outputs.length, 0);
      const lines = r.stderr.trim().split('\n');
      assert.strictEqual(lines.length, 1, r.stderr);
      assert.match(lines[0], /^co2e: error: /);
    });
    const reason = r.stderr.replace(/line \d+, column \d+/g, 'line L, column C').replace(/^co2e: error: [^:]*:\d+: /, '').slice(0, 100);
    refusals.set(reason, (refusals.get(reason) || 0) + 1);
    continue;
  }
  check(`call ${call}: every observation back, every field equal, carbon = energy x intensity`, () => {
    assert.strictEqual(r.outputs.length, inputs.length);
    r.outputs.forEach((o, i) => {
      const sent = inputs[i];
      const keys = Object.keys(o);
      assert.deepStrictEqual(keys.slice(0, Object.keys(sent).length), Object.keys(sent), `outputs[${i}] keys in order`);
      for (const [k, v] of Object.entries(sent)) assert.strictEqual(canonical(o[k]), canonical(v), `outputs[${i}].${JSON.stringify(k)}`);
      closeTo(o['carbon-operational'], sent.energy * sent['grid/carbon-intensity'], `outputs[${i}] carbon-operational`);
      closeTo(o.carbon, o['carbon-operational'], `outputs[${i}] carbon`);
    });
  });
}

// 3. Malformed YAML: nothing on standard output, exit non-zero.
for (const [name, yaml] of [
  ['an anchor', '- &a\n  energy: 1\n'],
  ['a flow sequence', '- energy: [1, 2]\n'],
  ['a tab in indentation', '-\n\tenergy: 1\n'],
  ['a cut document', "- timestamp: '2023-07-06T00:00:00.000Z'\n  energy: 'unclosed\n"],
  ['not a sequence', 'energy: 1\n'],
]) {
  check(`malformed: ${name}`, () => {
    const r = spawnSync(co2e, ['impact', '--grid', 'FR'], {input: yaml, encoding: 'utf8'});
    assert.notStrictEqual(r.status, 0);
    assert.strictEqual(r.stdout, '');
    assert.match(r.stderr, /^co2e: error: /);
  });
}

console.log(`impact shell: ${calls} calls, ${observations} observations through js-yaml's dump and loadAll; ` +
  `${calls - refused} answered, ${refused} refused`);
for (const [reason, n] of refusals) console.log(`  refused ${n}x: ${reason.trim()}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
