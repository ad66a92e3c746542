import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { emptyRequest, type AccessRequest, type ParseResult } from '../../planner/model.js';

const realmTypes = ['saml', 'oidc', 'ldap', 'active_directory', 'pki', 'jwt', 'kerberos'] as const;
const structured = z
  .object({
    action: z.enum(['grant', 'revoke', 'disable', 'enable', 'delete']).optional(),
    additive: z.boolean().optional(),
    who: z
      .object({
        kind: z.enum(['new_user', 'existing_user', 'realm', 'serverless_user', 'unknown']),
        username: z.string().optional(),
        full_name: z.string().optional(),
        email: z.string().optional(),
        realm: z.object({ type: z.enum(realmTypes).optional(), name: z.string().optional() }).optional(),
        groups: z.array(z.string()).optional(),
        dn: z.string().optional(),
        metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      })
      .optional(),
    what: z
      .object({
        indices: z.array(z.string()).default([]),
        kibana: z.object({ features: z.array(z.object({ feature: z.string(), privilege: z.string() })).default([]), base: z.enum(['read', 'all']).optional(), spaces: z.array(z.string()).default(['default']) }).optional(),
        roles: z.array(z.string()).optional(),
        cluster: z.array(z.string()).optional(),
      })
      .optional(),
    level: z.enum(['read', 'write', 'manage', 'explicit', 'none']).optional(),
    privileges: z.object({ index: z.array(z.string()).optional(), cluster: z.array(z.string()).optional() }).optional(),
    scope: z
      .object({
        documents: z.union([
          z.object({ kind: z.literal('all') }),
          z.object({ kind: z.literal('values'), field: z.string(), values: z.array(z.union([z.string(), z.number(), z.boolean()])) }),
          z.object({ kind: z.literal('user_attribute'), field: z.string(), attribute: z.string() }),
          z.object({ kind: z.literal('query'), query: z.record(z.string(), z.unknown()) }),
        ]),
        fields: z.object({ grant: z.array(z.string()).optional(), except: z.array(z.string()).optional() }).optional(),
      })
      .optional(),
    deployment: z.enum(['self-managed', 'ech', 'serverless', 'unknown']).optional(),
    roleName: z.string().optional(),
  })
  .describe('Structured request (clients with an LLM may pass this instead of, or to correct, text). Fields given here are merged over what the text parser found (who/what/scope key by key).');

export default defineTool({
  name: 'plan_access_request',
  title: 'Plan an access request',
  description:
    'Turn an access request (English text and/or structured fields) into an ordered plan of tool steps, with questions for anything ambiguous and warnings for risky grants. Nothing is written. Show the plan to the human; apply it with apply_plan and the returned confirmation_token.',
  kind: 'read',
  toolset: 'planner',
  input: z.object({
    text: z.string().max(2000).optional().describe('The request in English, e.g. "create a user mia who can only read audit-*".'),
    request: structured.optional(),
    offline: z.boolean().default(false).describe('Plan without reading the cluster (built-in roles only).'),
  }),
  output: z.object({
    request: z.record(z.string(), z.unknown()),
    steps: z.array(z.object({ tool: z.string(), args: z.record(z.string(), z.unknown()), checkpoint: z.boolean(), why: z.string() })),
    questions: z.array(z.object({ field: z.string(), question: z.string(), options: z.array(z.string()).optional() })),
    warnings: z.array(z.string()),
    verification: z.string(),
    confirmation_token: z.string().optional().describe('pass to apply_plan; single-use, expires in 10 minutes'),
    expires_at: z.string().optional(),
  }),
  async handler(args, ctx) {
    const [{ parseRequest }, { buildPlan, describePlan, isWriteStep }, { loadClusterView, offlineClusterView }] = await Promise.all([
      import('../../planner/parser.js'),
      import('../../planner/plan.js'),
      import('../cluster-view.js'),
    ]);
    if (!args.text && !args.request) throw new EsAuthzError('INVALID_INPUT', 'Give the request as text, structured fields, or both.', { hint: 'e.g. text: "give joe read-only access to logs-*"' });
    const deployment = args.offline ? undefined : await ctx.deployment().catch(() => undefined);
    const parsed: ParseResult = args.text ? parseRequest(args.text, { deployment: deployment?.kind ?? 'unknown' }) : { request: emptyRequest(), questions: [], warnings: [] };
    if (args.request) {
      const given = Object.fromEntries(Object.entries(args.request).filter(([, v]) => v !== undefined)) as Partial<AccessRequest>;
      const base = parsed.request;
      parsed.request = {
        ...base,
        ...given,
        who: { ...base.who, ...(given.who ?? {}) },
        what: { ...base.what, ...(given.what ?? {}), indices: given.what?.indices?.length ? given.what.indices : base.what.indices },
        scope: { ...base.scope, ...(given.scope ?? {}) },
      } as AccessRequest;
      const answered = new Set(Object.keys(given));
      parsed.questions = parsed.questions.filter((q) => !answered.has(q.field));
    }
    const view = args.offline ? offlineClusterView(parsed.request.deployment) : await loadClusterView(ctx.es, deployment, parsed.request);
    const plan = buildPlan(parsed, view);
    const writes = plan.steps.filter(isWriteStep);
    const token = !plan.questions.length && writes.length ? ctx.plans.issue(plan) : undefined;
    const lines = [
      ...describePlan(plan),
      token ? `Show this plan to the human; if they approve, call apply_plan with confirmation_token ${token.token}.` : plan.questions.length ? 'Answer the questions (re-plan with structured fields) before anything can be applied.' : 'Nothing to apply.',
    ];
    return {
      text: lines.join('\n'),
      structured: {
        request: plan.request as unknown as Record<string, unknown>,
        steps: plan.steps,
        questions: plan.questions,
        warnings: plan.warnings,
        verification: plan.verification,
        ...(token ? { confirmation_token: token.token, expires_at: token.expiresAt } : {}),
      },
    };
  },
});
