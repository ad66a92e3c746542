// Helpers for tests that talk to the real Elasticsearch started by test/setup/elasticsearch.ts.
import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../../src/es/client.js';
import { inject } from 'vitest';

export function esContext() {
  return inject('es');
}

/** 8.x servers need compatible-with=8 media types (the product's own client factory does the same). */
function compatibleWith(): 8 | 9 {
  return esContext().version.startsWith('8.') ? 8 : 9;
}

/** A client with the run's admin credential (elastic, or the ES_URL credential). */
export function adminClient(): Client {
  const es = esContext();
  const auth = es.apiKey ? { kind: 'apiKey' as const, apiKey: es.apiKey } : { kind: 'basic' as const, username: es.username ?? '', password: es.password ?? '' };
  return createEsClient({ url: es.url, auth, caCertPath: undefined, skipTlsVerify: false }, { compatibleWith: compatibleWith() });
}

/** A client authenticated as a native user. */
export function clientAs(username: string, password: string): Client {
  return createEsClient({ url: esContext().url, auth: { kind: 'basic', username, password }, caCertPath: undefined, skipTlsVerify: false }, { compatibleWith: compatibleWith() });
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
