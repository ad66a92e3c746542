// Helpers for tests that talk to the real Elasticsearch started by test/setup/elasticsearch.ts.
import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { inject } from 'vitest';

export function esContext() {
  return inject('es');
}

/** A client with the run's admin credential (elastic, or the ES_URL credential). */
export function adminClient(): Client {
  const es = esContext();
  return new Client({
    node: es.url,
    auth: es.apiKey ? { apiKey: es.apiKey } : { username: es.username ?? '', password: es.password ?? '' },
  });
}

/** A client authenticated as a native user. */
export function clientAs(username: string, password: string): Client {
  return new Client({ node: esContext().url, auth: { username, password } });
}

/** The env a spawned es-authz process needs to reach the test cluster. */
export function esEnv(): Record<string, string> {
  const es = esContext();
  const env: Record<string, string> = { ES_URL: es.url };
  if (es.apiKey) env.ES_API_KEY = es.apiKey;
  else {
    env.ES_USERNAME = es.username ?? '';
    env.ES_PASSWORD = es.password ?? '';
  }
  return env;
}

/** A name unique to this test run, safe for users, roles and indices. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A strong throwaway password for test users. */
export function testPassword(): string {
  return `Tp-${randomBytes(12).toString('base64url')}-9a`;
}
