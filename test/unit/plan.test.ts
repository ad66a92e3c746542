// The plan builder on the seed requests, offline (built-in roles only): the essentials of each
// plan, not its wording.
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/planner/parser.js';
import { buildPlan, isWriteStep, type ClusterView } from '../../src/planner/plan.js';
import { BUILTIN_ROLES } from '../../src/security/builtin-roles.js';

const offline = (deployment: ClusterView['deployment'] = 'unknown'): ClusterView => ({
  roles: Object.entries(BUILTIN_ROLES).map(([name, descriptor]) => ({ name, descriptor })),
  users: undefined,
  deployment,
  source: 'offline',
});
const plan = (text: string, view = offline()) => buildPlan(parseRequest(text), view);
const tools = (p: ReturnType<typeof plan>) => p.steps.map((s) => s.tool);

describe('plan builder', () => {
  it('analyst with logs-*/metrics-* and dashboards: one role with index + Kibana privileges, a new user, verification as the user', () => {
    const p = plan('Create a user analyst who can read logs-* and metrics-* and view them in Kibana dashboards');
    expect(tools(p)).toEqual(['create_role', 'create_user', 'has_privileges']);
    const role = p.steps[0]?.args as { name: string; indices: { names: string[]; privileges: string[] }[]; kibana: { feature: Record<string, string[]>; spaces: string[] }[] };
    expect(role.name).toBe('logs-metrics-dashboard-viewer');
    expect(role.indices[0]?.names).toEqual(['logs-*', 'metrics-*']);
    expect(role.kibana[0]?.feature).toEqual({ dashboard_v2: ['read'] });
    expect(p.steps[1]?.args).toEqual({ username: 'analyst', roles: ['logs-metrics-dashboard-viewer'] });
    expect(p.steps[2]?.args).toMatchObject({ username: 'analyst', application: [{ application: 'kibana-.kibana', privileges: ['feature_dashboard_v2.read'] }] });
  });

  it('every write step is a checkpoint; no plan carries a password', () => {
    for (const t of ['Create a user mia who can only read audit-*', 'Give joe read-only access to logs-*', 'Delete the user joe', 'Let the SAML group sre in realm saml1 read metrics-*']) {
      const p = plan(t);
      for (const s of p.steps) expect(s.checkpoint, `${t}: ${s.tool}`).toBe(isWriteStep(s));
      expect(JSON.stringify(p)).not.toMatch(/"password"/);
    }
  });

  it('existing user: fetch first, then add (never replace the roles array)', () => {
    const p = plan('Give joe read-only access to logs-*');
    expect(tools(p)).toEqual(['create_role', 'get_user', 'update_user_roles', 'has_privileges']);
    expect(p.steps[2]?.args).toEqual({ username: 'joe', add: ['logs-reader'] });
  });

  it('the HR example: DLS term query and FLS except', () => {
    const p = plan('Create a user hr_analyst who can only read hr-employees documents where department is HR and must never see the ssn and salary fields');
    expect(p.steps[0]?.args).toMatchObject({ indices: [{ names: ['hr-employees'], query: { term: { department: 'HR' } }, field_security: { grant: ['*'], except: ['ssn', 'salary'] } }] });
  });

  it('Serverless + Kibana: a custom role, then a manual Elastic Cloud assignment, verified for a role holder', () => {
    const p = plan('On serverless, let jane@acme.io use Discover on logs-* in the marketing space', offline('serverless'));
    expect(tools(p)).toEqual(['create_role', 'assign_cloud_role', 'has_privileges']);
    expect(p.steps[1]?.args).toEqual({ user: 'jane@acme.io', role: p.steps[0]?.args.name });
    expect(p.steps[2]?.args.roles).toEqual([p.steps[0]?.args.name]);
    expect(p.request.who.kind).toBe('serverless_user');
  });

  it('external realm: a role mapping, not a user; verification evaluates the mappings for a member', () => {
    const p = plan('Let the SAML group sre in realm saml1 read metrics-*');
    expect(tools(p)).toEqual(['create_role', 'create_role_mapping', 'has_privileges']);
    expect(p.steps[1]?.args).toMatchObject({ roles: ['metrics-reader'], rules: { all: [{ field: { 'realm.name': 'saml1' } }, { field: { groups: 'sre' } }] }, enabled: true });
    expect(p.verification).toMatch(/role mappings evaluated offline/);
  });

  it('reuses built-in roles by name, never re-creates them; flags superuser', () => {
    const p = plan('Make alice a superuser');
    expect(tools(p)).not.toContain('create_role');
    expect(p.steps.find((s) => s.tool === 'update_user_roles')?.args).toEqual({ username: 'alice', add: ['superuser'] });
    expect(p.warnings.join(' ')).toMatch(/superuser/i);
  });

  it('"delete a user" disables first', () => {
    const p = plan('Delete the user joe');
    expect(tools(p)).toEqual(['get_user', 'set_user_enabled', 'delete_user']);
    expect(p.steps[1]?.args).toEqual({ username: 'joe', enabled: false });
  });

  it('ambiguous requests: questions and no write steps', () => {
    for (const t of ['give access to logs-*', 'let the finance team see the sales data', 'asdf qwerty']) {
      const p = plan(t);
      expect(p.questions.length, t).toBeGreaterThan(0);
      expect(p.steps.filter(isWriteStep), t).toEqual([]);
    }
  });

  it('write on a broad pattern is flagged high risk', () => {
    const p = plan('Give joe write access to all indices');
    expect(p.warnings.join(' ')).toMatch(/HIGH RISK|broad|\*/);
  });
});
