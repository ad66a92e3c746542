// The Elasticsearch client, built from EsConfig. I/O lives here and in the rest of src/es/.
import { readFileSync } from 'node:fs';
import { Client } from '@elastic/elasticsearch';
import type { EsConfig } from './config.js';
import { EsAuthzError } from '../errors.js';

export function createEsClient(config: EsConfig): Client {
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
  });
}
