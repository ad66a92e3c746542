// Issue 2's proof: the real test cluster does native-realm security end to end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, clientAs, esContext, esEnv, testPassword, uniqueName } from '../helpers/es.js';

const admin = adminClient();
afterAll(() => admin.close());

describe('a real Elasticsearch with security on', () => {
  it('is a real, secured cluster: anonymous requests are rejected', async () => {
    const res = await fetch(`${esContext().url}/_security/_authenticate`);
    expect(res.status).toBe(401);
  });

  it('creates a role and a native user, who authenticates and holds exactly that access', async () => {
    const role = uniqueName('demo-reader');
    const user = uniqueName('demo-user');
    const password = testPassword();
    await admin.security.putRole({ name: role, indices: [{ names: ['demo-*'], privileges: ['read'] }] });
    await admin.security.putUser({ username: user, password, roles: [role] });

    const asUser = clientAs(user, password);
    try {
      const who = await asUser.security.authenticate();
      expect(who.username).toBe(user);
      expect(who.roles).toEqual([role]);
      expect(who.authentication_realm.type).toBe('native');

      const hp = await asUser.security.hasPrivileges({ index: [{ names: ['demo-1'], privileges: ['read', 'write'] }] });
      expect(hp.username).toBe(user);
      expect(hp.index['demo-1']).toEqual({ read: true, write: false });
      expect(hp.has_all_requested).toBe(false);
      // the caller (elastic) would have said write=true: prove we asked as the user
      const asAdmin = await admin.security.hasPrivileges({ index: [{ names: ['demo-1'], privileges: ['write'] }] });
      expect(asAdmin.index['demo-1']).toEqual({ write: true });
    } finally {
      await asUser.close();
      await admin.security.deleteUser({ username: user });
      await admin.security.deleteRole({ name: role });
    }
  });

  it('accepts a DLS + FLS role (trial license) and enforces it on search', async () => {
    const role = uniqueName('hr-limited');
    const user = uniqueName('hr-user');
    const index = uniqueName('hr-people');
    const password = testPassword();
    await admin.index({ index, id: '1', document: { dept: 'eng', name: 'a', ssn: '1' }, refresh: true });
    await admin.index({ index, id: '2', document: { dept: 'hr', name: 'b', ssn: '2' }, refresh: true });
    await admin.security.putRole({
      name: role,
      indices: [
        {
          names: [index],
          privileges: ['read'],
          query: { term: { dept: 'eng' } },
          field_security: { grant: ['*'], except: ['ssn'] },
        },
      ],
    });
    const got = await admin.security.getRole({ name: role });
    expect(got[role]?.indices[0]?.field_security).toEqual({ grant: ['*'], except: ['ssn'] });
    await admin.security.putUser({ username: user, password, roles: [role] });
    const asUser = clientAs(user, password);
    try {
      const r = await asUser.search<{ dept: string; ssn?: string }>({ index });
      expect(r.hits.hits.map((h) => h._id)).toEqual(['1']);
      expect(r.hits.hits[0]?._source?.ssn).toBeUndefined();
      expect(r.hits.hits[0]?._source?.dept).toBe('eng');
    } finally {
      await asUser.close();
      await admin.security.deleteUser({ username: user });
      await admin.security.deleteRole({ name: role });
      await admin.indices.delete({ index });
    }
  });

  it('round-trips a role mapping, an API key and an application privilege', async () => {
    const mapping = uniqueName('sre-mapping');
    await admin.security.putRoleMapping({
      name: mapping,
      enabled: true,
      roles: ['viewer'],
      rules: { all: [{ field: { 'realm.name': 'jwt1' } }, { field: { groups: 'sre' } }] },
    });
    const m = await admin.security.getRoleMapping({ name: mapping });
    expect(m[mapping]?.roles).toEqual(['viewer']);
    expect(m[mapping]?.rules).toEqual({ all: [{ field: { 'realm.name': 'jwt1' } }, { field: { groups: 'sre' } }] });
    await admin.security.deleteRoleMapping({ name: mapping });

    const keyName = uniqueName('ci-key');
    const key = await admin.security.createApiKey({ name: keyName, expiration: '1d', role_descriptors: {} });
    const asKey = new (await import('@elastic/elasticsearch')).Client({ node: esContext().url, auth: { apiKey: key.encoded } });
    try {
      const who = await asKey.security.authenticate();
      expect(who.authentication_type).toBe('api_key');
      expect(who.api_key?.name).toBe(keyName);
    } finally {
      await asKey.close();
      await admin.security.invalidateApiKey({ ids: [key.id] });
    }

    const app = uniqueName('myapp');
    await admin.security.putPrivileges({ privileges: { [app]: { read: { actions: ['data:read/*'] } } } });
    const p = await admin.security.getPrivileges({ application: app });
    expect(p[app]?.read?.actions).toEqual(['data:read/*']);
    await admin.security.deletePrivileges({ application: app, name: 'read' });
  });

  it('the built CLI reports the cluster and identity (es-authz es)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/cli.js', 'es'], { env: { ...process.env, ...esEnv() } });
    expect(stdout).toMatch(/version: +\d+\.\d+\.\d+/);
    expect(stdout).toMatch(new RegExp(`identity: ${esContext().username ?? ''}`));
    expect(stdout).not.toContain(esContext().password ?? '\u0000never');
  });
});
