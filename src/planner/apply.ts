// Applying a plan: steps run in order through an injected tool runner (the MCP layer passes its
// tool handlers); the first failure stops the run. The result says what was done, what was not,
// the compensating steps that would undo what was done (offered, never run silently), and how
// the grantee's verified access differs from what was asked.
import type { Plan, PlanStep } from './plan.js';

export type ToolRunner = (tool: string, args: Record<string, unknown>) => Promise<{ text: string; structured: Record<string, unknown> }>;

export interface StepResult {
  step: number;
  tool: string;
  status: 'done' | 'unchanged' | 'manual' | 'failed' | 'not_run';
  summary: string;
}

export interface ApplyResult {
  ok: boolean;
  results: StepResult[];
  /** steps that would undo what was done, most recent first */
  compensating: PlanStep[];
  verification: { ran: boolean; method?: string; differences: string[]; summary: string };
  /** passwords generated for new users: shown once, here only */
  credentials: { username: string; password: string }[];
  warnings: string[];
}

function compensate(step: PlanStep, out: Record<string, unknown>): PlanStep | string | undefined {
  const a = step.args;
  switch (step.tool) {
    case 'create_role':
      if (out.action === 'created') return { tool: 'delete_role', args: { name: a.name }, checkpoint: true, why: `Undo: delete role ${String(a.name)} created by this plan.` };
      if (out.action === 'replaced') return `role ${String(a.name)} was replaced; restore its previous definition by hand (see the diff in step result)`;
      return undefined;
    case 'create_user':
      if (out.created === false) return undefined;
      return { tool: 'delete_user', args: { username: a.username }, checkpoint: true, why: `Undo: delete user ${String(a.username)} created by this plan.` };
    case 'update_user_roles': {
      const added = (out.added as string[] | undefined) ?? [];
      const removed = (out.removed as string[] | undefined) ?? [];
      if (!added.length && !removed.length) return undefined;
      return {
        tool: 'update_user_roles',
        args: { username: a.username, ...(added.length ? { remove: added } : {}), ...(removed.length ? { add: removed } : {}) },
        checkpoint: true,
        why: `Undo: restore ${String(a.username)}'s previous roles.`,
      };
    }
    case 'set_user_enabled':
      if (out.changed !== true) return undefined;
      return { tool: 'set_user_enabled', args: { username: a.username, enabled: !a.enabled }, checkpoint: true, why: `Undo: ${a.enabled ? 'disable' : 're-enable'} ${String(a.username)}.` };
    case 'create_role_mapping':
      if (out.action === 'created') return { tool: 'delete_role_mapping', args: { name: a.name }, checkpoint: true, why: `Undo: delete role mapping ${String(a.name)} created by this plan.` };
      return undefined;
    case 'delete_user':
      return `user ${String(a.username)} was deleted and cannot be restored automatically; re-create it with create_user if needed`;
    default:
      return undefined;
  }
}

export interface ApplyOptions {
  onProgress?: (done: number, total: number, message: string) => Promise<void>;
}

export async function applyPlan(plan: Plan, run: ToolRunner, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const results: StepResult[] = [];
  const compensating: PlanStep[] = [];
  const warnings: string[] = [];
  const credentials: ApplyResult['credentials'] = [];
  let verification: ApplyResult['verification'] = { ran: false, differences: [], summary: 'not run' };
  let failed = false;
  const total = plan.steps.length;

  for (const [i, step] of plan.steps.entries()) {
    const n = i + 1;
    if (failed) {
      results.push({ step: n, tool: step.tool, status: 'not_run', summary: 'not run: an earlier step failed' });
      continue;
    }
    await opts.onProgress?.(i, total, `step ${n}/${total}: ${step.tool}`);
    try {
      if (step.tool === 'assign_cloud_role') {
        const user = String(step.args.user);
        const role = String(step.args.role);
        results.push({
          step: n,
          tool: step.tool,
          status: 'manual',
          summary: `MANUAL STEP in Elastic Cloud: open cloud.elastic.co → Organization → Members, find ${user}, and assign the custom role "${role}" for this Serverless project (Edit roles → project → ${role}). es-authz has no Elastic Cloud API client yet, so it cannot do this for you.`,
        });
        warnings.push(`Role ${role} must still be assigned to ${user} in Elastic Cloud (manual step ${n}); until then ${user} does not have this access.`);
        continue;
      }
      let out: { text: string; structured: Record<string, unknown> };
      if (step.tool === 'create_user') {
        // re-applying a partly applied plan: the user may already exist
        const existing = await run('get_user', { username: step.args.username }).catch(() => undefined);
        if (existing) {
          const roles = (step.args.roles as string[]) ?? [];
          const upd = await run('update_user_roles', { username: step.args.username, add: roles });
          out = { text: `user existed; ${upd.text}`, structured: { ...upd.structured, created: false } };
          const c = compensate({ ...step, tool: 'update_user_roles' }, upd.structured);
          if (c && typeof c !== 'string') compensating.unshift(c);
          results.push({ step: n, tool: step.tool, status: upd.structured.changed ? 'done' : 'unchanged', summary: out.text });
          continue;
        }
      }
      out = await run(step.tool, step.args);
      if (step.tool === 'create_user' && typeof out.structured.password === 'string') {
        credentials.push({ username: String(step.args.username), password: out.structured.password });
      }
      const unchanged = out.structured.action === 'unchanged' || out.structured.changed === false;
      results.push({ step: n, tool: step.tool, status: unchanged ? 'unchanged' : 'done', summary: out.text.replace(/Generated password[^\n]*/g, 'Generated password: see credentials (shown once).') });
      const c = compensate(step, out.structured);
      if (typeof c === 'string') warnings.push(`Cannot be undone automatically: ${c}.`);
      else if (c) compensating.unshift(c);
      if (step.tool === 'has_privileges' && i === total - 1) {
        const s = out.structured as { has_all_requested?: boolean; method?: string; cluster?: Record<string, boolean>; index?: Record<string, Record<string, boolean>>; application?: Record<string, Record<string, Record<string, boolean>>> };
        const expectGranted = plan.request.action !== 'revoke';
        const differences: string[] = [];
        for (const [p, v] of Object.entries(s.cluster ?? {})) if (v !== expectGranted) differences.push(`cluster ${p}: ${v ? 'granted' : 'not granted'}`);
        for (const [idx, ps] of Object.entries(s.index ?? {})) for (const [p, v] of Object.entries(ps)) if (v !== expectGranted) differences.push(`${p} on ${idx}: ${v ? 'granted' : 'not granted'}`);
        for (const [app, rs] of Object.entries(s.application ?? {})) for (const [r, ps] of Object.entries(rs)) for (const [p, v] of Object.entries(ps)) if (v !== expectGranted) differences.push(`${app} ${p} on ${r}: ${v ? 'granted' : 'not granted'}`);
        verification = {
          ran: true,
          method: s.method,
          differences,
          summary: differences.length
            ? `Verification (${s.method}) found ${differences.length} difference(s) from what was asked: ${differences.join('; ')}`
            : `Verified (${s.method}): the grantee ${expectGranted ? 'has all of' : 'no longer has any of'} the requested access.`,
        };
      }
    } catch (e) {
      failed = true;
      results.push({ step: n, tool: step.tool, status: 'failed', summary: e instanceof Error ? e.message : String(e) });
    }
  }
  await opts.onProgress?.(total, total, failed ? 'stopped at a failure' : 'done');
  const ok = !failed && verification.differences.length === 0;
  return { ok, results, compensating, verification, credentials, warnings };
}

/** The result as text: each step's status, the verification, passwords (once), warnings, the undo steps. */
export function describeApplyResult(result: ApplyResult): string[] {
  return [
    ...result.results.map((r) => `${r.step}. ${r.tool}: ${r.status.toUpperCase()} — ${r.summary}`),
    result.verification.summary,
    ...result.credentials.map((c) => `Password for ${c.username} (shown once, store it now): ${c.password}`),
    ...result.warnings.map((w) => `WARNING: ${w}`),
  ];
}
