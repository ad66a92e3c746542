import { z } from 'zod';
import { defineTool } from '../tool.js';
import { summarizeRole } from '../common.js';
import { fetchRole } from '../roles-common.js';
import { EsAuthzError } from '../../errors.js';

export default defineTool({
  name: 'get_role',
  title: 'Get a role',
  description: 'Get one role\'s full definition (cluster, indices with DLS/FLS, applications/Kibana, run_as, metadata) and whether it is built-in.',
  kind: 'read',
  toolset: 'roles',
  input: z.object({ name: z.string().min(1).describe('Role name.') }),
  output: z.object({ name: z.string(), reserved: z.boolean(), summary: z.string(), definition: z.record(z.string(), z.unknown()) }),
  async handler({ name }, ctx) {
    const d = await fetchRole(ctx, name);
    if (!d) throw new EsAuthzError('NOT_FOUND', `Role "${name}" does not exist.`, { hint: 'Use list_roles with a filter to find the right name.' });
    const reserved = Boolean(d.metadata?._reserved);
    const summary = summarizeRole(d);
    return {
      text: `Role ${name}${reserved ? ' (built-in, read-only)' : ''}: ${summary}\n${JSON.stringify(d)}`,
      structured: { name, reserved, summary, definition: d as unknown as Record<string, unknown> },
    };
  },
});
