#!/usr/bin/env node
// es-authz command line. The only file that touches `process`.
//   es-authz [serve]          MCP server over stdio (default)
//   es-authz plan "<text>"    plan an access request
//   es-authz es               check the Elasticsearch connection: version, flavor, identity
import { parseArgs } from 'node:util';
import type { Client as EsClient } from '@elastic/elasticsearch';
import { loadEsConfig, unknownEsVariables } from './es/config.js';
import { EsAuthzError, isEsAuthzError } from './errors.js';
import { createLogger } from './log.js';

const USAGE = `usage:
  es-authz [serve] [--read-only] [--toolsets roles,users,mappings,planner] [--http [--port N] [--host H]]
  es-authz plan [--offline] [--json] "<request>"
  es-authz apply <plan.json> [--yes]
  es-authz es`;

const VERSION = '0.1.0';

async function connect() {
  for (const name of unknownEsVariables(process.env)) process.stderr.write(`warning: unknown variable ${name} ignored\n`);
  const config = loadEsConfig(process.env);
  const { connectEsClient } = await import('./es/client.js');
  const es = await connectEsClient(config);
  const { loadKibanaConfig, KibanaClient } = await import('./es/kibana.js');
  const kc = loadKibanaConfig(process.env, config.auth);
  return { config, es, kibana: kc ? new KibanaClient(kc) : undefined };
}

async function cmdPlan(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { offline: { type: 'boolean' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const text = positionals.join(' ').trim();
  if (!text) throw new EsAuthzError('USAGE', 'plan needs the request text.', { hint: 'es-authz plan "give joe read-only access to logs-*"' });
  const { parseRequest } = await import('./planner/parser.js');
  const { buildPlan, describePlan } = await import('./planner/plan.js');
  const { loadClusterView, offlineClusterView } = await import('./mcp/cluster-view.js');
  let plan;
  if (values.offline) {
    const parsed = parseRequest(text);
    plan = buildPlan(parsed, offlineClusterView(parsed.request.deployment));
  } else {
    const { config, es } = await connect();
    try {
      const { detectDeployment } = await import('./es/deployment.js');
      const d = await detectDeployment(es, config.url);
      const parsed = parseRequest(text, { deployment: d.kind });
      plan = buildPlan(parsed, await loadClusterView(es, d, parsed.request));
    } finally {
      await es.close();
    }
  }
  const { who, what, level, scope, deployment, action, additive } = plan.request;
  const out = { request: { who, what, level, scope, deployment, action, additive }, steps: plan.steps, questions: plan.questions, warnings: plan.warnings };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const lines = [`Plan (${values.offline ? 'offline: built-in roles only' : 'against the live cluster'}):`, ...describePlan(plan)];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return plan.questions.length ? 4 : 0;
}

async function cmdApply(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { yes: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file) throw new EsAuthzError('USAGE', 'apply needs a plan file (from es-authz plan --json).', { hint: 'es-authz plan --json "..." > plan.json && es-authz apply plan.json' });
  const { readFileSync } = await import('node:fs');
  let saved: { request?: unknown; steps?: unknown; questions?: unknown[] };
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as typeof saved;
  } catch (e) {
    throw new EsAuthzError('INVALID_INPUT', `${file} is not a readable plan JSON file (${(e as Error).message}).`, { hint: 'Create it with es-authz plan --json "..." > plan.json' });
  }
  const { isWriteStep } = await import('./planner/plan.js');
  const steps = Array.isArray(saved.steps) ? (saved.steps as { tool: string; args: Record<string, unknown>; checkpoint: boolean; why: string }[]) : undefined;
  if (!steps || !saved.request) throw new EsAuthzError('INVALID_INPUT', `${file} has no steps/request.`, { hint: 'Create it with es-authz plan --json "..." > plan.json' });
  if (saved.questions?.length) throw new EsAuthzError('INVALID_INPUT', `The plan in ${file} still has ${saved.questions.length} open question(s); nothing was applied.`, { hint: 'Re-plan with a more specific request.' });
  const writes = steps.filter(isWriteStep);
  process.stderr.write(`This plan makes ${writes.length} change(s):\n${writes.map((s) => `  - ${s.tool} ${JSON.stringify(s.args)}`).join('\n')}\n`);
  if (!values.yes) {
    if (!process.stdin.isTTY) throw new EsAuthzError('INVALID_INPUT', 'Refusing to apply without confirmation: stdin is not a terminal.', { hint: 'Review the plan, then re-run with --yes.' });
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = (await rl.question('Apply these changes? [y/N] ')).trim().toLowerCase();
    rl.close();
    if (answer !== 'y' && answer !== 'yes') {
      process.stderr.write('Not applied.\n');
      return 5;
    }
  }
  const { config, es, kibana } = await connect();
  try {
    const { createSession, runTool } = await import('./mcp/session.js');
    const { ALL_TOOLS } = await import('./mcp/tools/index.js');
    const { applyPlan, describeApplyResult } = await import('./planner/apply.js');
    const session = createSession({ es, esUrl: config.url, kibana, logger: createLogger({ level: process.env.ES_AUTHZ_LOG_LEVEL ?? 'warn' }) });
    const plan = { request: saved.request as never, steps, questions: [], warnings: [], verification: '' };
    const result = await applyPlan(plan, (tool, args) => runTool(session, ALL_TOOLS, tool, args));
    const lines = [
      ...describeApplyResult(result),
      ...(result.compensating.length ? ['To undo, apply these steps:', ...result.compensating.map((c) => `  ${c.tool} ${JSON.stringify(c.args)}`)] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await es.close();
  }
}

async function cmdServe(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'read-only': { type: 'boolean' },
      toolsets: { type: 'string' },
      http: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const env = process.env;
  const logger = createLogger({ level: env.ES_AUTHZ_LOG_LEVEL ?? 'info' });
  for (const name of unknownEsVariables(env)) logger.warn({ variable: name }, `unknown variable ${name} ignored`);
  const readOnlyEnv = env.ES_AUTHZ_READ_ONLY?.trim().toLowerCase();
  if (readOnlyEnv && !['true', 'false', '1', '0'].includes(readOnlyEnv)) {
    throw new EsAuthzError('CONFIG_INVALID', `ES_AUTHZ_READ_ONLY="${env.ES_AUTHZ_READ_ONLY}" is not a boolean.`, { hint: 'Set it to true or false.' });
  }
  const readOnly = values['read-only'] === true || readOnlyEnv === 'true' || readOnlyEnv === '1';
  const { TOOLSETS } = await import('./mcp/tool.js');
  let toolsets: (typeof TOOLSETS)[number][] | undefined;
  if (values.toolsets) {
    const asked = values.toolsets.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = asked.filter((t) => !(TOOLSETS as readonly string[]).includes(t));
    if (bad.length) throw new EsAuthzError('USAGE', `unknown toolset(s) ${bad.join(', ')}.`, { hint: `Valid toolsets: ${TOOLSETS.join(', ')}.` });
    toolsets = asked as (typeof TOOLSETS)[number][];
  }
  const config = loadEsConfig(env);
  // the Elasticsearch client library loads on the first tool call, not at start
  let created: EsClient | undefined;
  const es = async () => {
    const { connectEsClient } = await import('./es/client.js');
    created ??= await connectEsClient(config);
    return created;
  };
  const { loadKibanaConfig, KibanaClient } = await import('./es/kibana.js');
  const kibanaConfig = loadKibanaConfig(env, config.auth);
  const kibana = kibanaConfig ? new KibanaClient(kibanaConfig) : undefined;
  const { createServer } = await import('./mcp/server.js');
  const deps = { es, esUrl: config.url, ...(kibana ? { kibana } : {}), logger, readOnly, ...(toolsets ? { toolsets } : {}), version: VERSION };

  let close: () => Promise<void>;
  if (values.http) {
    const token = env.ES_AUTHZ_HTTP_TOKEN?.trim();
    if (!token || token.length < 16) {
      throw new EsAuthzError('CONFIG_MISSING', 'ES_AUTHZ_HTTP_TOKEN must be set (at least 16 characters) to serve over HTTP.', { hint: 'Generate one, e.g. with `openssl rand -hex 32`, and give it to your MCP client as a Bearer token.' });
    }
    const port = values.port === undefined ? 8765 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EsAuthzError('USAGE', `--port ${values.port} is not a port number.`, { hint: 'Use 0-65535 (0 = any free port).' });
    const { serveHttp } = await import('./mcp/transports/http.js');
    const srv = await serveHttp({ host: values.host ?? '127.0.0.1', port, token, logger, newServer: () => createServer(deps).server });
    logger.info({ url: srv.url, readOnly }, 'es-authz MCP server listening (Streamable HTTP)');
    process.stderr.write(`es-authz MCP server at ${srv.url}\n`);
    close = srv.close;
  } else {
    const { server } = createServer(deps);
    const { serveStdio } = await import('./mcp/transports/stdio.js');
    const srv = await serveStdio(server);
    logger.info({ readOnly }, 'es-authz MCP server on stdio');
    close = srv.close;
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (!values.http) process.stdin.once('close', stop);
  });
  await close();
  await created?.close();
  return 0;
}

async function cmdEs(): Promise<number> {
  for (const name of unknownEsVariables(process.env)) process.stderr.write(`warning: unknown variable ${name} ignored\n`);
  const config = loadEsConfig(process.env);
  const { connectEsClient } = await import('./es/client.js');
  const { getClusterInfo, getIdentity } = await import('./es/info.js');
  const client = await connectEsClient(config);
  try {
    const [info, who] = await Promise.all([getClusterInfo(client), getIdentity(client)]);
    process.stdout.write(
      [
        `cluster:  ${info.clusterName} at ${config.url}`,
        `version:  ${info.version} (build flavor ${info.buildFlavor})`,
        `identity: ${who.username} via ${who.realm} (${who.realmType}), ${who.authenticationType}`,
        `roles:    ${who.roles.join(', ') || '(none)'}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await client.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  const [sub, ...rest] = first === undefined || first.startsWith('--') && first !== '--help' ? ['serve', ...argv] : argv;
  switch (sub) {
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'es':
      return cmdEs();
    case 'serve':
      return cmdServe(rest);
    case 'plan':
      return cmdPlan(rest);
    case 'apply':
      return cmdApply(rest);
    default:
      throw new EsAuthzError('USAGE', `unknown command "${sub}"${rest.length ? ` (with ${rest.length} more argument(s))` : ''}.`, { hint: USAGE });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const code = (err as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`es-authz: [USAGE] ${(err as Error).message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (isEsAuthzError(err)) {
      process.stderr.write(`es-authz: ${err.toLine()}\n`);
      process.exitCode = err.code === 'USAGE' ? 2 : err.code === 'NOT_IMPLEMENTED' ? 3 : 1;
    } else {
      process.stderr.write(`es-authz: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
