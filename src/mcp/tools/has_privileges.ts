import { z } from 'zod';
import type { estypes } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { hasPrivileges as evaluate, type ApplicationPrivilegeDefinitions, type NamedRole } from '../../security/evaluator.js';
import { matches } from '../../security/patterns.js';
import type { ToolContext } from '../context.js';
import { mustFetchUser } from '../users-common.js';

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
    .describe('Application privileges, e.g. Kibana: {application:"kibana-.kibana", privileges:["feature_discover.read"], resources:["space:default"]}.'),
};

type Req = { cluster?: string[]; index?: { names: string[]; privileges: string[]; allow_restricted_indices?: boolean }[]; application?: { application: string; privileges: string[]; resources: string[] }[] };

async function viaRunAs(ctx: ToolContext, username: string, req: Req): Promise<estypes.SecurityHasPrivilegesResponse | undefined> {
  try {
    return await ctx.es.security.hasPrivileges(req, { headers: { 'es-security-runas-user': username } });
  } catch (e) {
    if (e instanceof errors.ResponseError && (e.statusCode === 403 || e.statusCode === 401)) return undefined;
    throw e;
  }
}

async function viaEvaluator(ctx: ToolContext, username: string, req: Req) {
  const user = await mustFetchUser(ctx, username);
  if (!user.enabled) ctx.logger.info({ username }, 'evaluating a disabled user');
  const roles: NamedRole[] = [];
  if (user.roles.length) {
    const got = await ctx.es.security.getRole({ name: user.roles.join(',') }).catch((e: unknown) => {
      if (e instanceof errors.ResponseError && e.statusCode === 404) return {} as Record<string, estypes.SecurityRoleDescriptorRead>;
      throw e;
    });
    for (const r of user.roles) {
      const d = got[r];
      if (d) roles.push({ name: r, descriptor: d as estypes.SecurityRoleDescriptor });
    }
  }
  const defs: ApplicationPrivilegeDefinitions = {};
  for (const app of new Set((req.application ?? []).map((a) => a.application))) {
    const got = await ctx.es.security.getPrivileges({ application: app }).catch(() => ({}) as estypes.SecurityGetPrivilegesResponse);
    defs[app] = Object.fromEntries(Object.entries(got[app] ?? {}).map(([n, p]) => [n, { actions: p.actions }]));
  }
  return { user, result: evaluate(roles, req, { applicationPrivileges: defs }), missingRoles: user.roles.filter((r) => !roles.some((x) => x.name === r)) };
}

export default defineTool({
  name: 'has_privileges',
  title: 'Check privileges (as a user)',
  description:
    'Check what a user can do: cluster, index and application (Kibana) privileges. Give username to check THAT user (the grantee), not yourself: uses run-as when this credential may, else computes it offline from the user\'s roles (labelled). Without username it checks the caller.',
  kind: 'read',
  toolset: 'core',
  input: z.object({ username: z.string().optional().describe('The native user to check; omit to check the caller.'), ...request }),
  output: z.object({
    username: z.string(),
    method: z.enum(['caller', 'run_as', 'evaluator']).describe('caller: asked as ourselves; run_as: asked ES as that user; evaluator: computed offline from the user\'s roles'),
    has_all_requested: z.boolean(),
    cluster: z.record(z.string(), z.boolean()),
    index: z.record(z.string(), z.record(z.string(), z.boolean())),
    application: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.boolean()))),
    notes: z.array(z.string()),
  }),
  async handler(args, ctx) {
    const { username, ...rest } = args;
    const req: Req = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Req;
    if (!req.cluster?.length && !req.index?.length && !req.application?.length) {
      throw new EsAuthzError('INVALID_INPUT', 'Nothing to check: give cluster, index and/or application privileges.', { hint: 'e.g. index: [{names: ["logs-*"], privileges: ["read"]}]' });
    }
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
        notes.push(`Computed offline from ${username}'s roles (${ev.user.roles.join(', ') || 'none'}) by es-authz's evaluator, because this credential may not run as ${username}.`);
        if (ev.missingRoles.length) notes.push(`Role(s) ${ev.missingRoles.join(', ')} of ${username} do not exist and grant nothing.`);
        if (!ev.user.enabled) notes.push(`${username} is DISABLED: these privileges are not usable until re-enabled.`);
      }
    }
    const denied: string[] = [];
    for (const [p, v] of Object.entries(r.cluster)) if (!v) denied.push(`cluster ${p}`);
    for (const [i, ps] of Object.entries(r.index)) for (const [p, v] of Object.entries(ps)) if (!v) denied.push(`${p} on ${i}`);
    for (const [a, rs] of Object.entries(r.application)) for (const [res, ps] of Object.entries(rs)) for (const [p, v] of Object.entries(ps)) if (!v) denied.push(`${a} ${p} on ${res}`);
    const who = `${r.username} (${method === 'caller' ? 'the caller' : method === 'run_as' ? 'checked as that user via run-as' : 'computed offline'})`;
    const text = r.has_all_requested ? `${who} has all requested privileges.` : `${who} lacks: ${denied.join('; ')}.`;
    return { text: [text, ...notes].join('\n'), structured: { username: r.username, method, has_all_requested: r.has_all_requested, cluster: r.cluster, index: r.index, application: r.application, notes } };
  },
});
