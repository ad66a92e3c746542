// The tool surface (names, descriptions, schemas, annotations) is what the model sees: any change
// must be reviewed. The committed snapshot is test/tool-surface.json; regenerate it deliberately
// with `UPDATE_TOOL_SURFACE=1 npx vitest run test/unit/tool-surface.test.ts` and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from '@elastic/elasticsearch';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createServer } from '../../src/mcp/server.js';

const SNAPSHOT = new URL('../tool-surface.json', import.meta.url);

async function listTools(opts: { readOnly?: boolean; toolsets?: ('roles' | 'users' | 'mappings')[] } = {}) {
  const es = new Client({ node: 'http://127.0.0.1:1' }); // never called: listing tools does no I/O
  const { server, cleanup } = createServer({ es, esUrl: 'http://127.0.0.1:1', logger: pino({ level: 'silent' }), ...opts });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(b);
  const client = new McpClient({ name: 'surface', version: '1' });
  await client.connect(a);
  const { tools } = await client.listTools();
  await client.close();
  await cleanup();
  await es.close();
  return tools;
}

describe('tool surface', () => {
  it('matches the committed snapshot', async () => {
    const tools = await listTools();
    const surface = JSON.stringify(tools, null, 2) + '\n';
    if (process.env.UPDATE_TOOL_SURFACE) writeFileSync(SNAPSHOT, surface);
    expect(surface).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });

  it('sets all four annotations on every tool, derived from its kind', async () => {
    for (const t of await listTools()) {
      const a = t.annotations ?? {};
      expect([t.name, typeof a.readOnlyHint, typeof a.destructiveHint, typeof a.idempotentHint, typeof a.openWorldHint]).toEqual([t.name, 'boolean', 'boolean', 'boolean', 'boolean']);
      if (a.destructiveHint) expect(a.readOnlyHint).toBe(false);
      expect(t.outputSchema, t.name).toBeDefined();
      expect(t.description!.length, t.name).toBeLessThan(400);
    }
  });

  it('read-only mode registers no write tools', async () => {
    const all = await listTools();
    const ro = await listTools({ readOnly: true });
    expect(ro.length).toBeGreaterThan(0);
    expect(ro.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(ro.map((t) => t.name).sort()).toEqual(all.filter((t) => t.annotations?.readOnlyHint).map((t) => t.name).sort());
    expect(ro.map((t) => t.name)).not.toContain('create_role');
  });

  it('toolsets select tools (core tools always present)', async () => {
    const names = (await listTools({ toolsets: ['users'] })).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['whoami', 'has_privileges', 'get_user', 'update_user_roles']));
    expect(names).not.toContain('create_role');
    expect(names).not.toContain('list_role_mappings');
  });
});
