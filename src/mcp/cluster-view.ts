// Reads what the planner needs from the live cluster: every role (built-in included), native
// users (not on Serverless), and the deployment kind.
import type { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import type { ClusterView } from '../planner/plan.js';
import type { AccessRequest } from '../planner/model.js';
import type { Deployment } from '../es/deployment.js';
import { BUILTIN_ROLES } from '../security/builtin-roles.js';

export async function loadClusterView(es: Client, deployment: Deployment | undefined, request?: AccessRequest): Promise<ClusterView> {
  const kind = deployment?.kind ?? 'unknown';
  const d = request?.scope.documents;
  const dlsField = d && (d.kind === 'values' || d.kind === 'user_attribute') ? d.field : undefined;
  const [roles, users, fields] = await Promise.all([
    es.security.getRole(),
    kind === 'serverless' ? undefined : es.security.getUser().catch(() => undefined),
    dlsField && request ? loadFieldInfo(es, request.what.indices, [dlsField]) : undefined,
  ]);
  return {
    ...(fields ? { fields } : {}),
    roles: Object.entries(roles).map(([name, d]) => ({ name, descriptor: d as unknown as estypes.SecurityRoleDescriptor })),
    users: users ? new Map(Object.values(users).map((u) => [u.username, { roles: [...u.roles], enabled: u.enabled }])) : undefined,
    deployment: kind,
    source: 'live',
  };
}

/** Field mappings for DLS fields on the requested indices (empty when no index matches yet). */
export async function loadFieldInfo(es: Client, indices: readonly string[], fields: readonly string[]): Promise<ClusterView['fields']> {
  if (!indices.length || !fields.length) return undefined;
  const r = await es
    .fieldCaps({ index: indices.join(','), fields: fields.flatMap((f) => [f, `${f}.*`]), ignore_unavailable: true, allow_no_indices: true })
    .catch(() => undefined);
  if (!r) return undefined;
  const out: NonNullable<ClusterView['fields']> = {};
  for (const f of fields) {
    const caps = r.fields[f];
    if (!caps) continue;
    const keyword = Object.keys(r.fields).find((k) => k.startsWith(`${f}.`) && r.fields[k]?.keyword !== undefined);
    out[f] = { types: Object.keys(caps), ...(keyword ? { keyword } : {}) };
  }
  return out;
}

export function offlineClusterView(deployment: ClusterView['deployment'] = 'unknown'): ClusterView {
  return { roles: Object.entries(BUILTIN_ROLES).map(([name, descriptor]) => ({ name, descriptor })), users: undefined, deployment, source: 'offline' };
}
