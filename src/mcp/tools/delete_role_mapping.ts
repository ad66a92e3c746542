import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { fetchMapping, mappingOutput, requireRoleMappings, toMappingOut } from '../mappings-common.js';

export default defineTool({
  name: 'delete_role_mapping',
  title: 'Delete a role mapping (destructive)',
  description: 'DESTRUCTIVE: delete a role mapping; the external users it matched lose those roles at their next sign-in. To pause it instead, call create_role_mapping with the same definition, enabled=false and replace=true.',
  kind: 'destructive',
  toolset: 'mappings',
  input: z.object({ name: z.string().min(1).describe('Role mapping name.') }),
  output: z.object({ deleted: z.boolean(), mapping: mappingOutput.describe('the mapping as it was, for the record') }),
  async handler({ name }, ctx) {
    await requireRoleMappings(ctx);
    const m = await fetchMapping(ctx, name);
    if (!m) throw new EsAuthzError('NOT_FOUND', `Role mapping "${name}" does not exist.`, { hint: 'Use list_role_mappings to find it.' });
    const r = await ctx.es.security.deleteRoleMapping({ name, refresh: 'wait_for' });
    const out = toMappingOut(name, m);
    ctx.audit({ tool: 'delete_role_mapping', target: name, outcome: r.found ? 'success' : 'failure', before: out.summary });
    return { text: `Deleted role mapping ${name} (${out.summary}).`, structured: { deleted: r.found, mapping: out } };
  },
});
