import { z } from 'zod';
import { defineTool } from '../tool.js';
import { listInput, nameFilter, orIfNotFound, pageOutput, paginate } from '../common.js';
import { mappingOutput, requireRoleMappings, toMappingOut } from '../mappings-common.js';

export default defineTool({
  name: 'list_role_mappings',
  title: 'List role mappings',
  description: 'List role mappings (how SAML/OIDC/LDAP/PKI/JWT users get roles from groups, DNs, realms, metadata) with one-line summaries. Filter by name or by a role they grant; paginated.',
  kind: 'read',
  toolset: 'mappings',
  input: z.object({ ...listInput, role: z.string().optional().describe('Only mappings that grant this role.') }),
  output: z.object({ ...pageOutput, mappings: z.array(mappingOutput) }),
  async handler(args, ctx) {
    await requireRoleMappings(ctx);
    const all = await orIfNotFound(ctx.es.security.getRoleMapping(), {});
    const match = nameFilter(args.filter);
    const rows = Object.entries(all)
      .map(([n, m]) => toMappingOut(n, m))
      .filter((m) => match(m.name) && (!args.role || m.roles.includes(args.role)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((m) => (args.detail === 'full' ? m : { ...m, metadata: {} }));
    const { page, ...meta } = paginate(rows, args.offset, args.limit);
    const more = meta.next_offset !== undefined ? `\nMore: call again with offset ${meta.next_offset}.` : '';
    return { text: `${meta.total} role mapping(s), showing ${page.length}:\n${page.map((m) => `- ${m.name}: ${m.summary}`).join('\n')}${more}`, structured: { ...meta, mappings: page } };
  },
});
