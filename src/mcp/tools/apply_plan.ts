import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import type { Plan } from '../../planner/plan.js';

const stepSchema = z.object({ tool: z.string(), args: z.record(z.string(), z.unknown()), checkpoint: z.boolean(), why: z.string() });

export default defineTool({
  name: 'apply_plan',
  title: 'Apply a confirmed plan',
  description:
    'Apply a plan from plan_access_request, after the human approved it: requires its confirmation_token (fail-closed without it). Steps run in order; the first failure stops the run and the result lists what was done, what was not, and the compensating steps (with a token to apply them). Ends by verifying as the grantee.',
  kind: 'destructive',
  toolset: 'planner',
  input: z.object({
    confirmation_token: z.string().min(1).describe('From plan_access_request.'),
    steps: z.array(stepSchema).optional().describe('Optional: the steps you showed the human; must match the plan the token was issued for.'),
  }),
  output: z.object({
    applied: z.boolean(),
    ok: z.boolean(),
    results: z.array(z.object({ step: z.number(), tool: z.string(), status: z.enum(['done', 'unchanged', 'manual', 'failed', 'not_run']), summary: z.string() })),
    verification: z.object({ ran: z.boolean(), method: z.string().optional(), differences: z.array(z.string()), summary: z.string() }),
    credentials: z.array(z.object({ username: z.string(), password: z.string() })).describe('generated passwords, shown once'),
    warnings: z.array(z.string()),
    rollback: z.object({ steps: z.array(stepSchema), confirmation_token: z.string().optional() }),
  }),
  async handler(args, ctx) {
    const [{ applyPlan, describeApplyResult }, { isWriteStep }] = await Promise.all([import('../../planner/apply.js'), import('../../planner/plan.js')]);
    const taken = ctx.plans.take(args.confirmation_token, args.steps ? { steps: args.steps } : undefined);
    if ('error' in taken) {
      throw new EsAuthzError('INVALID_INPUT', `Nothing was applied: ${taken.error}.`, { hint: 'Call plan_access_request again, show the plan to the human, and apply with the new confirmation_token.' });
    }
    const plan = taken.plan;
    const writes = plan.steps.filter(isWriteStep);
    const answer = await ctx.confirm(`Apply ${writes.length} change(s)?\n${writes.map((s) => `- ${s.tool} ${JSON.stringify(s.args)}`).join('\n')}`);
    if (answer === 'decline' || answer === 'cancel') {
      return {
        text: `The human did not approve (${answer}); nothing was applied.`,
        structured: { applied: false, ok: false, results: [], verification: { ran: false, differences: [], summary: 'not run' }, credentials: [], warnings: [], rollback: { steps: [] } },
      };
    }
    const { ALL_TOOLS } = await import('./index.js');
    const { runPlanStep } = await import('../session.js');
    const result = await applyPlan(plan, (tool, toolArgs) => runPlanStep(ALL_TOOLS, tool, toolArgs, ctx), {
      onProgress: (done, total, message) => ctx.progress(done, total, message),
    });
    const rollbackPlan: Plan = { request: plan.request, steps: result.compensating, questions: [], warnings: [], verification: 'none (rollback)' };
    const rollbackToken = result.compensating.length ? ctx.plans.issue(rollbackPlan) : undefined;
    ctx.audit({ tool: 'apply_plan', target: plan.steps.map((s) => s.tool).join(','), outcome: result.ok ? 'success' : 'failure', after: result.results.map((r) => `${r.step}:${r.tool}:${r.status}`) });
    const lines = [
      ...describeApplyResult(result),
      ...(result.compensating.length
        ? [`To undo what was done, these steps are offered (not run): ${result.compensating.map((s) => `${s.tool} ${JSON.stringify(s.args)}`).join('; ')}. Apply them with apply_plan and confirmation_token ${rollbackToken?.token} after the human agrees.`]
        : []),
    ];
    return {
      text: lines.join('\n'),
      structured: {
        applied: true,
        ok: result.ok,
        results: result.results,
        verification: result.verification,
        credentials: result.credentials,
        warnings: result.warnings,
        rollback: { steps: result.compensating, ...(rollbackToken ? { confirmation_token: rollbackToken.token } : {}) },
      },
    };
  },
});
