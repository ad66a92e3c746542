// createServer(deps) builds the MCP server (tools, prompts) apart from any transport.
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from '../log.js';
import type { KibanaClient } from '../es/kibana.js';
import { detectDeployment, type Deployment } from '../es/deployment.js';
import { toEsAuthzError } from '../es/info.js';
import { annotationsFor, type ToolDef, type Toolset } from './tool.js';
import type { ToolContext } from './context.js';
import { KeyedMutex } from './mutex.js';
import { ALL_TOOLS } from './tools/index.js';
import { registerPrompts } from './prompts.js';

export interface ServerDeps {
  es: Client;
  esUrl: string;
  kibana?: KibanaClient;
  logger: Logger;
  readOnly?: boolean;
  /** only these toolsets (default: all) */
  toolsets?: readonly Toolset[];
  version?: string;
}

export function selectTools(opts: { readOnly?: boolean; toolsets?: readonly Toolset[] }): ToolDef[] {
  return ALL_TOOLS.filter((t) => (!opts.readOnly || t.kind === 'read') && (!opts.toolsets || t.toolset === 'core' || opts.toolsets.includes(t.toolset)));
}

export function createServer(deps: ServerDeps): { server: McpServer; tools: ToolDef[]; cleanup: () => Promise<void> } {
  const server = new McpServer({ name: 'es-authz', version: deps.version ?? '0.0.0' }, { capabilities: { logging: {} } });
  const locks = new KeyedMutex();
  let deployment: Promise<Deployment> | undefined;
  const getDeployment = () => {
    deployment ??= detectDeployment(deps.es, deps.esUrl).catch((e: unknown) => {
      deployment = undefined;
      throw e;
    });
    return deployment;
  };

  const tools = selectTools(deps);
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: annotationsFor(tool),
      },
      async (args: unknown, extra): Promise<CallToolResult> => {
        const requestId = randomUUID();
        const log = deps.logger.child({ requestId, tool: tool.name });
        const ctx: ToolContext = {
          requestId,
          es: deps.es.child({ headers: { 'x-opaque-id': requestId } }),
          kibana: deps.kibana,
          logger: log,
          deployment: getDeployment,
          locks,
          signal: extra.signal,
          audit: (event) => log.info({ audit: true, ...event }, `audit ${event.tool} ${event.target} ${event.outcome}`),
          progress: async (progress, total, message) => {
            const token = extra._meta?.progressToken;
            if (token === undefined) return;
            await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } });
          },
        };
        const t0 = Date.now();
        try {
          const out = await tool.handler(args as never, ctx);
          log.debug({ ms: Date.now() - t0 }, 'tool ok');
          return { content: [{ type: 'text', text: out.text }], structuredContent: out.structured as Record<string, unknown> };
        } catch (e) {
          const err = toEsAuthzError(e, tool.name);
          log.warn({ ms: Date.now() - t0, code: err.code, details: err.details }, err.message);
          return { isError: true, content: [{ type: 'text', text: err.toLine() }] };
        }
      },
    );
  }
  registerPrompts(server);
  return {
    server,
    tools,
    cleanup: async () => {
      await server.close();
    },
  };
}
