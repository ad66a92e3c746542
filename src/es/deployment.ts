// What kind of deployment this is, its license, and what this credential may do. Nothing here is
// required to start: each piece that fails is reported as unknown with the reason.
import type { Client } from '@elastic/elasticsearch';
import { getClusterInfo, getIdentity, toEsAuthzError, type ClusterInfo, type Identity } from './info.js';

export type DeploymentKind = 'self-managed' | 'ech' | 'serverless' | 'unknown';

export interface Capabilities {
  readSecurity: boolean;
  manageSecurity: boolean;
  manageOwnApiKey: boolean;
  /** users this credential may run as (patterns from its roles' run_as), when readable */
  runAs: string[] | 'unknown';
}

export interface Deployment {
  kind: DeploymentKind;
  why: string;
  cluster: ClusterInfo | undefined;
  license: { type: string; status: string } | 'unknown';
  identity: Identity | undefined;
  capabilities: Capabilities | undefined;
  /** modules of the node we talk to (undefined when not readable) */
  modules: string[] | undefined;
  problems: string[];
}

/** The only modules of the distribution whose restricted (system) index list the evaluator knows exactly. */
const CORE_SECURITY_MODULES = new Set(['apm', 'transport-netty4', 'x-pack-core', 'x-pack-security']);

/** Does the offline evaluator know this cluster's restricted (system) index names exactly? */
export function knowsRestrictedIndices(d: Pick<Deployment, 'modules'> | undefined): boolean {
  return Boolean(d?.modules?.length && d.modules.every((m) => CORE_SECURITY_MODULES.has(m)));
}

const CLOUD_HOSTS = /\.(elastic-cloud\.com|cloud\.es\.io|found\.io|elastic\.cloud)(:\d+)?$/i;

export function classifyDeployment(url: string, info: ClusterInfo | undefined): { kind: DeploymentKind; why: string } {
  if (info?.buildFlavor === 'serverless') return { kind: 'serverless', why: 'build_flavor is "serverless"' };
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    /* keep empty */
  }
  if (CLOUD_HOSTS.test(host)) return { kind: 'ech', why: `host ${host} is an Elastic Cloud endpoint` };
  if (info) return { kind: 'self-managed', why: `build_flavor "${info.buildFlavor}" on ${host || url}` };
  return { kind: 'unknown', why: 'cluster info unavailable' };
}

export async function detectDeployment(client: Client, url: string): Promise<Deployment> {
  const problems: string[] = [];
  const note = (what: string, e: unknown) => problems.push(toEsAuthzError(e, what).toLine());
  const [cluster, identity] = await Promise.all([
    getClusterInfo(client).catch((e: unknown) => void note('cluster info', e)),
    getIdentity(client).catch((e: unknown) => void note('authenticate', e)),
  ]);
  let license: Deployment['license'] = 'unknown';
  try {
    const l = await client.license.get();
    license = { type: l.license.type, status: l.license.status };
  } catch (e) {
    note('license', e);
  }
  let capabilities: Capabilities | undefined;
  try {
    const hp = await client.security.hasPrivileges({ cluster: ['read_security', 'manage_security', 'manage_own_api_key'] });
    capabilities = {
      readSecurity: hp.cluster.read_security === true,
      manageSecurity: hp.cluster.manage_security === true,
      manageOwnApiKey: hp.cluster.manage_own_api_key === true,
      runAs: 'unknown',
    };
    if (capabilities.readSecurity && identity && identity.roles.length) {
      try {
        const roles = await client.security.getRole({ name: identity.roles.join(',') });
        capabilities.runAs = [...new Set(Object.values(roles).flatMap((r) => r.run_as ?? []))];
      } catch (e) {
        note('own roles', e);
      }
    }
  } catch (e) {
    note('has_privileges', e);
  }
  let modules: string[] | undefined;
  try {
    const n = await client.nodes.info({ node_id: '_local', metric: ['plugins'] });
    modules = Object.values(n.nodes)[0]?.modules?.map((m) => m.name);
  } catch (e) {
    note('node modules', e);
  }
  const { kind, why } = classifyDeployment(url, cluster ?? undefined);
  return { kind, why, cluster: cluster ?? undefined, license, identity: identity ?? undefined, capabilities, modules, problems };
}
