import { describe, expect, it } from 'vitest';
import {
  EvaluationError,
  effectiveSecurity,
  explain,
  fieldVisible,
  hasPrivileges,
  type NamedRole,
  type RoleDescriptor,
} from '../../src/security/evaluator.js';

const role = (name: string, descriptor: RoleDescriptor): NamedRole => ({ name, descriptor });
const reader = (name: string, names: string[], extra: Partial<RoleDescriptor['indices'] extends (infer E)[] | undefined ? E : never> = {}) =>
  role(name, { indices: [{ names, privileges: ['read'], ...extra }] });

describe('hasPrivileges: index', () => {
  it('answers in Elasticsearch response shape', () => {
    const r = hasPrivileges([reader('logs-reader', ['logs-*'])], { index: [{ names: ['logs-app-1'], privileges: ['read', 'write'] }] });
    expect(r).toEqual({ has_all_requested: false, cluster: {}, index: { 'logs-app-1': { read: true, write: false } }, application: {} });
  });

  it('handles overlapping patterns: a pattern must be covered by one group', () => {
    const roles = [reader('a', ['logs-*']), role('b', { indices: [{ names: ['logs-app-*'], privileges: ['write'] }] })];
    const r = hasPrivileges(roles, {
      index: [{ names: ['logs-app-1', 'logs-*', 'logs-app-*', 'logs-web-1'], privileges: ['read', 'write'] }],
    });
    expect(r.index['logs-app-1']).toEqual({ read: true, write: true });
    expect(r.index['logs-app-*']).toEqual({ read: true, write: true });
    expect(r.index['logs-*']).toEqual({ read: true, write: false });
    expect(r.index['logs-web-1']).toEqual({ read: true, write: false });
  });

  it('needs one group to cover the whole requested pattern', () => {
    const roles = [reader('a', ['logs-a*']), reader('b', ['logs-b*'])];
    const r = hasPrivileges(roles, { index: [{ names: ['logs-*', 'logs-ab'], privileges: ['read'] }] });
    expect(r.index['logs-*']).toEqual({ read: false });
    expect(r.index['logs-ab']).toEqual({ read: true });
  });

  it('merges entries with the same names across roles (privileges unioned)', () => {
    const roles = [reader('a', ['x-*']), role('b', { indices: [{ names: ['x-*'], privileges: ['view_index_metadata'] }] })];
    const r = hasPrivileges(roles, { index: [{ names: ['x-1'], privileges: ['read', 'view_index_metadata', 'write'] }] });
    expect(r.index['x-1']).toEqual({ read: true, view_index_metadata: true, write: false });
  });

  it('all implies every named privilege, manage does not imply read', () => {
    const r = hasPrivileges([role('a', { indices: [{ names: ['a'], privileges: ['all'] }, { names: ['m'], privileges: ['manage'] }] })], {
      index: [
        { names: ['a'], privileges: ['read', 'write', 'manage', 'delete_index', 'create_doc'] },
        { names: ['m'], privileges: ['read', 'monitor', 'manage'] },
      ],
    });
    expect(r.index.a).toEqual({ read: true, write: true, manage: true, delete_index: true, create_doc: true });
    expect(r.index.m).toEqual({ read: false, monitor: true, manage: true });
  });

  it('write implies index and create_doc, not delete_index', () => {
    const r = hasPrivileges([role('w', { indices: [{ names: ['w'], privileges: ['write'] }] })], {
      index: [{ names: ['w'], privileges: ['index', 'create_doc', 'create', 'delete', 'delete_index'] }],
    });
    expect(r.index.w).toEqual({ index: true, create_doc: true, create: true, delete: true, delete_index: false });
  });

  it('evaluates regex patterns in roles and in requests', () => {
    const roles = [reader('re', ['/logs-[0-9]+/'])];
    const r = hasPrivileges(roles, { index: [{ names: ['logs-1', 'logs-a', 'logs-*', '/logs-[0-9]/'], privileges: ['read'] }] });
    expect(r.index['logs-1']).toEqual({ read: true });
    expect(r.index['logs-a']).toEqual({ read: false });
    expect(r.index['logs-*']).toEqual({ read: false });
    expect(r.index['/logs-[0-9]/']).toEqual({ read: true });
  });

  it('keeps restricted indices out unless allow_restricted_indices', () => {
    const plain = [role('all', { indices: [{ names: ['*'], privileges: ['all'] }] })];
    const r1 = hasPrivileges(plain, {
      index: [
        { names: ['.security-7', '*'], privileges: ['read'] },
        { names: ['*'], privileges: ['read'], allow_restricted_indices: true },
      ],
    });
    expect(r1.index['.security-7']).toEqual({ read: false });
    expect(r1.index['*']).toEqual({ read: false }); // the second check (restricted included) overrides the key
    const r2 = hasPrivileges(plain, { index: [{ names: ['*'], privileges: ['read'] }] });
    expect(r2.index['*']).toEqual({ read: true });
    const allowed = [role('su', { indices: [{ names: ['*'], privileges: ['all'], allow_restricted_indices: true }] })];
    const r3 = hasPrivileges(allowed, { index: [{ names: ['.security-7', '*'], privileges: ['read'], allow_restricted_indices: true }] });
    expect(r3.index).toEqual({ '.security-7': { read: true }, '*': { read: true } });
  });

  it('treats a single `none` entry as an explicit denial', () => {
    const r = hasPrivileges([role('n', { indices: [{ names: ['*'], privileges: ['none'] }] })], { index: [{ names: ['x'], privileges: ['none', 'read'] }] });
    expect(r.index.x?.read).toBe(false);
  });

  it('rejects unknown privilege names with suggestions', () => {
    expect(() => hasPrivileges([], { index: [{ names: ['x'], privileges: ['reed'] }] })).toThrow(EvaluationError);
    expect(() => hasPrivileges([], { index: [{ names: ['x'], privileges: ['reed'] }] })).toThrow(/read/);
    expect(() => hasPrivileges([], { cluster: ['monitr'] })).toThrow(/monitor/);
  });
});

describe('hasPrivileges: cluster', () => {
  it('follows the implication relation', () => {
    const r = hasPrivileges([role('a', { cluster: ['manage'] }), role('b', { cluster: ['manage_api_key'] })], {
      cluster: ['monitor', 'manage', 'manage_security', 'manage_own_api_key', 'all', 'manage_ilm'],
    });
    expect(r.cluster).toEqual({ monitor: true, manage: true, manage_security: false, manage_own_api_key: true, all: false, manage_ilm: true });
    expect(r.has_all_requested).toBe(false);
  });
  it('all grants everything', () => {
    const r = hasPrivileges([role('a', { cluster: ['all'] })], { cluster: ['manage_security', 'monitor', 'read_security'] });
    expect(r.has_all_requested).toBe(true);
  });
});

describe('hasPrivileges: application (Kibana)', () => {
  const defs = { 'kibana-.kibana': { read: { actions: ['login:', 'ui:*/read'] }, all: { actions: ['*'] }, feature_discover_read: { actions: ['ui:discover/show'] } } };
  it('resolves privileges and resources', () => {
    const roles = [role('k', { applications: [{ application: 'kibana-.kibana', privileges: ['read'], resources: ['space:default'] }] })];
    const r = hasPrivileges(
      roles,
      { application: [{ application: 'kibana-.kibana', privileges: ['read', 'all'], resources: ['space:default', 'space:other'] }] },
      { applicationPrivileges: defs },
    );
    expect(r.application['kibana-.kibana']).toEqual({ 'space:default': { read: true, all: false }, 'space:other': { read: false, all: false } });
  });
});

describe('explain', () => {
  it('names the role and entry that grant, and why something is missing', () => {
    const roles = [reader('logs-reader', ['logs-*']), reader('a-reader', ['logs-a*'])];
    const lines = explain(roles, { index: [{ names: ['logs-app-1', 'metrics-1'], privileges: ['read', 'write'] }] });
    const grant = lines.find((l) => l.resource === 'logs-app-1' && l.privilege === 'read');
    expect(grant?.granted).toBe(true);
    expect(grant?.grantedBy).toEqual(expect.arrayContaining(['logs-reader#indices[0]', 'a-reader#indices[0]']));
    const denyWrite = lines.find((l) => l.resource === 'logs-app-1' && l.privilege === 'write');
    expect(denyWrite?.reason).toMatch(/grant only read/);
    const denyMetrics = lines.find((l) => l.resource === 'metrics-1');
    expect(denyMetrics?.reason).toMatch(/no role entry matches/);
  });
});

describe('effectiveSecurity (DLS/FLS across roles)', () => {
  const dls = reader('hr-eng', ['hr-*'], { query: { term: { dept: 'eng' } }, field_security: { grant: ['*'], except: ['ssn'] } });
  const dls2 = reader('hr-ops', ['hr-people'], { query: '{"term":{"dept":"ops"}}', field_security: { grant: ['name', 'dept', 'ssn'] } });
  const open = reader('hr-all', ['hr-*']);

  it('ORs queries and unions field grants', () => {
    const s = effectiveSecurity([dls, dls2], 'hr-people');
    expect(s.readable).toBe(true);
    expect(s.dls.restricted).toBe(true);
    expect(s.dls.queries.map((q) => q.role)).toEqual(['hr-eng', 'hr-ops']);
    expect(s.fls.restricted).toBe(true);
    expect(fieldVisible(s, 'ssn')).toBe(true); // granted by hr-ops even though hr-eng excludes it
    expect(fieldVisible(s, 'salary')).toBe(true); // hr-eng grants * except ssn
    expect(s.warnings).toEqual([]);
    const only = effectiveSecurity([dls], 'hr-people');
    expect(fieldVisible(only, 'ssn')).toBe(false);
    expect(fieldVisible(only, 'name')).toBe(true);
  });

  it('warns when a role without DLS/FLS lifts the restriction', () => {
    const s = effectiveSecurity([dls, open], 'hr-people');
    expect(s.dls.restricted).toBe(false);
    expect(s.fls.restricted).toBe(false);
    expect(s.warnings.join('\n')).toMatch(/document-level security of hr-eng is lifted.*hr-all/);
    expect(s.warnings.join('\n')).toMatch(/field-level security of hr-eng is lifted/);
  });

  it('ignores entries that do not grant read', () => {
    const s = effectiveSecurity([dls, role('w', { indices: [{ names: ['hr-*'], privileges: ['write'] }] })], 'hr-people');
    expect(s.dls.restricted).toBe(true);
    expect(s.warnings).toEqual([]);
    expect(effectiveSecurity([dls], 'other').readable).toBe(false);
  });
});
