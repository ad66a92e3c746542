// Connection settings from an environment object (the CLI passes process.env; nothing here reads
// process itself). Names are compatible with Elastic's own MCP server: ES_* with ELASTICSEARCH_*
// aliases. Missing or invalid settings produce one clear error naming the variable.
import { EsAuthzError } from '../errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface EsConfig {
  url: string;
  auth: { kind: 'apiKey'; apiKey: string } | { kind: 'basic'; username: string; password: string };
  caCertPath: string | undefined;
  skipTlsVerify: boolean;
}

const KNOWN = new Set([
  'ES_URL',
  'ES_API_KEY',
  'ES_USERNAME',
  'ES_PASSWORD',
  'ES_CA_CERT',
  'ES_SSL_SKIP_VERIFY',
  'ES_JAVA_HOME',
  'ES_JAVA_OPTS',
  'ES_PATH_CONF',
  'ES_TMPDIR',
  'ES_AUTHZ_READ_ONLY',
  'ES_AUTHZ_HTTP_TOKEN',
  'ES_AUTHZ_LOG_LEVEL',
]);

function pick(env: Env, name: string): string | undefined {
  const v = env[`ES_${name}`] ?? env[`ELASTICSEARCH_${name}`];
  const t = v?.trim();
  return t ? t : undefined;
}

function parseBool(name: string, v: string | undefined): boolean {
  if (v === undefined) return false;
  if (/^(1|true|yes)$/i.test(v)) return true;
  if (/^(0|false|no)$/i.test(v)) return false;
  throw new EsAuthzError('CONFIG_INVALID', `ES_${name}="${v}" is not a boolean.`, { hint: `Set ES_${name} to true or false.` });
}

/** Parse and validate the Elasticsearch connection settings. Throws EsAuthzError. */
export function loadEsConfig(env: Env): EsConfig {
  const rawUrl = pick(env, 'URL');
  if (!rawUrl) {
    throw new EsAuthzError('CONFIG_MISSING', 'ES_URL is not set.', {
      hint: 'Set ES_URL to your cluster, e.g. ES_URL=https://localhost:9200, plus ES_API_KEY or ES_USERNAME and ES_PASSWORD.',
    });
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new EsAuthzError('CONFIG_INVALID', `ES_URL="${rawUrl}" is not a valid URL.`, { hint: 'Use a full URL such as https://localhost:9200.' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EsAuthzError('CONFIG_INVALID', `ES_URL must use http or https (got ${url.protocol}).`, { hint: 'Use a URL such as https://localhost:9200.' });
  }
  if (url.username || url.password) {
    throw new EsAuthzError('CONFIG_INVALID', 'ES_URL must not contain credentials.', {
      hint: 'Remove user:password from ES_URL and set ES_USERNAME and ES_PASSWORD (or ES_API_KEY) instead.',
    });
  }
  const apiKey = pick(env, 'API_KEY');
  const username = pick(env, 'USERNAME');
  const password = env.ES_PASSWORD ?? env.ELASTICSEARCH_PASSWORD;
  let auth: EsConfig['auth'];
  if (apiKey) {
    auth = { kind: 'apiKey', apiKey };
  } else if (username && password) {
    auth = { kind: 'basic', username, password };
  } else if (username) {
    throw new EsAuthzError('CONFIG_MISSING', 'ES_USERNAME is set but ES_PASSWORD is not.', { hint: 'Set ES_PASSWORD, or use ES_API_KEY instead.' });
  } else {
    throw new EsAuthzError('CONFIG_MISSING', 'No Elasticsearch credentials: neither ES_API_KEY nor ES_USERNAME/ES_PASSWORD is set.', {
      hint: 'Set ES_API_KEY (preferred), or ES_USERNAME and ES_PASSWORD, for a user that may read (and, for writes, manage) security.',
    });
  }
  return {
    url: url.toString().replace(/\/+$/, ''),
    auth,
    caCertPath: pick(env, 'CA_CERT'),
    skipTlsVerify: parseBool('SSL_SKIP_VERIFY', pick(env, 'SSL_SKIP_VERIFY')),
  };
}

/** ES_* variables we do not know (likely typos), for a warning. */
export function unknownEsVariables(env: Env): string[] {
  return Object.keys(env)
    .filter((k) => k.startsWith('ES_') && !KNOWN.has(k))
    .sort();
}
