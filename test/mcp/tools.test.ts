// Every tool through a real MCP client (in-memory transport) against the real Elasticsearch.
// Bad inputs for every write tool are rejected with a clear error and nothing written (asserted on
// the cluster itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, clientAs, testPassword, uniqueName } from '../helpers/es.js';
import { connectMcp, text, type McpHarness } from '../helpers/mcp.js';

const admin = adminClient();
let mcp: McpHarness;

beforeAll(async () => {
  mcp = await connectMcp();
});
afterAll(async () => {
  await mcp.close();
  await admin.close();
});

async function roleExists(name: string): Promise<boolean> {
  const r = await admin.security.getRole({ name }).catch(() => ({}) as Record<string, unknown>);
  return name in r;
}
async function userExists(username: string): Promise<boolean> {
  const r = await admin.security.getUser({ username }).catch(() => ({}) as Record<string, unknown>);
  return username in r;
}

describe('whoami', () => {
  it('reports identity, deployment, license and capabilities', async () => {
    const r = await mcp.call('whoami');
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ username: 'elastic', deployment: 'self-managed', license: 'trial (active)', capabilities: { read_security: true, manage_security: true } });
    expect(text(r)).toMatch(/Deployment: self-managed/);
  });
});

describe('roles', () => {
  const name = uniqueName('logs-reader');

  it('create_role validates, creates, refuses to overwrite, replaces with a diff', async () => {
    const r = await mcp.call('create_role', { name, description: 'Logs Reader', indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'] }] });
    expect(r.isError, text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ name, action: 'created', via: 'elasticsearch' });
    expect((await admin.security.getRole({ name }))[name]?.indices[0]?.names).toEqual(['logs-*']);

    const same = await mcp.call('create_role', { name, description: 'Logs Reader', indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'] }] });
    expect(same.structuredContent?.action).toBe('unchanged'); // re-applying is safe
    const again = await mcp.call('create_role', { name, indices: [{ names: ['logs-*'], privileges: ['read'] }] });
    expect(again.isError).toBe(true);
    expect(text(again)).toMatch(/ALREADY_EXISTS.*replace: true/s);

    const replaced = await mcp.call('create_role', { name, description: 'Logs Reader', indices: [{ names: ['logs-*', 'metrics-*'], privileges: ['read'] }], replace: true });
    expect(replaced.isError, text(replaced)).toBeFalsy();
    expect(replaced.structuredContent?.action).toBe('replaced');
    expect((replaced.structuredContent?.diff as string[]).join('\n')).toMatch(/metrics-\*/);
  });

  it('create_role rejects invalid roles and writes nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: uniqueName('bad-priv'), indices: [{ names: ['logs-*'], privileges: ['reed'] }] }, /read/],
      [{ name: uniqueName('bad-fls'), indices: [{ names: ['hr-*'], privileges: ['read'], field_security: { grant: ['name'], except: ['ssn'] } }] }, /except/i],
      [{ name: uniqueName('bad-dls'), indices: [{ names: ['hr-*'], privileges: ['read'], query: '{"term": ' }] }, /query/i],
      [{ name: uniqueName('bad-cluster'), cluster: ['monitr'] }, /monitor/],
      [{ name: 'custom-role', indices: [{ names: ['logs-*'], privileges: ['read'] }] }, /generic|descriptive/i],
      [{ name: uniqueName('bad-action'), indices: [{ names: ['x'], privileges: ['indices:data/read/search'] }] }, /named privilege/i],
    ];
    for (const [args, why] of cases) {
      const r = await mcp.call('create_role', args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
      expect(text(r)).toMatch(/VALIDATION_FAILED/);
      expect(text(r)).toMatch(why);
      expect(await roleExists(args.name as string)).toBe(false);
    }
  });

  it('never modifies built-in roles', async () => {
    const r = await mcp.call('create_role', { name: 'viewer', indices: [{ names: ['x'], privileges: ['read'] }], replace: true });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/RESERVED|built-in/);
    const d = await mcp.call('delete_role', { name: 'viewer' });
    expect(text(d)).toMatch(/RESERVED/);
    expect(await roleExists('viewer')).toBe(true);
  });

  it('writes only the ES part when Kibana privileges are asked but Kibana is not configured, and says so', async () => {
    const n = uniqueName('discover-viewer');
    const r = await mcp.call('create_role', { name: n, indices: [{ names: ['logs-*'], privileges: ['read'] }], kibana: [{ feature: { discover: ['read'] }, spaces: ['default'] }] });
    expect(r.isError, text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ kibana_applied: false });
    expect(text(r)).toMatch(/Kibana privileges were NOT set/);
    expect(await roleExists(n)).toBe(true);
    await admin.security.deleteRole({ name: n });
  });

  it('list_roles filters and paginates; get_role shows one role', async () => {
    const l = await mcp.call('list_roles', { filter: 'viewer' });
    expect((l.structuredContent?.roles as { name: string; reserved: boolean }[]).find((x) => x.name === 'viewer')?.reserved).toBe(true);
    const p = await mcp.call('list_roles', { limit: 2 });
    expect((p.structuredContent?.roles as unknown[]).length).toBe(2);
    expect(p.structuredContent?.next_offset).toBe(2);
    const g = await mcp.call('get_role', { name });
    expect(g.structuredContent).toMatchObject({ name, reserved: false });
    const missing = await mcp.call('get_role', { name: 'no-such-role-x' });
    expect(text(missing)).toMatch(/NOT_FOUND.*list_roles/s);
  });

  it('delete_role deletes a custom role and reports its holders', async () => {
    const user = uniqueName('holder');
    await admin.security.putUser({ username: user, password: testPassword(), roles: [name] });
    const r = await mcp.call('delete_role', { name });
    expect(r.isError, text(r)).toBeFalsy();
    expect(r.structuredContent?.users_with_role).toEqual([user]);
    expect(await roleExists(name)).toBe(false);
    await admin.security.deleteUser({ username: user });
  });
});

describe('users', () => {
  const role = uniqueName('audit-reader');
  const role2 = uniqueName('metrics-reader');
  const user = uniqueName('mia');
  beforeAll(async () => {
    await admin.security.putRole({ name: role, indices: [{ names: ['audit-*'], privileges: ['read'] }] });
    await admin.security.putRole({ name: role2, indices: [{ names: ['metrics-*'], privileges: ['read'] }] });
  });
  afterAll(async () => {
    await admin.security.deleteUser({ username: user }).catch(() => undefined);
    await admin.security.deleteRole({ name: role });
    await admin.security.deleteRole({ name: role2 });
  });

  it('create_user generates a strong password once; the user can sign in; no secret in logs', async () => {
    const r = await mcp.call('create_user', { username: user, roles: [role], full_name: 'Mia Example' });
    expect(r.isError, text(r)).toBeFalsy();
    const password = r.structuredContent?.password as string;
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[0-9]/);
    const c = clientAs(user, password);
    expect((await c.security.authenticate()).username).toBe(user);
    await c.close();
    expect(mcp.logs.join('')).not.toContain(password);
    expect(mcp.logs.join('')).toMatch(/"audit":true.*create_user/);
  });

  it('create_user rejects bad input and writes nothing', async () => {
    const u1 = uniqueName('nobody');
    expect(text(await mcp.call('create_user', { username: u1, roles: ['no-such-role-zz'] }))).toMatch(/NOT_FOUND/);
    expect(await userExists(u1)).toBe(false);
    expect(text(await mcp.call('create_user', { username: u1, roles: [role], password: 'changeme' }))).toMatch(/12|placeholder/);
    expect(await userExists(u1)).toBe(false);
    expect(text(await mcp.call('create_user', { username: u1, roles: [role], metadata: { _x: 1 } }))).toMatch(/reserved/);
    expect(await userExists(u1)).toBe(false);
    expect(text(await mcp.call('create_user', { username: user, roles: [role] }))).toMatch(/ALREADY_EXISTS.*update_user_roles/s);
  });

  it('get_user and list_users show the user', async () => {
    expect((await mcp.call('get_user', { username: user })).structuredContent).toMatchObject({ username: user, roles: [role], enabled: true, full_name: 'Mia Example' });
    const l = await mcp.call('list_users', { filter: user });
    expect((l.structuredContent?.users as { username: string }[]).map((u) => u.username)).toEqual([user]);
    expect(text(await mcp.call('get_user', { username: 'no-such-user-zz' }))).toMatch(/NOT_FOUND/);
  });

  it('update_user rejects bad input and writes nothing', async () => {
    const before = (await admin.security.getUser({ username: user }))[user];
    expect(text(await mcp.call('update_user', { username: user, metadata: { _secret: 1 } }))).toMatch(/reserved/);
    expect((await mcp.call('update_user', { username: user, email: 'not-an-email' })).isError).toBe(true);
    expect(text(await mcp.call('update_user', { username: 'no-such-user-zz', full_name: 'X' }))).toMatch(/NOT_FOUND/);
    expect((await admin.security.getUser({ username: user }))[user]).toEqual(before);
  });

  it('update_user changes details without touching roles', async () => {
    const r = await mcp.call('update_user', { username: user, email: 'mia@example.com', metadata: { department: 'audit' } });
    expect(r.isError, text(r)).toBeFalsy();
    const u = (await admin.security.getUser({ username: user }))[user];
    expect(u?.email).toBe('mia@example.com');
    expect(u?.metadata).toEqual({ department: 'audit' });
    expect(u?.roles).toEqual([role]);
  });

  it('update_user_roles adds and removes without losing roles, even concurrently', async () => {
    const extra = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const n = uniqueName(`extra${i}`);
        await admin.security.putRole({ name: n, cluster: ['monitor'] });
        return n;
      }),
    );
    const results = await Promise.all([...extra.map((n) => mcp.call('update_user_roles', { username: user, add: [n] })), mcp.call('update_user_roles', { username: user, add: [role2] })]);
    for (const r of results) expect(r.isError, text(r)).toBeFalsy();
    const roles = (await admin.security.getUser({ username: user }))[user]?.roles ?? [];
    expect([...roles].sort()).toEqual([role, role2, ...extra].sort());
    const rm = await mcp.call('update_user_roles', { username: user, remove: extra });
    expect(rm.structuredContent).toMatchObject({ before: expect.arrayContaining(extra), after: [role, role2].sort((a, b) => roles.indexOf(a) - roles.indexOf(b)) });
    expect(text(await mcp.call('update_user_roles', { username: user, add: ['no-such-role-zz'] }))).toMatch(/NOT_FOUND/);
    expect(text(await mcp.call('update_user_roles', { username: user }))).toMatch(/Nothing to do/);
    for (const n of extra) await admin.security.deleteRole({ name: n });
    expect((await admin.security.getUser({ username: user }))[user]?.roles.sort()).toEqual([role, role2].sort());
  });

  it('has_privileges checks the grantee, not the caller (run-as), and labels it', async () => {
    const r = await mcp.call('has_privileges', { username: user, index: [{ names: ['audit-2026'], privileges: ['read', 'write'] }] });
    expect(r.isError, text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ username: user, method: 'run_as', has_all_requested: false, index: { 'audit-2026': { read: true, write: false } } });
    const self = await mcp.call('has_privileges', { index: [{ names: ['audit-2026'], privileges: ['write'] }] });
    expect(self.structuredContent).toMatchObject({ username: 'elastic', method: 'caller', index: { 'audit-2026': { write: true } } });
  });

  it('has_privileges falls back to the offline evaluator when the credential may not run as, and agrees', async () => {
    const auditorRole = uniqueName('sec-auditor');
    const auditor = uniqueName('auditor');
    const pw = testPassword();
    await admin.security.putRole({ name: auditorRole, cluster: ['read_security'] });
    await admin.security.putUser({ username: auditor, password: pw, roles: [auditorRole] });
    const limited = await connectMcp({ es: clientAs(auditor, pw) });
    try {
      const req = { username: user, index: [{ names: ['audit-2026', 'metrics-1', 'audit-*'], privileges: ['read', 'write', 'view_index_metadata'] }], cluster: ['monitor'] };
      const off = await limited.call('has_privileges', req);
      expect(off.isError, text(off)).toBeFalsy();
      expect(off.structuredContent?.method).toBe('evaluator');
      expect(text(off)).toMatch(/computed offline/);
      const real = await mcp.call('has_privileges', req);
      expect(real.structuredContent?.method).toBe('run_as');
      for (const k of ['index', 'cluster', 'has_all_requested', 'username']) expect(off.structuredContent?.[k]).toEqual(real.structuredContent?.[k]);
      // and a read-only credential cannot write
      const w = await limited.call('update_user_roles', { username: user, add: [auditorRole] });
      expect(w.isError, text(w)).toBe(true);
      expect(text(w)).toMatch(/ES_FORBIDDEN/);
    } finally {
      await limited.close();
      await admin.security.deleteUser({ username: auditor });
      await admin.security.deleteRole({ name: auditorRole });
    }
  });

  it('set_user_enabled disables (sign-in fails) and re-enables', async () => {
    const pw = testPassword();
    await admin.security.changePassword({ username: user, password: pw });
    const off = await mcp.call('set_user_enabled', { username: user, enabled: false });
    expect(off.structuredContent, text(off)).toMatchObject({ enabled: false, changed: true });
    const c = clientAs(user, pw);
    await expect(c.security.authenticate()).rejects.toThrow();
    expect((await mcp.call('set_user_enabled', { username: user, enabled: true })).structuredContent).toMatchObject({ enabled: true, changed: true });
    expect((await c.security.authenticate()).username).toBe(user);
    await c.close();
  });

  it('refuses to touch built-in users or the caller itself', async () => {
    expect(text(await mcp.call('set_user_enabled', { username: 'elastic', enabled: false }))).toMatch(/RESERVED|built-in/);
    expect(text(await mcp.call('delete_user', { username: 'kibana_system' }))).toMatch(/RESERVED|built-in/);
    expect(text(await mcp.call('update_user_roles', { username: 'elastic', remove: ['superuser'] }))).toMatch(/RESERVED|built-in/);
  });

  it('delete_user is destructive and removes the user', async () => {
    const r = await mcp.call('delete_user', { username: user });
    expect(r.structuredContent).toMatchObject({ deleted: true });
    expect(await userExists(user)).toBe(false);
  });
});

describe('role mappings', () => {
  const role = uniqueName('metrics-viewer');
  const name = uniqueName('saml-sre');
  beforeAll(() => admin.security.putRole({ name: role, indices: [{ names: ['metrics-*'], privileges: ['read'] }] }));
  afterAll(() => admin.security.deleteRole({ name: role }));

  it('create, get, list, refuse overwrite, delete', async () => {
    const rules = { all: [{ field: { 'realm.name': 'saml1' } }, { field: { groups: 'sre' } }] };
    const c = await mcp.call('create_role_mapping', { name, roles: [role], rules });
    expect(c.isError, text(c)).toBeFalsy();
    expect((await admin.security.getRoleMapping({ name }))[name]?.rules).toEqual(rules);
    expect((await mcp.call('get_role_mapping', { name })).structuredContent).toMatchObject({ name, roles: [role], enabled: true });
    const l = await mcp.call('list_role_mappings', { role });
    expect((l.structuredContent?.mappings as { name: string }[]).map((m) => m.name)).toEqual([name]);
    expect((await mcp.call('create_role_mapping', { name, roles: [role], rules })).structuredContent).toMatchObject({ action: 'unchanged' }); // idempotent
    expect(text(await mcp.call('create_role_mapping', { name, roles: [role], rules: { field: { groups: 'other' } } }))).toMatch(/ALREADY_EXISTS/);
    const d = await mcp.call('delete_role_mapping', { name });
    expect(d.structuredContent).toMatchObject({ deleted: true });
  });

  it('delete_role_mapping of a missing mapping says so', async () => {
    expect(text(await mcp.call('delete_role_mapping', { name: 'no-such-mapping-zz' }))).toMatch(/NOT_FOUND.*list_role_mappings/s);
  });

  it('rejects invalid mappings and writes nothing', async () => {
    const bad: Record<string, unknown>[] = [
      { name: uniqueName('m1'), roles: [role], rules: { field: { group: 'sre' } } },
      { name: uniqueName('m2'), roles: [role], rules: { all: [] , any: [] } },
      { name: uniqueName('m3'), rules: { field: { groups: 'sre' } } },
      { name: uniqueName('m4'), roles: ['no-such-role-zz'], rules: { field: { groups: 'sre' } } },
    ];
    for (const args of bad) {
      const r = await mcp.call('create_role_mapping', args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
      expect(await admin.security.getRoleMapping({ name: args.name as string }).catch(() => 'missing')).toBe('missing');
    }
  });
});
