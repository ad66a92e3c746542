import { z } from 'zod';
import { defineTool } from '../tool.js';
import { guardUserChange, mustFetchUser, requireNativeUsers, toUserOut, userOutput, usernameInput } from '../users-common.js';

export default defineTool({
  name: 'delete_user',
  title: 'Delete a user (destructive)',
  description: 'DESTRUCTIVE: permanently delete a native user. Prefer set_user_enabled(enabled=false), which is reversible. Only delete when the admin explicitly asked to delete.',
  kind: 'destructive',
  toolset: 'users',
  input: z.object({ username: usernameInput }),
  output: z.object({ deleted: z.boolean(), user: userOutput.describe('the user as it was, for the record') }),
  async handler({ username }, ctx) {
    await requireNativeUsers(ctx);
    return ctx.locks.run(`user:${username}`, async () => {
      const user = await mustFetchUser(ctx, username);
      await guardUserChange(ctx, user, 'delete');
      const r = await ctx.es.security.deleteUser({ username, refresh: 'wait_for' });
      ctx.audit({ tool: 'delete_user', target: username, outcome: r.found ? 'success' : 'failure', before: { roles: user.roles, enabled: user.enabled } });
      const out = toUserOut(user);
      return { text: `Deleted user ${username} (had roles ${out.roles.join(', ') || '(none)'}). This cannot be undone; re-create with create_user if needed.`, structured: { deleted: r.found, user: out } };
    });
  },
});
