import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { guardUserChange, missingRoles, mustFetchUser, requireNativeUsers, toUserOut, usernameInput } from '../users-common.js';

export default defineTool({
  name: 'update_user_roles',
  title: 'Add or remove a user\'s roles',
  description:
    'Add and/or remove roles of an existing native user without touching the others: fetches the current roles, writes the full list, re-reads to verify. Never replaces the roles array blindly.',
  kind: 'write',
  toolset: 'users',
  idempotent: true,
  input: z.object({
    username: usernameInput,
    add: z.array(z.string().min(1)).default([]).describe('Roles to add (must exist).'),
    remove: z.array(z.string().min(1)).default([]).describe('Roles to remove.'),
  }),
  output: z.object({ username: z.string(), before: z.array(z.string()), after: z.array(z.string()), added: z.array(z.string()), removed: z.array(z.string()), changed: z.boolean() }),
  async handler(args, ctx) {
    await requireNativeUsers(ctx);
    if (!args.add.length && !args.remove.length) throw new EsAuthzError('INVALID_INPUT', 'Nothing to do: both add and remove are empty.', { hint: 'Pass roles in add and/or remove.' });
    const both = args.add.filter((r) => args.remove.includes(r));
    if (both.length) throw new EsAuthzError('INVALID_INPUT', `Role(s) ${both.join(', ')} are in both add and remove.`, { hint: 'List each role in only one of them.' });
    const missing = await missingRoles(ctx, args.add);
    if (missing.length) throw new EsAuthzError('NOT_FOUND', `Role(s) ${missing.join(', ')} do not exist; nothing was changed.`, { hint: 'Create the role first (create_role), or check the name with list_roles.' });
    // serialize per user: concurrent calls each see the previous one's result, so no role is lost
    return ctx.locks.run(`user:${args.username}`, async () => {
      const user = await mustFetchUser(ctx, args.username);
      await guardUserChange(ctx, user, 'change the roles of');
      const before = [...user.roles];
      const after = [...before.filter((r) => !args.remove.includes(r)), ...args.add.filter((r) => !before.includes(r))];
      const added = after.filter((r) => !before.includes(r));
      const removed = before.filter((r) => !after.includes(r));
      const notHeld = args.remove.filter((r) => !before.includes(r));
      if (!added.length && !removed.length) {
        return {
          text: `No change: ${args.username} already has roles ${before.join(', ') || '(none)'}${notHeld.length ? ` (did not hold ${notHeld.join(', ')})` : ''}.`,
          structured: { username: args.username, before, after: before, added, removed, changed: false },
        };
      }
      await ctx.es.security.putUser({
        username: user.username,
        roles: after,
        enabled: user.enabled,
        metadata: user.metadata,
        ...(user.full_name ? { full_name: user.full_name } : {}),
        ...(user.email ? { email: user.email } : {}),
        refresh: 'wait_for',
      });
      const check = toUserOut(await mustFetchUser(ctx, args.username));
      if ([...check.roles].sort().join(',') !== [...after].sort().join(',')) {
        ctx.audit({ tool: 'update_user_roles', target: args.username, outcome: 'failure', before, after: check.roles });
        throw new EsAuthzError('VERIFY_FAILED', `After writing, ${args.username} has roles ${check.roles.join(', ')} instead of ${after.join(', ')}.`, {
          hint: 'Another process may have changed the user at the same time; call get_user and retry.',
        });
      }
      ctx.audit({ tool: 'update_user_roles', target: args.username, outcome: 'success', before, after });
      return {
        text: `${args.username}: roles ${before.join(', ') || '(none)'} → ${after.join(', ') || '(none)'}${added.length ? ` (added ${added.join(', ')})` : ''}${removed.length ? ` (removed ${removed.join(', ')})` : ''}.`,
        structured: { username: args.username, before, after, added, removed, changed: true },
      };
    });
  },
});
