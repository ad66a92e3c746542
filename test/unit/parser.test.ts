import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CORPUS, type CorpusCase } from './parser-corpus.js';
import {
  BUILTIN_ROLE_NAMES,
  IDENTITY_PROVIDERS,
  KIBANA_APP_FEATURES,
  KIBANA_PRIVILEGE_FOR_LEVEL,
  MAX_REQUEST_LENGTH,
  REALM_TYPE_WORDS,
  describeRequest,
  parseRequest,
} from '../../src/planner/parser.js';
import type { ParseResult } from '../../src/planner/model.js';

const sorted = <T>(xs: readonly T[] | undefined): T[] => [...(xs ?? [])].sort();

function check(c: CorpusCase, r: ParseResult): void {
  const e = c.expect;
  const req = r.request;
  const who = req.who;
  expect(who.kind, 'who.kind').toBe(e.who.kind);
  if (e.who.username !== undefined) expect(who.username, 'who.username').toBe(e.who.username);
  if (e.who.email !== undefined) expect(who.email, 'who.email').toBe(e.who.email);
  if (e.who.full_name !== undefined) expect(who.full_name, 'who.full_name').toBe(e.who.full_name);
  if (e.who.groups !== undefined) expect(sorted(who.groups), 'who.groups').toEqual(sorted(e.who.groups));
  if (e.who.realmType !== undefined) expect(who.realm?.type, 'who.realm.type').toBe(e.who.realmType ?? undefined);
  if (e.who.realmName !== undefined) expect(who.realm?.name, 'who.realm.name').toBe(e.who.realmName);
  if (e.who.dn !== undefined) expect(who.dn, 'who.dn').toBe(e.who.dn);
  if (e.who.metadata !== undefined) expect(who.metadata, 'who.metadata').toEqual(e.who.metadata);

  if (e.action !== undefined) expect(req.action, 'action').toBe(e.action);
  if (e.additive !== undefined) expect(req.additive, 'additive').toBe(e.additive);
  if (e.indices !== undefined) expect(sorted(req.what.indices), 'indices').toEqual(sorted(e.indices));
  if (e.roles !== undefined) expect(sorted(req.what.roles), 'roles').toEqual(sorted(e.roles));
  if (e.cluster !== undefined) expect(sorted(req.what.cluster), 'cluster').toEqual(sorted(e.cluster));
  if (e.privileges === null) expect(req.privileges, 'privileges').toBeUndefined();
  else if (e.privileges !== undefined) {
    expect(sorted(req.privileges?.index), 'privileges.index').toEqual(sorted(e.privileges.index));
    expect(sorted(req.privileges?.cluster), 'privileges.cluster').toEqual(sorted(e.privileges.cluster));
  }
  if (e.level !== undefined) expect(req.level, 'level').toBe(e.level);
  if (e.kibana === null) expect(req.what.kibana, 'kibana').toBeUndefined();
  else if (e.kibana !== undefined) {
    const k = req.what.kibana;
    expect(k, 'kibana').toBeDefined();
    expect(Object.fromEntries((k?.features ?? []).map((f) => [f.feature, f.privilege])), 'kibana.features').toEqual(e.kibana.features);
    expect(sorted(k?.spaces), 'kibana.spaces').toEqual(sorted(e.kibana.spaces));
    expect(k?.base, 'kibana.base').toBe(e.kibana.base);
  }
  if (e.documents !== undefined) expect(req.scope.documents, 'scope.documents').toEqual(e.documents);
  if (e.fields === null) expect(req.scope.fields, 'scope.fields').toBeUndefined();
  else if (e.fields !== undefined) {
    expect(sorted(req.scope.fields?.grant), 'scope.fields.grant').toEqual(sorted(e.fields.grant));
    expect(sorted(req.scope.fields?.except), 'scope.fields.except').toEqual(sorted(e.fields.except));
  }
  if (e.deployment !== undefined) expect(req.deployment, 'deployment').toBe(e.deployment);
  if (e.roleName !== undefined) expect(req.roleName, 'roleName').toBe(e.roleName);
  const qFields = [...new Set(r.questions.map((q) => q.field))].sort();
  expect(qFields, `questions: ${JSON.stringify(r.questions)}`).toEqual(sorted(e.questions ?? []));
  for (const w of e.warnings ?? []) {
    expect(
      r.warnings.some((x) => x.toLowerCase().includes(w.toLowerCase())),
      `a warning containing "${w}" in ${JSON.stringify(r.warnings)}`,
    ).toBe(true);
  }
}

describe('parser corpus', () => {
  it('has at least 70 requests, all different', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(70);
    expect(new Set(CORPUS.map((c) => `${c.text}\u0000${c.deployment ?? ''}`)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c) => [c.topic, c] as const))('%s', (_topic, c) => {
    const r = parseRequest(c.text, c.deployment ? { deployment: c.deployment } : {});
    check(c, r);
  });
});

describe('parseRequest', () => {
  it('is deterministic and does not mutate between calls', () => {
    for (const c of CORPUS.slice(0, 20)) {
      const a = parseRequest(c.text);
      const b = parseRequest(c.text);
      expect(b).toEqual(a);
    }
  });

  it('returns a well-formed request for every corpus entry', () => {
    for (const c of CORPUS) {
      const { request, questions, warnings } = parseRequest(c.text);
      expect(Array.isArray(request.what.indices)).toBe(true);
      expect(['grant', 'revoke', 'disable', 'enable', 'delete']).toContain(request.action);
      expect(['read', 'write', 'manage', 'explicit', 'none']).toContain(request.level);
      for (const q of questions) {
        expect(q.field).toMatch(/^[a-z]+$/);
        expect(q.question.length).toBeGreaterThan(10);
      }
      for (const w of warnings) expect(typeof w).toBe('string');
      // index names are lower-case and never empty
      for (const i of request.what.indices) {
        expect(i).toBe(i.toLowerCase());
        expect(i.length).toBeGreaterThan(0);
      }
    }
  });

  it('a request with a question yields no guess for that field (grantee stays unknown, level is asked)', () => {
    const r = parseRequest('Give the finance team access to billing-*');
    expect(r.request.who.kind).toBe('unknown');
    expect(r.questions.find((q) => q.field === 'level')?.options).toEqual(['read', 'write', 'manage']);
  });

  it('uses opts.deployment when the text names none, and "unknown" otherwise', () => {
    expect(parseRequest('give joe read access to logs-*').request.deployment).toBe('unknown');
    expect(parseRequest('give joe read access to logs-*', { deployment: 'ech' }).request.deployment).toBe('ech');
    expect(parseRequest('give joe read access to logs-* on a self-managed cluster', { deployment: 'unknown' }).request.deployment).toBe('self-managed');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseRequest(s);
        expect(typeof describeRequest(r.request)).toBe('string');
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on word salad made of the words it knows', () => {
    const words = [
      'give', 'joe', 'read', 'write', 'manage', 'access', 'to', 'logs-*', 'the', 'SAML', 'group', 'sre', 'in', 'space', 'marketing',
      'where', 'department', 'is', 'HR', 'hide', 'ssn', 'fields', 'only', 'their', 'own', 'metadata', 'Discover', 'dashboards', 'role',
      'viewer', 'create', 'user', 'disable', 'revoke', 'delete', 'cn=a,dc=b', 'all', 'indices', 'and', ',', '(', ')', '"', "'", 'also',
      'on', 'serverless', 'with', 'view_index_metadata', 'monitor', 'cluster', 'privilege', 'realm', 'oidc1', 'alice@x.io', 'Kibana',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), (ws) => {
        const r = parseRequest(ws.join(' '));
        expect(r.request).toBeDefined();
        describeRequest(r.request);
      }),
      { numRuns: 500 },
    );
  });

  it('handles non-string input and very long input', () => {
    expect(() => parseRequest(undefined as unknown as string)).not.toThrow();
    expect(parseRequest(null as unknown as string).questions.map((q) => q.field)).toContain('who');
    const long = `Give joe read access to logs-* ${'and metrics-* '.repeat(2000)}`;
    const t0 = Date.now();
    const r = parseRequest(long);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.warnings.some((w) => w.includes(String(MAX_REQUEST_LENGTH)))).toBe(true);
  });

  it('stays fast on adversarial repetition', () => {
    const inputs = [
      'a, '.repeat(1500),
      'cn=a,'.repeat(700),
      'where x is y and '.repeat(200),
      '"'.repeat(3000),
      'the the the '.repeat(300),
      'hide a and b and '.repeat(200),
      `group ${'x, '.repeat(1000)}`,
    ];
    for (const s of inputs) {
      const t0 = Date.now();
      parseRequest(s);
      expect(Date.now() - t0, s.slice(0, 20)).toBeLessThan(1500);
    }
  });
});

describe('describeRequest', () => {
  it('gives one sentence for every corpus request', () => {
    for (const c of CORPUS) {
      const s = describeRequest(parseRequest(c.text).request);
      expect(s).toMatch(/^[A-Z].*\.$/);
      expect(s.split(/\.\s+[A-Z]/).length).toBe(1);
    }
  });

  it('names who, what and scope', () => {
    const s = describeRequest(
      parseRequest('Create a user hr_analyst who can only read hr-employees documents where department is HR and must never see the ssn and salary fields').request,
    );
    expect(s).toContain('hr_analyst');
    expect(s).toContain('read access to hr-employees');
    expect(s).toContain('department is HR');
    expect(s).toContain('ssn and salary');
  });

  it('describes actions', () => {
    expect(describeRequest(parseRequest('Disable joe').request)).toMatch(/^Disable user joe/);
    expect(describeRequest(parseRequest('Delete the user joe').request)).toMatch(/^Delete user joe/);
    expect(describeRequest(parseRequest('re-enable joe').request)).toMatch(/^Re-enable user joe/);
    expect(describeRequest(parseRequest("Take away alice's write access to logs-*").request)).toBe('Take away write access to logs-* from user alice.');
    expect(describeRequest(parseRequest('Give the SAML group sre read access to logs-* and Dashboards in all spaces').request)).toBe(
      'Give members of SAML group sre read access to logs-* and Kibana Dashboards (read) in all spaces.',
    );
  });
});

describe('exported tables', () => {
  it('Kibana features are 9.x ids, unique, each with a privilege per level', () => {
    const ids = KIBANA_APP_FEATURES.map((f) => f.feature);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['discover_v2', 'dashboard_v2', 'visualize_v2', 'maps', 'canvas', 'ml', 'dev_tools', 'logs', 'infrastructure', 'apm', 'uptime', 'stackAlerts']),
    );
    expect(KIBANA_PRIVILEGE_FOR_LEVEL).toMatchObject({ read: 'read', write: 'all', manage: 'all' });
  });

  it('every Kibana app name is recognised in a sentence', () => {
    for (const f of KIBANA_APP_FEATURES) {
      const r = parseRequest(`Let joe view the ${f.app} app in Kibana in the ops space`);
      expect(r.request.what.kibana?.features.map((x) => x.feature), f.app).toContain(f.feature);
    }
  });

  it('realm words and identity providers', () => {
    expect(REALM_TYPE_WORDS.map((w) => w.type)).toEqual(expect.arrayContaining(['saml', 'oidc', 'ldap', 'active_directory', 'pki', 'jwt', 'kerberos']));
    for (const p of IDENTITY_PROVIDERS) expect(p.protocols.length).toBeGreaterThan(0);
    expect(BUILTIN_ROLE_NAMES).toContain('superuser');
  });
});
