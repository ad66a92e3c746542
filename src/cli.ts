#!/usr/bin/env node
// es-authz command line. The only file that touches `process`.
//   es-authz [serve]          MCP server over stdio (default)
//   es-authz plan "<text>"    plan an access request
//   es-authz es               check the Elasticsearch connection: version, flavor, identity
import { loadEsConfig, unknownEsVariables } from './es/config.js';
import { createEsClient } from './es/client.js';
import { getClusterInfo, getIdentity } from './es/info.js';
import { EsAuthzError, isEsAuthzError } from './errors.js';

const USAGE = `usage: es-authz [serve] | plan "<request>" | es | --help`;

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
  const [sub = 'serve', ...rest] = argv;
  switch (sub) {
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'es':
      return cmdEs();
    case 'serve':
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
    if (isEsAuthzError(err)) {
      process.stderr.write(`es-authz: ${err.toLine()}\n`);
      process.exitCode = err.code === 'USAGE' ? 2 : err.code === 'NOT_IMPLEMENTED' ? 3 : 1;
    } else {
      process.stderr.write(`es-authz: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
