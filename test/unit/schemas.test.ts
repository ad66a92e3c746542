import { describe, expect, it } from 'vitest';
import {
  DlsQuerySchema,
  FieldSecuritySchema,
  HasPrivilegesRequestSchema,
  HasPrivilegesResponseSchema,
  KibanaRolePayloadSchema,
  NativeUserSchema,
  RoleDescriptorSchema,
  RoleMappingSchema,
  closest,
  explain,
  formatPath,
  parseOrExplain,
} from '../../src/security/schemas.js';

function errorsOf(schema: Parameters<typeof parseOrExplain>[0], value: unknown): string[] {
  const r = parseOrExplain(schema, value);
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.errors;
}

function codesOf(schema: Parameters<typeof explain>[0], value: unknown): (string | undefined)[] {
  const r = explain(schema, value);
  if (r.ok) throw new Error('expected a failure');
  return r.issues.map((i) => i.code);
}

describe('formatPath', () => {
  it('writes indices, keys and quoted keys', () => {
    expect(formatPath(['indices', 0, 'field_security', 'except'])).toBe('indices[0].field_security.except');
    expect(formatPath(['rules', 'field', 'realm.name'])).toBe('rules.field["realm.name"]');
    expect(formatPath([])).toBe('(root)');
    expect(formatPath([3])).toBe('[3]');
  });
});

describe('closest', () => {
  it('suggests near misses only', () => {
    expect(closest('indicies', ['indices', 'cluster', 'run_as'])).toBe('indices');
    expect(closest('privilege', ['names', 'privileges'])).toBe('privileges');
    expect(closest('zzzzzz', ['indices', 'cluster'])).toBeUndefined();
  });
});

describe('RoleDescriptorSchema', () => {
  const valid = {
    description: 'Logs Reader',
    cluster: ['monitor'],
    indices: [
      {
        names: ['logs-*'],
        privileges: ['read', 'view_index_metadata'],
        field_security: { grant: ['*'], except: ['user.ssn'] },
        query: { term: { 'team.keyword': 'sre' } },
        allow_restricted_indices: false,
      },
    ],
    applications: [{ application: 'myapp', privileges: ['read'], resources: ['*'] }],
    run_as: ['svc-reporting'],
    metadata: { owner: 'sre' },
    remote_indices: [{ clusters: ['prod-eu'], names: 'logs-*', privileges: ['read'] }],
    remote_cluster: [{ clusters: ['prod-eu'], privileges: ['monitor_enrich'] }],
  };

  it('accepts a full descriptor', () => {
    expect(parseOrExplain(RoleDescriptorSchema, valid)).toEqual({ ok: true, value: valid });
  });

  it('accepts names as a single string, and an empty role', () => {
    expect(parseOrExplain(RoleDescriptorSchema, { indices: [{ names: 'logs-*', privileges: ['read'] }] }).ok).toBe(true);
    expect(parseOrExplain(RoleDescriptorSchema, {}).ok).toBe(true);
  });

  it('names an unknown top-level key, suggests the right one and lists the valid keys', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { indicies: [] });
    expect(e).toContain('indicies:');
    expect(e).toContain('did you mean "indices"');
    for (const k of ['description', 'cluster', 'indices', 'applications', 'run_as', 'metadata', 'remote_indices', 'remote_cluster']) expect(e).toContain(k);
    expect(e).not.toContain('transient_metadata');
  });

  it('names an unknown key inside an index entry with its full path', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { indices: [{ names: ['a'], privileges: ['read'], privilege: ['x'] }] });
    expect(e).toMatch(/^indices\[0\]\.privilege: unknown key "privilege"/);
    expect(e).toContain('did you mean "privileges"');
    expect(e).toContain('valid keys here: names, privileges, field_security, query, allow_restricted_indices');
  });

  it('refuses transient_metadata on write with an explanation', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { transient_metadata: { enabled: true } });
    expect(e).toMatch(/^transient_metadata: .*written by Elasticsearch itself.*remove it/);
  });

  it('requires privileges and names, non-empty', () => {
    const errors = errorsOf(RoleDescriptorSchema, { indices: [{ names: [] }] });
    expect(errors.some((e) => e.startsWith('indices[0].names: ') && e.includes('non-empty list'))).toBe(true);
    expect(errors.some((e) => e.startsWith('indices[0].privileges: is required') && e.includes('"read"'))).toBe(true);
  });

  it('explains a bad element inside names instead of a vague union error', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { indices: [{ names: ['logs-*', 5], privileges: ['read'] }] });
    expect(e).toMatch(/^indices\[0\]\.names\[1\]: must be a string, got a number/);
  });

  it('wants arrays where Elasticsearch wants arrays', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { cluster: 'monitor' });
    expect(e).toMatch(/^cluster: must be a list \(JSON array\).*got a string/);
  });

  it('refuses reserved metadata keys with a code and a rename', () => {
    const r = explain(RoleDescriptorSchema, { metadata: { _reserved: true, owner: 'x' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ pathText: 'metadata._reserved', code: 'METADATA_RESERVED_KEY' });
    expect(r.issues[0]?.message).toContain('"reserved"');
  });

  it('limits remote_cluster privileges to the two that exist', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { remote_cluster: [{ clusters: ['c'], privileges: ['monitor'] }] });
    expect(e).toMatch(/^remote_cluster\[0\]\.privileges\[0\]: must be one of "monitor_enrich", "monitor_stats"/);
  });

  it('requires clusters on remote_indices', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { remote_indices: [{ names: ['a'], privileges: ['read'] }] });
    expect(e).toMatch(/^remote_indices\[0\]\.clusters: is required/);
  });

  it('requires resources on applications', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { applications: [{ application: 'myapp', privileges: ['read'], resources: [] }] });
    expect(e).toMatch(/^applications\[0\]\.resources: must not be empty/);
  });

  it('caps the description at Elasticsearch\'s 1000 characters', () => {
    const [e] = errorsOf(RoleDescriptorSchema, { description: 'x'.repeat(1001) });
    expect(e).toMatch(/^description: must be at most 1000 characters/);
  });

  it('refuses a non-object descriptor', () => {
    const [e] = errorsOf(RoleDescriptorSchema, []);
    expect(e).toMatch(/^\(root\): must be an object .*got a list/);
  });
});

describe('field_security', () => {
  it('requires grant when except is given (as Elasticsearch does)', () => {
    expect(codesOf(FieldSecuritySchema, { except: ['ssn'] })).toEqual(['FLS_GRANT_REQUIRED']);
    const [e] = errorsOf(FieldSecuritySchema, { except: ['ssn'] });
    expect(e).toMatch(/^grant: grant is required when except is given/);
    expect(e).toContain('{"grant": ["*"], "except": [...]}');
  });

  it('refuses an empty field_security object', () => {
    expect(codesOf(FieldSecuritySchema, {})).toEqual(['FLS_EMPTY']);
  });

  it('wants lists, not strings (Elasticsearch rejects a string grant)', () => {
    const [e] = errorsOf(FieldSecuritySchema, { grant: 'a' });
    expect(e).toMatch(/^grant: must be a list/);
  });

  it('names unknown keys', () => {
    const [e] = errorsOf(FieldSecuritySchema, { grant: ['*'], exclude: ['x'] });
    expect(e).toContain('exclude: unknown key "exclude"');
    expect(e).toContain('valid keys here: grant, except');
  });
});

describe('DLS query forms', () => {
  it('accepts a JSON string, a query object and a template object', () => {
    expect(DlsQuerySchema.safeParse('{"match_all": {}}').success).toBe(true);
    expect(DlsQuerySchema.safeParse({ term: { owner: 'alice' } }).success).toBe(true);
    expect(DlsQuerySchema.safeParse({ template: { source: { term: { owner: '{{_user.username}}' } } } }).success).toBe(true);
    expect(DlsQuerySchema.safeParse({ template: { source: '{"term":{"owner":"{{_user.username}}"}}', params: { x: 1 } } }).success).toBe(true);
    expect(DlsQuerySchema.safeParse({ template: { id: 'dls-by-owner' } }).success).toBe(true);
  });

  it('explains a template without source or id', () => {
    const r = explain(DlsQuerySchema, { template: { params: {} } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ pathText: 'template', code: 'TEMPLATE_SOURCE_MISSING' });
  });

  it('refuses a template with both source and id', () => {
    expect(codesOf(DlsQuerySchema, { template: { source: 'x', id: 'y' } })).toEqual(['TEMPLATE_SOURCE_AND_ID']);
  });

  it('refuses a template given as a bare string (Elasticsearch fails it at search time)', () => {
    const [e] = errorsOf(DlsQuerySchema, { template: '{"term": {}}' });
    expect(e).toMatch(/^template: must be an object/);
  });

  it('refuses siblings next to template', () => {
    const [e] = errorsOf(DlsQuerySchema, { template: { source: 'x' }, term: { a: 1 } });
    expect(e).toMatch(/^term: unknown key "term"; valid keys here: template\. Remove it/);
  });

  it('refuses non-mustache lang', () => {
    const [e] = errorsOf(DlsQuerySchema, { template: { source: 'x', lang: 'painless' } });
    expect(e).toMatch(/^template\.lang: lang must be "mustache"/);
  });

  it('refuses arrays, numbers and empty strings', () => {
    expect(errorsOf(DlsQuerySchema, [])[0]).toContain('query must be a JSON string or object');
    expect(errorsOf(DlsQuerySchema, 5)[0]).toContain('query must be a JSON string or object');
    expect(errorsOf(DlsQuerySchema, '')[0]).toMatch(/must not be empty/);
  });
});

describe('NativeUserSchema', () => {
  it('accepts a user', () => {
    const u = { username: 'jdoe', password: 'Secr3t-Passw0rd', roles: ['logs-reader'], full_name: 'J Doe', email: null, enabled: true };
    expect(parseOrExplain(NativeUserSchema, u)).toEqual({ ok: true, value: u });
  });

  it('never echoes the password', () => {
    const secret = 'abc';
    const errors = errorsOf(NativeUserSchema, { username: 'jdoe', password: secret, roles: [] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^password: must be at least 6 characters long/);
    expect(errors.join('\n')).not.toContain(secret);
    const typed = errorsOf(NativeUserSchema, { username: 'jdoe', password: 123456789, roles: [] });
    expect(typed.join('\n')).not.toContain('123456789');
  });

  it('refuses password together with password_hash', () => {
    expect(codesOf(NativeUserSchema, { username: 'j', password: 'longenough', password_hash: '$2a$10$x', roles: [] })).toEqual(['USER_PASSWORD_AND_HASH']);
  });

  it('requires roles (an omitted roles list would remove every role on update)', () => {
    const [e] = errorsOf(NativeUserSchema, { username: 'jdoe' });
    expect(e).toMatch(/^roles: is required: a list of role names; \[\] for a user without roles/);
  });

  it('caps usernames at 507 characters', () => {
    const [e] = errorsOf(NativeUserSchema, { username: 'u'.repeat(508), roles: [] });
    expect(e).toMatch(/^username: must be at most 507 characters/);
  });
});

describe('RoleMappingSchema', () => {
  const base = { roles: ['logs-reader'], enabled: true };

  it('accepts nested any/all/except/field rules', () => {
    const rules = {
      all: [
        { field: { 'realm.name': 'ldap1' } },
        { any: [{ field: { groups: ['cn=sre,dc=example,dc=com', 'cn=ops,*'] } }, { field: { username: '/adm-.*/' } }] },
        { except: { field: { 'metadata.contractor': true } } },
        { field: { 'metadata.level': 3 } },
        { field: { dn: null } },
      ],
    };
    expect(parseOrExplain(RoleMappingSchema, { ...base, rules }).ok).toBe(true);
  });

  it('refuses except outside all, like Elasticsearch', () => {
    const top = errorsOf(RoleMappingSchema, { ...base, rules: { except: { field: { username: 'x' } } } });
    expect(top[0]).toMatch(/^rules\.except: except is only allowed directly inside an all list/);
    const inAny = errorsOf(RoleMappingSchema, { ...base, rules: { any: [{ except: { field: { username: 'x' } } }] } });
    expect(inAny[0]).toMatch(/^rules\.any\[0\]\.except: except is only allowed directly inside an all list .*within any/);
    const nested = errorsOf(RoleMappingSchema, { ...base, rules: { all: [{ except: { except: { field: { username: 'x' } } } }] } });
    expect(nested[0]).toMatch(/^rules\.all\[0\]\.except\.except: /);
  });

  it('refuses rules with several keys, empty rules and empty lists', () => {
    expect(errorsOf(RoleMappingSchema, { ...base, rules: { all: [], any: [] } })[0]).toMatch(/^rules: a rule has exactly one key but this one has 2/);
    expect(errorsOf(RoleMappingSchema, { ...base, rules: {} })[0]).toMatch(/^rules: a rule must not be empty/);
    expect(errorsOf(RoleMappingSchema, { ...base, rules: { all: [] } })[0]).toMatch(/^rules\.all: all must not be empty: an empty all matches every user/);
    expect(errorsOf(RoleMappingSchema, { ...base, rules: { any: {} } })[0]).toMatch(/^rules\.any: any takes a list of rules/);
  });

  it('explains deep field problems with the full path', () => {
    const e = errorsOf(RoleMappingSchema, { ...base, rules: { all: [{ any: [{ field: { group: 'x' } }] }] } });
    expect(e[0]).toMatch(/^rules\.all\[0\]\.any\[0\]\.field\.group: unknown user field "group" \(did you mean "groups"\?\)/);
    expect(e[0]).toContain('username, dn, groups, realm.name, metadata.<key>');
    const v = errorsOf(RoleMappingSchema, { ...base, rules: { field: { 'metadata.x': { a: 1 } } } });
    expect(v[0]).toMatch(/^rules\.field\["metadata\.x"\]: the value must be a string/);
    const two = errorsOf(RoleMappingSchema, { ...base, rules: { field: { username: 'a', groups: 'b' } } });
    expect(two[0]).toMatch(/^rules\.field: field holds exactly one user field but has 2/);
    const unknownKind = errorsOf(RoleMappingSchema, { ...base, rules: { feild: { username: 'a' } } });
    expect(unknownKind[0]).toMatch(/^rules\.feild: unknown rule type "feild" \(did you mean "field"\?\)/);
  });

  it('needs exactly one of roles and role_templates, non-empty', () => {
    const rules = { field: { username: 'alice' } };
    expect(codesOf(RoleMappingSchema, { rules, enabled: true })).toEqual(['ROLE_MAPPING_ROLES_MISSING']);
    expect(codesOf(RoleMappingSchema, { rules, enabled: true, roles: [] })).toEqual(['ROLE_MAPPING_ROLES_MISSING']);
    expect(codesOf(RoleMappingSchema, { rules, enabled: true, roles: ['a'], role_templates: [{ template: { source: 'b' } }] })).toEqual([
      'ROLE_MAPPING_ROLES_AND_TEMPLATES',
    ]);
    expect(parseOrExplain(RoleMappingSchema, { rules, enabled: true, role_templates: [{ template: { source: '{{username}}-reader' }, format: 'string' }] }).ok).toBe(true);
    expect(parseOrExplain(RoleMappingSchema, { rules, enabled: true, role_templates: [{ template: '{"source":"x"}', format: 'json' }] }).ok).toBe(true);
  });

  it('requires enabled and rules, and a valid template format', () => {
    expect(errorsOf(RoleMappingSchema, { roles: ['a'], rules: { field: { username: 'a' } } })[0]).toMatch(/^enabled: is required: true to apply the mapping/);
    expect(errorsOf(RoleMappingSchema, { roles: ['a'], enabled: true })[0]).toMatch(/^rules: /);
    const f = errorsOf(RoleMappingSchema, { rules: { field: { username: 'a' } }, enabled: true, role_templates: [{ template: { source: 'x' }, format: 'xml' }] });
    expect(f[0]).toMatch(/^role_templates\[0\]\.format: format must be "string" .* or "json"/);
  });
});

describe('KibanaRolePayloadSchema', () => {
  const es = { cluster: [], indices: [{ names: ['logs-*'], privileges: ['read'] }] };

  it('accepts base in all spaces, base in named spaces and features in another space', () => {
    const payload = {
      description: 'Logs Viewer',
      elasticsearch: es,
      kibana: [
        { base: ['read'], spaces: ['*'] },
        { base: ['all'], spaces: ['marketing', 'sales'] },
        { feature: { dashboard_v2: ['read'], discover_v2: ['read', 'minimal_read'] }, spaces: ['ops'] },
      ],
    };
    expect(parseOrExplain(KibanaRolePayloadSchema, payload).ok).toBe(true);
  });

  it('allows base [] with feature, and base with an empty feature object (as Kibana does)', () => {
    expect(parseOrExplain(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: [], feature: { discover_v2: ['read'] }, spaces: ['a'] }] }).ok).toBe(true);
    expect(parseOrExplain(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: ['read'], feature: {}, spaces: ['a'] }] }).ok).toBe(true);
  });

  it('refuses base together with feature in one entry', () => {
    const r = explain(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: ['read'], feature: { discover_v2: ['read'] }, spaces: ['*'] }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ pathText: 'kibana[0].feature', code: 'KIBANA_BASE_AND_FEATURE' });
    expect(r.issues[0]?.message).toContain('keep base alone, or remove base and list the features');
  });

  it('refuses an entry with neither base nor feature', () => {
    expect(codesOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ spaces: ['*'] }] })).toEqual(['KIBANA_PRIVILEGES_MISSING']);
    expect(codesOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: [], feature: {}, spaces: ['*'] }] })).toEqual(['KIBANA_PRIVILEGES_MISSING']);
  });

  it('refuses * mixed with other spaces', () => {
    const e = errorsOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: ['read'], spaces: ['*', 'marketing'] }] });
    expect(e[0]).toMatch(/^kibana\[0\]\.spaces: "\*" \(all spaces\) cannot be combined with other spaces/);
  });

  it('refuses invalid space ids and wildcards in space ids', () => {
    const e = errorsOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: ['read'], spaces: ['Marketing', 'foo-*'] }] });
    expect(e[0]).toMatch(/^kibana\[0\]\.spaces\[0\]: space id "Marketing" is invalid: space ids are lower case/);
    expect(e[1]).toMatch(/^kibana\[0\]\.spaces\[1\]: space id "foo-\*" is invalid/);
  });

  it('refuses a space that appears in two entries', () => {
    const r = explain(KibanaRolePayloadSchema, {
      elasticsearch: {},
      kibana: [
        { feature: { discover_v2: ['read'] }, spaces: ['marketing'] },
        { feature: { dashboard_v2: ['read'] }, spaces: ['sales', 'marketing'] },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ pathText: 'kibana[1].spaces', code: 'KIBANA_SPACE_DUPLICATE' });
    expect(r.issues[0]?.message).toContain('space "marketing" already appears in kibana[0]');
  });

  it('refuses two global entries', () => {
    expect(
      codesOf(KibanaRolePayloadSchema, {
        elasticsearch: {},
        kibana: [
          { base: ['read'], spaces: ['*'] },
          { feature: { discover_v2: ['all'] }, spaces: ['*'] },
        ],
      }),
    ).toEqual(['KIBANA_SPACE_DUPLICATE']);
  });

  it('lists the valid base privileges', () => {
    const g = errorsOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: ['admin'], spaces: ['*'] }] });
    expect(g[0]).toMatch(/^kibana\[0\]\.base\[0\]: unknown global base privilege "admin": must be one of "all", "read"/);
    const s = errorsOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: ['minimal_read'], spaces: ['ops'] }] });
    expect(s[0]).toMatch(/^kibana\[0\]\.base\[0\]: unknown space base privilege "minimal_read"/);
  });

  it('checks feature id and privilege names', () => {
    const e = errorsOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ feature: { '!foo': ['read'], bar: ['re ad'] }, spaces: ['*'] }] });
    expect(e).toEqual([
      expect.stringMatching(/^kibana\[0\]\.feature\["!foo"\]: feature id "!foo" is invalid: only a-z, A-Z, 0-9/),
      expect.stringMatching(/^kibana\[0\]\.feature\.bar\[0\]: feature privilege "re ad" is invalid/),
    ]);
  });

  it('refuses _reserved privileges', () => {
    const e = errorsOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ _reserved: ['ml_user'], spaces: ['*'], base: ['read'] }] });
    expect(e[0]).toMatch(/^kibana\[0\]\._reserved: _reserved privileges are granted only by Elasticsearch's built-in roles/);
  });

  it('requires spaces and the elasticsearch part, and a string DLS query', () => {
    expect(errorsOf(KibanaRolePayloadSchema, { elasticsearch: {}, kibana: [{ base: ['read'] }] })[0]).toMatch(/^kibana\[0\]\.spaces: is required: \["\*"\] for every space/);
    expect(errorsOf(KibanaRolePayloadSchema, { kibana: [] })[0]).toMatch(/^elasticsearch: is required/);
    const q = errorsOf(KibanaRolePayloadSchema, { elasticsearch: { indices: [{ names: ['a'], privileges: ['read'], query: { match_all: {} } }] } });
    expect(q[0]).toMatch(/^elasticsearch\.indices\[0\]\.query: must be a string .*Kibana accepts only strings/);
    const n = errorsOf(KibanaRolePayloadSchema, { elasticsearch: { indices: [{ names: 'a', privileges: ['read'] }] } });
    expect(n[0]).toMatch(/^elasticsearch\.indices\[0\]\.names: must be a list/);
  });
});

describe('has_privileges', () => {
  it('accepts a request and refuses an empty one', () => {
    expect(
      parseOrExplain(HasPrivilegesRequestSchema, {
        cluster: ['monitor'],
        index: [{ names: 'logs-*', privileges: ['read'], allow_restricted_indices: false }],
        application: [{ application: 'kibana-.kibana', privileges: ['feature_discover.read'], resources: ['space:default'] }],
      }).ok,
    ).toBe(true);
    expect(codesOf(HasPrivilegesRequestSchema, {})).toEqual(['HAS_PRIVILEGES_EMPTY']);
    expect(errorsOf(HasPrivilegesRequestSchema, { index: [{ names: ['a'] }] })[0]).toMatch(/^index\[0\]\.privileges: is required/);
  });

  it('parses a response and keeps unknown keys', () => {
    const resp = {
      username: 'jdoe',
      has_all_requested: false,
      cluster: { monitor: true },
      index: { 'logs-*': { read: true, write: false } },
      application: {},
      extra: 1,
    };
    expect(parseOrExplain(HasPrivilegesResponseSchema, resp)).toEqual({ ok: true, value: resp });
  });
});
