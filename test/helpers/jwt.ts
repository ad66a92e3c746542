// Tokens for the test cluster's JWT realm, the stand-in for SAML/OIDC/LDAP/AD users in tests.
// The realm (tools/elasticsearch/harness.mjs) takes HS256 ID tokens with `iss`/`aud` it knows,
// `sub` as principal and `groups`, `dn`, `mail`, `name` claims, and no client authentication: the
// token goes in `Authorization: Bearer <jwt>` and nothing else.
// Only available on the cluster the run started (`es.jwt`); against ES_URL, JWT tests skip.
import { createHmac, randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { esContext } from './es.js';

export interface JwtClaims {
  /** principal (the realm's `claims.principal: sub`) */
  sub: string;
  groups?: string[];
  dn?: string;
  mail?: string;
  name?: string;
  /**
   * further claims; scalars and flat arrays of scalars become `metadata.jwt_claim_<name>`. They
   * are applied last, so a negative test can override `iss`, `aud`, `iat`, `exp` or `jti`.
   */
  extra?: Record<string, unknown>;
  /** lifetime from now; default 600 */
  expiresInSeconds?: number;
}

/** Why JWT tests cannot run here, or undefined when they can (for `describe.skipIf`/`it.skipIf`). */
export function jwtUnavailable(): string | undefined {
  return esContext().jwt
    ? undefined
    : 'no JWT realm known on this cluster (ES_URL given): JWT realm tests need the local test cluster';
}

function jwtRealm() {
  const jwt = esContext().jwt;
  if (!jwt) throw new Error(jwtUnavailable());
  return jwt;
}

/** The realm's name (`jwt1`), for role-mapping rules on `realm.name`. */
export function jwtRealmName(): string {
  return jwtRealm().realm;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** An HS256 ID token the test cluster's JWT realm accepts. Each token is unique (`jti`). */
export function mintJwt(claims: JwtClaims): string {
  const { realm: _realm, issuer, audience, hmacKey } = jwtRealm();
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: issuer,
    aud: audience,
    sub: claims.sub,
    iat: now,
    exp: now + (claims.expiresInSeconds ?? 600),
    jti: randomUUID(),
  };
  if (claims.groups !== undefined) payload.groups = claims.groups;
  if (claims.dn !== undefined) payload.dn = claims.dn;
  if (claims.mail !== undefined) payload.mail = claims.mail;
  if (claims.name !== undefined) payload.name = claims.name;
  Object.assign(payload, claims.extra);
  const signingInput = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  // The realm turns its hmac_key setting into key bytes with UTF-8.
  const signature = createHmac('sha256', Buffer.from(hmacKey, 'utf8')).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** A client that authenticates every request as the JWT user described by `claims`. */
export function clientAsJwt(claims: JwtClaims): Client {
  return new Client({ node: esContext().url, auth: { bearer: mintJwt(claims) } });
}
