// Shared by the role tools: the model-facing role input, reading a role, and comparing what was
// written with what Elasticsearch stored.
import { z } from 'zod';
import type { estypes } from '@elastic/elasticsearch';
import type { ToolContext } from './context.js';
import { orIfNotFound } from './common.js';

export const kibanaEntryInput = z.object({
  base: z.array(z.string()).optional().describe('Base privileges for the spaces: ["all"] or ["read"]. Not together with feature.'),
  feature: z.record(z.string(), z.array(z.string())).optional().describe('Feature privileges by Kibana feature id, e.g. {"discover_v2": ["read"], "dashboard_v2": ["read"]} (ids as in Kibana\'s GET /api/features).'),
  spaces: z.array(z.string()).min(1).describe('["*"] for all spaces, or space ids like ["default"].'),
});

export const roleBodyInput = {
  description: z.string().optional().describe('The role\'s display name: short, Title Case, e.g. "Logs Reader" (not a sentence).'),
  cluster: z.array(z.string()).optional().describe('Cluster privileges, e.g. ["monitor"]. Usually none for data access.'),
  indices: z
    .array(
      z.object({
        names: z.union([z.string(), z.array(z.string())]).describe('Index/data stream/alias names or patterns, e.g. ["logs-*"].'),
        privileges: z.array(z.string()).describe('e.g. ["read", "view_index_metadata"] or ["write"].'),
        field_security: z.object({ grant: z.array(z.string()).optional(), except: z.array(z.string()).optional() }).optional().describe('FLS: fields visible (grant) minus hidden ones (except).'),
        query: z.union([z.string(), z.record(z.string(), z.unknown())]).optional().describe('DLS: one query object, e.g. {"term": {"dept": "hr"}}, or a Mustache {"template": {"source": ...}}.'),
        allow_restricted_indices: z.boolean().optional(),
      }),
    )
    .optional(),
  applications: z.array(z.object({ application: z.string(), privileges: z.array(z.string()), resources: z.array(z.string()) })).optional().describe('Non-Kibana application privileges. For Kibana use kibana.'),
  run_as: z.array(z.string()).optional().describe('Users this role may impersonate (rarely needed).'),
  metadata: z.record(z.string(), z.unknown()).optional(),
  kibana: z.array(kibanaEntryInput).optional().describe('Kibana feature/space privileges; written through Kibana\'s role API.'),
};

export async function fetchRole(ctx: ToolContext, name: string): Promise<estypes.SecurityGetRoleRole | undefined> {
  return (await orIfNotFound(ctx.es.security.getRole({ name }), {} as Record<string, estypes.SecurityGetRoleRole>))[name];
}

const arr = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const parseQuery = (q: unknown) => {
  if (typeof q !== 'string') return q;
  try {
    return JSON.parse(q) as unknown;
  } catch {
    return q;
  }
};

/** A canonical form of the parts of a role es-authz writes, for write-then-read verification. */
export function canonicalRole(d: Pick<estypes.SecurityRoleDescriptor, 'cluster' | 'indices' | 'run_as' | 'applications'>, opts: { withApplications: boolean }) {
  return {
    cluster: [...(d.cluster ?? [])].sort(),
    indices: (d.indices ?? []).map((i) => ({
      names: arr(i.names),
      privileges: [...i.privileges].sort(),
      field_security: i.field_security ? { grant: arr(i.field_security.grant as string[] | undefined), except: arr(i.field_security.except as string[] | undefined) } : null,
      query: i.query === undefined ? null : parseQuery(i.query),
      allow_restricted_indices: i.allow_restricted_indices ?? false,
    })),
    run_as: [...(d.run_as ?? [])].sort(),
    ...(opts.withApplications ? { applications: (d.applications ?? []).map((a) => ({ application: a.application, privileges: [...a.privileges].sort(), resources: [...a.resources].sort() })) } : {}),
  };
}
