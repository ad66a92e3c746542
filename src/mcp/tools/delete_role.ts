import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { summarizeRole } from '../common.js';
import { fetchRole } from '../roles-common.js';

export default defineTool({
  name: 'delete_role',
  title: 'Delete a role (destructive)',
  description: 'DESTRUCTIVE: delete a custom role. Every user and role mapping that names it loses that access. Built-in roles cannot be deleted. Shows who held it.',
  kind: 'destructive',
  toolset: 'roles',
  input: z.object({ name: z.string().min(1).describe('Role name.') }),
  output: z.object({ deleted: z.boolean(), summary: z.string(), users_with_role: z.array(z.string()), mappings_with_role: z.array(z.string()) }),
  async handler({ name }, ctx) {
    const role = await fetchRole(ctx, name);
    if (!role) throw new EsAuthzError('NOT_FOUND', `Role "${name}" does not exist.`, { hint: 'Check the name with list_roles.' });
    if (role.metadata?._reserved) throw new EsAuthzError('RESERVED', `"${name}" is a built-in role and cannot be deleted.`);
    const d = await ctx.deployment().catch(() => undefined);
    const users = d?.kind === 'serverless' ? {} : await ctx.es.security.getUser().catch(() => ({}));
    const mappings = d?.kind === 'serverless' ? {} : await ctx.es.security.getRoleMapping().catch(() => ({}));
    const holders = Object.values(users).filter((u) => u.roles.includes(name)).map((u) => u.username);
    const mapped = Object.entries(mappings).filter(([, m]) => (m.roles ?? []).includes(name)).map(([n]) => n);
    const r = await ctx.es.security.deleteRole({ name, refresh: 'wait_for' });
    ctx.audit({ tool: 'delete_role', target: name, outcome: r.found ? 'success' : 'failure', before: summarizeRole(role) });
    return {
      text: `Deleted role ${name} (${summarizeRole(role)}).${holders.length ? ` Users that held it: ${holders.join(', ')}.` : ''}${mapped.length ? ` Role mappings that name it: ${mapped.join(', ')}.` : ''}`,
      structured: { deleted: r.found, summary: summarizeRole(role), users_with_role: holders, mappings_with_role: mapped },
    };
  },
});
