// The Kibana role-API STAND-IN (tools/kibana-standin, tests only) against the REAL Elasticsearch:
// what it writes is what Kibana would write, ES enforces it, and it answers Kibana's contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES, startKibanaStandIn, type KibanaStandIn } from '../../tools/kibana-standin/index.js';
import { featurePrivilegeIds } from '../../tools/kibana-standin/features.js';
import { adminClient, clientAs, esContext, testPassword, uniqueName } from '../helpers/es.js';

const APP = 'kibana-.kibana';
const admin = adminClient();
let kibana: KibanaStandIn;

function esAuth() {
  const es = esContext();
  return es.apiKey ? { apiKey: es.apiKey } : { username: es.username ?? '', password: es.password ?? '' };
}

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

function adminAuthorization(): string {
  const es = esContext();
  return es.apiKey ? `ApiKey ${es.apiKey}` : basic(es.username ?? '', es.password ?? '');
}

interface CallOpts {
  body?: unknown;
  authorization?: string | null;
  xsrf?: boolean;
  base?: string;
}

// Response bodies are read field by field in the assertions below; `any` keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, path: string, opts: CallOpts = {}): Promise<{ status: number; json: any }> {
  const authorization = opts.authorization === undefined ? adminAuthorization() : opts.authorization;
  const headers: Record<string, string> = {};
  if (authorization) headers.authorization = authorization;
  if (opts.xsrf ?? true) headers['kbn-xsrf'] = 'es-authz-test';
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${opts.base ?? kibana.url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const putRole = (name: string, body: unknown, opts: CallOpts & { createOnly?: boolean } = {}) =>
  call('PUT', `/api/security/role/${encodeURIComponent(name)}${opts.createOnly ? '?createOnly=true' : ''}`, { ...opts, body });

async function esRole(name: string) {
  const found = await admin.security.getRole({ name }, { ignore: [404] });
  return found[name];
}

const created: string[] = [];
function roleName(prefix: string): string {
  const n = uniqueName(prefix);
  created.push(n);
  return n;
}

beforeAll(async () => {
  kibana = await startKibanaStandIn({ esUrl: esContext().url, esAuth: esAuth() });
});

afterAll(async () => {
  for (const name of created) await admin.security.deleteRole({ name }, { ignore: [404] });
  await kibana?.close();
  await admin.close();
});

describe('Kibana stand-in: start-up and probes', () => {
  it('registers Kibana application privileges in ES with Kibana-format actions', async () => {
    const res = await admin.security.getPrivileges({ application: APP });
    const privs = res[APP] ?? {};
    for (const base of ['all', 'read', 'space_all', 'space_read']) expect(privs[base]?.actions).toContain('login:');
    for (const feature of FEATURES) {
      for (const id of featurePrivilegeIds(feature)) expect(Object.keys(privs)).toContain(`feature_${feature.id}.${id}`);
    }
    const discoverRead = privs['feature_discover.read']?.actions ?? [];
    expect(discoverRead[0]).toBe('login:');
    expect(discoverRead).toEqual(expect.arrayContaining(['app:discover', 'ui:discover/show', 'ui:catalogue/discover', 'ui:navLinks/discover', 'saved_object:search/get']));
    expect(discoverRead).not.toContain('saved_object:search/create');
    expect(privs['feature_discover.all']?.actions).toEqual(expect.arrayContaining(['saved_object:search/create', 'ui:discover/createShortUrl']));
    expect(privs['feature_discover.minimal_all']?.actions).not.toContain('ui:discover/createShortUrl');
    // a deprecated (v1) privilege also carries the UI actions of its v2 replacement, as in Kibana
    expect(privs['feature_discover.url_create']?.actions).toEqual(expect.arrayContaining(['ui:discover/createShortUrl', 'ui:discover_v2/createShortUrl']));
    expect(privs['feature_discover_v2.url_create']?.actions).toEqual(['login:', 'saved_object:url/bulk_get', 'saved_object:url/get', 'saved_object:url/find', 'saved_object:url/open_point_in_time', 'saved_object:url/close_point_in_time', 'saved_object:url/create', 'saved_object:url/bulk_create', 'saved_object:url/update', 'saved_object:url/bulk_update', 'saved_object:url/delete', 'saved_object:url/bulk_delete', 'saved_object:url/share_to_space', 'ui:discover_v2/createShortUrl']);
    expect(privs.all?.actions).toEqual(expect.arrayContaining(['space:manage', 'api:manage_spaces']));
    expect(privs.space_all?.actions).not.toContain('space:manage');
  });

  it('answers /api/status and /api/features for an authenticated caller, 401 without credentials', async () => {
    const status = await call('GET', '/api/status');
    expect(status.status).toBe(200);
    expect(status.json.status.overall.level).toBe('available');
    expect(status.json.version.number).toBe(kibana.version);
    expect(status.json.status.overall.summary).toMatch(/STAND-IN/);

    const anonymous = await call('GET', '/api/status', { authorization: null });
    expect(anonymous).toEqual({ status: 401, json: { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' } });
    const wrong = await call('GET', '/api/status', { authorization: basic('nobody', 'wrong-password-1') });
    expect(wrong.status).toBe(401);

    const features = await call('GET', '/api/features');
    expect(features.status).toBe(200);
    const ids = (features.json as Array<{ id: string }>).map((f) => f.id);
    for (const id of ['discover', 'dashboard', 'visualize', 'maps', 'canvas', 'ml', 'dev_tools', 'advancedSettings', 'indexPatterns', 'savedObjectsManagement', 'graph', 'logs', 'infrastructure', 'apm', 'uptime', 'siem', 'fleet', 'stackAlerts']) {
      expect(ids).toContain(id);
    }
    const discover = (features.json as Array<{ id: string; subFeatures: Array<{ privilegeGroups: Array<{ privileges: Array<{ id: string }> }> }> }>).find((f) => f.id === 'discover');
    const subIds = discover?.subFeatures.flatMap((s) => s.privilegeGroups.flatMap((g) => g.privileges.map((p) => p.id)));
    expect(subIds).toEqual(['url_create', 'store_search_session']);

    expect((await call('GET', '/api/nope')).status).toBe(404);
  });
});

describe('Kibana stand-in: PUT /api/security/role/{name}', () => {
  it('writes the exact application privileges Kibana would, round-trips via GET, and ES enforces them for a user', async () => {
    const name = roleName('kbn-analyst');
    const kibanaPart = [
      { base: ['read'], spaces: ['marketing'] },
      { feature: { discover: ['read', 'url_create'], dashboard: ['minimal_read'] }, spaces: ['default', 'sales'] },
      { feature: { dev_tools: ['read'] }, spaces: ['*'] },
    ];
    const put = await putRole(name, {
      description: 'Analysts: Discover in default and sales',
      metadata: { team: 'analytics' },
      elasticsearch: { cluster: [], indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'] }] },
      kibana: kibanaPart,
    });
    expect(put).toEqual({ status: 204, json: undefined });

    const stored = await esRole(name);
    expect(stored?.applications).toEqual([
      { application: APP, privileges: ['space_read'], resources: ['space:marketing'] },
      {
        application: APP,
        privileges: ['feature_discover.read', 'feature_discover.url_create', 'feature_dashboard.minimal_read'],
        resources: ['space:default', 'space:sales'],
      },
      { application: APP, privileges: ['feature_dev_tools.read'], resources: ['*'] },
    ]);
    expect(stored?.description).toBe('Analysts: Discover in default and sales');
    expect(stored?.metadata).toEqual({ team: 'analytics' });
    expect(stored?.indices).toEqual([{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false }]);
    expect(stored?.run_as).toEqual([]);

    const got = await call('GET', `/api/security/role/${name}`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual({
      name,
      description: 'Analysts: Discover in default and sales',
      metadata: { team: 'analytics' },
      transient_metadata: { enabled: true },
      elasticsearch: {
        cluster: [],
        indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false }],
        run_as: [],
      },
      kibana: [
        { base: ['read'], feature: {}, spaces: ['marketing'] },
        { base: [], feature: { discover: ['read', 'url_create'], dashboard: ['minimal_read'] }, spaces: ['default', 'sales'] },
        { base: [], feature: { dev_tools: ['read'] }, spaces: ['*'] },
      ],
      _transform_error: [],
      _unrecognized_applications: [],
    });

    // A native user holding the role: ES itself answers from the registered privileges.
    const user = uniqueName('kbn-analyst-user');
    const password = testPassword();
    await admin.security.putUser({ username: user, password, roles: [name] });
    const asUser = clientAs(user, password);
    try {
      const hp = await asUser.security.hasPrivileges({
        application: [
          {
            application: APP,
            privileges: ['feature_discover.read', 'feature_discover.all', 'feature_dev_tools.read'],
            resources: ['space:default', 'space:marketing', 'space:other'],
          },
        ],
      });
      expect(hp.username).toBe(user);
      const app = hp.application[APP] ?? {};
      expect(app['space:default']).toEqual({ 'feature_discover.read': true, 'feature_discover.all': false, 'feature_dev_tools.read': true });
      // space_read (base) covers every feature's read privilege, as Kibana's base privileges do
      expect(app['space:marketing']).toEqual({ 'feature_discover.read': true, 'feature_discover.all': false, 'feature_dev_tools.read': true });
      expect(app['space:other']).toEqual({ 'feature_discover.read': false, 'feature_discover.all': false, 'feature_dev_tools.read': true });
    } finally {
      await asUser.close();
      await admin.security.deleteUser({ username: user });
    }

    const list = await call('GET', '/api/security/role');
    expect(list.status).toBe(200);
    const names = (list.json as Array<{ name: string }>).map((r) => r.name);
    expect(names).toContain(name);
    expect(names).toEqual([...names].sort());
  });

  it('translates global base privileges to all/read on resource *', async () => {
    const name = roleName('kbn-global');
    expect((await putRole(name, { kibana: [{ base: ['all'], spaces: ['*'] }] })).status).toBe(204);
    expect((await esRole(name))?.applications).toEqual([{ application: APP, privileges: ['all'], resources: ['*'] }]);
    // spaces defaults to ['*'], as in Kibana's schema
    const name2 = roleName('kbn-default-spaces');
    expect((await putRole(name2, { kibana: [{ base: ['read'] }] })).status).toBe(204);
    expect((await esRole(name2))?.applications).toEqual([{ application: APP, privileges: ['read'], resources: ['*'] }]);
    // an empty body creates an empty role
    const name3 = roleName('kbn-empty');
    expect((await putRole(name3, {})).status).toBe(204);
    expect(await esRole(name3)).toMatchObject({ cluster: [], indices: [], run_as: [], applications: [] });
  });

  it('refuses a write without kbn-xsrf (400, Kibana message) and writes nothing', async () => {
    const name = roleName('kbn-noxsrf');
    const res = await putRole(name, { kibana: [{ base: ['read'], spaces: ['*'] }] }, { xsrf: false });
    expect(res).toEqual({ status: 400, json: { statusCode: 400, error: 'Bad Request', message: 'Request must contain a kbn-xsrf header.' } });
    expect(await esRole(name)).toBeUndefined();
    const del = await call('DELETE', `/api/security/role/${name}`, { xsrf: false });
    expect(del.status).toBe(400);
  });

  it('rejects base and feature privileges in one entry (400) and writes nothing', async () => {
    const name = roleName('kbn-conflict');
    const res = await putRole(name, { kibana: [{ base: ['read'], feature: { discover: ['all'] }, spaces: ['default'] }] });
    expect(res).toEqual({
      status: 400,
      json: { statusCode: 400, error: 'Bad Request', message: `[request body.kibana.0]: definition of [feature] isn't allowed when non-empty [base] is defined.` },
    });
    expect(await esRole(name)).toBeUndefined();
  });

  it('rejects unknown features and feature privileges (400) and writes nothing', async () => {
    const name = roleName('kbn-unknown');
    const res = await putRole(name, { kibana: [{ feature: { discover: ['read'], nope: ['all'] }, spaces: ['default'] }] });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/^\[request body\.kibana\.0\.feature\.nope\]: unknown feature "nope", must be one of \[.*discover.*\]$/);
    const res2 = await putRole(name, { kibana: [{ feature: { discover: ['bogus'] }, spaces: ['default'] }] });
    expect(res2.status).toBe(400);
    expect(res2.json.message).toBe(
      '[request body.kibana.0.feature.discover.0]: unknown privilege "bogus" of feature "discover", must be one of [all,read,minimal_all,minimal_read,url_create,store_search_session]',
    );
    expect(await esRole(name)).toBeUndefined();
  });

  it("with unknownFeatures: 'accept' behaves like real Kibana and stores unknown features as given", async () => {
    const lenient = await startKibanaStandIn({ esUrl: esContext().url, esAuth: esAuth(), unknownFeatures: 'accept' });
    try {
      const name = roleName('kbn-lenient');
      const res = await putRole(name, { kibana: [{ feature: { nope: ['all'] }, spaces: ['default'] }] }, { base: lenient.url });
      expect(res.status).toBe(204);
      expect((await esRole(name))?.applications).toEqual([{ application: APP, privileges: ['feature_nope.all'], resources: ['space:default'] }]);
      const got = await call('GET', `/api/security/role/${name}`, { base: lenient.url });
      expect(got.json.kibana).toEqual([{ base: [], feature: { nope: ['all'] }, spaces: ['default'] }]);
    } finally {
      await lenient.close();
    }
  });

  it('honours createOnly=true: 409 when the role exists, without touching it', async () => {
    const name = roleName('kbn-createonly');
    expect((await putRole(name, { kibana: [{ base: ['read'], spaces: ['default'] }] }, { createOnly: true })).status).toBe(204);
    const again = await putRole(name, { kibana: [{ base: ['all'], spaces: ['default'] }] }, { createOnly: true });
    expect(again).toEqual({ status: 409, json: { statusCode: 409, error: 'Conflict', message: `Role already exists and cannot be created: ${name}` } });
    expect((await esRole(name))?.applications).toEqual([{ application: APP, privileges: ['space_read'], resources: ['space:default'] }]);
    // without createOnly it overwrites
    expect((await putRole(name, { kibana: [{ base: ['all'], spaces: ['default'] }] })).status).toBe(204);
    expect((await esRole(name))?.applications).toEqual([{ application: APP, privileges: ['space_all'], resources: ['space:default'] }]);
  });

  it("acts as the caller: a user without manage_security gets ES's 403 in Kibana's error shape", async () => {
    const user = uniqueName('kbn-weak-user');
    const weakRole = roleName('kbn-weak');
    const password = testPassword();
    await admin.security.putRole({ name: weakRole, cluster: ['monitor'] });
    await admin.security.putUser({ username: user, password, roles: [weakRole] });
    try {
      const name = roleName('kbn-forbidden');
      const res = await putRole(name, { kibana: [{ base: ['read'], spaces: ['default'] }] }, { authorization: basic(user, password) });
      expect(res.status).toBe(403);
      expect(res.json.statusCode).toBe(403);
      expect(res.json.error).toBe('Forbidden');
      expect(res.json.message).toMatch(/^\[security_exception\n\tRoot causes:\n\t\tsecurity_exception: action \[cluster:admin\/xpack\/security\/role\/get\] is unauthorized for user \[.*\]\]: action \[cluster:admin\/xpack\/security\/role\/get\] is unauthorized/);
      expect(await esRole(name)).toBeUndefined();
      expect((await call('GET', '/api/security/role', { authorization: basic(user, password) })).status).toBe(403);
      expect((await call('DELETE', `/api/security/role/${weakRole}`, { authorization: basic(user, password) })).status).toBe(403);
      expect(await esRole(weakRole)).toBeDefined();
    } finally {
      await admin.security.deleteUser({ username: user });
    }
  });

  it("applies the rest of Kibana's payload rules", async () => {
    const name = roleName('kbn-rules');
    const cases: Array<[unknown, string]> = [
      [{ kibana: [{ base: ['read'], spaces: ['*', 'default'] }] }, '[request body.kibana.0.spaces]: types that failed validation:\n- [request body.kibana.0.spaces.0]: array size is [2], but cannot be greater than [1]\n- [request body.kibana.0.spaces.1.0]: must be lower case, a-z, 0-9, \'_\', and \'-\' are allowed'],
      [{ kibana: [{ base: ['read'], spaces: ['Default'] }] }, '[request body.kibana.0.spaces]: types that failed validation:\n- [request body.kibana.0.spaces.0.0]: expected value to equal [*]\n- [request body.kibana.0.spaces.1.0]: must be lower case, a-z, 0-9, \'_\', and \'-\' are allowed'],
      [{ kibana: [{ base: ['read'], spaces: ['a', 'b'] }, { feature: { discover: ['all'] }, spaces: ['b', 'c', 'a'] }] }, '[request body.kibana]: more than one privilege is applied to the following spaces: [a,b]'],
      [{ kibana: [{ base: ['read'], spaces: ['*'] }, { base: ['all'], spaces: ['*'] }] }, '[request body.kibana]: more than one privilege is applied to the following spaces: [*]'],
      [{ kibana: [{ base: ['write'], spaces: ['*'] }] }, '[request body.kibana.0.base.0]: unknown global privilege "write", must be one of [all,read]'],
      [{ kibana: [{ base: ['space_all'], spaces: ['default'] }] }, '[request body.kibana.0.base.0]: unknown space privilege "space_all", must be one of [all,read]'],
      [{ kibana: [{ spaces: ['default'] }] }, '[request body.kibana.0]: either [base] or [feature] is expected, but none of them specified'],
      [{ kibana: [{ base: [], feature: { discover: [] }, spaces: ['default'] }] }, '[request body.kibana.0]: either [base] or [feature] is expected, but none of them specified'],
      [{ kibana: [{ feature: { 'dis cover': ['all'] }, spaces: ['default'] }] }, `[request body.kibana.0.feature.key("dis cover")]: only a-z, A-Z, 0-9, '_', and '-' are allowed`],
      [{ kibana: [{ _reserved: ['monitoring'], base: ['all'], spaces: ['*'] }] }, '[request body.kibana.0._reserved]: definition for this key is missing'],
      [{ elasticsearch: { indices: [{ names: ['a'], privileges: ['read'], query: { match_all: {} } }] } }, '[request body.elasticsearch.indices.0.query]: expected value of type [string] but got [Object]'],
      [{ elasticsearch: { indices: [{ names: [], privileges: ['read'] }] } }, '[request body.elasticsearch.indices.0.names]: array size is [0], but cannot be smaller than [1]'],
      [{ elasticsearch: { applications: [] } }, '[request body.elasticsearch.applications]: definition for this key is missing'],
      [{ transient_metadata: { enabled: true } }, '[request body.transient_metadata]: definition for this key is missing'],
      [{ description: 'x'.repeat(2049) }, '[request body.description]: value has length [2049] but it must have a maximum length of [2048].'],
    ];
    for (const [body, message] of cases) {
      const res = await putRole(name, body);
      expect({ body, res }).toEqual({ body, res: { status: 400, json: { statusCode: 400, error: 'Bad Request', message } } });
    }

    // handler-level feature checks (validateKibanaPrivileges)
    const fleet = await putRole(name, { kibana: [{ feature: { fleetv2: ['all'] }, spaces: ['default'] }] });
    expect(fleet.json.message).toBe('Role cannot be updated due to validation errors: ["Feature privilege [fleetv2.all] requires all spaces to be selected but received [default]"]');
    const endpoint = await putRole(name, { kibana: [{ feature: { siem: ['minimal_all', 'endpoint_list_read'] }, spaces: ['default', 'soc'] }] });
    expect(endpoint.json.message).toBe('Role cannot be updated due to validation errors: ["Sub-feature privilege [Security - Endpoint List] requires all spaces to be selected but received [default,soc]"]');
    expect(await esRole(name)).toBeUndefined();

    // base [] with features, and base with feature {} are both fine (Kibana's own tests)
    expect((await putRole(name, { kibana: [{ base: [], feature: { fleetv2: ['all'] }, spaces: ['*'] }, { base: ['all'], feature: {}, spaces: ['default'] }] })).status).toBe(204);
    expect((await esRole(name))?.applications).toEqual([
      { application: APP, privileges: ['feature_fleetv2.all'], resources: ['*'] },
      { application: APP, privileges: ['space_all'], resources: ['space:default'] },
    ]);
    // a string DLS query is accepted and reaches ES
    expect((await putRole(name, { elasticsearch: { indices: [{ names: ['a'], privileges: ['read'], query: '{"term":{"x":"y"}}' }] } })).status).toBe(204);
    expect((await esRole(name))?.indices[0]?.query).toBe('{"term":{"x":"y"}}');
  });
});

describe('Kibana stand-in: GET translation and DELETE', () => {
  it('reports _transform_error for application privileges Kibana cannot represent, and keeps reserved/other apps', async () => {
    const put = async (applications: Array<{ application: string; privileges: string[]; resources: string[] }>) => {
      const name = roleName('kbn-raw');
      await admin.security.putRole({ name, applications });
      const got = await call('GET', `/api/security/role/${name}`);
      expect(got.status).toBe(200);
      return got.json as { kibana: unknown[]; _transform_error: string[]; _unrecognized_applications: string[]; name: string };
    };
    const unrepresentable = [
      [{ application: APP, privileges: ['space_all'], resources: ['*'] }], // space base privilege globally
      [{ application: APP, privileges: ['all'], resources: ['space:default'] }], // global base at a space
      [{ application: APP, privileges: ['space_read', 'feature_discover.all'], resources: ['space:default'] }], // base + feature
      [{ application: APP, privileges: ['feature_discover.read'], resources: ['*', 'space:default'] }], // * with others
      [{ application: APP, privileges: ['feature_discover.read'], resources: ['dashboards'] }], // not space:<id>
      [
        { application: APP, privileges: ['feature_discover.read'], resources: ['space:a'] },
        { application: APP, privileges: ['feature_maps.read'], resources: ['space:a'] },
      ], // one space in two entries
      [{ application: APP, privileges: ['feature_fleetv2.all'], resources: ['space:default'] }], // requireAllSpaces at a space
      [{ application: APP, privileges: ['reserved_monitoring'], resources: ['*'] }], // reserved on the Kibana app
      [{ application: 'kibana-*', privileges: ['all'], resources: ['*'] }], // non-reserved on kibana-*
    ];
    for (const apps of unrepresentable) {
      const role = await put(apps);
      expect({ apps, kibana: role.kibana, err: role._transform_error }).toEqual({ apps, kibana: [], err: ['kibana'] });
    }

    const reserved = await put([
      { application: 'kibana-*', privileges: ['reserved_monitoring'], resources: ['*'] },
      { application: 'logstash', privileges: ['read'], resources: ['*'] },
    ]);
    expect(reserved._transform_error).toEqual([]);
    expect(reserved.kibana).toEqual([{ _reserved: ['monitoring'], base: [], feature: {}, spaces: ['*'] }]);
    expect(reserved._unrecognized_applications).toEqual(['logstash']);

    // PUT through the stand-in replaces the kibana-.kibana entries but keeps the other applications
    expect((await putRole(reserved.name, { kibana: [{ feature: { maps: ['read'] }, spaces: ['default'] }] })).status).toBe(204);
    expect((await esRole(reserved.name))?.applications).toEqual([
      { application: APP, privileges: ['feature_maps.read'], resources: ['space:default'] },
      { application: 'kibana-*', privileges: ['reserved_monitoring'], resources: ['*'] },
      { application: 'logstash', privileges: ['read'], resources: ['*'] },
    ]);
  });

  it('maps deprecated feature privileges to their replacements with replaceDeprecatedPrivileges=true', async () => {
    const name = roleName('kbn-deprecated');
    expect((await putRole(name, { kibana: [{ feature: { discover: ['minimal_read', 'url_create'] }, spaces: ['default'] }] })).status).toBe(204);
    const plain = await call('GET', `/api/security/role/${name}`);
    expect(plain.json.kibana[0].feature).toEqual({ discover: ['minimal_read', 'url_create'] });
    const replaced = await call('GET', `/api/security/role/${name}?replaceDeprecatedPrivileges=true`);
    expect(replaced.json.kibana[0].feature).toEqual({ discover_v2: ['minimal_read', 'url_create'], savedQueryManagement: ['minimal_read'] });
  });

  it('deletes a role (204), then GET and DELETE answer 404', async () => {
    const name = roleName('kbn-delete');
    expect((await putRole(name, { kibana: [{ base: ['read'], spaces: ['default'] }] })).status).toBe(204);
    expect((await call('DELETE', `/api/security/role/${name}`)).status).toBe(204);
    expect(await esRole(name)).toBeUndefined();
    expect(await call('GET', `/api/security/role/${name}`)).toEqual({ status: 404, json: { statusCode: 404, error: 'Not Found', message: 'Not Found' } });
    expect((await call('DELETE', `/api/security/role/${name}`)).status).toBe(404);
  });
});
