import { z } from 'zod';
import { defineTool } from '../tool.js';
import { listInput, nameFilter, pageOutput, paginate } from '../common.js';
import { requireNativeUsers, toUserOut, userOutput } from '../users-common.js';

export default defineTool({
  name: 'list_users',
  title: 'List users',
  description: 'List native-realm users with their roles and enabled state. Filter by username text or wildcard; paginated. External (SAML/LDAP/OIDC) users are not listed: see list_role_mappings.',
  kind: 'read',
  toolset: 'users',
  input: z.object({ ...listInput, filter: z.string().max(200).optional().describe('Only usernames containing this text, or matching this wildcard pattern (e.g. "svc-*").'), role: z.string().optional().describe('Only users holding this role.') }),
  output: z.object({ ...pageOutput, users: z.array(userOutput) }),
  async handler(args, ctx) {
    await requireNativeUsers(ctx);
    const all = await ctx.es.security.getUser();
    const match = nameFilter(args.filter);
    const rows = Object.values(all)
      .map(toUserOut)
      .filter((u) => match(u.username) && (!args.role || u.roles.includes(args.role)))
      .sort((a, b) => a.username.localeCompare(b.username))
      .map((u) => (args.detail === 'full' ? u : { ...u, metadata: {} }));
    const { page, ...meta } = paginate(rows, args.offset, args.limit);
    const lines = page.map((u) => `- ${u.username}${u.reserved ? ' (built-in)' : ''}${u.enabled ? '' : ' [disabled]'}: ${u.roles.join(', ') || '(no roles)'}`);
    const more = meta.next_offset !== undefined ? `\nMore: call again with offset ${meta.next_offset}.` : '';
    return { text: `${meta.total} user(s), showing ${page.length}:\n${lines.join('\n')}${more}`, structured: { ...meta, users: page } };
  },
});
