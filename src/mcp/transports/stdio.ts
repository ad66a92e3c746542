// MCP over stdio: stdout carries only protocol messages (logs go to stderr).
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export async function serveStdio(server: McpServer): Promise<{ close: () => Promise<void> }> {
  const transport = new StdioServerTransport();
  await server.connect(transport);
  return { close: () => server.close() };
}
