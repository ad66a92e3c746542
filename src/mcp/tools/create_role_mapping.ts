import { z } from 'zod';
import type { estypes } from '@elastic/elasticsearch';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { jsonDiff } from '../common.js';
import { missingRoles } from '../users-common.js';
import { fetchMapping, mappingOutput, requireRoleMappings, toMappingOut } from '../mappings-common.js';

export default defineTool({
  name: 'create_role_mapping',
  title: 'Create a role mapping',
  description:
    'Map external-realm users (SAML, OIDC, LDAP/AD, PKI, JWT) to roles by rules on groups, dn, username, realm.name or metadata.*. Give roles (fixed names) or role_templates (Mustache). Fails if it exists unless replace=true. Not available on Serverless.',
  kind: 'write',
  toolset: 'mappings',
  idempotent: true,
  input: z.object({
    name: z.string().min(1).describe('Mapping name, e.g. "saml-sre-metrics-reader".'),
    roles: z.array(z.string()).optional().describe('Role names to grant (must exist).'),
    role_templates: z.array(z.record(z.string(), z.unknown())).optional().describe('e.g. [{"template": {"source": "{{#tojson}}groups{{/tojson}}"}, "format": "json"}].'),
    rules: z.record(z.string(), z.unknown()).describe('e.g. {"all": [{"field": {"realm.name": "saml1"}}, {"field": {"groups": "sre"}}]}.'),
    enabled: z.boolean().default(true),
    metadata: z.record(z.string(), z.unknown()).optional(),
    replace: z.boolean().default(false).describe('Overwrite an existing mapping (shows the diff).'),
  }),
  output: z.object({ mapping: mappingOutput, action: z.enum(['created', 'replaced', 'unchanged']), diff: z.array(z.string()) }),
  async handler(args, ctx) {
    await requireRoleMappings(ctx);
    const { name, replace, ...rest } = args;
    const body = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    const { RoleMappingSchema, parseOrExplain } = await import('../../security/schemas.js');
    const parsed = parseOrExplain(RoleMappingSchema, body);
    if (!parsed.ok) {
      throw new EsAuthzError('VALIDATION_FAILED', `Role mapping "${name}" is invalid; nothing was written:\n- ${parsed.errors.join('\n- ')}`, { hint: 'Fix the listed fields and call create_role_mapping again.' });
    }
    const missing = await missingRoles(ctx, args.roles ?? []);
    if (missing.length) throw new EsAuthzError('NOT_FOUND', `Role(s) ${missing.join(', ')} do not exist; the mapping was not written.`, { hint: 'Create the roles first (create_role), or fix the names.' });
    const existing = await fetchMapping(ctx, name);
    const same =
      existing &&
      JSON.stringify({ rules: existing.rules, roles: existing.roles ?? [], t: existing.role_templates ?? [], e: existing.enabled }) ===
        JSON.stringify({ rules: body.rules, roles: body.roles ?? [], t: body.role_templates ?? [], e: body.enabled });
    if (existing && same) {
      const out = toMappingOut(name, existing);
      return { text: `Role mapping ${name} already has exactly this definition; nothing changed.`, structured: { mapping: out, action: 'unchanged' as const, diff: [] } };
    }
    if (existing && !replace) {
      throw new EsAuthzError('ALREADY_EXISTS', `Role mapping "${name}" already exists: ${toMappingOut(name, existing).summary}.`, { hint: 'Reuse it if it fits; otherwise call again with replace: true.' });
    }
    const req = { name, ...(body as Omit<estypes.SecurityPutRoleMappingRequest, 'name'>), refresh: 'wait_for' as const };
    await ctx.es.security.putRoleMapping(req);
    const after = await fetchMapping(ctx, name);
    if (!after) throw new EsAuthzError('VERIFY_FAILED', `Role mapping "${name}" was written but cannot be read back.`, { hint: 'Check with get_role_mapping.' });
    const out = toMappingOut(name, after);
    const mismatch = jsonDiff({ rules: body.rules, roles: body.roles ?? [], enabled: body.enabled }, { rules: after.rules, roles: after.roles ?? [], enabled: after.enabled });
    if (mismatch.length) throw new EsAuthzError('VERIFY_FAILED', `Stored mapping differs from what was sent:\n${mismatch.join('\n')}`, { hint: 'Inspect with get_role_mapping.' });
    const diff = existing ? jsonDiff(toMappingOut(name, existing), out) : [];
    const action = existing ? (diff.length ? ('replaced' as const) : ('unchanged' as const)) : ('created' as const);
    ctx.audit({ tool: 'create_role_mapping', target: name, outcome: 'success', before: existing ? toMappingOut(name, existing).summary : undefined, after: out.summary });
    return { text: `${action === 'created' ? 'Created' : action === 'replaced' ? 'Replaced' : 'Unchanged'} role mapping ${name}: ${out.summary}${diff.length ? `\nChanges:\n  ${diff.join('\n  ')}` : ''}`, structured: { mapping: out, action, diff } };
  },
});
