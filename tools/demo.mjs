#!/usr/bin/env node
// The README's first command: a real access request, end to end, on a throwaway local
// Elasticsearch. Starts the test cluster, runs `es-authz plan --json` and `es-authz apply --yes`
// as separate processes (exactly what an admin would type), shows the result, stops the cluster.
//   npm run demo                       the default request below
//   npm run demo -- "<your request>"   your own
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, start, stop } from './elasticsearch/harness.mjs';

const request = process.argv.slice(2).join(' ').trim() || 'Create a user mia who can only read audit-*';
const handle = await start();
process.stderr.write(`${describe(handle)}\n`);
const env = { ...process.env, ES_URL: handle.url, ES_USERNAME: handle.username, ES_PASSWORD: handle.password, ES_AUTHZ_LOG_LEVEL: 'warn' };
const dir = mkdtempSync(path.join(os.tmpdir(), 'es-authz-demo-'));
let code = 0;
try {
  const cli = (args) => execFileSync(process.execPath, ['dist/cli.js', ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(`\n$ es-authz es\n${cli(['es'])}`);
  process.stdout.write(`\n$ es-authz plan "${request}"\n`);
  let planText;
  try {
    planText = cli(['plan', request]);
  } catch (e) {
    planText = e.stdout;
  }
  process.stdout.write(planText);
  let json;
  try {
    json = cli(['plan', '--json', request]);
  } catch {
    process.stdout.write('\nThe request has open questions (above); nothing to apply.\n');
    code = 4;
    json = undefined;
  }
  if (json) {
    const file = path.join(dir, 'plan.json');
    writeFileSync(file, json);
    process.stdout.write(`\n$ es-authz apply plan.json --yes\n`);
    try {
      process.stdout.write(cli(['apply', file, '--yes']));
    } catch (e) {
      process.stdout.write(e.stdout ?? '');
      code = 1;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await stop(handle);
}
process.exit(code);
