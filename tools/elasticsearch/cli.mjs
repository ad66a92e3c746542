#!/usr/bin/env node
// Developer entry point for the local test cluster.
//   node tools/elasticsearch/cli.mjs start    start one in the background (state in .cache/, mode 600)
//   node tools/elasticsearch/cli.mjs stop     stop it and delete its data
//   node tools/elasticsearch/cli.mjs status   is it running, and where
//   node tools/elasticsearch/cli.mjs with -- <cmd> [args...]
//        start a fresh cluster, run <cmd> with ES_URL/ES_USERNAME/ES_PASSWORD set, always stop it
// The elastic password is never printed; `with` hands it to the command through its environment.
import { spawn } from 'node:child_process';
import { clearState, describe, loadState, saveState, start, stateFile, stop } from './harness.mjs';

const [sub, ...rest] = process.argv.slice(2);

async function main() {
  switch (sub) {
    case 'start': {
      const running = loadState();
      if (running) {
        process.stdout.write(`already running: Elasticsearch ${running.version} at ${running.url} (stop it with npm run es:stop)\n`);
        return 0;
      }
      const h = await start();
      saveState(h);
      process.stdout.write(`${describe(h)}\n`);
      process.stdout.write(`credentials (user elastic, per-run password) are in ${stateFile()} (mode 600)\n`);
      return 0;
    }
    case 'stop': {
      const running = loadState();
      if (!running) {
        clearState();
        process.stdout.write('no local Elasticsearch is running\n');
        return 0;
      }
      await stop(running);
      clearState();
      process.stdout.write(`stopped Elasticsearch at ${running.url}\n`);
      return 0;
    }
    case 'status': {
      const running = loadState();
      process.stdout.write(running ? `running: Elasticsearch ${running.version} at ${running.url} (pid ${running.pid})\n` : 'not running\n');
      return running ? 0 : 1;
    }
    case 'with': {
      const cmd = rest[0] === '--' ? rest.slice(1) : rest;
      if (cmd.length === 0) throw new Error('usage: cli.mjs with -- <command> [args...]');
      const h = await start();
      process.stderr.write(`${describe(h)}\n`);
      try {
        return await new Promise((resolve, reject) => {
          const child = spawn(cmd[0], cmd.slice(1), {
            stdio: 'inherit',
            env: { ...process.env, ES_URL: h.url, ES_USERNAME: h.username, ES_PASSWORD: h.password },
          });
          child.on('error', reject);
          child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0)));
        });
      } finally {
        await stop(h);
      }
    }
    default:
      process.stderr.write('usage: node tools/elasticsearch/cli.mjs start | stop | status | with -- <command> [args...]\n');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
