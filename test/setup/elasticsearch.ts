// vitest globalSetup for the `integration` project: one real Elasticsearch per test run.
// - ES_URL (+ ES_USERNAME/ES_PASSWORD or ES_API_KEY) given → reuse that cluster, no download.
// - otherwise start the local test cluster from tools/elasticsearch (security on, loopback),
//   hand its URL and per-run credentials to the tests via provide/inject, and always stop it.
//   The local cluster also has a JWT realm (the stand-in for SAML/OIDC/LDAP/AD); its issuer,
//   audience and per-run HMAC key go to the tests as `jwt` (never printed). An external cluster
//   has no known JWT realm: `jwt` is absent and JWT tests skip.
import type { TestProject } from 'vitest/node';
import { describe as describeHandle, start, stop } from '../../tools/elasticsearch/harness.mjs';

export interface EsTestContext {
  url: string;
  username?: string;
  password?: string;
  apiKey?: string;
  version: string;
  /** 'local' = started for this run by tools/elasticsearch; 'external' = ES_URL given. */
  origin: 'local' | 'external';
  /**
   * The local cluster's JWT realm (HS256, client authentication none): what tests need to mint
   * tokens (see test/helpers/jwt.ts). Absent for an external cluster. `hmacKey` is a secret.
   */
  jwt?: { realm: string; issuer: string; audience: string; hmacKey: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    es: EsTestContext;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = process.env;
  const url = env.ES_URL ?? env.ELASTICSEARCH_URL;
  if (url) {
    const ctx: EsTestContext = {
      url: url.replace(/\/+$/, ''),
      username: env.ES_USERNAME ?? env.ELASTICSEARCH_USERNAME,
      password: env.ES_PASSWORD ?? env.ELASTICSEARCH_PASSWORD,
      apiKey: env.ES_API_KEY ?? env.ELASTICSEARCH_API_KEY,
      version: 'unknown',
      origin: 'external',
    };
    if (!ctx.apiKey && !(ctx.username && ctx.password)) {
      throw new Error('ES_URL is set but no credentials: set ES_API_KEY, or ES_USERNAME and ES_PASSWORD (a user with manage_security).');
    }
    const headers: Record<string, string> = {
      authorization: ctx.apiKey
        ? `ApiKey ${ctx.apiKey}`
        : `Basic ${Buffer.from(`${ctx.username}:${ctx.password}`).toString('base64')}`,
    };
    const res = await fetch(`${ctx.url}/_nodes/_local`, { headers, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`ES_URL=${ctx.url} answered ${res.status} to GET /_nodes/_local: check the URL and credentials.`);
    const body = (await res.json()) as { nodes?: Record<string, { version?: string }> };
    ctx.version = Object.values(body.nodes ?? {})[0]?.version ?? 'unknown';
    console.log(`Elasticsearch ${ctx.version} (existing cluster) at ${ctx.url}, reused`);
    project.provide('es', ctx);
    return async () => {};
  }

  const handle = await start();
  console.log(describeHandle(handle));
  project.provide('es', {
    url: handle.url,
    username: handle.username,
    password: handle.password,
    version: handle.version,
    origin: 'local',
    jwt: handle.jwt,
  });
  return async () => {
    await stop(handle);
  };
}
