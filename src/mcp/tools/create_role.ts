import { z } from 'zod';
import type { estypes } from '@elastic/elasticsearch';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { jsonDiff, summarizeRole } from '../common.js';
import { canonicalRole, fetchRole, roleBodyInput } from '../roles-common.js';

export default defineTool({
  name: 'create_role',
  title: 'Create a role',
  description:
    'Create a custom role (cluster/index privileges, DLS query, FLS fields, Kibana feature/space privileges). Validated before anything is sent. An identical existing role is left unchanged; a different one is only overwritten with replace=true (the result shows the diff). Built-in roles are never modified. Reuse an existing role when one already fits.',
  kind: 'write',
  toolset: 'roles',
  idempotent: true,
  input: z.object({
    name: z.string().min(1).describe('Role name: lowercase-hyphen and descriptive, e.g. "logs-reader".'),
    ...roleBodyInput,
    replace: z.boolean().default(false).describe('Overwrite an existing custom role (shows the diff).'),
  }),
  output: z.object({
    name: z.string(),
    action: z.enum(['created', 'replaced', 'unchanged']),
    via: z.enum(['elasticsearch', 'kibana']),
    kibana_applied: z.boolean().describe('false when Kibana privileges were requested but could not be set'),
    warnings: z.array(z.string()),
    diff: z.array(z.string()),
    summary: z.string(),
  }),
  async handler(args, ctx) {
    // the validation engine loads on first use, not at server start
    const [{ KibanaPrivilegeEntrySchema, RoleDescriptorSchema, parseOrExplain }, { validateRole }, { editDistance }, { kibanaToApplicationPrivileges }] = await Promise.all([
      import('../../security/schemas.js'),
      import('../../security/validators.js'),
      import('../../security/privileges.js'),
      import('../../security/coverage.js'),
    ]);
    const { name, replace, kibana, ...rest } = args;
    const body = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as estypes.SecurityRoleDescriptor;
    const problems: string[] = [];
    const parsed = parseOrExplain(RoleDescriptorSchema, body);
    if (!parsed.ok) problems.push(...parsed.errors);
    if (kibana) {
      const k = parseOrExplain(z.array(KibanaPrivilegeEntrySchema), kibana);
      if (!k.ok) problems.push(...k.errors.map((e) => `kibana${e.startsWith('[') ? '' : '.'}${e}`));
    }
    const v = validateRole(name, body);
    problems.push(...v.errors.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}${i.suggestion ? ` (${i.suggestion})` : ''} [${i.code}]`));
    if (problems.length) {
      throw new EsAuthzError('VALIDATION_FAILED', `Role "${name}" is invalid; nothing was written:\n- ${problems.join('\n- ')}`, { hint: 'Fix the listed fields and call create_role again.' });
    }
    const warnings = v.warnings.map((i) => `${i.message}${i.suggestion ? ` (${i.suggestion})` : ''} [${i.code}]`);

    const existing = await fetchRole(ctx, name);
    if (existing?.metadata?._reserved) {
      throw new EsAuthzError('RESERVED', `"${name}" is a built-in role and cannot be changed.`, { hint: `Assign the built-in role as it is, or create a new role with another name.` });
    }
    const withApps = Boolean(kibana?.length) || Boolean(body.applications?.length);
    // re-running the same create_role is a no-op (plans can be re-applied safely)
    const wanted = { ...canonicalRole(body, { withApplications: true }), applications: [...canonicalRole(body, { withApplications: true }).applications ?? [], ...kibanaToApplicationPrivileges((kibana ?? []).map((k) => ({ ...k })))].map((a) => ({ ...a, privileges: [...a.privileges].sort(), resources: [...a.resources].sort() })) };
    const sameDescription = (existing?.description ?? '') === (body.description ?? '');
    if (existing && sameDescription && JSON.stringify(canonicalRole(existing, { withApplications: true })) === JSON.stringify(wanted)) {
      return { text: `Role ${name} already has exactly this definition; nothing changed.`, structured: { name, action: 'unchanged' as const, via: kibana?.length ? ('kibana' as const) : ('elasticsearch' as const), kibana_applied: Boolean(kibana?.length), warnings, diff: [], summary: summarizeRole(existing) } };
    }
    if (existing && !replace) {
      throw new EsAuthzError('ALREADY_EXISTS', `Role "${name}" already exists with a different definition: ${summarizeRole(existing)}.`, {
        hint: 'If it already grants what is needed, reuse it; to overwrite it call create_role again with replace: true (the result will show the diff).',
      });
    }

    let via: 'elasticsearch' | 'kibana' = 'elasticsearch';
    let kibanaApplied = false;
    if (kibana?.length) {
      const reachable = ctx.kibana ? await ctx.kibana.status() : false;
      if (ctx.kibana && reachable) {
        // Kibana accepts unknown features silently (they then grant nothing): check them ourselves
        const known = await ctx.kibana.features();
        if (known) {
          const bad: string[] = [];
          kibana.forEach((entry, i) => {
            for (const [feature, privs] of Object.entries(entry.feature ?? {})) {
              const valid = known.get(feature);
              if (!valid) {
                const close = [...known.keys()].filter((k) => k.includes(feature) || feature.includes(k) || editDistance(k, feature) <= 2).slice(0, 4);
                bad.push(`kibana[${i}].feature.${feature}: unknown Kibana feature${close.length ? `; did you mean ${close.join(', ')}?` : ''} (GET /api/features lists them)`);
              } else {
                for (const p of privs) if (!valid.has(p)) bad.push(`kibana[${i}].feature.${feature}: unknown privilege "${p}"; valid: ${[...valid].join(', ')}`);
              }
            }
          });
          if (bad.length) throw new EsAuthzError('VALIDATION_FAILED', `Role "${name}" has invalid Kibana privileges; nothing was written:\n- ${bad.join('\n- ')}`, { hint: 'Fix the feature ids/privileges and call create_role again.' });
        }
        const { description, metadata, ...esPart } = body;
        // Kibana's role API takes DLS queries as JSON strings only
        const es = { ...esPart, ...(esPart.indices ? { indices: esPart.indices.map((i) => (i.query !== undefined && typeof i.query !== 'string' ? { ...i, query: JSON.stringify(i.query) } : i)) } : {}) };
        await ctx.kibana.putRole(
          name,
          { ...(description ? { description } : {}), ...(metadata ? { metadata } : {}), elasticsearch: es as Record<string, unknown>, kibana },
          { createOnly: !replace, opaqueId: ctx.requestId },
        );
        via = 'kibana';
        kibanaApplied = true;
      } else {
        warnings.unshift(
          `Kibana privileges were NOT set: ${ctx.kibana ? `Kibana at ${ctx.kibana.url} is not reachable` : 'KIBANA_URL is not configured'}. Only the Elasticsearch part of the role was written; set KIBANA_URL (and KIBANA_API_KEY) and call create_role again with replace: true to add the Kibana privileges.`,
        );
      }
    }
    if (via === 'elasticsearch') await ctx.es.security.putRole({ name, ...body, refresh: 'wait_for' });

    const after = await fetchRole(ctx, name);
    if (!after) throw new EsAuthzError('VERIFY_FAILED', `Role "${name}" was written but cannot be read back.`, { hint: 'Check with get_role.' });
    const stored = canonicalRole(after, { withApplications: !kibana?.length && withApps });
    const expected = canonicalRole(body, { withApplications: !kibana?.length && withApps });
    const mismatch = jsonDiff(expected, stored);
    if (mismatch.length) {
      ctx.audit({ tool: 'create_role', target: name, outcome: 'failure', after: summarizeRole(after) });
      throw new EsAuthzError('VERIFY_FAILED', `Role "${name}" as stored differs from what was sent:\n${mismatch.join('\n')}`, { hint: 'Inspect with get_role; fix and call create_role with replace: true.' });
    }
    if (kibanaApplied && !(after.applications ?? []).some((a) => a.application === 'kibana-.kibana')) {
      throw new EsAuthzError('VERIFY_FAILED', `Kibana accepted role "${name}" but no Kibana application privileges are stored.`, { hint: 'Check the role in Kibana.' });
    }
    const diff = existing ? jsonDiff(existing, after) : [];
    const action = existing ? ('replaced' as const) : ('created' as const);
    ctx.audit({ tool: 'create_role', target: name, outcome: 'success', before: existing ? summarizeRole(existing) : undefined, after: summarizeRole(after) });
    const text = [
      `${action === 'created' ? 'Created' : 'Replaced'} role ${name} via ${via === 'kibana' ? "Kibana's role API" : 'Elasticsearch'}: ${summarizeRole(after)}.`,
      ...(diff.length ? ['Changes:', ...diff.map((d) => `  ${d}`)] : []),
      ...warnings.map((w) => `Warning: ${w}`),
    ].join('\n');
    return { text, structured: { name, action, via, kibana_applied: kibanaApplied, warnings, diff, summary: summarizeRole(after) } };
  },
});
