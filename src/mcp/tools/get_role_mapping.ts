import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { fetchMapping, mappingOutput, requireRoleMappings, toMappingOut } from '../mappings-common.js';

export default defineTool({
  name: 'get_role_mapping',
  title: 'Get a role mapping',
  description: 'Get one role mapping in full: rules, roles or role templates, enabled, metadata.',
  kind: 'read',
  toolset: 'mappings',
  input: z.object({ name: z.string().min(1).describe('Role mapping name.') }),
  output: mappingOutput,
  async handler({ name }, ctx) {
    await requireRoleMappings(ctx);
    const m = await fetchMapping(ctx, name);
    if (!m) throw new EsAuthzError('NOT_FOUND', `Role mapping "${name}" does not exist.`, { hint: 'Use list_role_mappings to find it.' });
    const out = toMappingOut(name, m);
    return { text: `Role mapping ${name}: ${out.summary}\n${JSON.stringify({ rules: out.rules, roles: out.roles, role_templates: out.role_templates })}`, structured: out };
  },
});
