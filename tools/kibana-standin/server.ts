// STAND-IN for Kibana, used only in tests. This is NOT Kibana and never ships in es-authz.
//
// A small node:http server that answers Kibana's role API the way Kibana does, and stores roles in
// the REAL Elasticsearch it is pointed at, as Kibana would (application `kibana-.kibana`). No Kibana
// can be installed where es-authz is tested, yet es-authz's create_role must go through Kibana's role
// API when a role carries Kibana privileges; this stand-in lets that path run against real ES.
//
// Contract followed (Kibana source, read not copied):
// - routes: x-pack/platform/plugins/shared/security/server/routes/authorization/roles/
//   {put,get,get_all,delete}.ts — PUT validates the body (400), reads the existing role as the
//   caller, runs validateKibanaPrivileges (400), honours ?createOnly=true (409 "Role already
//   exists and cannot be created: <name>"), then writes the role as the caller (204).
// - every ES call is made as the caller (AuthzDisabled.delegateToESClient / asCurrentUser): the
//   caller's Authorization header is forwarded, so ES decides (403 without manage_security).
// - XSRF: src/core/packages/http/server-internal/src/lifecycle_handlers.ts — a non-GET/HEAD request
//   without `kbn-xsrf` (or `kbn-version`) gets 400 "Request must contain a kbn-xsrf header.",
//   checked after authentication.
// - errors: Boom's `{ statusCode, error, message }`; an ES error becomes
//   `[<ES error message>]: <ES error reason>` (src/core/packages/http/router-server-internal/src/
//   response_adapter.ts, getErrorMessage) with ES's status code (server/errors.ts).
// - on start, registers Kibana's application privileges in ES (PUT /_security/privilege), like
//   Kibana's registerPrivilegesWithCluster (which additionally deletes obsolete ones; we do not, so
//   parallel test files sharing one cluster cannot remove each other's privileges).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, errors } from '@elastic/elasticsearch';
import { FEATURES, KIBANA_APPLICATION, type FeatureDef, buildKibanaPrivileges, featuresForApi, serializePrivileges } from './features.js';
import {
  type ElasticsearchRole,
  ValidationError,
  checkKnownFeatures,
  toElasticsearchRole,
  toKibanaRole,
  validateKibanaPrivileges,
  validatePutPayload,
} from './roles.js';

export type EsAuth = { username: string; password: string } | { apiKey: string };

export interface KibanaStandInOptions {
  /** The real Elasticsearch the stand-in stores roles in. */
  esUrl: string;
  /** Used only at start, to register Kibana's application privileges (needs manage_security). */
  esAuth: EsAuth;
  /** Port to listen on (127.0.0.1); default: a free one. */
  port?: number;
  /** Kibana's application name, `kibana-<kibana index>`; default `kibana-.kibana`. */
  application?: string;
  /**
   * What to do with a feature (or feature privilege) the registry does not know. Real Kibana
   * accepts and stores it ('accept'); the default 'reject' answers 400, which es-authz's tests want.
   */
  unknownFeatures?: 'reject' | 'accept';
  /** The feature registry; default: the built-in one (tools/kibana-standin/features.ts). */
  features?: readonly FeatureDef[];
}

export interface KibanaStandIn {
  /** Base URL, e.g. http://127.0.0.1:5601 (no trailing slash). */
  url: string;
  application: string;
  /** The version the stand-in reports (that of the Elasticsearch it fronts, as Kibana must match). */
  version: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  res.setHeader('x-kibana-stand-in', 'true');
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** Boom's error payload. */
function sendError(res: http.ServerResponse, statusCode: number, message: string): void {
  send(res, statusCode, { statusCode, error: http.STATUS_CODES[statusCode] ?? 'Unknown', message });
}

/** Kibana's treatment of an error thrown by an ES call made on behalf of the caller. */
function sendEsError(res: http.ServerResponse, e: unknown): void {
  if (e instanceof errors.ResponseError) {
    const status = e.statusCode ?? 500;
    const reason = (e.meta.body as { error?: { reason?: string } } | undefined)?.error?.reason;
    // Kibana formats `[${message}]: ${reason}`; when ES gave no reason (e.g. a 404 with `{}`) we
    // fall back to Boom's default message instead of Kibana's literal "undefined".
    sendError(res, status, reason === undefined ? (http.STATUS_CODES[status] ?? 'Error') : `[${e.message}]: ${reason}`);
    return;
  }
  if (e instanceof HttpError) {
    sendError(res, e.statusCode, e.message);
    return;
  }
  sendError(res, 500, 'An internal server error occurred.');
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const type = req.headers['content-type'] ?? 'application/json';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'Unsupported Media Type');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'Invalid request payload JSON format');
  }
}

function esClient(url: string, auth?: EsAuth): Client {
  return new Client({ node: url, ...(auth ? { auth } : {}), maxRetries: 0, requestTimeout: 30_000 });
}

/** Start the stand-in: register Kibana's privileges in ES, then listen on 127.0.0.1. */
export async function startKibanaStandIn(opts: KibanaStandInOptions): Promise<KibanaStandIn> {
  const application = opts.application ?? KIBANA_APPLICATION;
  const features = opts.features ?? FEATURES;
  const unknownFeatures = opts.unknownFeatures ?? 'reject';

  const admin = esClient(opts.esUrl, opts.esAuth);
  let version = 'unknown';
  try {
    const nodes = await admin.nodes.info({ node_id: '_local', metric: '_none' });
    version = Object.values(nodes.nodes)[0]?.version ?? 'unknown';
    await admin.security.putPrivileges({ privileges: serializePrivileges(application, buildKibanaPrivileges(features)), refresh: 'wait_for' });
  } finally {
    await admin.close();
  }

  // Requests on behalf of callers: no credentials of our own, the caller's Authorization is forwarded.
  const caller = esClient(opts.esUrl);
  const as = (authorization: string) => ({ headers: { authorization } });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/\/+$/, '') || '/';

    const roleMatch = /^\/api\/security\/role\/([^/]+)$/.exec(path);
    const route =
      path === '/api/status' && method === 'GET'
        ? 'status'
        : path === '/api/features' && method === 'GET'
          ? 'features'
          : path === '/api/security/role' && method === 'GET'
            ? 'roles'
            : roleMatch && ['GET', 'PUT', 'DELETE'].includes(method)
              ? 'role'
              : undefined;
    if (!route) return sendError(res, 404, 'Not Found');

    // Authentication first (Kibana's auth stage), as the caller.
    const authorization = req.headers.authorization;
    if (!authorization) return sendError(res, 401, 'Unauthorized');
    try {
      await caller.security.authenticate({}, as(authorization));
    } catch (e) {
      return sendEsError(res, e);
    }

    // XSRF (onPostAuth).
    if (method !== 'GET' && method !== 'HEAD' && !('kbn-xsrf' in req.headers) && !('kbn-version' in req.headers)) {
      return sendError(res, 400, 'Request must contain a kbn-xsrf header.');
    }

    if (route === 'status') {
      return send(res, 200, {
        name: 'kibana-stand-in',
        uuid: '00000000-0000-4000-8000-000000000000',
        version: { number: version, build_flavor: 'traditional', build_snapshot: false, build_hash: 'stand-in', build_number: 0 },
        status: {
          overall: { level: 'available', summary: 'STAND-IN for Kibana (tests only): role API available' },
          core: { elasticsearch: { level: 'available', summary: 'Elasticsearch is available' } },
        },
      });
    }
    if (route === 'features') return send(res, 200, featuresForApi(features));

    const replaceDeprecatedPrivileges = url.searchParams.get('replaceDeprecatedPrivileges') === 'true';
    if (route === 'roles') {
      try {
        const all = (await caller.security.getRole({}, as(authorization))) as Record<string, ElasticsearchRole>;
        const roles = Object.entries(all)
          .map(([name, role]) => toKibanaRole(name, role, application, { features, replaceDeprecatedPrivileges }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        return send(res, 200, roles);
      } catch (e) {
        return sendEsError(res, e);
      }
    }

    let name: string;
    try {
      name = decodeURIComponent(roleMatch?.[1] ?? '');
    } catch {
      return sendError(res, 400, '[request params.name]: invalid URI encoding');
    }
    if (name.length > 1024) {
      return sendError(res, 400, `[request params.name]: value has length [${name.length}] but it must have a maximum length of [1024].`);
    }

    if (method === 'GET') {
      try {
        const found = (await caller.security.getRole({ name }, as(authorization))) as Record<string, ElasticsearchRole>;
        const role = found[name];
        if (!role) return sendError(res, 404, 'Not Found');
        return send(res, 200, toKibanaRole(name, role, application, { features, replaceDeprecatedPrivileges }));
      } catch (e) {
        return sendEsError(res, e);
      }
    }

    if (method === 'DELETE') {
      try {
        await caller.security.deleteRole({ name }, as(authorization));
        return send(res, 204);
      } catch (e) {
        return sendEsError(res, e);
      }
    }

    // PUT: route validation (query, body) → 400 before any ES call.
    const createOnlyRaw = url.searchParams.get('createOnly');
    if (createOnlyRaw !== null && createOnlyRaw !== 'true' && createOnlyRaw !== 'false') {
      return sendError(res, 400, `[request query.createOnly]: expected value of type [boolean] but got [string]`);
    }
    const createOnly = createOnlyRaw === 'true';
    let payload;
    try {
      payload = validatePutPayload(await readBody(req));
      if (unknownFeatures === 'reject') checkKnownFeatures(payload.kibana, features);
    } catch (e) {
      if (e instanceof ValidationError) return sendError(res, 400, e.message);
      return sendEsError(res, e);
    }

    try {
      const existing = (await caller.security.getRole({ name }, { ...as(authorization), ignore: [404] })) as Record<string, ElasticsearchRole>;
      const validationErrors = validateKibanaPrivileges(payload.kibana, features);
      if (validationErrors.length > 0) {
        return sendError(res, 400, `Role cannot be updated due to validation errors: ${JSON.stringify(validationErrors)}`);
      }
      const current = existing[name];
      if (createOnly && current) return sendError(res, 409, `Role already exists and cannot be created: ${name}`);
      const body = toElasticsearchRole(payload, application, current?.applications ?? []);
      await caller.security.putRole({ name, ...body } as Parameters<Client['security']['putRole']>[0], as(authorization));
      return send(res, 204);
    } catch (e) {
      return sendEsError(res, e);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendEsError(res, e);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    application,
    version,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await caller.close();
    },
  };
}
