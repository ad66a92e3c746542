// The Elasticsearch client, built from EsConfig. I/O lives here and in the rest of src/es/.
// The 9.x client sends `compatible-with=9` media types, which 8.x servers refuse; connectEsClient
// asks the server its version first and, for 8.x, builds a client that sends `compatible-with=8`.
import { readFileSync } from 'node:fs';
import { Client, Transport } from '@elastic/elasticsearch';
import type { EsConfig } from './config.js';
import { EsAuthzError } from '../errors.js';

const compat = (major: number) => ({
  jsonContentType: `application/vnd.elasticsearch+json; compatible-with=${major}`,
  ndjsonContentType: `application/vnd.elasticsearch+x-ndjson; compatible-with=${major}`,
  accept: `application/vnd.elasticsearch+json; compatible-with=${major},text/plain`,
});

/** A transport that sends `compatible-with=8` media types (for 8.x servers). */
class Compat8Transport extends Transport {
  constructor(opts: ConstructorParameters<typeof Transport>[0]) {
    super({ ...opts, vendoredHeaders: compat(8) });
  }
}

export function createEsClient(config: EsConfig, opts: { compatibleWith?: 8 | 9 } = {}): Client {
  let ca: string | undefined;
  if (config.caCertPath) {
    try {
      ca = readFileSync(config.caCertPath, 'utf8');
    } catch (e) {
      throw new EsAuthzError('CONFIG_INVALID', `ES_CA_CERT=${config.caCertPath} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, {
        hint: 'Point ES_CA_CERT at a readable PEM file with the CA that signed the cluster certificate.',
      });
    }
  }
  return new Client({
    node: config.url,
    auth: config.auth.kind === 'apiKey' ? { apiKey: config.auth.apiKey } : { username: config.auth.username, password: config.auth.password },
    tls: ca || config.skipTlsVerify ? { ...(ca ? { ca } : {}), rejectUnauthorized: !config.skipTlsVerify } : undefined,
    name: 'es-authz',
    ...(opts.compatibleWith === 8 ? { Transport: Compat8Transport } : {}),
  });
}

/** The server's major version, asked with plain JSON media types (understood by 8.x and 9.x). */
export async function serverMajorVersion(client: Client): Promise<number | undefined> {
  for (const path of ['/', '/_nodes/_local/none']) {
    try {
      const r = await client.transport.request<{ version?: { number?: string }; nodes?: Record<string, { version?: string }> }>(
        { method: 'GET', path },
        { headers: { accept: 'application/json' } },
      );
      const v = r.version?.number ?? Object.values(r.nodes ?? {})[0]?.version;
      if (v) return Number(v.split('.')[0]);
    } catch {
      /* try the next endpoint (GET / answers 405 on some distributions) */
    }
  }
  return undefined;
}

/** A client matched to the server: compatible-with=8 media types for an 8.x server. */
export async function connectEsClient(config: EsConfig): Promise<Client> {
  const client = createEsClient(config);
  const major = await serverMajorVersion(client);
  if (major === 8) {
    await client.close();
    return createEsClient(config, { compatibleWith: 8 });
  }
  return client;
}
