// MCP over Streamable HTTP. Bound to 127.0.0.1 by default; every request needs
// `Authorization: Bearer <ES_AUTHZ_HTTP_TOKEN>`; Host and Origin are checked against the bound
// address (DNS-rebinding protection). One MCP session = one server instance.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from '../../log.js';

export interface HttpOptions {
  host: string;
  port: number;
  token: string;
  /** extra Host header values to accept (e.g. a reverse proxy's name) */
  allowedHosts?: string[];
  allowedOrigins?: string[];
  logger: Logger;
  newServer: () => McpServer;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m?.[1]) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reject(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

async function readJson(req: http.IncomingMessage, limit = 4 * 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function serveHttp(opts: HttpOptions): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>();
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const httpServer = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://placeholder');
      if (url.pathname !== '/mcp') return reject(res, 404, 'Not found: the MCP endpoint is /mcp.');
      const host = req.headers.host ?? '';
      if (!allowedHosts.has(host.toLowerCase())) return reject(res, 403, `Forbidden: Host "${host}" is not allowed.`);
      const origin = req.headers.origin;
      if (origin && !allowedOrigins.has(origin.toLowerCase())) return reject(res, 403, `Forbidden: Origin "${origin}" is not allowed.`);
      if (!tokenMatches(req.headers.authorization, opts.token)) {
        res.setHeader('www-authenticate', 'Bearer');
        return reject(res, 401, 'Unauthorized: send Authorization: Bearer <ES_AUTHZ_HTTP_TOKEN>.');
      }
      const sid = req.headers['mcp-session-id'];
      const sessionId = Array.isArray(sid) ? sid[0] : sid;
      if (req.method === 'POST') {
        const body = await readJson(req);
        let entry = sessionId ? sessions.get(sessionId) : undefined;
        if (!entry) {
          if (sessionId || !isInitializeRequest(body)) return reject(res, 400, 'Bad request: no valid session; start with an initialize request.');
          const server = opts.newServer();
          const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
            sessionIdGenerator: () => randomUUID(),
            onsessioninitialized: (id) => {
              sessions.set(id, { transport, server });
            },
          });
          transport.onclose = () => {
            if (transport.sessionId) sessions.delete(transport.sessionId);
            void server.close();
          };
          await server.connect(transport);
          entry = { transport, server };
        }
        await entry.transport.handleRequest(req, res, body);
        return;
      }
      if (req.method === 'GET' || req.method === 'DELETE') {
        const entry = sessionId ? sessions.get(sessionId) : undefined;
        if (!entry) return reject(res, 400, 'Bad request: unknown or missing Mcp-Session-Id.');
        await entry.transport.handleRequest(req, res);
        return;
      }
      return reject(res, 405, 'Method not allowed.');
    } catch (e) {
      opts.logger.error({ err: (e as Error).message }, 'http transport error');
      if (!res.headersSent) reject(res, 500, 'Internal error.');
    }
  });

  await new Promise<void>((resolve, reject_) => {
    httpServer.once('error', reject_);
    httpServer.listen(opts.port, opts.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const names = [opts.host, ...(opts.host === '127.0.0.1' || opts.host === 'localhost' ? ['127.0.0.1', 'localhost'] : [])];
  allowedHosts = new Set([...names.map((h) => `${h}:${port}`), ...(opts.allowedHosts ?? [])].map((h) => h.toLowerCase()));
  allowedOrigins = new Set([...names.map((h) => `http://${h}:${port}`), ...(opts.allowedOrigins ?? [])].map((o) => o.toLowerCase()));
  const url = `http://${opts.host}:${port}/mcp`;
  return {
    url,
    port,
    close: async () => {
      for (const { transport, server } of sessions.values()) {
        await transport.close().catch(() => undefined);
        await server.close().catch(() => undefined);
      }
      sessions.clear();
      await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}
