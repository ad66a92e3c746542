// End to end: the built dist/cli.js spawned as a real process, over stdio and over Streamable
// HTTP, running create_role → create_user → has_privileges-as-that-user against the real cluster;
// plus an MCP Inspector CLI smoke call.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, esEnv, uniqueName } from '../helpers/es.js';

const admin = adminClient();
afterAll(() => admin.close());
const CLI = 'dist/cli.js';
const baseEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', ...esEnv(), ES_AUTHZ_LOG_LEVEL: 'warn' });

async function flow(client: McpClient) {
  const role = uniqueName('e2e-audit-reader');
  const user = uniqueName('e2e-mia');
  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent?: Record<string, unknown> };
  try {
    const r1 = await call('create_role', { name: role, description: 'Audit Reader', indices: [{ names: ['audit-*'], privileges: ['read'] }] });
    expect(r1.isError, JSON.stringify(r1.content)).toBeFalsy();
    const r2 = await call('create_user', { username: user, roles: [role] });
    expect(r2.isError, JSON.stringify(r2.content)).toBeFalsy();
    const r3 = await call('has_privileges', { username: user, index: [{ names: ['audit-1'], privileges: ['read', 'write'] }] });
    expect(r3.structuredContent).toMatchObject({ username: user, method: 'run_as', index: { 'audit-1': { read: true, write: false } } });
  } finally {
    await admin.security.deleteUser({ username: user }).catch(() => undefined);
    await admin.security.deleteRole({ name: role }).catch(() => undefined);
  }
}

describe('es-authz serve (stdio)', () => {
  it('runs the create-role → create-user → has_privileges flow', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve'], env: baseEnv(), stderr: 'pipe' });
    const client = new McpClient({ name: 'e2e', version: '1' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBe(19);
      await flow(client);
    } finally {
      await client.close();
    }
  });

  it('--read-only exposes no write tools', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve', '--read-only'], env: baseEnv(), stderr: 'pipe' });
    const client = new McpClient({ name: 'e2e', version: '1' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    await client.close();
    expect(tools.map((t) => t.name)).not.toContain('create_user');
    expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
  });

  it('fails fast with one clear line when configuration is missing', async () => {
    const r = await promisify(execFile)(process.execPath, [CLI, 'serve'], { env: { PATH: process.env.PATH ?? '' } }).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(1);
    expect((r as { stderr: string }).stderr).toMatch(/^es-authz: \[CONFIG_MISSING\] ES_URL is not set/);
  });
});

describe('es-authz plan --json (CLI contract)', () => {
  it('prints exactly one JSON object with request, steps, questions, warnings', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'plan', '--offline', '--json', 'Give joe read-only access to logs-*'], { env: { PATH: process.env.PATH ?? '' } });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['questions', 'request', 'steps', 'warnings']);
    expect(out.request).toMatchObject({ who: { kind: 'existing_user', username: 'joe' }, what: { indices: ['logs-*'] }, level: 'read', deployment: 'unknown' });
    for (const s of out.steps as Record<string, unknown>[]) expect(Object.keys(s).sort()).toEqual(['args', 'checkpoint', 'tool', 'why']);
  });

  it('exits 4 with questions (and no write steps) for an ambiguous request', async () => {
    const r = await promisify(execFile)(process.execPath, [CLI, 'plan', '--offline', '--json', 'give access to logs-*'], { env: { PATH: process.env.PATH ?? '' } }).catch((e: { code: number; stdout: string }) => e);
    expect((r as { code: number }).code).toBe(4);
    const out = JSON.parse((r as { stdout: string }).stdout) as { questions: unknown[]; steps: { checkpoint: boolean }[] };
    expect(out.questions.length).toBeGreaterThan(0);
    expect(out.steps.filter((s) => s.checkpoint)).toEqual([]);
  });
});

describe('es-authz serve --http', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGTERM'));

  async function startHttp(token: string): Promise<string> {
    child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0'], { env: { ...baseEnv(), ES_AUTHZ_HTTP_TOKEN: token }, stdio: ['ignore', 'ignore', 'pipe'] });
    return new Promise((resolve, reject) => {
      let err = '';
      child!.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /es-authz MCP server at (http:\/\/\S+)/.exec(err);
        if (m?.[1]) resolve(m[1]);
      });
      child!.on('exit', (c) => reject(new Error(`server exited ${c}: ${err}`)));
    });
  }

  function raw(url: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }));
    });
  }

  it('requires the bearer token, checks Host and Origin, and runs the flow', async () => {
    const token = randomBytes(24).toString('hex');
    const url = await startHttp(token);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(await raw(url, {})).toBe(401);
    expect(await raw(url, { authorization: 'Bearer wrong-token-wrong-token' })).toBe(401);
    const port = new URL(url).port;
    expect(await raw(url, { authorization: `Bearer ${token}`, host: `evil.example:${port}` })).toBe(403);
    expect(await raw(url, { authorization: `Bearer ${token}`, origin: 'http://evil.example' })).toBe(403);

    const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } });
    const client = new McpClient({ name: 'e2e-http', version: '1' });
    await client.connect(transport);
    try {
      await flow(client);
    } finally {
      await client.close();
    }
  });

  it('refuses to start without a token', async () => {
    const r = await promisify(execFile)(process.execPath, [CLI, 'serve', '--http'], { env: baseEnv() }).catch((e: { code: number; stderr: string }) => e);
    expect((r as { stderr: string }).stderr).toMatch(/ES_AUTHZ_HTTP_TOKEN/);
  });
});

describe('MCP Inspector CLI smoke call', () => {
  // @modelcontextprotocol/inspector >= 0.16 needs Node 22; its CLI part is published on its own
  // and runs on Node 20. It looks for its package.json relative to the working directory, so it
  // runs from its own build directory.
  const inspectorDir = path.resolve('node_modules/@modelcontextprotocol/inspector-cli/build');
  const cli = path.resolve(CLI);

  it('lists the tools and calls whoami', async () => {
    // a short-lived API key, invalidated afterwards
    const key = await admin.security.createApiKey({ name: uniqueName('inspector'), expiration: '10m' });
    const env = { PATH: process.env.PATH ?? '', ES_URL: esEnv().ES_URL ?? '', ES_API_KEY: key.encoded, ES_AUTHZ_LOG_LEVEL: 'warn' };
    const run = async (args: string[]) => {
      try {
        // the inspector passes its own environment to the server it spawns: no secret on a command line
        return await promisify(execFile)(process.execPath, ['index.js', ...args, process.execPath, cli, 'serve'], {
          cwd: inspectorDir,
          env,
          maxBuffer: 16 << 20,
        });
      } catch (e) {
        // the original error carries the API key in its environment dump: keep only the redacted text
        // eslint-disable-next-line preserve-caught-error
        throw new Error(`inspector failed: ${String((e as { stderr?: string }).stderr ?? e).split(key.encoded).join('[REDACTED]')}`);
      }
    };
    try {
      const list = JSON.parse((await run(['--method', 'tools/list'])).stdout) as { tools: { name: string }[] };
      expect(list.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['whoami', 'create_role', 'has_privileges', 'update_user_roles']));
      const who = JSON.parse((await run(['--method', 'tools/call', '--tool-name', 'whoami'])).stdout) as { structuredContent: { username: string; authentication_type: string } };
      expect(who.structuredContent).toMatchObject({ username: esEnv().ES_USERNAME, authentication_type: 'api_key' });
    } finally {
      await admin.security.invalidateApiKey({ ids: [key.id] });
    }
  });
});
