import type { estypes } from '@elastic/elasticsearch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateRoleMappings,
  explainRoleMappings,
  normalizeDn,
  parseRolesJson,
  type RoleMappingInput,
  type RoleMappingsInput,
  type RoleMappingUser,
} from '../../src/security/role-mapping.js';

const samlUser = (over: Partial<RoleMappingUser> = {}): RoleMappingUser => ({
  username: 'alice',
  groups: ['dev'],
  realm: { name: 'saml1', type: 'saml' },
  metadata: { saml_nameid: 'alice@example.com', 'saml(department)': ['eng', 'ops'] },
  ...over,
});

const ldapUser = (over: Partial<RoleMappingUser> = {}): RoleMappingUser => ({
  username: 'bob',
  dn: 'CN=Bob Smith, OU=People, DC=Example, DC=com',
  groups: ['cn=Admins,ou=Groups,dc=example,dc=com', 'cn=dev,ou=groups,dc=example,dc=com'],
  realm: { name: 'ldap1', type: 'ldap' },
  metadata: { ldap_dn: 'CN=Bob Smith, OU=People, DC=Example, DC=com', level: 3, active: true },
  ...over,
});

const mapping = (rules: unknown, over: Partial<RoleMappingInput> = {}): RoleMappingInput => ({ enabled: true, roles: ['r'], rules, ...over });

/** Does the single mapping `{rules}` match the user? (true/false, or 'unevaluable' / 'invalid'). */
function matchesRule(rules: unknown, user: RoleMappingUser): boolean | string {
  const e = explainRoleMappings({ m: mapping(rules) }, user).mappings[0];
  if (!e) throw new Error('no explanation');
  if (e.status === 'matched') return true;
  if (e.status === 'not-matched') return false;
  return e.status;
}

describe('normalizeDn: UnboundID 7.0.3 DN.toNormalizedString (values recorded from the real library)', () => {
  const cases: [string, string | null][] = [
    ['CN=Bob Smith, OU=People ,dc=Example,DC=com', 'cn=bob smith,ou=people,dc=example,dc=com'],
    ['cn = Bob   Smith ,ou=People', 'cn=bob smith,ou=people'],
    ['uid=a\\,b,dc=x', 'uid=a\\,b,dc=x'],
    ['uid=a\\2Cb,dc=x', 'uid=a\\,b,dc=x'],
    ['uid="a,b",dc=x', 'uid=a\\,b,dc=x'],
    ['cn=\\41\\42', 'cn=ab'],
    ['cn=\\c3\\a9t\\C3\\A9', 'cn=\\c3\\a9t\\c3\\a9'],
    ['cn=Été,dc=x', 'cn=\\c3\\a9t\\c3\\a9,dc=x'],
    ['cn=a+uid=B', 'cn=a+uid=b'],
    ['UID=B+cn=a', 'cn=a+uid=b'],
    ['cn=x+cn=X', 'cn=x'],
    ['cn=a;dc=x', 'cn=a,dc=x'],
    ['cn=#04026869', 'cn=hi'],
    ['cn=\\#1', 'cn=\\#1'],
    ['cn=\\ lead,dc=x', 'cn=lead,dc=x'],
    ['cn=trail\\ ,dc=x', 'cn=trail,dc=x'],
    ['cn=x\\;y\\+z\\<\\>\\=\\"', 'cn=x\\;y\\+z\\<\\>\\=\\"'],
    ['cn=1\\\\2', 'cn=1\\\\2'],
    ['cn=a=b', 'cn=a\\=b'],
    ['cn=😀', 'cn=\\f0\\9f\\98\\80'],
    ['cn=\\zz', 'cn=zz'],
    ['cn=', 'cn='],
    ['', ''],
    ['   ', ''],
    ['CN=Admins,OU=Groups,DC=EXAMPLE,DC=COM', 'cn=admins,ou=groups,dc=example,dc=com'],
    ['sre', null],
    ['Domain Admins', null],
    ['cn=a,', null],
    ['cn=a,,dc=b', null],
    ['=x', null],
    ['cn="a', null],
    ['cn=a"b"', null],
    ['cn=\\4', null],
  ];
  it.each(cases)('%j → %j', (dn, expected) => {
    expect(normalizeDn(dn)).toBe(expected);
  });
});

describe('DN and string predicates (outcomes recorded from Elasticsearch 9.5.3 FieldValue/DistinguishedNamePredicate)', () => {
  const bob = 'cn=Bob,ou=People,dc=Example,dc=com';
  // [user value is a DN field?, user value, rule value, Elasticsearch's answer]
  const cases: [boolean, string, string, boolean][] = [
    [true, bob, 'CN=bob, OU=people, DC=example, DC=com', true],
    [true, bob, '*,ou=people,dc=example,dc=com', true],
    [true, bob, '*,OU=People, DC=Example,DC=com', true],
    [true, bob, 'cn=bob,*', true],
    [true, bob, '*,dc=example,dc=*', true],
    [true, bob, '/cn=bob,.*/', true],
    [true, bob, '/CN=BOB,.*/', true],
    [true, 'cn=a\\,b,dc=x', 'cn=a\\2cb,dc=x', true],
    [true, 'cn=a\\,b,dc=x', 'CN="a,b",DC=X', true],
    [true, 'dc=example,dc=com', '*,dc=example,dc=com', false],
    [true, 'cn=x+uid=y,dc=c', 'UID=Y+CN=X,DC=C', true],
    [true, 'cn=Bob,dc=com', 'cn=bob,dc=com,dc=x', false],
    [true, 'sre', 'SRE', true],
    [true, 'sre', 's*', true],
    [true, 'sre', 's?e', false],
    [true, 'sre', '/S.E/', true],
    [false, 'sre', 'SRE', false],
    [false, 'sre', 's?e', false],
    [false, 'sre', 's?e*', true],
    [false, 'a*b', 'a\\*b', true],
    [false, 'axb', 'a\\*b', false],
  ];
  it.each(cases)('dn=%s %j vs %j → %s', (isDn, value, rule, expected) => {
    const user = isDn ? ldapUser({ dn: value }) : samlUser({ username: value });
    expect(matchesRule({ field: { [isDn ? 'dn' : 'username']: rule } }, user)).toBe(expected);
  });

  it('groups are matched as DNs when they are DNs, any group suffices', () => {
    const u = ldapUser();
    expect(matchesRule({ field: { groups: 'CN=admins, OU=groups, DC=example, DC=com' } }, u)).toBe(true);
    expect(matchesRule({ field: { groups: '*,ou=groups,dc=example,dc=com' } }, u)).toBe(true);
    expect(matchesRule({ field: { groups: 'cn=ops,ou=groups,dc=example,dc=com' } }, u)).toBe(false);
    // plain (SAML) group names: case-insensitive equality, wildcards
    expect(matchesRule({ field: { groups: 'DEV' } }, samlUser())).toBe(true);
    expect(matchesRule({ field: { groups: 'de*' } }, samlUser())).toBe(true);
    expect(matchesRule({ field: { groups: null } }, samlUser({ groups: [] }))).toBe(false);
  });
});

describe('rules', () => {
  const u = samlUser();

  it('field: string, list of values (any), wildcard and regex', () => {
    expect(matchesRule({ field: { username: 'alice' } }, u)).toBe(true);
    expect(matchesRule({ field: { username: 'Alice' } }, u)).toBe(false); // username is not a DN: case-sensitive
    expect(matchesRule({ field: { username: ['bob', 'alice'] } }, u)).toBe(true);
    expect(matchesRule({ field: { username: 'al*' } }, u)).toBe(true);
    expect(matchesRule({ field: { username: '/a.i.e/' } }, u)).toBe(true);
    expect(matchesRule({ field: { 'realm.name': 'saml*' } }, u)).toBe(true);
  });

  it('numbers, booleans and null; rule numbers are read as longs', () => {
    const l = ldapUser();
    expect(matchesRule({ field: { 'metadata.level': 3 } }, l)).toBe(true);
    expect(matchesRule({ field: { 'metadata.level': 3.9 } }, l)).toBe(true);
    expect(matchesRule({ field: { 'metadata.level': '3' } }, l)).toBe(false);
    expect(matchesRule({ field: { 'metadata.active': true } }, l)).toBe(true);
    expect(matchesRule({ field: { 'metadata.active': 'true' } }, l)).toBe(false);
    expect(matchesRule({ field: { dn: null } }, u)).toBe(true); // SAML user: no dn
    expect(matchesRule({ field: { dn: null } }, l)).toBe(false);
    expect(matchesRule({ field: { 'metadata.missing': null } }, u)).toBe(true);
    expect(matchesRule({ field: { 'metadata.fraction': 2 } }, samlUser({ metadata: { fraction: 2.5 } }))).toBe(false);
  });

  it('metadata: list values match on any element; keys are flat (a dotted key is taken literally)', () => {
    expect(matchesRule({ field: { 'metadata.saml(department)': 'ops' } }, u)).toBe(true);
    expect(matchesRule({ field: { 'metadata.saml(department)': 'hr' } }, u)).toBe(false);
    const m = samlUser({ metadata: { 'a.b': 'x', nested: ['n', ['deep']] } });
    expect(matchesRule({ field: { 'metadata.a.b': 'x' } }, m)).toBe(true);
    expect(matchesRule({ field: { 'metadata.nested': 'deep' } }, m)).toBe(true);
  });

  it('object-valued metadata makes Elasticsearch fail the whole resolution', () => {
    const r = evaluateRoleMappings({ m: mapping({ field: { username: 'alice' } }) }, samlUser({ metadata: { claims: { a: 1 } } }));
    expect(r.roles).toEqual([]);
    expect(r.failures[0]?.mapping).toBeNull();
    expect(r.failures[0]?.reason).toMatch(/metadata "claims" is an object/);
  });

  it('fields outside the model (realm.type, full_name, email, typos) only match null', () => {
    const user = samlUser({ full_name: 'Alice A', email: 'a@example.com' });
    for (const field of ['realm.type', 'full_name', 'email', 'group']) {
      expect(matchesRule({ field: { [field]: field === 'realm.type' ? 'saml' : '*' } }, user), field).toBe(false);
      expect(matchesRule({ field: { [field]: null } }, user), field).toBe(true);
    }
  });

  it('any / all / except, including empty lists', () => {
    const T = { field: { username: 'alice' } };
    const F = { field: { username: 'bob' } };
    expect(matchesRule({ any: [F, T] }, u)).toBe(true);
    expect(matchesRule({ any: [F, F] }, u)).toBe(false);
    expect(matchesRule({ all: [T, T] }, u)).toBe(true);
    expect(matchesRule({ all: [T, F] }, u)).toBe(false);
    expect(matchesRule({ all: [T, { except: F }] }, u)).toBe(true);
    expect(matchesRule({ all: [T, { except: T }] }, u)).toBe(false);
    expect(matchesRule({ all: [] }, u)).toBe(true);
    expect(matchesRule({ any: [] }, u)).toBe(false);
  });

  it('rejects what Elasticsearch rejects: except outside all, several keys, empty values, bad patterns', () => {
    const invalid: unknown[] = [
      { except: { field: { username: 'a' } } },
      { any: [{ except: { field: { username: 'a' } } }] },
      { all: [{ except: { except: { field: { username: 'a' } } } }] },
      { field: { username: 'a', groups: 'b' } },
      { field: { username: [] } },
      { field: { username: { a: 1 } } },
      { field: { username: [['a']] } },
      { field: {} },
      { any: { field: { username: 'a' } } },
      { nope: [] },
      {},
      { field: { username: '/abc*' } },
      { field: { username: '/[/' } },
    ];
    for (const rules of invalid) expect(matchesRule(rules, u), JSON.stringify(rules)).toBe('invalid');
    const r = evaluateRoleMappings({ bad: mapping({ except: { field: { username: 'a' } } }) }, u);
    expect(r.unevaluable[0]?.reason).toMatch(/^invalid role mapping \(Elasticsearch would reject it\): .*except/);
  });

  it('a rule value that cannot be read exactly is unknown, and Kleene logic still decides when it can', () => {
    const unknown = { field: { 'metadata.n': 2 ** 60 } };
    expect(matchesRule(unknown, u)).toBe('unevaluable');
    expect(matchesRule({ any: [unknown, { field: { username: 'alice' } }] }, u)).toBe(true);
    expect(matchesRule({ all: [unknown, { field: { username: 'bob' } }] }, u)).toBe(false);
    expect(matchesRule({ all: [{ except: unknown }] }, u)).toBe('unevaluable');
  });
});

describe('mappings: enabled, roles and templates', () => {
  const u = samlUser({ groups: ['dev', 'sre'] });

  it('unions the roles of matching enabled mappings; disabled ones are ignored but explained', () => {
    const mappings = {
      devs: mapping({ field: { groups: 'dev' } }, { roles: ['dev_role', 'viewer'] }),
      sres: mapping({ all: [{ field: { 'realm.name': 'saml1' } }, { field: { groups: 'sre' } }] }, { roles: ['sre_role', 'viewer'] }),
      off: mapping({ field: { groups: 'dev' } }, { enabled: false, roles: ['admin'] }),
      ops: mapping({ field: { groups: 'ops' } }, { roles: ['ops_role'] }),
    };
    const r = evaluateRoleMappings(mappings, u);
    expect(r.roles).toEqual(['dev_role', 'sre_role', 'viewer']);
    expect(r.matched.map((m) => m.mapping)).toEqual(['devs', 'sres']);
    expect(r.matched[0]?.via).toBe('field.groups: "dev" matched "dev"');
    expect(r.matched[1]?.via).toBe('all[0].field.realm.name: "saml1" matched "saml1"; all[1].field.groups: "sre" matched "sre"');
    const off = explainRoleMappings(mappings, u).mappings.find((m) => m.mapping === 'off');
    expect(off).toMatchObject({ status: 'disabled', rulesMatch: true, roles: ['admin'] });
  });

  it('explains the deciding rule path of a non-match', () => {
    const e = explainRoleMappings(
      { m: mapping({ all: [{ field: { 'realm.name': 'saml1' } }, { field: { groups: 'sre' } }] }) },
      samlUser({ groups: ['dev'] }),
    ).mappings[0];
    expect(e?.status).toBe('not-matched');
    expect(e?.deciding).toEqual(['all[1].field.groups: "sre" did not match any of [dev]']);
    expect(e?.trace?.children?.map((c) => c.outcome)).toEqual([true, false]);
    const any = explainRoleMappings({ m: mapping({ any: [{ field: { username: 'x' } }, { field: { dn: 'cn=x' } }] }) }, samlUser()).mappings[0];
    expect(any?.deciding).toEqual(['any[0].field.username: "x" did not match "alice"', 'any[1].field.dn: "cn=x" did not match (the user has no dn)']);
    const ex = explainRoleMappings({ m: mapping({ all: [{ except: { field: { groups: 'dev' } } }] }) }, samlUser()).mappings[0];
    expect(ex?.deciding).toEqual(['except(all[0].except.field.groups: "dev" matched "dev")']);
  });

  it('role templates: format string (default) and json, with the flat model and script params', () => {
    const templates = [
      { template: { source: '_user_{{username}}' } },
      { template: { source: '{{#tojson}}groups{{/tojson}}' }, format: 'json' },
      { template: { source: '{{realm.name}}-{{metadata.saml_nameid}}-{{suffix}}', params: { suffix: 's', username: 'ignored' } }, format: 'string' },
      // GET /_security/role_mapping returns the template as JSON text
      { template: '{"source":"[\\"x-{{username}}\\", null]"}', format: 'json' },
    ];
    const r = evaluateRoleMappings({ t: mapping({ field: { username: 'alice' } }, { roles: undefined, role_templates: templates }) }, u);
    expect(r.failures).toEqual([]);
    expect(r.unevaluable).toEqual([]);
    expect(r.roles).toEqual(['_user_alice', 'dev', 'saml1-alice@example.com-s', 'sre', 'x-alice']);
  });

  it('template values are JSON-escaped unless the content type is text/plain', () => {
    const user = samlUser({ username: 'a"b' });
    const run = (options?: Record<string, string>) =>
      evaluateRoleMappings({ t: mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { source: 'u_{{username}}', options } }] }) }, user).roles;
    expect(run()).toEqual(['u_a\\"b']);
    expect(run({ content_type: 'text/plain' })).toEqual(['u_a"b']);
  });

  it('unevaluable templates are reported with the reason, never dropped or guessed', () => {
    const r = evaluateRoleMappings(
      {
        stored: mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { id: 'my-script' } }] }),
        partial: mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { source: '{{>p}}' } }] }),
        fine: mapping({ all: [] }, { roles: ['fine'] }),
      },
      u,
    );
    expect(r.roles).toEqual(['fine']);
    expect(r.unevaluable.map((x) => x.mapping)).toEqual(['stored', 'partial']);
    expect(r.unevaluable[0]?.reason).toMatch(/stored script "my-script"/);
    expect(r.unevaluable[1]?.reason).toMatch(/partials/);
  });

  it('a failing template for a matching mapping fails role resolution; for a non-matching one it does not matter', () => {
    const bad = (rules: unknown) => mapping(rules, { roles: undefined, role_templates: [{ template: { source: 'not json' }, format: 'json' }] });
    const r = evaluateRoleMappings({ a: bad({ field: { username: 'alice' } }), b: mapping({ all: [] }, { roles: ['x'] }) }, u);
    expect(r.failures.map((f) => f.mapping)).toEqual(['a']);
    expect(r.failures[0]?.reason).toMatch(/not a JSON string or array of strings.*fails role resolution/);
    expect(evaluateRoleMappings({ a: bad({ field: { username: 'bob' } }) }, u).failures).toEqual([]);
    const oob = mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { source: '{{groups.7}}' } }] });
    expect(evaluateRoleMappings({ oob }, u).failures[0]?.reason).toMatch(/out of bounds/);
  });

  it('group order: answered only when every order gives the same roles', () => {
    const t = (source: string, format?: string) => mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { source }, format }] });
    const few = samlUser({ groups: ['a', 'b', 'c"q'] });
    const many = samlUser({ groups: ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8'] });
    // a set of names: any order gives the same roles (exhaustively for ≤5 groups, by placeholders beyond)
    expect(evaluateRoleMappings({ m: t('{{#tojson}}groups{{/tojson}}', 'json') }, many).roles).toEqual(many.groups);
    expect(evaluateRoleMappings({ m: t('[{{#groups}}"r-{{.}}",{{/groups}}"base"]', 'json') }, few).roles).toEqual(['base', 'r-a', 'r-b', 'r-c"q']);
    expect(evaluateRoleMappings({ m: t('[{{#groups}}"r-{{.}}",{{/groups}}"base"]', 'json') }, many).roles).toHaveLength(9);
    // one role name built from the order: unevaluable
    for (const user of [few, many]) {
      for (const src of ['{{#join}}groups{{/join}}', '{{groups.0}}']) {
        const r = evaluateRoleMappings({ m: t(src) }, user);
        expect(r.roles, src).toEqual([]);
        expect(r.unevaluable[0]?.reason, src).toMatch(/order of the user's groups/);
      }
    }
    // a single group has one order
    expect(evaluateRoleMappings({ m: t('{{#join}}groups{{/join}}') }, samlUser({ groups: ['only'] })).roles).toEqual(['only']);
  });

  it('accepts the GET /_security/role_mapping response as is', () => {
    const response: estypes.SecurityGetRoleMappingResponse = {
      m: { enabled: true, roles: ['r'], rules: { field: { username: 'alice' } }, metadata: {} },
    };
    const input: RoleMappingsInput = response;
    expect(evaluateRoleMappings(input, samlUser()).roles).toEqual(['r']);
  });

  it('rejects mappings Elasticsearch would not store', () => {
    const u1 = samlUser();
    const r = evaluateRoleMappings(
      {
        none: { enabled: true, rules: { all: [] } },
        both: { enabled: true, roles: ['a'], role_templates: [{ template: { source: 'b' } }], rules: { all: [] } },
        format: mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { source: 'b' }, format: 'yaml' }] }),
        syntax: mapping({ field: { username: 'nobody' } }, { roles: undefined, role_templates: [{ template: { source: '{{#a}}x' } }] }),
        // TemplateRoleName.validate executes the template with its own params only
        missing: mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { source: '{{username}}', options: { detect_missing_params: 'true' } } }] }),
        encoder: mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { source: 'x', options: { content_type: 'text/html' } } }] }),
        extra: mapping({ all: [] }, { roles: undefined, role_templates: [{ template: { source: 'x' }, extra: 1 } as never] }),
      },
      u1,
    );
    expect(r.unevaluable.map((x) => x.mapping)).toEqual(['none', 'both', 'format', 'syntax', 'missing', 'encoder', 'extra']);
    expect(r.unevaluable.every((x) => x.reason.startsWith('invalid role mapping (Elasticsearch would reject it)'))).toBe(true);
    expect(r.failures).toEqual([]);
  });
});

describe('parseRolesJson: TemplateRoleName.convertJsonToList (outcomes recorded from Elasticsearch 9.5.3)', () => {
  const cases: [string, string[] | null][] = [
    ['"admin"', ['admin']],
    ['  ["a", null, "b"] trailing ignored', ['a', 'b']],
    ['/* c */ ["x" // y\n]', ['x']],
    ['[]', []],
    ['["\\u0041\\n"]', ['A\n']],
    ['"x', null],
    ['["a",]', null],
    ['["a", 1]', null],
    ['{"a":"b"}', null],
    ['', null],
    ['superuser', null],
  ];
  it.each(cases)('%j', (text, expected) => {
    const r = parseRolesJson(text);
    expect('roles' in r ? r.roles : null).toEqual(expected);
  });
});

describe('rule algebra (property-based)', () => {
  const user = samlUser({ groups: ['g1', 'g2'], metadata: { n: 5, b: true } });
  // Leaves with a known truth value for `user`.
  const leaves: [unknown, boolean][] = [
    [{ field: { username: 'alice' } }, true],
    [{ field: { username: 'x' } }, false],
    [{ field: { groups: 'g*' } }, true],
    [{ field: { groups: ['h', 'G2'] } }, true],
    [{ field: { groups: 'h' } }, false],
    [{ field: { 'metadata.n': 5 } }, true],
    [{ field: { 'metadata.b': false } }, false],
    [{ field: { dn: null } }, true],
    [{ field: { 'realm.type': 'saml' } }, false],
  ];
  type Tree = { rule: unknown; value: boolean };
  const leaf: fc.Arbitrary<Tree> = fc.constantFrom(...leaves).map(([rule, value]) => ({ rule, value }));
  // `except` is only allowed directly inside `all`.
  const { tree } = fc.letrec<{ tree: Tree; allChild: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('tree'), { maxLength: 3 }).map((cs) => ({ rule: { any: cs.map((c) => c.rule) }, value: cs.some((c) => c.value) })),
      fc.array(tie('allChild'), { maxLength: 3 }).map((cs) => ({ rule: { all: cs.map((c) => c.rule) }, value: cs.every((c) => c.value) })),
    ),
    allChild: fc.oneof(tie('tree'), tie('tree').map((c) => ({ rule: { except: c.rule }, value: !c.value }))),
  }));

  it('any = some, all = every, except = not', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(matchesRule(t.rule, user)).toBe(t.value);
      }),
      { seed: 20240607, numRuns: 400 },
    );
  });

  it('De Morgan, identity and absorption laws hold', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const m = (r: unknown) => matchesRule(r, user);
        expect(m({ all: [{ except: { any: [a.rule, b.rule] } }] })).toBe(m({ all: [{ except: a.rule }, { except: b.rule }] }));
        expect(m({ any: [a.rule] })).toBe(m(a.rule));
        expect(m({ all: [a.rule] })).toBe(m(a.rule));
        expect(m({ all: [{ except: { all: [{ except: a.rule }] } }] })).toBe(m(a.rule));
        expect(m({ all: [a.rule, { except: a.rule }] })).toBe(false);
        expect(m({ any: [a.rule, { all: [a.rule, b.rule] }] })).toBe(m(a.rule));
      }),
      { seed: 424242, numRuns: 200 },
    );
  });
});
