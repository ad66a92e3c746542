import { z } from 'zod';
import type { estypes } from '@elastic/elasticsearch';
import { EsAuthzError } from '../errors.js';
import type { ToolContext } from './context.js';
import { orIfNotFound } from './common.js';

export async function requireRoleMappings(ctx: ToolContext): Promise<void> {
  const d = await ctx.deployment().catch(() => undefined);
  if (d?.kind === 'serverless') {
    throw new EsAuthzError('UNSUPPORTED_DEPLOYMENT', 'Elastic Cloud Serverless has no role mappings: identity-provider users are managed in Elastic Cloud.', {
      hint: 'Create a custom role here and assign it to the users or IdP group in the Elastic Cloud console.',
    });
  }
}

export const mappingOutput = z.object({
  name: z.string(),
  enabled: z.boolean(),
  roles: z.array(z.string()),
  role_templates: z.array(z.record(z.string(), z.unknown())),
  rules: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
  summary: z.string(),
});

function ruleText(r: unknown): string {
  if (!r || typeof r !== 'object') return String(r);
  const o = r as Record<string, unknown>;
  if (Array.isArray(o.all)) return `all(${o.all.map(ruleText).join(', ')})`;
  if (Array.isArray(o.any)) return `any(${o.any.map(ruleText).join(', ')})`;
  if (o.except) return `not ${ruleText(o.except)}`;
  if (o.field && typeof o.field === 'object') return Object.entries(o.field as Record<string, unknown>).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  return JSON.stringify(r);
}

export function toMappingOut(name: string, m: estypes.SecurityRoleMapping): z.infer<typeof mappingOutput> {
  const roles = m.roles ?? [];
  const templates = (m.role_templates ?? []) as unknown as Record<string, unknown>[];
  return {
    name,
    enabled: m.enabled,
    roles,
    role_templates: templates,
    rules: m.rules as unknown as Record<string, unknown>,
    metadata: (m.metadata ?? {}) as Record<string, unknown>,
    summary: `${m.enabled ? '' : '[disabled] '}${ruleText(m.rules)} → ${roles.length ? roles.join(', ') : `${templates.length} role template(s)`}`,
  };
}

export async function fetchMapping(ctx: ToolContext, name: string): Promise<estypes.SecurityRoleMapping | undefined> {
  return (await orIfNotFound(ctx.es.security.getRoleMapping({ name }), {} as Record<string, estypes.SecurityRoleMapping>))[name];
}
