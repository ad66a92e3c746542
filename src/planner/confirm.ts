// Confirmation tokens: a plan can only be applied with the token issued for exactly that plan.
// Tokens are random, single-use, short-lived, and bound to a hash of the plan's steps; the plan
// itself is kept server-side, so a client cannot apply a modified plan with an old token.
import { createHash, randomBytes } from 'node:crypto';
import type { Plan } from './plan.js';
import { canonicalJson } from '../security/json.js';

export const TOKEN_TTL_MS = 10 * 60_000;

export function planHash(plan: Pick<Plan, 'steps'>): string {
  return createHash('sha256').update(canonicalJson(plan.steps)).digest('hex');
}

export class PlanStore {
  private readonly plans = new Map<string, { plan: Plan; hash: string; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(plan: Plan): { token: string; expiresAt: string } {
    this.sweep();
    const token = `esauthz-${randomBytes(18).toString('base64url')}`;
    const expires = this.now() + TOKEN_TTL_MS;
    this.plans.set(token, { plan, hash: planHash(plan), expires });
    return { token, expiresAt: new Date(expires).toISOString() };
  }

  /** The plan for a token (consumed), or why not. */
  take(token: string, claimed?: Pick<Plan, 'steps'>): { plan: Plan } | { error: string } {
    this.sweep();
    const entry = this.plans.get(token);
    if (!entry) return { error: 'unknown or expired confirmation token (tokens are single-use and expire after 10 minutes)' };
    if (claimed && planHash(claimed) !== entry.hash) return { error: 'the plan passed does not match the plan this token was issued for' };
    this.plans.delete(token);
    return { plan: entry.plan };
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, v] of this.plans) if (v.expires < t) this.plans.delete(k);
  }
}
