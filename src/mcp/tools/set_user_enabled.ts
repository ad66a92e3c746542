import { z } from 'zod';
import { defineTool } from '../tool.js';
import { guardUserChange, mustFetchUser, requireNativeUsers, usernameInput } from '../users-common.js';

export default defineTool({
  name: 'set_user_enabled',
  title: 'Enable or disable a user',
  description: 'Enable or disable a native user. Disabling is the usual, reversible meaning of "remove access": the user and their roles are kept.',
  kind: 'write',
  toolset: 'users',
  idempotent: true,
  input: z.object({ username: usernameInput, enabled: z.boolean().describe('false to disable (block sign-in), true to re-enable.') }),
  output: z.object({ username: z.string(), enabled: z.boolean(), changed: z.boolean() }),
  async handler({ username, enabled }, ctx) {
    await requireNativeUsers(ctx);
    return ctx.locks.run(`user:${username}`, async () => {
      const user = await mustFetchUser(ctx, username);
      if (user.enabled === enabled) return { text: `${username} is already ${enabled ? 'enabled' : 'disabled'}.`, structured: { username, enabled, changed: false } };
      await guardUserChange(ctx, user, enabled ? 'enable' : 'disable');
      if (enabled) await ctx.es.security.enableUser({ username });
      else await ctx.es.security.disableUser({ username });
      const after = await mustFetchUser(ctx, username);
      ctx.audit({ tool: 'set_user_enabled', target: username, outcome: after.enabled === enabled ? 'success' : 'failure', before: { enabled: user.enabled }, after: { enabled: after.enabled } });
      return { text: `${username} is now ${after.enabled ? 'enabled' : 'disabled'}${enabled ? '' : ' (roles kept; re-enable any time)'}.`, structured: { username, enabled: after.enabled, changed: true } };
    });
  },
});
