// Kibana's role API over undici. Used only when a role carries Kibana (feature/space) privileges:
// Kibana translates them into Elasticsearch application privileges on `kibana-.kibana`.
import { EsAuthzError } from '../errors.js';
import type { Env } from './config.js';

export interface KibanaConfig {
  url: string;
  authorization: string;
  space: string | undefined;
}

export interface KibanaRoleBody {
  description?: string;
  metadata?: Record<string, unknown>;
  elasticsearch: Record<string, unknown>;
  kibana: { base?: string[]; feature?: Record<string, string[]>; spaces: string[] }[];
}

/** KIBANA_URL + KIBANA_API_KEY (else the ES credentials). Returns undefined when KIBANA_URL is unset. */
export function loadKibanaConfig(env: Env, esAuth: { kind: 'apiKey'; apiKey: string } | { kind: 'basic'; username: string; password: string }): KibanaConfig | undefined {
  const raw = env.KIBANA_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EsAuthzError('CONFIG_INVALID', `KIBANA_URL="${raw}" is not a valid URL.`, { hint: 'Use a full URL such as https://localhost:5601, or unset KIBANA_URL.' });
  }
  const apiKey = env.KIBANA_API_KEY?.trim();
  const authorization = apiKey
    ? `ApiKey ${apiKey}`
    : esAuth.kind === 'apiKey'
      ? `ApiKey ${esAuth.apiKey}`
      : `Basic ${Buffer.from(`${esAuth.username}:${esAuth.password}`).toString('base64')}`;
  return { url: url.toString().replace(/\/+$/, ''), authorization, space: env.KIBANA_SPACE?.trim() || undefined };
}

export class KibanaClient {
  constructor(private readonly config: KibanaConfig) {}

  get url(): string {
    return this.config.url;
  }

  private async call(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown, opaqueId?: string): Promise<{ status: number; json: unknown }> {
    let res;
    try {
      const { request } = await import('undici'); // loaded on first Kibana call, not at start
      res = await request(`${this.config.url}${path}`, {
        method,
        headers: {
          authorization: this.config.authorization,
          'kbn-xsrf': 'es-authz',
          'content-type': 'application/json',
          ...(opaqueId ? { 'x-opaque-id': opaqueId } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        headersTimeout: 15_000,
        bodyTimeout: 30_000,
      });
    } catch (e) {
      throw new EsAuthzError('KIBANA_UNAVAILABLE', `Kibana at ${this.config.url} is not reachable (${(e as Error).message}).`, {
        hint: 'Check KIBANA_URL, or unset it to write only the Elasticsearch part of roles.',
      });
    }
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.statusCode, json };
  }

  private fail(what: string, status: number, json: unknown): never {
    const msg = (json as { message?: string } | undefined)?.message ?? JSON.stringify(json);
    if (status === 401) throw new EsAuthzError('ES_AUTH_FAILED', `${what}: Kibana rejected the credentials.`, { hint: 'Check KIBANA_API_KEY or the ES credentials Kibana reuses.' });
    if (status === 403) throw new EsAuthzError('ES_FORBIDDEN', `${what}: ${msg}`, { hint: 'Use a credential with manage_security.' });
    throw new EsAuthzError('KIBANA_REQUEST_FAILED', `${what}: Kibana answered ${status}: ${msg}`, { details: { status } });
  }

  async status(): Promise<boolean> {
    try {
      const r = await this.call('GET', '/api/status');
      return r.status === 200;
    } catch {
      return false;
    }
  }

  /** feature id → valid feature privilege names (from GET /api/features), or undefined when unavailable */
  async features(): Promise<Map<string, Set<string>> | undefined> {
    const r = await this.call('GET', '/api/features');
    if (r.status !== 200 || !Array.isArray(r.json)) return undefined;
    const out = new Map<string, Set<string>>();
    for (const f of r.json as { id?: string; privileges?: Record<string, unknown> | null; subFeatures?: { privilegeGroups?: { privileges?: { id?: string }[] }[] }[] }[]) {
      if (!f.id) continue;
      const privs = new Set<string>(Object.keys(f.privileges ?? {}));
      const subs = f.subFeatures ?? [];
      if (subs.length && f.privileges) for (const m of ['minimal_all', 'minimal_read']) privs.add(m);
      for (const sf of subs) for (const g of sf.privilegeGroups ?? []) for (const p of g.privileges ?? []) if (p.id) privs.add(p.id);
      out.set(f.id, privs);
    }
    return out;
  }

  async getRole(name: string, opaqueId?: string): Promise<KibanaRoleBody | undefined> {
    const r = await this.call('GET', `/api/security/role/${encodeURIComponent(name)}`, undefined, opaqueId);
    if (r.status === 404) return undefined;
    if (r.status !== 200) this.fail(`GET role ${name}`, r.status, r.json);
    return r.json as KibanaRoleBody;
  }

  async putRole(name: string, body: KibanaRoleBody, opts: { createOnly: boolean; opaqueId?: string }): Promise<void> {
    const q = opts.createOnly ? '?createOnly=true' : '';
    const r = await this.call('PUT', `/api/security/role/${encodeURIComponent(name)}${q}`, body, opts.opaqueId);
    if (r.status === 409) throw new EsAuthzError('ALREADY_EXISTS', `Role "${name}" already exists (Kibana).`, { hint: 'Pass replace: true to overwrite it, or choose another name.' });
    if (r.status !== 204 && r.status !== 200) this.fail(`PUT role ${name}`, r.status, r.json);
  }

  async deleteRole(name: string, opaqueId?: string): Promise<boolean> {
    const r = await this.call('DELETE', `/api/security/role/${encodeURIComponent(name)}`, undefined, opaqueId);
    if (r.status === 404) return false;
    if (r.status !== 204 && r.status !== 200) this.fail(`DELETE role ${name}`, r.status, r.json);
    return true;
  }
}
