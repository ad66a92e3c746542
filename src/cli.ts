#!/usr/bin/env node
// es-authz command line. The only file that touches `process`.
//   es-authz [serve]          MCP server over stdio (default)
//   es-authz plan "<text>"    plan an access request
//   es-authz es               check the Elasticsearch connection: version, flavor, identity
import { parseArgs } from 'node:util';
import { loadEsConfig, unknownEsVariables } from './es/config.js';
import { createEsClient } from './es/client.js';
import { getClusterInfo, getIdentity } from './es/info.js';
import { EsAuthzError, isEsAuthzError } from './errors.js';
import { createLogger } from './log.js';

const USAGE = `usage:
  es-authz [serve] [--read-only] [--toolsets roles,users,mappings] [--http [--port N] [--host H]]
  es-authz plan "<request>"
  es-authz es`;

const VERSION = '0.1.0';

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
  const es = createEsClient(config);
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
  await es.close();
  return 0;
}

async function cmdEs(): Promise<number> {
  for (const name of unknownEsVariables(process.env)) process.stderr.write(`warning: unknown variable ${name} ignored\n`);
  const config = loadEsConfig(process.env);
  const client = createEsClient(config);
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
      throw new EsAuthzError('NOT_IMPLEMENTED', `"es-authz ${sub}" is not implemented yet.`, { hint: 'Use "es-authz es" to check a connection.' });
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
