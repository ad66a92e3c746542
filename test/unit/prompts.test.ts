// The MCP prompts (prompts/*.md) through a real MCP client, and SKILL.md against the tool surface:
// a prompt or the skill that names a tool the server does not have misleads every model using it.
import { readFileSync } from 'node:fs';
import { Client } from '@elastic/elasticsearch';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/mcp/server.js';
import { loadPrompts, parsePromptFile, renderPrompt } from '../../src/mcp/prompts.js';

const SURFACE = JSON.parse(readFileSync(new URL('../tool-surface.json', import.meta.url), 'utf8')) as { name: string; inputSchema: unknown; outputSchema?: unknown }[];
const TOOL_NAMES = new Set(SURFACE.map((t) => t.name));

/** Property names, enum values and consts anywhere in the surface's schemas (argument and field vocabulary). */
function schemaVocabulary(): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) out.add(k);
    if (Array.isArray(o.enum)) for (const e of o.enum) if (typeof e === 'string') out.add(e);
    if (typeof o.const === 'string') out.add(o.const);
    Object.values(o).forEach(walk);
  };
  for (const t of SURFACE) walk([t.inputSchema, t.outputSchema]);
  return out;
}

/** Elasticsearch/Kibana words in snake_case that are neither tools nor schema fields. */
const ES_VOCABULARY = new Set(['view_index_metadata', 'manage_security', 'manage_own_api_key', 'kibana_admin', 'discover_v2', 'dashboard_v2', 'feature_discover_v2']);
/** Plan steps that are not tools: the planner emits them, apply_plan reports them as manual steps. */
const PLAN_ONLY_STEPS = new Set(['assign_cloud_role']);

/** snake_case words in backticks, e.g. `has_privileges` or `set_user_enabled(enabled=false)`; called = followed by "(". */
function backtickedSnakeCase(md: string): { word: string; called: boolean }[] {
  return [...md.matchAll(/`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(\(|`)/g)].map((m) => ({ word: m[1] as string, called: m[2] === '(' }));
}

function unknownWords(md: string, allowPlanOnly: boolean): string[] {
  const vocab = schemaVocabulary();
  return backtickedSnakeCase(md)
    .filter(({ word, called }) => !TOOL_NAMES.has(word) && (called || !(vocab.has(word) || ES_VOCABULARY.has(word) || (allowPlanOnly && PLAN_ONLY_STEPS.has(word)))))
    .map(({ word }) => word);
}

describe('MCP prompts', () => {
  let client: McpClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const es = new Client({ node: 'http://127.0.0.1:1' }); // never called: prompts do no I/O
    const { server, cleanup } = createServer({ es, esUrl: 'http://127.0.0.1:1', logger: pino({ level: 'silent' }) });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(b);
    client = new McpClient({ name: 'prompts-test', version: '1' });
    await client.connect(a);
    close = async () => {
      await client.close();
      await cleanup();
      await es.close();
    };
  });
  afterAll(async () => close());

  const text = async (name: string, args: Record<string, string>) => {
    const r = await client.getPrompt({ name, arguments: args });
    expect(r.messages).toHaveLength(1);
    const m = r.messages[0];
    expect(m?.role).toBe('user');
    if (m?.content.type !== 'text') throw new Error('expected a text message');
    return m.content.text;
  };

  it('lists the three prompts with titles, descriptions and arguments', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['grant-access', 'map-idp-group', 'review-user-access']);
    for (const p of prompts) {
      expect(p.title, p.name).toBeTruthy();
      expect(p.description, p.name).toBeTruthy();
      for (const a of p.arguments ?? []) expect(a.description, `${p.name}.${a.name}`).toBeTruthy();
    }
    const args = (name: string) => prompts.find((p) => p.name === name)?.arguments?.map((a) => [a.name, a.required === true]);
    expect(args('grant-access')).toEqual([
      ['request', true],
      ['grantee', false],
    ]);
    expect(args('review-user-access')).toEqual([
      ['username', true],
      ['indices', false],
    ]);
    expect(args('map-idp-group')).toEqual([
      ['group', true],
      ['access', true],
      ['realm', false],
      ['realm_type', false],
    ]);
  });

  it('grant-access: plan → ask → apply → verify, with the request filled in', async () => {
    const t = await text('grant-access', { request: 'create a user mia who can only read audit-*' });
    expect(t).toContain('create a user mia who can only read audit-*');
    expect(t).not.toContain('The grantee is');
    const order = ['`whoami`', '`plan_access_request`', 'Apply these changes?', '`apply_plan`', '`confirmation_token`', '`verification`'].map((s) => t.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(t).not.toMatch(/\{\{/);

    const withGrantee = await text('grant-access', { request: 'read access to logs-*', grantee: 'SAML group sre in realm saml1' });
    expect(withGrantee).toContain('The grantee is: SAML group sre in realm saml1');
    expect(withGrantee).toContain('read access to logs-*');
  });

  it('review-user-access: read-only, checks as the user', async () => {
    const t = await text('review-user-access', { username: 'mia' });
    for (const tool of ['whoami', 'get_user', 'get_role', 'has_privileges', 'list_role_mappings']) expect(t).toContain(`\`${tool}\``);
    expect(t).toContain('"mia"');
    expect(t).toContain('the index patterns found in step 3');
    expect(t).toMatch(/read-only/);
    expect(t).not.toMatch(/\{\{/);

    const scoped = await text('review-user-access', { username: 'joe', indices: 'logs-*, audit-*' });
    expect(scoped).toContain('`index` entries for logs-*, audit-*');
    expect(scoped).not.toContain('found in step 3');
  });

  it('map-idp-group: role mapping through the planner, verified with mapped_user', async () => {
    const t = await text('map-idp-group', { group: 'sre', access: 'use Discover on logs-*', realm: 'saml1', realm_type: 'saml' });
    for (const s of ['sre', 'use Discover on logs-*', 'realm "saml1"', '(saml)', '`whoami`', '`list_role_mappings`', '`plan_access_request`', '`apply_plan`', '`mapped_user`', '"type": "saml", "name": "saml1"}, "groups": ["sre"]']) expect(t).toContain(s);
    expect(t.indexOf('`plan_access_request`')).toBeLessThan(t.indexOf('`apply_plan`'));
    expect(t).not.toContain('No realm name was given');
    expect(t).not.toMatch(/\{\{/);

    const noRealm = await text('map-idp-group', { group: 'cn=sre,ou=groups,dc=example,dc=com', access: 'read metrics-*' });
    expect(noRealm).toContain('No realm name was given');
    expect(noRealm).toContain('"name": <the realm name>}');
    expect(noRealm).toContain('cn=sre,ou=groups,dc=example,dc=com');
    expect(noRealm).not.toMatch(/\{\{/);
  });

  it('a required argument cannot be left out', async () => {
    await expect(client.getPrompt({ name: 'map-idp-group', arguments: { group: 'sre' } })).rejects.toThrow();
  });

  it('every snake_case word in backticks in a prompt is a tool or a schema field', () => {
    for (const p of loadPrompts()) expect(unknownWords(p.body, false), p.name).toEqual([]);
  });
});

describe('prompt templates', () => {
  const def = parsePromptFile(
    ['---', 'name: x', 'title: "X"', 'description: d: with colon', 'arguments:', '  - name: a', '    description: A', '    required: true', '  - name: b', '    description: B', '---', 'A={{a}}', '{{#b}}', 'B={{b}}', '{{/b}}', '{{^b}}no b{{/b}} {{_user.username}} {{c}}', ''].join('\n'),
  );

  it('parses the front matter subset', () => {
    expect(def).toMatchObject({ name: 'x', title: 'X', description: 'd: with colon', arguments: [{ name: 'a', description: 'A', required: true }, { name: 'b', description: 'B', required: false }] });
  });

  it('fills placeholders and sections, leaves other Mustache alone, never expands values', () => {
    expect(renderPrompt(def, { a: '1', b: '2' })).toBe('A=1\nB=2\n {{_user.username}} {{c}}\n');
    expect(renderPrompt(def, { a: '{{b}}' })).toBe('A={{b}}\nno b {{_user.username}} {{c}}\n');
    expect(renderPrompt(def, { a: '1', b: '  ' })).toBe('A=1\nno b {{_user.username}} {{c}}\n');
  });

  it('rejects malformed front matter', () => {
    expect(() => parsePromptFile('no front matter')).toThrow(/front matter/);
    expect(() => parsePromptFile('---\nname: x\ntitle: X\n---\n')).toThrow(/description/);
    expect(() => parsePromptFile('---\nname: x\ntitle: X\ndescription: D\narguments:\n  - name: Bad-Name\n    description: d\n---\n')).toThrow(/argument name/);
    expect(() => parsePromptFile('---\nname: x\ntitle: X\ndescription: D\narguments:\n  - name: a\n    description: d\n    required: yes\n---\n')).toThrow(/required/);
  });
});

describe('SKILL.md', () => {
  const skill = readFileSync(new URL('../../SKILL.md', import.meta.url), 'utf8');

  it('has front matter with name es-authz and a one-sentence description', () => {
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(skill)?.[1];
    expect(fm).toBeDefined();
    const fields = Object.fromEntries((fm as string).split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
    expect(fields.name).toBe('es-authz');
    expect(fields.description?.length).toBeGreaterThan(40);
    expect(fields.description?.length).toBeLessThan(400);
  });

  it('teaches the plan → confirm → apply → verify flow', () => {
    for (const tool of ['whoami', 'plan_access_request', 'apply_plan', 'has_privileges', 'update_user_roles', 'set_user_enabled', 'create_role_mapping']) expect(skill).toContain(`\`${tool}\``);
  });

  it('names only tools that exist in test/tool-surface.json', () => {
    const mentioned = [...new Set(backtickedSnakeCase(skill).map((m) => m.word))].filter((w) => TOOL_NAMES.has(w));
    expect(mentioned.length).toBeGreaterThan(10);
    expect(unknownWords(skill, true)).toEqual([]);
  });
});
