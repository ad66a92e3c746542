import { z } from 'zod';
import { defineTool } from '../tool.js';
import { mustFetchUser, requireNativeUsers, toUserOut, userOutput, usernameInput } from '../users-common.js';

export default defineTool({
  name: 'get_user',
  title: 'Get a user',
  description: 'Get one native user: roles, enabled, full name, email, metadata. Always fetch a user before changing their roles.',
  kind: 'read',
  toolset: 'users',
  input: z.object({ username: usernameInput }),
  output: userOutput,
  async handler({ username }, ctx) {
    await requireNativeUsers(ctx);
    const u = toUserOut(await mustFetchUser(ctx, username));
    return {
      text: `User ${u.username}${u.reserved ? ' (built-in)' : ''}: ${u.enabled ? 'enabled' : 'DISABLED'}; roles: ${u.roles.join(', ') || '(none)'}${u.full_name ? `; name: ${u.full_name}` : ''}${u.email ? `; email: ${u.email}` : ''}.`,
      structured: u,
    };
  },
});
