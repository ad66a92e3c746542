import { z } from 'zod';
import { defineTool } from '../tool.js';
import { listInput, nameFilter, pageOutput, paginate, summarizeRole } from '../common.js';

export default defineTool({
  name: 'list_roles',
  title: 'List roles',
  description: 'List Elasticsearch roles (built-in and custom) with one-line summaries. Filter by name text or wildcard; paginated. Use get_role for one role in full.',
  kind: 'read',
  toolset: 'roles',
  input: z.object({
    ...listInput,
    include_reserved: z.boolean().default(true).describe('Include built-in (reserved) roles such as viewer or superuser.'),
  }),
  output: z.object({
    ...pageOutput,
    roles: z.array(z.object({ name: z.string(), reserved: z.boolean(), summary: z.string(), definition: z.record(z.string(), z.unknown()).optional() })),
  }),
  async handler(args, ctx) {
    const all = await ctx.es.security.getRole();
    const match = nameFilter(args.filter);
    const rows = Object.entries(all)
      .filter(([name, d]) => match(name) && (args.include_reserved || !d.metadata?._reserved))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, d]) => ({
        name,
        reserved: Boolean(d.metadata?._reserved),
        summary: summarizeRole(d),
        ...(args.detail === 'full' ? { definition: d as unknown as Record<string, unknown> } : {}),
      }));
    const { page, ...meta } = paginate(rows, args.offset, args.limit);
    const lines = page.map((r) => `- ${r.name}${r.reserved ? ' (built-in)' : ''}: ${r.summary}`);
    const more = meta.next_offset !== undefined ? `\nMore: call again with offset ${meta.next_offset}.` : '';
    return { text: `${meta.total} role(s)${args.filter ? ` matching "${args.filter}"` : ''}, showing ${page.length}:\n${lines.join('\n')}${more}`, structured: { ...meta, roles: page } };
  },
});
