// An MCP client connected in-memory to es-authz's server, which talks to the real test cluster.
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import pino from 'pino';
import { createServer, type ServerDeps } from '../../src/mcp/server.js';
import { adminClient, esContext } from './es.js';
import type { Client as EsClient } from '@elastic/elasticsearch';

export interface McpHarness {
  client: McpClient;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult & { structuredContent?: Record<string, unknown> }>;
  close(): Promise<void>;
  logs: string[];
}

export async function connectMcp(
  opts: Partial<Omit<ServerDeps, 'logger' | 'es' | 'esUrl'>> & { es?: EsClient; elicit?: (message: string) => { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> } } = {},
): Promise<McpHarness> {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void logs.push(s) });
  const es = opts.es ?? adminClient();
  const { elicit: _elicit, ...deps } = opts;
  const { server, cleanup } = createServer({ ...deps, es, esUrl: esContext().url, logger });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new McpClient({ name: 'es-authz-test', version: '1.0.0' }, opts.elicit ? { capabilities: { elicitation: {} } } : undefined);
  if (opts.elicit) {
    const elicit = opts.elicit;
    client.setRequestHandler(ElicitRequestSchema, async (req) => elicit(req.params.message));
  }
  await client.connect(clientSide);
  return {
    client,
    logs,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent?: Record<string, unknown> },
    close: async () => {
      await client.close();
      await cleanup();
      if (!opts.es) await es.close();
    },
  };
}

export function text(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/**
 * An MCP harness whose Kibana is the STAND-IN from tools/kibana-standin, configured like real
 * Kibana (unknown features accepted, so es-authz must refuse them itself).
 */
export async function connectMcpWithKibanaStandIn(): Promise<McpHarness & { kibanaUrl: string }> {
  const { startKibanaStandIn } = await import('../../tools/kibana-standin/index.js');
  const { KibanaClient } = await import('../../src/es/kibana.js');
  const es = esContext();
  const auth = es.apiKey ? { apiKey: es.apiKey } : { username: es.username ?? '', password: es.password ?? '' };
  const kibana = await startKibanaStandIn({ esUrl: es.url, esAuth: auth, unknownFeatures: 'accept' });
  const authorization = es.apiKey ? `ApiKey ${es.apiKey}` : `Basic ${Buffer.from(`${es.username}:${es.password}`).toString('base64')}`;
  const mcp = await connectMcp({ kibana: new KibanaClient({ url: kibana.url, authorization, space: undefined }) });
  return {
    ...mcp,
    kibanaUrl: kibana.url,
    close: async () => {
      await mcp.close();
      await kibana.close();
    },
  };
}
