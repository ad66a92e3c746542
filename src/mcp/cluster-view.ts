// Reads what the planner needs from the live cluster: every role (built-in included), native
// users (not on Serverless), and the deployment kind.
import type { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import type { ClusterView } from '../planner/plan.js';
import type { Deployment } from '../es/deployment.js';
import { BUILTIN_ROLES } from '../security/builtin-roles.js';

export async function loadClusterView(es: Client, deployment: Deployment | undefined): Promise<ClusterView> {
  const kind = deployment?.kind ?? 'unknown';
  const roles = await es.security.getRole();
  const users = kind === 'serverless' ? undefined : await es.security.getUser().catch(() => undefined);
  return {
    roles: Object.entries(roles).map(([name, d]) => ({ name, descriptor: d as unknown as estypes.SecurityRoleDescriptor })),
    users: users ? new Map(Object.values(users).map((u) => [u.username, { roles: [...u.roles], enabled: u.enabled }])) : undefined,
    deployment: kind,
    source: 'live',
  };
}

export function offlineClusterView(deployment: ClusterView['deployment'] = 'unknown'): ClusterView {
  return { roles: Object.entries(BUILTIN_ROLES).map(([name, descriptor]) => ({ name, descriptor })), users: undefined, deployment, source: 'offline' };
}
