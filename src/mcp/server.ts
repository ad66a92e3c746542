// createServer(deps) builds the MCP server (tools, prompts) apart from any transport.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from '../log.js';
import type { KibanaClient } from '../es/kibana.js';
import { toEsAuthzError } from '../es/info.js';
import { annotationsFor, type ToolDef, type Toolset } from './tool.js';
import { contextFor, createSession } from './session.js';
import { ALL_TOOLS } from './tools/index.js';
import { registerPrompts } from './prompts.js';

export interface ServerDeps {
  /** the client, or a factory called on first tool use (faster start) */
  es: Client | (() => Promise<Client>);
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
  const session = createSession(deps);
  const confirm = async (message: string): Promise<'accept' | 'decline' | 'cancel' | 'unsupported'> => {
    if (!server.server.getClientCapabilities()?.elicitation) return 'unsupported';
    const r = await server.server.elicitInput({
      message,
      requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean', title: 'Apply these changes', description: 'true to apply, false to cancel' } }, required: ['confirm'] },
    });
    if (r.action !== 'accept') return r.action;
    return r.content?.confirm === true ? 'accept' : 'decline';
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
        const ctx = await contextFor(session, tool.name, {
          signal: extra.signal,
          confirm,
          progress: async (progress, total, message) => {
            const token = extra._meta?.progressToken;
            if (token === undefined) return;
            await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, ...(total === undefined ? {} : { total }), ...(message ? { message } : {}) } });
          },
        });
        const t0 = Date.now();
        try {
          const out = await tool.handler(args as never, ctx);
          ctx.logger.debug({ ms: Date.now() - t0 }, 'tool ok');
          return { content: [{ type: 'text', text: out.text }], structuredContent: out.structured as Record<string, unknown> };
        } catch (e) {
          const err = toEsAuthzError(e, tool.name);
          ctx.logger.warn({ ms: Date.now() - t0, code: err.code, details: err.details }, err.message);
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
