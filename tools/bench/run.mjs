#!/usr/bin/env node
// es-authz benchmarks (`npm run bench`, after `npm run build`). Speed goals live here, never in
// timed unit tests. Every figure is a median over repeated runs, quoted with a ratio against a
// baseline measured in the same run on the same data:
//   evaluator  — has_privileges for 50 roles × 1,000 concrete index names (read, write, manage)
//                baseline: a naive scan that only regex-matches each name against every pattern
//   coverage   — findCoveringRoles over 10,000 roles (target < 50 ms median)
//                baseline: one linear pass over the same 10,000 roles comparing names/privileges
import { performance } from 'node:perf_hooks';
import { hasPrivileges, buildPermissionModel } from '../../dist/security/evaluator.js';
import { findCoveringRoles } from '../../dist/security/coverage.js';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const APPS = ['logs', 'metrics', 'traces', 'audit', 'apm', 'billing', 'hr', 'sales', 'web', 'db'];
const ENVS = ['prod', 'stage', 'dev', 'qa'];
const PRIVS = ['read', 'write', 'view_index_metadata', 'monitor', 'index', 'create_doc', 'manage', 'delete'];
const CLUSTER = ['monitor', 'manage_ilm', 'read_security', 'manage_index_templates', 'monitor_ml'];

function randomPattern() {
  const r = rand();
  if (r < 0.4) return `${pick(APPS)}-*`;
  if (r < 0.7) return `${pick(APPS)}-${pick(ENVS)}-*`;
  if (r < 0.85) return `${pick(APPS)}-${pick(ENVS)}-${Math.floor(rand() * 50)}`;
  if (r < 0.95) return `*-${pick(ENVS)}-*`;
  return `/${pick(APPS)}-(${pick(ENVS)}|${pick(ENVS)})-[0-9]+/`;
}
function randomRole(i) {
  const entries = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
    names: Array.from({ length: 1 + Math.floor(rand() * 2) }, randomPattern),
    privileges: [...new Set(Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(PRIVS)))],
  }));
  return { name: `role-${i}`, descriptor: { cluster: rand() < 0.3 ? [pick(CLUSTER)] : [], indices: entries } };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
let lastFirst = 0;
function time(fn, reps) {
  const t = performance.now();
  fn(); // first call (cold caches), then warm runs
  lastFirst = performance.now() - t;
  const out = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}
function globToRegExp(p) {
  if (p.startsWith('/') && p.endsWith('/')) return new RegExp(`^(?:${p.slice(1, -1)})$`);
  return new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

// --- evaluator: 50 roles × 1,000 index names
const roles50 = Array.from({ length: 50 }, (_, i) => randomRole(i));
const names1000 = Array.from({ length: 1000 }, () => `${pick(APPS)}-${pick(ENVS)}-${Math.floor(rand() * 100)}`);
const request = { index: [{ names: names1000, privileges: ['read', 'write', 'manage'] }] };
const evalMs = time(() => hasPrivileges(buildPermissionModel(roles50), request), 7);
const evalFirst = lastFirst;
const regexes = roles50.flatMap((r) => r.descriptor.indices.flatMap((e) => e.names.map(globToRegExp)));
const naiveMs = time(() => {
  let n = 0;
  for (const name of names1000) for (const re of regexes) if (re.test(name)) n++;
  return n;
}, 7);

// --- coverage: 10,000 roles
const roles10k = Array.from({ length: 10_000 }, (_, i) => randomRole(i));
const required = { indices: [{ names: ['logs-prod-*'], privileges: ['read'] }] };
const covMs = time(() => findCoveringRoles(roles10k, required), 11);
const covFirst = lastFirst;
const scanMs = time(() => {
  let n = 0;
  for (const r of roles10k) for (const e of r.descriptor.indices) if (e.names.includes('logs-prod-*') && e.privileges.includes('read')) n++;
  return n;
}, 11);
const found = findCoveringRoles(roles10k, required);

// --- cold start: spawn → initialize → tools/list answered (no Elasticsearch contacted at start)
async function coldStart(args) {
  const t0 = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    env: { PATH: process.env.PATH ?? '', ES_URL: 'http://127.0.0.1:9', ES_API_KEY: 'bench-not-used', ES_AUTHZ_LOG_LEVEL: 'silent' },
    stderr: 'ignore',
  });
  const client = new McpClient({ name: 'bench', version: '1' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const ms = performance.now() - t0;
  await client.close();
  return { ms, tools: tools.length };
}
async function medianOf(args, reps) {
  await coldStart(args); // warm the file cache
  const xs = [];
  let tools = 0;
  for (let i = 0; i < reps; i++) {
    const r = await coldStart(args);
    xs.push(r.ms);
    tools = r.tools;
  }
  return { ms: median(xs), tools };
}
const esAuthz = await medianOf(['dist/cli.js', 'serve'], 9);
const bare = await medianOf(['tools/bench/bare-server.mjs'], 9);

const rows = [
  [`cold start to tools/list (${esAuthz.tools} tools)`, esAuthz.ms, undefined, 'bare MCP SDK server (1 tool)', bare.ms],
  ['evaluator: has_privileges, 50 roles × 1,000 names × 3 privileges', evalMs, evalFirst, 'naive regex scan (no privileges)', naiveMs],
  ['coverage: findCoveringRoles over 10,000 roles', covMs, covFirst, 'linear exact-string scan', scanMs],
];
console.log('| benchmark | median ms | first call ms | baseline | baseline median ms | ratio |');
console.log('|---|---:|---:|---|---:|---:|');
for (const [what, ms, first, base, bms] of rows) console.log(`| ${what} | ${ms.toFixed(2)} | ${first === undefined ? '–' : first.toFixed(1)} | ${base} | ${bms.toFixed(2)} | ${(ms / bms).toFixed(1)}× |`);
console.log(`\ncoverage found ${found.matches.length} fitting roles (${found.matches.filter((m) => m.exact).length} exact); target < 50 ms: ${covMs < 50 ? 'met' : 'NOT met'}`);
console.log(`node ${process.version}, ${new Date().toISOString()}`);
