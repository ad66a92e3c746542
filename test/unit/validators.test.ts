import { describe, expect, it } from 'vitest';
import {
  RESERVED_ROLE_NAMES,
  RESERVED_USERNAMES,
  applicationNameProblem,
  displayNameProblems,
  globNotCoveredWitness,
  isGenericRoleName,
  parseMustache,
  suggestDisplayName,
  validateDescription,
  validateDlsQuery,
  validateFieldSecurity,
  validateKibanaRole,
  validateRole,
  validateRoleMapping,
  validateRoleName,
  validateUser,
  validateUsername,
  type Issue,
  type ValidationResult,
} from '../../src/security/validators.js';

const codes = (issues: Issue[]) => issues.map((i) => i.code);
const find = (issues: Issue[], code: string) => issues.find((i) => i.code === code);

function expectActionable(r: ValidationResult): void {
  for (const i of [...r.errors, ...r.warnings]) {
    expect(i.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(i.path.length).toBeGreaterThan(0);
    expect(i.message.length).toBeGreaterThan(15);
  }
  for (const w of r.warnings) expect(w.suggestion, `${w.code} has a suggestion`).toBeTruthy();
}

const read = (names: string | string[], extra: Record<string, unknown> = {}) => ({ indices: [{ names, privileges: ['read'], ...extra }] });

describe('role names (Elasticsearch rules)', () => {
  it('accepts a conventional name with no issues', () => {
    expect(validateRoleName('logs-reader')).toEqual({ errors: [], warnings: [] });
  });

  it.each([
    ['', 'is empty'],
    [' logs-reader', 'leading or trailing space'],
    ['logs-reader ', 'leading or trailing space'],
    ['héllo', 'outside printable Basic Latin'],
    ['tab\there', 'control character'],
    ['x'.repeat(508), '508 characters long (the maximum is 507)'],
  ])('refuses %j', (name, why) => {
    const r = validateRoleName(name);
    expect(codes(r.errors)).toEqual(['ROLE_NAME_INVALID']);
    expect(r.errors[0]?.message).toContain(why);
    expect(r.errors[0]?.message).toContain('1 to 507 characters of printable Basic Latin');
    expect(r.errors[0]?.path).toBe('name');
  });

  it('accepts 507 characters and punctuation as Elasticsearch does (convention is a warning)', () => {
    expect(validateRoleName('x'.repeat(507)).errors).toEqual([]);
    const r = validateRoleName('Logs_Reader (EU)');
    expect(r.errors).toEqual([]);
    expect(find(r.warnings, 'ROLE_NAME_CONVENTION')?.suggestion).toBe('use "logs-reader-eu"');
  });

  it('can make the convention an error, and explains a leading underscore', () => {
    expect(codes(validateRoleName('logs_reader', { convention: 'error' }).errors)).toEqual(['ROLE_NAME_CONVENTION']);
    expect(validateRoleName('logs_reader', { convention: 'off' })).toEqual({ errors: [], warnings: [] });
    expect(find(validateRoleName('_logs').warnings, 'ROLE_NAME_CONVENTION')?.message).toContain('internal roles');
  });

  it('exports the 29 reserved roles of ES 9.5.3 and refuses each', () => {
    expect(RESERVED_ROLE_NAMES).toHaveLength(29);
    for (const r of ['superuser', 'viewer', 'editor', 'kibana_admin', 'kibana_system', 'monitoring_user', 'remote_monitoring_agent', 'inference_admin']) {
      expect(RESERVED_ROLE_NAMES).toContain(r);
    }
    for (const name of RESERVED_ROLE_NAMES) {
      const r = validateRoleName(name);
      expect(codes(r.errors)).toEqual(['ROLE_RESERVED']);
      expect(r.errors[0]?.suggestion).toContain('assign the built-in role');
    }
    expect(codes(validateRoleName('_system').errors)).toEqual(['ROLE_RESERVED']);
  });

  it.each(['custom-role', 'new-role', 'test', 'role1', 'my-role', 'admin-role', 'role', 'test-role-2', 'my_new_role', 'Custom Role'])('refuses the generic name %j', (name) => {
    const r = validateRoleName(name);
    expect(codes(r.errors)).toEqual(['ROLE_NAME_GENERIC']);
    expect(r.errors[0]?.suggestion).toContain('logs-reader');
  });

  it('accepts names with a specific word', () => {
    for (const n of ['logs-admin', 'audit-reader', 'test-results-reader', 'sre-metrics-writer']) expect(isGenericRoleName(n)).toBe(false);
  });
});

describe('usernames', () => {
  it('refuses reserved and internal users', () => {
    for (const u of RESERVED_USERNAMES) expect(codes(validateUsername(u).errors)).toEqual(['USERNAME_RESERVED']);
    expect(RESERVED_USERNAMES).toEqual(['elastic', 'kibana', 'kibana_system', 'logstash_system', 'beats_system', 'apm_system', 'remote_monitoring_user']);
    expect(find(validateUsername('_system').errors, 'USERNAME_RESERVED')?.suggestion).toBe('use "system"');
  });

  it('applies the Elasticsearch name rule', () => {
    expect(validateUsername('jane.doe@example.com')).toEqual({ errors: [], warnings: [] });
    expect(codes(validateUsername(' jdoe').errors)).toEqual(['USERNAME_INVALID']);
    expect(codes(validateUsername('u'.repeat(508)).errors)).toEqual(['USERNAME_INVALID']);
    expect(codes(validateUsername(42).errors)).toEqual(['USERNAME_INVALID']);
  });
});

describe('descriptions are display names', () => {
  it.each(['Logs Reader', 'Logs and Metrics Reader', 'ML Jobs Viewer', 'SRE On-Call Writer', 'iOS Crash Reports Reader', 'Audit Reader (EU)'])('accepts %j', (d) => {
    expect(validateDescription(d)).toEqual({ errors: [], warnings: [] });
  });

  it('refuses a sentence and suggests a display name', () => {
    const r = validateDescription('This role allows reading logs.');
    expect(codes(r.errors)).toEqual(['DESCRIPTION_NOT_DISPLAY_NAME']);
    expect(r.errors[0]?.suggestion).toBe('use "Logs Reader"');
    expect(r.errors[0]?.message).toContain('ends with punctuation');
    expect(r.errors[0]?.message).toContain('Title Case');
  });

  it.each([
    ['Grants read access to the audit indices', 'Audit Reader'],
    ['Allows users to write orders', 'Orders Writer'],
    ['Used for managing ILM policies.', 'ILM Policies Manager'],
    ['lets the SOC view alerts', 'Alerts Viewer'],
  ])('suggests a name for %j', (text, name) => {
    expect(suggestDisplayName(text)).toBe(name);
  });

  it('falls back to the role name', () => {
    const r = validateDescription('stuff for the team', 'billing-reader');
    expect(r.errors[0]?.suggestion).toBe('use "Billing Reader"');
  });

  it('explains each problem', () => {
    expect(displayNameProblems('Logs Reader.')).toEqual(['it ends with punctuation']);
    expect(displayNameProblems('logs reader')[0]).toContain('not every word is capitalised');
    expect(displayNameProblems('A'.repeat(61))[0]).toContain('61 characters long (at most 60)');
    expect(displayNameProblems('Reads Logs. Writes Metrics')).toContain('it has more than one sentence');
  });
});

describe('field-level security (FieldPermissions semantics)', () => {
  const at = ['indices', 0, 'field_security'];

  it('refuses except entries grant does not cover, like Elasticsearch', () => {
    const r = validateFieldSecurity({ grant: ['f1', 'f2'], except: ['f3'] }, at);
    expect(codes(r.errors)).toEqual(['FLS_EXCEPT_NOT_IN_GRANT']);
    const e = r.errors[0] as Issue;
    expect(e.path).toBe('indices[0].field_security.except[0]');
    expect(e.message).toContain('Exceptions for field permissions must be a subset of the granted fields');
    expect(e.message).toContain('field "f3"');
    expect(e.suggestion).toContain('remove "f3" from except');
  });

  // Each case was checked against FieldPermissions of the Elasticsearch 9.5.3 jar.
  it.each([
    [['field*'], ['field1'], true],
    [['field*'], ['_id'], true],
    [['field*'], ['_field3'], true],
    [['f1'], ['_x*'], true],
    [['*'], ['_id'], true],
    [['*'], ['*'], true],
    [['a.*'], ['a.b'], true],
    [['a*'], ['a*b'], true],
    [['a?'], ['ab'], true],
    [['a*'], ['*'], false],
    [['a'], ['*_x'], false],
    [['a.b'], ['a.*'], false],
    [['f1', 'f2'], ['f3'], false],
  ])('grant %j except %j → valid: %s', (grant, except, ok) => {
    expect(validateFieldSecurity({ grant, except }).errors.length === 0).toBe(ok);
  });

  it('needs a grant when there is an except, and a non-empty one', () => {
    expect(codes(validateFieldSecurity({ except: ['a'] }).errors)).toEqual(['FLS_GRANT_REQUIRED']);
    expect(codes(validateFieldSecurity({ grant: [], except: ['a'] }).errors)).toEqual(['FLS_GRANT_EMPTY']);
    expect(codes(validateFieldSecurity({ grant: [] }).warnings)).toEqual(['FLS_GRANT_EMPTY']);
  });

  it('warns when nothing is restricted or nothing stays visible', () => {
    expect(codes(validateFieldSecurity({ grant: ['*'] }).warnings)).toEqual(['FLS_NO_RESTRICTION']);
    expect(codes(validateFieldSecurity({ grant: ['a', 'b'], except: ['a', 'b'] }).warnings)).toEqual(['FLS_NOTHING_VISIBLE']);
    expect(codes(validateFieldSecurity({ grant: ['/a.*/'], except: ['ab'] }).warnings)).toEqual(['FLS_PATTERN_UNCHECKED']);
  });

  it('finds witnesses exactly', () => {
    expect(globNotCoveredWitness('a*', ['a*b'])).toBe('a');
    expect(globNotCoveredWitness('a*b', ['a*'])).toBeUndefined();
    expect(globNotCoveredWitness('*', ['a*', '_*'])).toBe('');
    expect(globNotCoveredWitness('ab?', ['ab', 'abc'])).toMatch(/^ab.$/);
    expect(globNotCoveredWitness('user.*', ['user.name', 'user.*.x', 'user.?*'])).toBe('user.');
    expect(globNotCoveredWitness('user.*', ['user.name', 'user.?*', 'user.'])).toBeUndefined();
    expect(globNotCoveredWitness('a\\*', ['a*'])).toBeUndefined();
  });
});

describe('document-level security', () => {
  it('accepts query strings, objects and templates', () => {
    expect(validateDlsQuery('{"term": {"team": "sre"}}')).toEqual({ errors: [], warnings: [] });
    expect(validateDlsQuery({ bool: { filter: [{ term: { team: 'sre' } }, { range: { level: { lte: 3 } } }] } })).toEqual({ errors: [], warnings: [] });
    expect(validateDlsQuery({ template: { source: { term: { owner: '{{_user.username}}' } } } })).toEqual({ errors: [], warnings: [] });
    expect(
      validateDlsQuery({ template: { source: '{"terms": {"acl.groups": {{#toJson}}_user.roles{{/toJson}}}}' } }),
    ).toEqual({ errors: [], warnings: [] });
    expect(validateDlsQuery({ template: { source: { term: { dept: '{{_user.metadata.department}}' } } } }).warnings).toEqual([]);
  });

  it('refuses strings that are not one JSON object', () => {
    expect(codes(validateDlsQuery('{"term": ').errors)).toEqual(['DLS_INVALID_QUERY']);
    expect(validateDlsQuery('{"term": ').errors[0]?.message).toContain('not valid JSON');
    expect(codes(validateDlsQuery('[{"term": {}}]').errors)).toEqual(['DLS_INVALID_QUERY']);
    expect(codes(validateDlsQuery('   ').errors)).toEqual(['DLS_INVALID_QUERY']);
  });

  it('needs exactly one top-level query type', () => {
    const r = validateDlsQuery({ term: { a: 1 }, range: { b: { gte: 1 } } }, ['indices', 0, 'query']);
    expect(codes(r.errors)).toEqual(['DLS_INVALID_QUERY']);
    expect(r.errors[0]?.path).toBe('indices[0].query');
    expect(r.errors[0]?.message).toContain('exactly one query type');
    expect(r.errors[0]?.suggestion).toContain('{"bool": {"filter": [');
    expect(codes(validateDlsQuery({}).errors)).toEqual(['DLS_INVALID_QUERY']);
    expect(codes(validateDlsQuery({ term: 'x' }).errors)).toEqual(['DLS_INVALID_QUERY']);
  });

  it('warns on unknown query types with a suggestion', () => {
    const r = validateDlsQuery({ trem: { a: 1 } });
    expect(codes(r.warnings)).toEqual(['DLS_UNKNOWN_QUERY_TYPE']);
    expect(r.warnings[0]?.suggestion).toBe('did you mean "term"?');
  });

  it('refuses query types Elasticsearch refuses in role queries, also nested', () => {
    expect(codes(validateDlsQuery({ has_child: { type: 'x', query: { match_all: {} } } }).errors)).toEqual(['DLS_UNSUPPORTED_QUERY']);
    expect(codes(validateDlsQuery({ percolate: { field: 'q' } }).errors)).toEqual(['DLS_UNSUPPORTED_QUERY']);
    const nested = validateDlsQuery({ bool: { must: { constant_score: { filter: { has_parent: { parent_type: 'p', query: {} } } } } } });
    expect(nested.errors[0]?.path).toBe('query.bool.must.constant_score.filter.has_parent');
    const lookup = validateDlsQuery({ bool: { filter: [{ terms: { user: { index: 'acl', id: '1', path: 'users' } } }] } });
    expect(codes(lookup.errors)).toEqual(['DLS_UNSUPPORTED_QUERY']);
    expect(lookup.errors[0]?.path).toBe('query.bool.filter[0].terms');
    expect(codes(validateDlsQuery({ geo_shape: { loc: { indexed_shape: { index: 's', id: '1' } } } }).errors)).toEqual(['DLS_UNSUPPORTED_QUERY']);
    expect(validateDlsQuery({ terms: { user: ['a', 'b'], boost: 1 } }).errors).toEqual([]);
  });

  it('reports broken Mustache', () => {
    const unclosedSection = validateDlsQuery({ template: { source: '{"terms": {"g": {{#toJson}}_user.roles}}}' } });
    expect(codes(unclosedSection.errors)).toContain('MUSTACHE_SYNTAX');
    expect(unclosedSection.errors[0]?.message).toContain('{{#toJson}}');
    expect(unclosedSection.errors[0]?.message).toContain('never closed');
    const mismatched = validateDlsQuery({ template: { source: { term: { a: '{{#x}}{{/y}}' } }, params: { x: 1 } } });
    expect(mismatched.errors[0]?.message).toContain('does not match the open section {{#x}}');
    expect(mismatched.errors[0]?.path).toBe('query.template.source.term.a');
    const unclosedTag = validateDlsQuery({ template: { source: { term: { owner: '{{_user.username' } } } });
    expect(unclosedTag.errors[0]?.message).toContain('never closed: add "}}"');
    const stray = validateDlsQuery('{"template": {"source": "{\\"term\\": {\\"a\\": \\"{{/x}}\\"}}"}}');
    expect(stray.errors[0]?.message).toContain('has no opening {{#x}}');
  });

  it('warns about _user fields Elasticsearch does not provide', () => {
    const realm = validateDlsQuery({ template: { source: { term: { realm: '{{_user.realm.name}}' } } } });
    expect(codes(realm.warnings)).toEqual(['MUSTACHE_USER_FIELD_UNAVAILABLE']);
    const typo = validateDlsQuery({ template: { source: { term: { owner: '{{_user.usrname}}' } } } });
    expect(codes(typo.warnings)).toEqual(['MUSTACHE_UNKNOWN_VARIABLE']);
    expect(typo.warnings[0]?.suggestion).toBe('did you mean {{_user.username}}?');
    const param = validateDlsQuery({ template: { source: { term: { owner: '{{owner}}' } } } });
    expect(codes(param.warnings)).toEqual(['MUSTACHE_UNKNOWN_VARIABLE']);
    expect(validateDlsQuery({ template: { source: { term: { owner: '{{owner}}' } }, params: { owner: 'x' } } }).warnings).toEqual([]);
  });

  it('checks template strings as JSON once the tags are filled', () => {
    const r = validateDlsQuery({ template: { source: '{"term": {"owner": "{{_user.username}}"}' } });
    expect(codes(r.warnings)).toEqual(['DLS_TEMPLATE_NOT_JSON']);
    const hasChild = validateDlsQuery({ template: { source: '{"has_child": {"type": "c", "query": {"term": {"u": "{{_user.username}}"}}}}' } });
    expect(codes(hasChild.warnings)).toEqual(['DLS_UNSUPPORTED_QUERY']);
  });

  it('cannot check stored templates and says so', () => {
    expect(codes(validateDlsQuery({ template: { id: 'dls-owner' } }).warnings)).toEqual(['DLS_TEMPLATE_UNCHECKED']);
  });

  it('validates templates inside query strings (the Kibana form)', () => {
    const r = validateDlsQuery('{"template": {"source": {"term": {"owner": "{{_user.usrname}}"}}}}');
    expect(codes(r.warnings)).toEqual(['MUSTACHE_UNKNOWN_VARIABLE']);
    const bad = validateDlsQuery('{"template": {"params": {}}}');
    expect(codes(bad.errors)).toEqual(['TEMPLATE_SOURCE_MISSING']);
    expect(bad.errors[0]?.path).toBe('query.template');
  });
});

describe('parseMustache', () => {
  it('collects variables, including function bodies', () => {
    const p = parseMustache('{{#toJson}}_user.roles{{/toJson}} {{{_user.email}}} {{&_user.full_name}} {{! note }} {{^_user.roles}}none{{/_user.roles}}');
    expect(p.errors).toEqual([]);
    expect(p.variables.map((v) => v.name)).toEqual(['_user.roles', '_user.email', '_user.full_name', '_user.roles']);
  });

  it('refuses partials, delimiter changes and empty tags', () => {
    expect(parseMustache('{{> header}}').errors[0]?.message).toContain('cannot include partials');
    expect(parseMustache('{{=<% %>=}}').errors[0]?.message).toContain('delimiter change');
    expect(parseMustache('{{ }}').errors[0]?.message).toContain('empty tag');
  });

  it('ignores JSON braces', () => {
    expect(parseMustache('{"bool": {"filter": [{"term": {"a": "{{x}}"}}]}}').errors).toEqual([]);
  });
});

describe('application names (ApplicationPrivilege.validateApplicationName)', () => {
  it.each([
    ['myapp', true],
    ['*', true],
    ['my_app*', true],
    ['myApp-admin', true],
    ['a', false],
    ['Myapp', false],
    ['my-app', false],
    ['my*app', false],
    ['myapp-a/b', false],
  ])('%j valid: %s', (name, ok) => {
    expect(applicationNameProblem(name) === undefined).toBe(ok);
  });
});

describe('validateRole', () => {
  it('accepts a least-privilege role with no issues', () => {
    const r = validateRole('logs-reader', {
      description: 'Logs Reader',
      cluster: ['monitor'],
      indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'], field_security: { grant: ['*'], except: ['user.email'] } }],
    });
    expect(r).toEqual({ errors: [], warnings: [] });
  });

  it('reports schema problems with paths and stops', () => {
    const r = validateRole('logs-reader', { indices: [{ names: ['logs-*'] }], clusterr: [] });
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['ROLE_SCHEMA_INVALID', 'indices[0].privileges'],
      ['ROLE_SCHEMA_INVALID', 'clusterr'],
    ]);
    expect(r.errors[1]?.message).toContain('did you mean "cluster"');
    expect(codes(validateRole('logs-reader', { metadata: { _owner: 'x' } }).errors)).toEqual(['METADATA_RESERVED_KEY']);
    expect(codes(validateRole('logs-reader', read('a', { field_security: { except: ['x'] } })).errors)).toEqual(['FLS_GRANT_REQUIRED']);
  });

  it('reports name, description, FLS and DLS problems together', () => {
    const r = validateRole('my-role', {
      description: 'This role allows reading logs.',
      indices: [{ names: ['logs-*'], privileges: ['read'], field_security: { grant: ['message'], except: ['user.*'] }, query: '{"term": {}, "match": {}}' }],
    });
    expect(codes(r.errors)).toEqual(['ROLE_NAME_GENERIC', 'DESCRIPTION_NOT_DISPLAY_NAME', 'FLS_EXCEPT_NOT_IN_GRANT', 'DLS_INVALID_QUERY']);
    expect(r.errors.map((e) => e.path)).toEqual(['name', 'description', 'indices[0].field_security.except[0]', 'indices[0].query']);
    expect(find(r.errors, 'DESCRIPTION_NOT_DISPLAY_NAME')?.suggestion).toBe('use "Logs Reader"');
  });

  it('refuses unknown privilege names with suggestions', () => {
    const r = validateRole('logs-reader', { cluster: ['monitor', 'monitr'], indices: [{ names: ['logs-*'], privileges: ['read', 'reed'] }] });
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['PRIVILEGE_UNKNOWN', 'cluster[1]'],
      ['PRIVILEGE_UNKNOWN', 'indices[0].privileges[1]'],
    ]);
    expect(r.errors[0]?.suggestion).toContain('"monitor"');
    expect(r.errors[1]?.suggestion).toContain('"read"');
  });

  it('lints broad cluster and index access', () => {
    const r = validateRole('ops-admin', {
      cluster: ['all', 'manage', 'manage_security', 'manage_api_key'],
      indices: [
        { names: ['*'], privileges: ['all'], allow_restricted_indices: true },
        { names: ['*-*'], privileges: ['write'] },
        { names: ['.kibana*'], privileges: ['read'] },
        { names: ['logs-*'], privileges: ['manage', 'write'] },
      ],
      run_as: ['*'],
    });
    expect(r.errors).toEqual([]);
    expect(new Set(codes(r.warnings))).toEqual(
      new Set([
        'LINT_CLUSTER_ALL',
        'LINT_CLUSTER_MANAGE',
        'LINT_CLUSTER_MANAGE_SECURITY',
        'LINT_CLUSTER_MANAGE_API_KEY',
        'LINT_INDEX_ALL',
        'LINT_BROAD_INDEX_PATTERN',
        'LINT_BROAD_WRITE',
        'LINT_SYSTEM_INDEX_PATTERN',
        'LINT_RESTRICTED_INDICES',
        'LINT_INDEX_MANAGE',
        'LINT_RUN_AS_ALL',
        'LINT_SUPERUSER_EQUIVALENT',
      ]),
    );
    expect(r.warnings.filter((w) => w.code === 'LINT_BROAD_WRITE').map((w) => w.path)).toEqual(['indices[0].names[0]', 'indices[1].names[0]']);
    expectActionable(r);
  });

  it('does not flag write on a specific pattern as broad', () => {
    const r = validateRole('orders-writer', { indices: [{ names: ['orders-*'], privileges: ['write', 'create_index'] }] });
    expect(r).toEqual({ errors: [], warnings: [] });
  });

  it('checks remote indices and applications', () => {
    const r = validateRole('logs-reader', {
      remote_indices: [{ clusters: ['*'], names: ['logs-*'], privileges: ['read', 'raed'] }],
      applications: [
        { application: 'a', privileges: ['read'], resources: ['*'] },
        { application: 'kibana-.kibana', privileges: ['all'], resources: ['*'] },
      ],
    });
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['PRIVILEGE_UNKNOWN', 'remote_indices[0].privileges[1]'],
      ['APPLICATION_NAME_INVALID', 'applications[0].application'],
    ]);
    expect(codes(r.warnings)).toEqual(['LINT_BROAD_REMOTE_CLUSTERS', 'LINT_KIBANA_APPLICATION']);
  });

  it('does not look privilege names up on Object.prototype', () => {
    const r = validateRole('logs-reader', { cluster: ['constructor', 'toString'] });
    expect(codes(r.errors)).toEqual(['PRIVILEGE_UNKNOWN', 'PRIVILEGE_UNKNOWN']);
    expect(r.warnings).toEqual([]);
  });

  it('warns about an empty role', () => {
    expect(codes(validateRole('logs-reader', {}).warnings)).toEqual(['ROLE_EMPTY']);
  });
});

describe('validateUser', () => {
  it('accepts a user and lints superuser and weak passwords without echoing them', () => {
    expect(validateUser({ username: 'jdoe', roles: ['logs-reader'], password: 'Aa1-aaaaaaaaaaaaaaa' })).toEqual({ errors: [], warnings: [] });
    const secret = 'password1';
    const r = validateUser({ username: 'jdoe', roles: ['superuser'], password: secret });
    expect(codes(r.warnings)).toEqual(['LINT_SUPERUSER_ASSIGNMENT', 'PASSWORD_WEAK']);
    expect(JSON.stringify(r)).not.toContain(secret);
    expectActionable(r);
  });

  it('refuses reserved usernames and schema problems', () => {
    expect(codes(validateUser({ username: 'elastic', roles: [] }).errors)).toEqual(['USERNAME_RESERVED']);
    const r = validateUser({ username: 'jdoe', roles: [], passwd: 'x' });
    expect(r.errors[0]).toMatchObject({ code: 'USER_SCHEMA_INVALID', path: 'passwd' });
    expect(JSON.stringify(r)).not.toMatch(/"x"/);
  });
});

describe('validateRoleMapping', () => {
  it('accepts a mapping and lints wide ones', () => {
    expect(validateRoleMapping('ldap-sre', { roles: ['logs-reader'], enabled: true, rules: { field: { groups: 'cn=sre,dc=example,dc=com' } } })).toEqual({
      errors: [],
      warnings: [],
    });
    const wide = validateRoleMapping('everyone', { roles: ['superuser'], enabled: true, rules: { field: { username: '*' } } });
    expect(codes(wide.warnings)).toEqual(['LINT_SUPERUSER_ASSIGNMENT', 'LINT_MAPPING_MATCHES_ALL']);
    expectActionable(wide);
  });

  it('checks templates and names', () => {
    const r = validateRoleMapping('x-read-only-operator-mapping', {
      role_templates: [{ template: { source: '{{#groups}}{{.}}' }, format: 'json' }, { template: { source: '{{usr}}-reader' } }],
      enabled: true,
      rules: { field: { 'realm.name': 'saml1' } },
    });
    expect(codes(r.errors)).toEqual(['ROLE_MAPPING_NAME_INVALID', 'MUSTACHE_SYNTAX']);
    expect(codes(r.warnings)).toEqual(['MUSTACHE_UNKNOWN_VARIABLE']);
  });

  it('reports rule problems with their paths', () => {
    const r = validateRoleMapping('m', { roles: ['a'], enabled: true, rules: { any: [{ except: { field: { username: 'x' } } }] } });
    expect(r.errors[0]).toMatchObject({ code: 'ROLE_MAPPING_RULE_INVALID', path: 'rules.any[0].except' });
  });
});

describe('validateKibanaRole', () => {
  it('runs Kibana rules, then the role checks on the elasticsearch part', () => {
    const r = validateKibanaRole('logs-viewer', {
      description: 'Logs Viewer',
      elasticsearch: { indices: [{ names: ['logs-*'], privileges: ['read'], query: '{"trem": {}}', field_security: { grant: ['a'], except: ['b'] } }] },
      kibana: [{ base: ['all'], spaces: ['*'] }],
    });
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([['FLS_EXCEPT_NOT_IN_GRANT', 'elasticsearch.indices[0].field_security.except[0]']]);
    expect(r.warnings.map((e) => [e.code, e.path])).toEqual([
      ['DLS_UNKNOWN_QUERY_TYPE', 'elasticsearch.indices[0].query.trem'],
      ['LINT_KIBANA_ALL', 'kibana[0].base'],
    ]);
  });

  it('reports Kibana schema problems', () => {
    const r = validateKibanaRole('logs-viewer', { elasticsearch: {}, kibana: [{ base: ['read'], feature: { discover_v2: ['read'] }, spaces: ['*', 'x'] }] });
    expect(codes(r.errors)).toEqual(['KIBANA_SPACES_MIXED', 'KIBANA_BASE_AND_FEATURE']);
  });

  it('does not call a Kibana-only role empty', () => {
    expect(validateKibanaRole('dashboard-viewer', { elasticsearch: {}, kibana: [{ feature: { dashboard_v2: ['read'] }, spaces: ['default'] }] })).toEqual({
      errors: [],
      warnings: [],
    });
  });
});
