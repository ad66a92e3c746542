import { z } from 'zod';
import type { estypes } from '@elastic/elasticsearch';
import { responseStatus } from '../../es/errors.js';
import { knowsRestrictedIndices } from '../../es/deployment.js';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import type { ApplicationPrivilegeDefinitions, NamedRole } from '../../security/evaluator.js';
import type * as EvaluatorModule from '../../security/evaluator.js';
import type { RoleMappingsInput } from '../../security/role-mapping.js';

// the evaluator and pattern engine load on first use, not at server start
const evaluate: typeof EvaluatorModule.hasPrivileges = (...a) => {
  if (!evaluatorModule) throw new Error('evaluator not loaded');
  return evaluatorModule.hasPrivileges(...a);
};
let evaluatorModule: typeof EvaluatorModule | undefined;
async function loadEngines() {
  evaluatorModule ??= await import('../../security/evaluator.js');
  const [patterns, mappings] = await Promise.all([import('../../security/patterns.js'), import('../../security/role-mapping.js')]);
  return { matches: patterns.matches, evaluateRoleMappings: mappings.evaluateRoleMappings };
}
import type { ToolContext } from '../context.js';
import { mustFetchUser } from '../users-common.js';
import { orIfNotFound } from '../common.js';

const request = {
  cluster: z.array(z.string()).optional().describe('Cluster privileges to check, e.g. ["monitor"].'),
  index: z
    .array(
      z.object({
        names: z.array(z.string()).min(1).describe('Index names or patterns, e.g. ["logs-app-1", "logs-*"].'),
        privileges: z.array(z.string()).min(1).describe('Index privileges, e.g. ["read", "write"].'),
        allow_restricted_indices: z.boolean().optional(),
      }),
    )
    .optional(),
  application: z
    .array(z.object({ application: z.string(), privileges: z.array(z.string()).min(1), resources: z.array(z.string()).min(1) }))
    .optional()
    .describe('Application privileges, e.g. Kibana: {application:"kibana-.kibana", privileges:["feature_discover_v2.read"], resources:["space:default"]}.'),
};

type Req = { cluster?: string[]; index?: { names: string[]; privileges: string[]; allow_restricted_indices?: boolean }[]; application?: { application: string; privileges: string[]; resources: string[] }[] };

async function viaRunAs(ctx: ToolContext, username: string, req: Req): Promise<estypes.SecurityHasPrivilegesResponse | undefined> {
  try {
    return await ctx.es.security.hasPrivileges(req, { headers: { 'es-security-runas-user': username } });
  } catch (e) {
    if (responseStatus(e) === 403 || responseStatus(e) === 401) return undefined;
    throw e;
  }
}

async function rolesByName(ctx: ToolContext, names: readonly string[]): Promise<NamedRole[]> {
  if (!names.length) return [];
  const got = await orIfNotFound(ctx.es.security.getRole({ name: names.join(',') }), {} as Record<string, estypes.SecurityGetRoleRole>);
  return names.filter((n) => got[n]).map((n) => ({ name: n, descriptor: got[n] as unknown as estypes.SecurityRoleDescriptor }));
}

async function appDefs(ctx: ToolContext, req: Req): Promise<ApplicationPrivilegeDefinitions> {
  const defs: ApplicationPrivilegeDefinitions = {};
  for (const app of new Set((req.application ?? []).map((a) => a.application))) {
    const got = await ctx.es.security.getPrivileges({ application: app }).catch(() => ({}) as estypes.SecurityGetPrivilegesResponse);
    defs[app] = Object.fromEntries(Object.entries(got[app] ?? {}).map(([n, p]) => [n, { actions: p.actions }]));
  }
  return defs;
}

type MappedUser = { realm: string; groups: string[]; dn?: string | undefined; username: string; metadata?: Record<string, unknown> | undefined };

/** Offline answers for a hypothetical external-realm user (role mappings + evaluator) or a holder of given roles. */
async function offline(ctx: ToolContext, req: Req, mapped: MappedUser | undefined, forRoles: string[] | undefined) {
  const notes: string[] = [];
  let roleNames: string[];
  let who: string;
  if (mapped) {
    const mappings = await orIfNotFound(ctx.es.security.getRoleMapping(), {} as Record<string, estypes.SecurityRoleMapping>);
    const { evaluateRoleMappings } = await loadEngines();
    const ev = evaluateRoleMappings(mappings as unknown as RoleMappingsInput, { username: mapped.username, dn: mapped.dn ?? null, groups: mapped.groups, realm: { name: mapped.realm }, metadata: mapped.metadata ?? {} });
    roleNames = ev.roles;
    who = `${mapped.username} (realm ${mapped.realm}${mapped.groups.length ? `, groups ${mapped.groups.join(', ')}` : ''}${mapped.dn ? `, dn ${mapped.dn}` : ''})`;
    notes.push(`Computed offline: role mappings give ${who} the roles ${roleNames.join(', ') || '(none)'}${ev.matched.length ? ` via ${ev.matched.map((m) => m.mapping).join(', ')}` : ''}; their privileges were then evaluated from those roles.`);
    for (const u of ev.unevaluable) notes.push(`Mapping ${u.mapping} could not be evaluated offline (${u.reason}); its roles are NOT included.`);
    for (const f of ev.failures) notes.push(`Warning: ${f.reason}${f.mapping ? ` (mapping ${f.mapping})` : ''}: Elasticsearch would fail to resolve this user's roles.`);
  } else {
    roleNames = forRoles ?? [];
    who = `a holder of ${roleNames.join(', ') || 'no roles'}`;
    notes.push(`Computed offline from the definitions of ${roleNames.join(', ') || 'no roles'}.`);
  }
  const roles = await rolesByName(ctx, roleNames);
  const missing = roleNames.filter((r) => !roles.some((x) => x.name === r));
  if (missing.length) notes.push(`Role(s) ${missing.join(', ')} do not exist and grant nothing.`);
  const result = evaluate(roles, req, { applicationPrivileges: await appDefs(ctx, req) });
  await failClosedOnSystemIndices(ctx, result, notes);
  const method = mapped ? ('mapping_evaluator' as const) : ('role_evaluator' as const);
  const denied = listDenied(result);
  return {
    text: [`${who} (computed offline) ${result.has_all_requested ? 'has all requested privileges' : `lacks: ${denied.join('; ')}`}.`, ...notes].join('\n'),
    structured: { username: who, method, roles: roleNames, ...result, notes },
  };
}

/**
 * The evaluator knows the restricted (system) index names only of the core+security distribution.
 * On other clusters, answers for names that could be system indices (dot-prefixed) are not
 * computed offline: they are reported as not granted (fail closed) with a note.
 */
async function failClosedOnSystemIndices(ctx: ToolContext, result: { index: Record<string, Record<string, boolean>>; has_all_requested: boolean }, notes: string[]): Promise<void> {
  const d = await ctx.deployment().catch(() => undefined);
  if (knowsRestrictedIndices(d)) return;
  const { overlaps } = await import('../../security/patterns.js');
  const unsure = Object.keys(result.index).filter((n) => overlaps(n, '.*'));
  for (const n of unsure) {
    for (const p of Object.keys(result.index[n] ?? {})) (result.index[n] as Record<string, boolean>)[p] = false;
    result.has_all_requested = false;
  }
  if (unsure.length) notes.push(`Not computed offline, reported as not granted: ${unsure.join(', ')} may name system indices, whose list depends on this cluster's installed features. Verify with run-as.`);
}

function listDenied(r: { cluster: Record<string, boolean>; index: Record<string, Record<string, boolean>>; application: Record<string, Record<string, Record<string, boolean>>> }): string[] {
  const denied: string[] = [];
  for (const [p, v] of Object.entries(r.cluster)) if (!v) denied.push(`cluster ${p}`);
  for (const [i, ps] of Object.entries(r.index)) for (const [p, v] of Object.entries(ps)) if (!v) denied.push(`${p} on ${i}`);
  for (const [a, rs] of Object.entries(r.application)) for (const [res, ps] of Object.entries(rs)) for (const [p, v] of Object.entries(ps)) if (!v) denied.push(`${a} ${p} on ${res}`);
  return denied;
}

async function viaEvaluator(ctx: ToolContext, username: string, req: Req) {
  const user = await mustFetchUser(ctx, username);
  const roles = await rolesByName(ctx, user.roles);
  const result = evaluate(roles, req, { applicationPrivileges: await appDefs(ctx, req) });
  return { user, result, missingRoles: user.roles.filter((r) => !roles.some((x) => x.name === r)) };
}

export default defineTool({
  name: 'has_privileges',
  title: 'Check privileges (as a user)',
  description:
    'Check what a grantee can do (cluster, index, Kibana/application privileges): username = a native user (run-as, else offline from their roles, labelled); mapped_user = a SAML/OIDC/LDAP/JWT user (role mappings evaluated offline); roles = a holder of those roles. With none it checks the CALLER, which never verifies a grant. DLS/FLS are not shown.',
  kind: 'read',
  toolset: 'core',
  input: z.object({
    username: z.string().optional().describe('The native user to check; omit to check the caller.'),
    mapped_user: z
      .object({ realm: z.string().describe('realm name, e.g. "saml1"'), groups: z.array(z.string()).default([]), dn: z.string().optional(), username: z.string().default('example-user'), metadata: z.record(z.string(), z.unknown()).optional() })
      .optional()
      .describe('A hypothetical SAML/OIDC/LDAP/PKI/JWT user: the role mappings are evaluated offline to find their roles.'),
    roles: z.array(z.string()).optional().describe('Evaluate offline for a holder of exactly these roles (e.g. to verify a role for a Serverless user).'),
    ...request,
  }),
  output: z.object({
    username: z.string(),
    method: z
      .enum(['caller', 'run_as', 'evaluator', 'mapping_evaluator', 'role_evaluator'])
      .describe('caller: asked as ourselves; run_as: asked ES as that user; evaluator: computed offline from the user\'s roles; mapping_evaluator: role mappings + roles evaluated offline for a hypothetical external user; role_evaluator: computed offline for a holder of the given roles'),
    roles: z.array(z.string()).optional().describe('roles the answer was computed from (offline methods)'),
    has_all_requested: z.boolean(),
    cluster: z.record(z.string(), z.boolean()),
    index: z.record(z.string(), z.record(z.string(), z.boolean())),
    application: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.boolean()))),
    notes: z.array(z.string()),
  }),
  async handler(args, ctx) {
    const { username, mapped_user, roles: forRoles, ...rest } = args;
    const req: Req = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Req;
    if (!req.cluster?.length && !req.index?.length && !req.application?.length) {
      throw new EsAuthzError('INVALID_INPUT', 'Nothing to check: give cluster, index and/or application privileges.', { hint: 'e.g. index: [{names: ["logs-*"], privileges: ["read"]}]' });
    }
    if ([username, mapped_user, forRoles].filter((x) => x !== undefined).length > 1) {
      throw new EsAuthzError('INVALID_INPUT', 'Give only one of username, mapped_user or roles.', { hint: 'username: a native user; mapped_user: an external-realm user; roles: a holder of these roles.' });
    }
    const { matches } = await loadEngines();
    if (mapped_user || forRoles) return offline(ctx, req, mapped_user, forRoles);
    const d = await ctx.deployment().catch(() => undefined);
    const caller = d?.identity?.username;
    const notes: string[] = [];
    let method: 'caller' | 'run_as' | 'evaluator';
    let r: { username: string; has_all_requested: boolean; cluster: Record<string, boolean>; index: Record<string, Record<string, boolean>>; application: Record<string, Record<string, Record<string, boolean>>> };
    // the caller's own answer is that user's only when we authenticated as that user by password
    // (an API key of the same owner may be limited, so it does not count)
    const isSelf = username !== undefined && username === caller && d?.identity?.authenticationType === 'realm';
    if (!username || isSelf) {
      const res = await ctx.es.security.hasPrivileges(req);
      method = 'caller';
      r = { ...res };
      if (!username) notes.push('Checked the caller (no username given). To verify a grant, pass the grantee\'s username.');
    } else {
      const runAs = d?.capabilities?.runAs;
      const mayRunAs = Array.isArray(runAs) && runAs.some((p) => matches(p, username));
      const res = mayRunAs ? await viaRunAs(ctx, username, req) : undefined;
      if (res) {
        if (res.username !== username) {
          throw new EsAuthzError('VERIFY_FAILED', `Elasticsearch answered for "${res.username}" instead of "${username}"; refusing to report it as ${username}'s access.`, { hint: 'Check the run_as configuration of this credential.' });
        }
        method = 'run_as';
        r = { ...res };
      } else {
        const ev = await viaEvaluator(ctx, username, req);
        method = 'evaluator';
        r = { username, ...ev.result };
        await failClosedOnSystemIndices(ctx, r, notes);
        notes.push(`Computed offline from ${username}'s roles (${ev.user.roles.join(', ') || 'none'}) by es-authz's evaluator, because this credential may not run as ${username}.`);
        if (ev.missingRoles.length) notes.push(`Role(s) ${ev.missingRoles.join(', ')} of ${username} do not exist and grant nothing.`);
        if (!ev.user.enabled) notes.push(`${username} is DISABLED: these privileges are not usable until re-enabled.`);
      }
    }
    const denied = listDenied(r);
    const who = `${r.username} (${method === 'caller' ? 'the caller' : method === 'run_as' ? 'checked as that user via run-as' : 'computed offline'})`;
    const text = r.has_all_requested ? `${who} has all requested privileges.` : `${who} lacks: ${denied.join('; ')}.`;
    return { text: [text, ...notes].join('\n'), structured: { username: r.username, method, has_all_requested: r.has_all_requested, cluster: r.cluster, index: r.index, application: r.application, notes } };
  },
});
