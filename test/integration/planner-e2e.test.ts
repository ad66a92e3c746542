// Issue 5's proof: English request → plan → apply (with the confirmation token) → verify as the
// grantee, on the real cluster, asserting the final cluster state. Kibana requests go through the
// Kibana STAND-IN (tools/kibana-standin). A failure injected mid-plan must leave a truthful report
// and a rollback that works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, clientAs, testPassword, uniqueName } from '../helpers/es.js';
import { connectMcp, connectMcpWithKibanaStandIn, text, type McpHarness } from '../helpers/mcp.js';

const admin = adminClient();
let mcp: McpHarness;

beforeAll(async () => {
  mcp = await connectMcpWithKibanaStandIn();
});
afterAll(async () => {
  await mcp.close();
  await admin.close();
});

interface PlanOut {
  steps: { tool: string; args: Record<string, unknown>; checkpoint: boolean }[];
  questions: unknown[];
  warnings: string[];
  confirmation_token?: string;
}
interface ApplyOut {
  applied: boolean;
  ok: boolean;
  results: { step: number; tool: string; status: string; summary: string }[];
  verification: { ran: boolean; method?: string; differences: string[] };
  credentials: { username: string; password: string }[];
  rollback: { steps: { tool: string; args: Record<string, unknown> }[]; confirmation_token?: string };
}

async function plan(textOrArgs: string | Record<string, unknown>): Promise<PlanOut> {
  const r = await mcp.call('plan_access_request', typeof textOrArgs === 'string' ? { text: textOrArgs } : textOrArgs);
  expect(r.isError, text(r)).toBeFalsy();
  return r.structuredContent as unknown as PlanOut;
}
async function apply(p: PlanOut): Promise<ApplyOut> {
  expect(p.questions, JSON.stringify(p.questions)).toEqual([]);
  expect(p.confirmation_token).toBeDefined();
  const r = await mcp.call('apply_plan', { confirmation_token: p.confirmation_token });
  expect(r.isError, text(r)).toBeFalsy();
  return r.structuredContent as unknown as ApplyOut;
}
async function userRoles(username: string): Promise<string[]> {
  return (await admin.security.getUser({ username }))[username]?.roles ?? [];
}
const createdRole = (p: PlanOut) => p.steps.find((s) => s.tool === 'create_role')?.args.name as string | undefined;

describe('plan → apply → verify on the real cluster', () => {
  it('1. new user with read on an index pattern; the password works; verified as the user', async () => {
    const u = uniqueName('mia').replace(/-/g, '_');
    const idx = uniqueName('audit');
    const p = await plan(`Create a user ${u} who can only read ${idx}-*`);
    expect(p.steps.map((s) => s.tool)).toEqual(['create_role', 'create_user', 'has_privileges']);
    expect(p.steps.every((s) => s.checkpoint === (s.tool !== 'has_privileges'))).toBe(true);
    expect(JSON.stringify(p)).not.toMatch(/password"\s*:/);
    const a = await apply(p);
    expect(a.ok, JSON.stringify(a)).toBe(true);
    expect(a.verification).toMatchObject({ ran: true, method: 'run_as', differences: [] });
    const pw = a.credentials.find((c) => c.username === u)?.password as string;
    const c = clientAs(u, pw);
    const hp = await c.security.hasPrivileges({ index: [{ names: [`${idx}-1`], privileges: ['read', 'write'] }] });
    expect(hp.index[`${idx}-1`]).toEqual({ read: true, write: false });
    await c.close();
    expect(await userRoles(u)).toEqual([createdRole(p)]);
  });

  it('2. existing user: fetch first, then add, keeping existing roles; re-applying is safe', async () => {
    const u = uniqueName('joe').replace(/-/g, '_');
    await admin.security.putUser({ username: u, password: testPassword(), roles: ['viewer'] });
    const idx = uniqueName('logs');
    const p = await plan(`Give ${u} read-only access to ${idx}-*`);
    expect(p.steps.map((s) => s.tool)).toEqual(['create_role', 'get_user', 'update_user_roles', 'has_privileges']);
    const a = await apply(p);
    expect(a.ok, JSON.stringify(a)).toBe(true);
    expect((await userRoles(u)).sort()).toEqual(['viewer', createdRole(p)].sort());
    const again = await apply(await plan(`Give ${u} read-only access to ${idx}-*`));
    expect(again.ok).toBe(true);
    const writes = ['create_role', 'create_user', 'update_user_roles', 'create_role_mapping', 'set_user_enabled'];
    expect(again.results.filter((r) => r.status === 'done' && writes.includes(r.tool))).toEqual([]);
    expect((await userRoles(u)).sort()).toEqual(['viewer', createdRole(p)].sort());
  });

  it('3. reuses an existing role that covers exactly, and a built-in role by name', async () => {
    const u = uniqueName('amy').replace(/-/g, '_');
    await admin.security.putUser({ username: u, password: testPassword(), roles: [] });
    const idx = uniqueName('sales');
    const existing = uniqueName('sales-reader');
    await admin.security.putRole({ name: existing, indices: [{ names: [`${idx}-*`], privileges: ['read', 'view_index_metadata'] }] });
    const p = await plan(`Give ${u} read-only access to ${idx}-*`);
    expect(p.steps.map((s) => s.tool)).not.toContain('create_role');
    expect(p.steps[0]).toMatchObject({ tool: 'get_role', args: { name: existing } });
    expect((await apply(p)).ok).toBe(true);
    expect(await userRoles(u)).toEqual([existing]);
    const v = await plan(`Give ${u} the viewer role`);
    expect(v.steps.map((s) => s.tool)).not.toContain('create_role');
    expect((await apply(v)).ok).toBe(true);
    expect((await userRoles(u)).sort()).toEqual([existing, 'viewer'].sort());
  });

  it('4. DLS + FLS (the HR example): the user sees only HR documents and never ssn/salary', async () => {
    const u = uniqueName('hr_analyst').replace(/-/g, '_');
    const idx = uniqueName('hr-employees');
    await admin.index({ index: idx, id: '1', document: { department: 'HR', name: 'a', ssn: '1', salary: 1 }, refresh: true });
    await admin.index({ index: idx, id: '2', document: { department: 'Sales', name: 'b', ssn: '2', salary: 2 }, refresh: true });
    const p = await plan(`Create a user ${u} who can only read ${idx} documents where department is HR and must never see the ssn and salary fields`);
    const role = p.steps.find((s) => s.tool === 'create_role')?.args as { indices: { query: unknown; field_security: unknown }[] };
    expect(role.indices[0]?.field_security).toEqual({ grant: ['*'], except: ['ssn', 'salary'] });
    const a = await apply(p);
    expect(a.ok, JSON.stringify(a)).toBe(true);
    const c = clientAs(u, a.credentials[0]?.password as string);
    const r = await c.search<Record<string, unknown>>({ index: idx });
    await c.close();
    expect(r.hits.hits.map((h) => h._id)).toEqual(['1']);
    expect(Object.keys(r.hits.hits[0]?._source ?? {}).sort()).toEqual(['department', 'name']);
  });

  it('5. SAML group → role mapping (not a user), verified by evaluating the mappings offline', async () => {
    const idx = uniqueName('metrics');
    const group = uniqueName('sre');
    const p = await plan(`Let the SAML group ${group} in realm saml1 read ${idx}-*`);
    expect(p.steps.map((s) => s.tool)).toEqual(['create_role', 'create_role_mapping', 'has_privileges']);
    expect(p.steps[2]?.args.mapped_user).toMatchObject({ realm: 'saml1', groups: [group] });
    const a = await apply(p);
    expect(a.ok, JSON.stringify(a)).toBe(true);
    expect(a.verification.method).toBe('mapping_evaluator');
    const name = p.steps[1]?.args.name as string;
    expect((await admin.security.getRoleMapping({ name }))[name]?.roles).toEqual([createdRole(p)]);
    expect(await userRoles('elastic')).toContain('superuser'); // the caller was not changed
  });

  it('6. LDAP group DN → role mapping on the DN', async () => {
    const idx = uniqueName('finance');
    const dn = `cn=${uniqueName('analysts')},ou=groups,dc=corp,dc=com`;
    const p = await plan(`Everyone in LDAP group ${dn} gets read on ${idx}-*`);
    const a = await apply(p);
    expect(a.ok, JSON.stringify(a)).toBe(true);
    const m = p.steps.find((s) => s.tool === 'create_role_mapping')?.args as { name: string; rules: unknown };
    expect(JSON.stringify(m.rules)).toContain(dn);
  });

  it('7. Kibana (stand-in): Discover on an index pattern in a space, written through Kibana', async () => {
    const u = uniqueName('analyst').replace(/-/g, '_');
    const idx = uniqueName('weblogs');
    const p = await plan(`Create a user ${u} who can read ${idx}-* and use Discover in the marketing space`);
    const a = await apply(p);
    expect(a.ok, JSON.stringify(a)).toBe(true);
    const role = createdRole(p) as string;
    const stored = (await admin.security.getRole({ name: role }))[role];
    expect(stored?.applications[0]).toMatchObject({ application: 'kibana-.kibana', resources: ['space:marketing'] });
    expect(stored?.applications[0]?.privileges).toContain('feature_discover_v2.read');
  });

  it('8. disable, then revoke, then delete (disabling first)', async () => {
    const u = uniqueName('leaver').replace(/-/g, '_');
    const idx = uniqueName('crm');
    const r1 = await apply(await plan(`Create a user ${u} who can read ${idx}-*`));
    expect(r1.ok).toBe(true);
    const revoke = await plan(`Take away ${u}'s access to ${idx}-*`);
    expect(revoke.steps.map((s) => s.tool)).toEqual(['get_user', 'update_user_roles', 'has_privileges']);
    const rv = await apply(revoke);
    expect(rv.ok, JSON.stringify(rv)).toBe(true);
    expect(await userRoles(u)).toEqual([]);
    const d = await apply(await plan(`Disable ${u}`));
    expect(d.ok).toBe(true);
    expect((await admin.security.getUser({ username: u }))[u]?.enabled).toBe(false);
    const del = await plan(`Delete the user ${u}`);
    expect(del.steps.map((s) => s.tool)).toEqual(['get_user', 'set_user_enabled', 'delete_user']);
    expect(del.warnings.join(' ')).toMatch(/permanent/i);
  });

  it('9. ambiguous requests yield questions and no write steps (fail closed)', async () => {
    for (const t of ['give access to logs-*', 'let the finance team see the sales data', '']) {
      const r = await mcp.call('plan_access_request', { text: t || ' ' });
      const p = r.structuredContent as unknown as PlanOut | undefined;
      if (!p) continue;
      expect(p.questions.length, t).toBeGreaterThan(0);
      expect(p.confirmation_token).toBeUndefined();
      expect(p.steps.filter((s) => s.checkpoint)).toEqual([]);
    }
    const bad = await mcp.call('apply_plan', { confirmation_token: 'esauthz-not-a-token' });
    expect(text(bad)).toMatch(/Nothing was applied/);
  });

  it('10. a token is bound to its plan and single-use', async () => {
    const u = uniqueName('tok').replace(/-/g, '_');
    const p = await plan(`Create a user ${u} who can read ${uniqueName('t')}-*`);
    const tampered = p.steps.map((s) => (s.tool === 'create_user' ? { ...s, args: { ...s.args, roles: ['superuser'] } } : s));
    const r = await mcp.call('apply_plan', { confirmation_token: p.confirmation_token, steps: tampered });
    expect(text(r)).toMatch(/does not match/);
    expect(await admin.security.getUser({ username: u }).catch(() => 'missing')).toBe('missing');
  });

  it('10a. apply_plan sends progress notifications, one per step', async () => {
    const u = uniqueName('prog').replace(/-/g, '_');
    const p = await plan(`Create a user ${u} who can read ${uniqueName('pr')}-*`);
    const seen: { progress: number; total?: number; message?: string }[] = [];
    const r = await mcp.client.callTool({ name: 'apply_plan', arguments: { confirmation_token: p.confirmation_token } }, undefined, { onprogress: (n) => void seen.push(n) });
    expect(r.isError).toBeFalsy();
    expect(seen.map((n) => n.progress)).toEqual([0, 1, 2, 3]);
    expect(seen[0]).toMatchObject({ total: 3, message: 'step 1/3: create_role' });
    expect(seen.at(-1)?.message).toBe('done');
  });

  it('10b. when the client supports elicitation, the human is asked; declining writes nothing', async () => {
    const asked: string[] = [];
    const declining = await connectMcp({ elicit: (m) => (asked.push(m), { action: 'accept', content: { confirm: false } }) });
    try {
      const u = uniqueName('elic').replace(/-/g, '_');
      const r = await declining.call('plan_access_request', { text: `Create a user ${u} who can read ${uniqueName('el')}-*` });
      const p = r.structuredContent as unknown as PlanOut;
      const a = await declining.call('apply_plan', { confirmation_token: p.confirmation_token });
      expect(a.structuredContent).toMatchObject({ applied: false });
      expect(asked[0]).toMatch(/create_user/);
      expect(await admin.security.getUser({ username: u }).catch(() => 'missing')).toBe('missing');
      // the token was consumed: the plan cannot be applied behind the human's back
      expect(text(await declining.call('apply_plan', { confirmation_token: p.confirmation_token }))).toMatch(/Nothing was applied/);
    } finally {
      await declining.close();
    }
  });

  it('11. structured fields (ABAC from user metadata) instead of text', async () => {
    const u = uniqueName('abac').replace(/-/g, '_');
    const idx = uniqueName('dept');
    const p = await plan({
      request: {
        who: { kind: 'new_user', username: u, metadata: { department: 'sales' } },
        what: { indices: [`${idx}-*`] },
        level: 'read',
        scope: { documents: { kind: 'user_attribute', field: 'department', attribute: 'department' } },
      },
    });
    const a = await apply(p);
    expect(a.ok, JSON.stringify(a)).toBe(true);
    const role = createdRole(p) as string;
    expect(JSON.stringify((await admin.security.getRole({ name: role }))[role]?.indices[0]?.query)).toContain('_user.metadata.department');
  });

  it('12. a failure mid-plan stops the run, reports truthfully, and the offered rollback works', async () => {
    const u = uniqueName('gone').replace(/-/g, '_');
    await admin.security.putUser({ username: u, password: testPassword(), roles: [] });
    const idx = uniqueName('ops');
    const p = await plan(`Give ${u} read-only access to ${idx}-*`);
    expect(p.steps.map((s) => s.tool)).toEqual(['create_role', 'get_user', 'update_user_roles', 'has_privileges']);
    await admin.security.deleteUser({ username: u }); // injected failure: the user vanishes after planning
    const r = await mcp.call('apply_plan', { confirmation_token: p.confirmation_token });
    const a = r.structuredContent as unknown as ApplyOut;
    expect(a.ok).toBe(false);
    expect(a.results.map((x) => x.status)).toEqual(['done', 'failed', 'not_run', 'not_run']);
    expect(a.results[1]?.summary).toMatch(/does not exist/);
    const role = createdRole(p) as string;
    expect((await admin.security.getRole({ name: role }))[role]).toBeDefined();
    expect(a.rollback.steps).toEqual([expect.objectContaining({ tool: 'delete_role', args: { name: role } })]);
    const rb = await mcp.call('apply_plan', { confirmation_token: a.rollback.confirmation_token });
    expect((rb.structuredContent as unknown as ApplyOut).results.map((x) => x.status)).toEqual(['done']);
    expect(await admin.security.getRole({ name: role }).catch(() => 'missing')).toBe('missing');
  });
});
