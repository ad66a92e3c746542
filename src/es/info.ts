// Who am I connected to, and as whom. `GET /` is tried first (it carries build_flavor, which says
// "serverless" on Serverless); some distributions (e.g. the integ-test zip) answer it with 405,
// so the node info API is the fallback for version and flavor.
import type { Client } from '@elastic/elasticsearch';
import { isConnectionError, isResponseError } from './errors.js';
import { EsAuthzError } from '../errors.js';

export interface ClusterInfo {
  version: string;
  buildFlavor: string;
  clusterName: string;
  source: 'root' | 'nodes';
}

export interface Identity {
  username: string;
  realm: string;
  realmType: string;
  roles: string[];
  authenticationType: string;
  apiKeyName?: string;
}

export async function getClusterInfo(client: Client): Promise<ClusterInfo> {
  try {
    const r = await client.info();
    return { version: r.version.number, buildFlavor: r.version.build_flavor, clusterName: r.cluster_name, source: 'root' };
  } catch (e) {
    if (!(isResponseError(e) && (e.statusCode === 405 || e.statusCode === 404))) throw toEsAuthzError(e, 'GET /');
  }
  try {
    const r = await client.nodes.info({ node_id: '_local', metric: ['settings'] });
    const node = Object.values(r.nodes)[0];
    return {
      version: node?.version ?? 'unknown',
      buildFlavor: (node as { build_flavor?: string } | undefined)?.build_flavor ?? 'default',
      clusterName: r.cluster_name,
      source: 'nodes',
    };
  } catch (e) {
    throw toEsAuthzError(e, 'GET /_nodes/_local');
  }
}

export async function getIdentity(client: Client): Promise<Identity> {
  try {
    const r = await client.security.authenticate();
    return {
      username: r.username,
      realm: r.authentication_realm.name,
      realmType: r.authentication_realm.type,
      roles: [...r.roles],
      authenticationType: r.authentication_type,
      ...(r.api_key?.name ? { apiKeyName: r.api_key.name } : {}),
    };
  } catch (e) {
    throw toEsAuthzError(e, 'GET /_security/_authenticate');
  }
}

/** Map a client error to the catalog, keeping ES's error type and reason, never credentials. */
export function toEsAuthzError(e: unknown, what: string): EsAuthzError {
  if (e instanceof EsAuthzError) return e;
  if (isResponseError(e)) {
    const body = e.body as { error?: { type?: string; reason?: string } } | undefined;
    const type = body?.error?.type ?? 'error';
    const reason = body?.error?.reason ?? e.message;
    if (e.statusCode === 401) {
      return new EsAuthzError('ES_AUTH_FAILED', `${what}: Elasticsearch rejected the credentials (${type}).`, {
        hint: 'Check ES_API_KEY, or ES_USERNAME and ES_PASSWORD.',
        details: { status: 401, type },
      });
    }
    if (e.statusCode === 403) {
      return new EsAuthzError('ES_FORBIDDEN', `${what}: ${reason}`, {
        hint: 'Use a credential with the privilege named above (e.g. read_security to read, manage_security to write).',
        details: { status: 403, type },
      });
    }
    return new EsAuthzError('ES_REQUEST_FAILED', `${what}: ${type}: ${reason}`, { details: { status: e.statusCode, type } });
  }
  if (isConnectionError(e)) {
    return new EsAuthzError('ES_UNREACHABLE', `${what}: ${e.message}`, { hint: 'Check ES_URL and that the cluster is running and reachable.' });
  }
  return new EsAuthzError('ES_REQUEST_FAILED', `${what}: ${e instanceof Error ? e.message : String(e)}`);
}
