import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { guardUserChange, mustFetchUser, requireNativeUsers, toUserOut, userOutput, usernameInput } from '../users-common.js';
import { jsonDiff } from '../common.js';

export default defineTool({
  name: 'update_user',
  title: 'Update user details',
  description: 'Change a native user\'s full name, email or metadata (merged, or replaced with replace_metadata). Roles are changed with update_user_roles; enabling with set_user_enabled.',
  kind: 'write',
  toolset: 'users',
  idempotent: true,
  input: z.object({
    username: usernameInput,
    full_name: z.string().max(200).nullable().optional().describe('New full name; null clears it.'),
    email: z.string().email().nullable().optional().describe('New email; null clears it.'),
    metadata: z.record(z.string(), z.unknown()).optional().describe('Keys to set (merged into existing metadata). Keys must not start with "_".'),
    replace_metadata: z.boolean().default(false).describe('Replace all metadata instead of merging.'),
  }),
  output: z.object({ user: userOutput, changes: z.array(z.string()) }),
  async handler(args, ctx) {
    await requireNativeUsers(ctx);
    const badMeta = Object.keys(args.metadata ?? {}).filter((k) => k.startsWith('_'));
    if (badMeta.length) throw new EsAuthzError('INVALID_INPUT', `metadata keys starting with "_" are reserved: ${badMeta.join(', ')}.`, { hint: 'Rename them without the leading underscore.' });
    return ctx.locks.run(`user:${args.username}`, async () => {
      const before = await mustFetchUser(ctx, args.username);
      await guardUserChange(ctx, before, 'update');
      const metadata = args.metadata === undefined ? before.metadata : args.replace_metadata ? args.metadata : { ...before.metadata, ...args.metadata };
      const full_name = args.full_name === undefined ? before.full_name : args.full_name;
      const email = args.email === undefined ? before.email : args.email;
      await ctx.es.security.putUser({
        username: args.username,
        roles: before.roles,
        enabled: before.enabled,
        metadata,
        ...(full_name ? { full_name } : {}),
        ...(email ? { email } : {}),
        refresh: 'wait_for',
      });
      const after = toUserOut(await mustFetchUser(ctx, args.username));
      const changes = jsonDiff(toUserOut(before), after);
      if (after.roles.join('\u0000') !== before.roles.join('\u0000')) {
        throw new EsAuthzError('VERIFY_FAILED', `Roles of "${args.username}" changed unexpectedly during update.`, { hint: 'Inspect with get_user and restore with update_user_roles.' });
      }
      ctx.audit({ tool: 'update_user', target: args.username, outcome: 'success', before: toUserOut(before), after });
      return { text: changes.length ? `Updated ${args.username}:\n${changes.join('\n')}` : `No change to ${args.username}.`, structured: { user: after, changes } };
    });
  },
});
