// create_role with Kibana privileges goes through Kibana's role API. Kibana cannot be installed
// here, so this uses the STAND-IN from tools/kibana-standin (Kibana's documented contract, writing
// the translated role into the real Elasticsearch). It is configured like real Kibana: unknown
// features are accepted, so es-authz must refuse them itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testPassword, uniqueName } from '../helpers/es.js';
import { connectMcpWithKibanaStandIn, text, type McpHarness } from '../helpers/mcp.js';

const admin = adminClient();
let mcp: McpHarness;

beforeAll(async () => {
  mcp = await connectMcpWithKibanaStandIn();
});
afterAll(async () => {
  await mcp.close();
  await admin.close();
});

describe('create_role with Kibana privileges (Kibana stand-in)', () => {
  it('writes through Kibana: ES holds the application privileges and the grantee has them in the right space only', async () => {
    const name = uniqueName('logs-discover-viewer');
    const r = await mcp.call('create_role', {
      name,
      description: 'Logs Discover Viewer',
      indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'], query: { term: { team: 'sre' } } }],
      kibana: [{ feature: { discover: ['read'], dashboard: ['read'] }, spaces: ['default'] }],
    });
    expect(r.isError, text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ via: 'kibana', kibana_applied: true, action: 'created' });
    const stored = (await admin.security.getRole({ name }))[name];
    expect(stored?.applications).toEqual([{ application: 'kibana-.kibana', privileges: ['feature_discover.read', 'feature_dashboard.read'], resources: ['space:default'] }]);
    expect(JSON.parse(stored?.indices[0]?.query as string)).toEqual({ term: { team: 'sre' } });

    const user = uniqueName('analyst');
    await admin.security.putUser({ username: user, password: testPassword(), roles: [name] });
    const hp = await mcp.call('has_privileges', {
      username: user,
      application: [{ application: 'kibana-.kibana', privileges: ['feature_discover.read'], resources: ['space:default', 'space:marketing'] }],
      index: [{ names: ['logs-x'], privileges: ['read'] }],
    });
    expect(hp.structuredContent).toMatchObject({
      method: 'run_as',
      application: { 'kibana-.kibana': { 'space:default': { 'feature_discover.read': true }, 'space:marketing': { 'feature_discover.read': false } } },
      index: { 'logs-x': { read: true } },
    });
    await admin.security.deleteUser({ username: user });
    await admin.security.deleteRole({ name });
  });

  it('refuses unknown features and privileges before writing (real Kibana would accept them)', async () => {
    const name = uniqueName('bad-kibana');
    const r = await mcp.call('create_role', { name, kibana: [{ feature: { discovr: ['read'] }, spaces: ['default'] }] });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/unknown Kibana feature.*discover/s);
    const r2 = await mcp.call('create_role', { name, kibana: [{ feature: { discover: ['reed'] }, spaces: ['default'] }] });
    expect(text(r2)).toMatch(/unknown privilege "reed"/);
    const r3 = await mcp.call('create_role', { name, kibana: [{ base: ['all'], feature: { discover: ['read'] }, spaces: ['default'] }] });
    expect(text(r3)).toMatch(/VALIDATION_FAILED/);
    expect(await admin.security.getRole({ name }).catch(() => 'missing')).toBe('missing');
  });

  it('refuses to overwrite through Kibana unless replace is set', async () => {
    const name = uniqueName('dash-reader');
    const args = { name, kibana: [{ base: ['read'], spaces: ['default'] }] };
    expect((await mcp.call('create_role', args)).isError).toBeFalsy();
    expect((await mcp.call('create_role', args)).structuredContent).toMatchObject({ action: 'unchanged' }); // idempotent
    expect(text(await mcp.call('create_role', { ...args, kibana: [{ base: ['all'], spaces: ['default'] }] }))).toMatch(/ALREADY_EXISTS/);
    const rep = await mcp.call('create_role', { ...args, kibana: [{ base: ['all'], spaces: ['default'] }], replace: true });
    expect(rep.structuredContent).toMatchObject({ action: 'replaced', via: 'kibana' });
    expect((await admin.security.getRole({ name }))[name]?.applications[0]?.privileges).toEqual(['space_all']);
    await admin.security.deleteRole({ name });
  });
});
