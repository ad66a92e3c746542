// Shared by the user tools: deployment guard, fetching a user, output shape.
import { z } from 'zod';
import type { estypes } from '@elastic/elasticsearch';
import { EsAuthzError } from '../errors.js';
import type { ToolContext } from './context.js';
import { orIfNotFound } from './common.js';

export const userOutput = z.object({
  username: z.string(),
  roles: z.array(z.string()),
  full_name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  enabled: z.boolean(),
  reserved: z.boolean(),
  metadata: z.record(z.string(), z.unknown()),
});

export type UserOut = z.infer<typeof userOutput>;

export async function requireNativeUsers(ctx: ToolContext): Promise<void> {
  const d = await ctx.deployment().catch(() => undefined);
  if (d?.kind === 'serverless') {
    throw new EsAuthzError('UNSUPPORTED_DEPLOYMENT', 'Elastic Cloud Serverless has no native users: people sign in through Elastic Cloud.', {
      hint: 'Create a custom role here, then assign it to the person in the Elastic Cloud console (Organization → Members → roles for this project).',
    });
  }
}

export function toUserOut(u: estypes.SecurityUser): UserOut {
  const metadata = (u.metadata ?? {}) as Record<string, unknown>;
  return {
    username: u.username,
    roles: [...u.roles],
    full_name: u.full_name ?? null,
    email: u.email ?? null,
    enabled: u.enabled,
    reserved: Boolean(metadata._reserved),
    metadata,
  };
}

export async function fetchUser(ctx: ToolContext, username: string): Promise<estypes.SecurityUser | undefined> {
  return (await orIfNotFound(ctx.es.security.getUser({ username }), {} as Record<string, estypes.SecurityUser>))[username];
}

export async function mustFetchUser(ctx: ToolContext, username: string): Promise<estypes.SecurityUser> {
  const u = await fetchUser(ctx, username);
  if (!u) throw new EsAuthzError('NOT_FOUND', `User "${username}" does not exist in the native realm.`, { hint: 'Check the name with list_users, or create it with create_user.' });
  return u;
}

/** Refuse to change reserved users (elastic, kibana_system, ...) and, for lock-out safety, the caller itself. */
export async function guardUserChange(ctx: ToolContext, u: estypes.SecurityUser, what: string): Promise<void> {
  if ((u.metadata as Record<string, unknown> | undefined)?._reserved) {
    throw new EsAuthzError('RESERVED', `"${u.username}" is a built-in user; es-authz does not ${what} built-in users.`, { hint: 'Create a dedicated native user instead.' });
  }
  const d = await ctx.deployment().catch(() => undefined);
  if (d?.identity?.username === u.username && d.identity.realmType === 'native') {
    throw new EsAuthzError('INVALID_INPUT', `Refusing to ${what} "${u.username}": it is the identity es-authz is acting as, and this could lock you out.`, {
      hint: 'Make this change with a different administrator credential.',
    });
  }
}

export const usernameInput = z
  .string()
  .min(1)
  .max(507)
  .describe('Native-realm username.');

export async function missingRoles(ctx: ToolContext, roles: readonly string[]): Promise<string[]> {
  if (!roles.length) return [];
  const got = await orIfNotFound(ctx.es.security.getRole({ name: roles.join(',') }), {});
  return roles.filter((r) => !(r in got));
}
