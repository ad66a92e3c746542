// Issue 7, parts 1 and 2: the test cluster has an external-style realm (JWT realm jwt1, the
// stand-in for SAML/OIDC/LDAP/AD users: principal, groups, dn, metadata, resolved by the same
// role-mapping engine) and Mustache (our test-support plugin's script engine), so role mappings
// with role_templates and templated DLS work as on a real cluster.
//
// Names (users, groups, roles, indices) are unique per run so that role mappings made by other
// test files cannot match our users and ours cannot match theirs.
import { createHmac, randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, esContext, uniqueName } from '../helpers/es.js';
import { type JwtClaims, clientAsJwt, jwtRealmName, jwtUnavailable, mintJwt } from '../helpers/jwt.js';

const unavailable = jwtUnavailable();
if (unavailable) console.warn(`mustache-jwt.test.ts skipped: ${unavailable}`);
const admin = adminClient();
afterAll(() => admin.close());

/** Run `fn` as the JWT user `claims`, always closing the client. */
async function asJwtUser<T>(claims: JwtClaims, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = clientAsJwt(claims);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

const rolesOf = (claims: JwtClaims) => asJwtUser(claims, async (c) => [...(await c.security.authenticate()).roles].sort());

describe.skipIf(unavailable !== undefined)(
  unavailable ? `JWT realm and Mustache (skipped: ${unavailable})` : 'a JWT realm and Mustache in the test cluster',
  () => {
    const realm = unavailable ? '' : jwtRealmName();
    const cleanups: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      for (const undo of cleanups.reverse()) await undo().catch(() => undefined);
    });
    const mapping = async (body: Parameters<Client['security']['putRoleMapping']>[0]) => {
      await admin.security.putRoleMapping(body);
      cleanups.push(() => admin.security.deleteRoleMapping({ name: body.name }));
    };
    const role = async (body: Parameters<Client['security']['putRole']>[0]) => {
      await admin.security.putRole(body);
      cleanups.push(() => admin.security.deleteRole({ name: body.name }));
    };
    const index = async (name: string, keywords: string[], docs: Record<string, Record<string, unknown>>) => {
      cleanups.push(() => admin.indices.delete({ index: name }));
      await admin.indices.create({
        index: name,
        mappings: { properties: Object.fromEntries(keywords.map((f) => [f, { type: 'keyword' as const }])) },
      });
      await admin.bulk({
        refresh: true,
        operations: Object.entries(docs).flatMap(([id, doc]) => [{ index: { _index: name, _id: id } }, doc]),
      });
    };

    it('(a) authenticates a JWT user via jwt1; a realm + group mapping gives exactly the mapped role, and his own _has_privileges agrees', async () => {
      const bob = uniqueName('bob');
      const [sre, dev] = [uniqueName('sre'), uniqueName('dev')];
      const logs = uniqueName('sre-logs');
      const reader = uniqueName('sre-logs-reader');
      await role({ name: reader, indices: [{ names: [`${logs}-*`], privileges: ['read', 'view_index_metadata'] }] });
      await mapping({
        name: uniqueName('sre-mapping'),
        enabled: true,
        roles: [reader],
        rules: { all: [{ field: { 'realm.name': realm } }, { field: { groups: sre } }] },
      });

      await asJwtUser(
        { sub: bob, groups: [sre, dev], dn: `cn=${bob},ou=people,dc=example,dc=org`, mail: `${bob}@example.org`, name: 'Bob Builder', extra: { team: 'red' } },
        async (asBob) => {
          const who = await asBob.security.authenticate();
          expect(who.username).toBe(bob);
          expect(who.authentication_realm).toEqual({ name: realm, type: 'jwt' });
          expect(who.authentication_type).toBe('realm');
          expect(who.roles).toEqual([reader]);
          expect(who.full_name).toBe('Bob Builder');
          expect(who.email).toBe(`${bob}@example.org`);
          // what the realm puts in the user's metadata (and so role-mapping rules on metadata.*)
          expect(who.metadata).toMatchObject({
            jwt_token_type: 'id_token',
            jwt_claim_sub: bob,
            jwt_claim_groups: [sre, dev],
            jwt_claim_dn: `cn=${bob},ou=people,dc=example,dc=org`,
            jwt_claim_mail: `${bob}@example.org`,
            jwt_claim_name: 'Bob Builder',
            jwt_claim_team: 'red',
            jwt_claim_aud: [expect.any(String)],
            jwt_claim_iss: expect.any(String),
          });
          // date claims (iat, exp) are not metadata
          expect(who.metadata).not.toHaveProperty('jwt_claim_exp');

          const hp = await asBob.security.hasPrivileges({
            cluster: ['monitor'],
            index: [{ names: [`${logs}-2026`, 'other-index'], privileges: ['read', 'write'] }],
          });
          expect(hp.username).toBe(bob);
          expect(hp.cluster).toEqual({ monitor: false });
          expect(hp.index).toEqual({ [`${logs}-2026`]: { read: true, write: false }, 'other-index': { read: false, write: false } });
          expect(hp.has_all_requested).toBe(false);
        },
      );

      // same realm, not in the group: authenticated, but no roles and no access
      const carol = uniqueName('carol');
      await asJwtUser({ sub: carol, groups: [dev] }, async (asCarol) => {
        const who = await asCarol.security.authenticate();
        expect(who.username).toBe(carol);
        expect(who.roles).toEqual([]);
        const hp = await asCarol.security.hasPrivileges({ index: [{ names: [`${logs}-2026`], privileges: ['read'] }] });
        expect(hp.index[`${logs}-2026`]).toEqual({ read: false });
      });
    });

    it('(a) rejects tokens the realm must not accept: wrong key, wrong issuer, expired', async () => {
      const sub = uniqueName('mallory');
      const [head, body] = mintJwt({ sub }).split('.');
      const otherKey = randomBytes(48).toString('base64url');
      const wrongKey = `${head}.${body}.${createHmac('sha256', otherKey).update(`${head}.${body}`).digest('base64url')}`;
      const tokens = {
        'wrong key': wrongKey,
        'wrong issuer': mintJwt({ sub, extra: { iss: 'https://someone-else.example' } }),
        'wrong audience': mintJwt({ sub, extra: { aud: 'someone-else' } }),
        expired: mintJwt({ sub, expiresInSeconds: -3600 }),
      };
      for (const [what, token] of Object.entries(tokens)) {
        const res = await fetch(`${esContext().url}/_security/_authenticate`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status, what).toBe(401);
      }
      // and the good one works (so the 401s are about the token, not the setup)
      expect(await rolesOf({ sub })).toEqual([]);
    });

    it('(b) role_templates: {{#tojson}}groups{{/tojson}} (json) gives one role per group; team-{{metadata.jwt_claim_team}} (string) works', async () => {
      const user = uniqueName('tpl-user');
      const [sre, dev] = [uniqueName('sre'), uniqueName('dev')];
      const team = uniqueName('team');
      const logs = uniqueName('tpl-logs');
      // the group-named role exists, to show a templated role grants real privileges
      await role({ name: sre, indices: [{ names: [logs], privileges: ['read'] }] });
      const name = uniqueName('tpl-mapping');
      await mapping({
        name,
        enabled: true,
        rules: { all: [{ field: { 'realm.name': realm } }, { field: { username: user } }] },
        role_templates: [
          { template: { source: '{{#tojson}}groups{{/tojson}}' }, format: 'json' },
          { template: { source: 'team-{{metadata.jwt_claim_team}}' }, format: 'string' },
        ],
      });
      const stored = (await admin.security.getRoleMapping({ name }))[name];
      expect(stored?.role_templates?.map((t) => t.format)).toEqual(['json', 'string']);

      await asJwtUser({ sub: user, groups: [sre, dev], extra: { team } }, async (c) => {
        const who = await c.security.authenticate();
        expect([...who.roles].sort()).toEqual([dev, sre, `team-${team}`].sort());
        const hp = await c.security.hasPrivileges({ index: [{ names: [logs], privileges: ['read', 'write'] }] });
        expect(hp.index[logs]).toEqual({ read: true, write: false });
      });
      // a user with other groups gets other roles from the same templates
      const other = uniqueName('ops');
      expect(await rolesOf({ sub: user, groups: [other] })).toEqual([other, 'team-'].sort());
    });

    it('(b) Mustache semantics through role templates: join, index, size, toJson, url, escaping per content type, dotted flat keys', async () => {
      const user = uniqueName('sem-user');
      const group = uniqueName('grp');
      const [t1, t2, t3] = ['alpha', 'beta', 'gamma'];
      const nick = 'o"k\\x';
      await mapping({
        name: uniqueName('sem-mapping'),
        enabled: true,
        rules: { all: [{ field: { 'realm.name': realm } }, { field: { username: user } }] },
        role_templates: [
          // join (default delimiter and a custom one), list index and size
          { template: { source: 'join-{{#join}}metadata.jwt_claim_tags{{/join}}' }, format: 'string' },
          { template: { source: "sp-{{#join delimiter=' & '}}metadata.jwt_claim_tags{{/join delimiter=' & '}}" }, format: 'string' },
          { template: { source: 'idx-{{groups.0}}-{{groups.9}}-{{groups.size}}' }, format: 'string' },
          // the role-mapping model is flat ("metadata.jwt_claim_tags" is one key), so a path
          // below it does not resolve: as on a real cluster, this renders nothing
          { template: { source: 'flat-{{metadata.jwt_claim_tags.1}}' }, format: 'string' },
          // toJson of a list, as a JSON array of role names
          { template: { source: '{{#toJson}}metadata.jwt_claim_tags{{/toJson}}' }, format: 'json' },
          // values are JSON-escaped by default (so they are safe inside a JSON string) ...
          { template: { source: '["esc-{{metadata.jwt_claim_nick}}"]' }, format: 'json' },
          { template: { source: 'json-{{metadata.jwt_claim_nick}}' }, format: 'string' },
          // ... and not escaped for text/plain; {{{triple}}} is never escaped
          { template: { source: 'plain-{{metadata.jwt_claim_nick}}', options: { content_type: 'text/plain' } }, format: 'string' },
          { template: { source: 'raw-{{{metadata.jwt_claim_nick}}}' }, format: 'string' },
          // url function; a flat key with a dot (realm.name) resolves as a whole
          { template: { source: 'url-{{#url}}{{metadata.jwt_claim_nick}} {{username}}{{/url}}' }, format: 'string' },
          { template: { source: '{{realm.name}}-{{username}}' }, format: 'string' },
          // a section over a list, and a missing value renders as nothing
          { template: { source: 'each{{#metadata.jwt_claim_tags}}-{{.}}{{/metadata.jwt_claim_tags}}{{no_such_thing}}' }, format: 'string' },
        ],
      });
      const roles = await rolesOf({ sub: user, groups: [group], extra: { tags: [t1, t2, t3], nick } });
      expect(roles).toEqual(
        [
          `join-${t1},${t2},${t3}`,
          `sp-${t1} & ${t2} & ${t3}`,
          `idx-${group}--1`,
          'flat-',
          t1,
          t2,
          t3,
          `esc-${nick}`,
          'json-o\\"k\\\\x',
          `plain-${nick}`,
          `raw-${nick}`,
          // inside {{#url}} values are first escaped for the content type (JSON), then form-encoded
          `url-${encodeURIComponent(`${JSON.stringify(nick).slice(1, -1)} ${user}`).replace(/%20/g, '+')}`,
          `${realm}-${user}`,
          `each-${t1}-${t2}-${t3}`,
        ].sort(),
      );
    });

    it('(b) an invalid role template is refused when the mapping is saved', async () => {
      await expect(
        admin.security.putRoleMapping({
          name: uniqueName('bad-template'),
          enabled: true,
          rules: { field: { username: uniqueName('nobody') } },
          role_templates: [{ template: { source: '{{#toJson}}{{a}}{{b}}{{/toJson}}' }, format: 'json' }],
        }),
      ).rejects.toMatchObject({ meta: { statusCode: 400 } });
    });

    it('(c) a templated DLS role lets two JWT users each see only their own documents', async () => {
      const [ann, ben] = [uniqueName('ann'), uniqueName('ben')];
      const docs = uniqueName('owned-docs');
      await index(docs, ['owner'], {
        a1: { owner: ann, title: 'ann one' },
        a2: { owner: ann, title: 'ann two' },
        b1: { owner: ben, title: 'ben one' },
        n1: { owner: 'nobody', title: 'nobody' },
      });
      const owner = uniqueName('owner-dls');
      await role({
        name: owner,
        indices: [{ names: [docs], privileges: ['read'], query: { template: { source: '{"term": {"owner": "{{_user.username}}"}}' } } }],
      });
      await mapping({
        name: uniqueName('owner-mapping'),
        enabled: true,
        roles: [owner],
        rules: { all: [{ field: { 'realm.name': realm } }, { field: { username: [ann, ben] } }] },
      });
      const idsSeenBy = (sub: string) =>
        asJwtUser({ sub }, async (c) => {
          const r = await c.search({ index: docs, size: 10, sort: ['_doc'] });
          return r.hits.hits.map((h) => h._id).sort();
        });
      expect(await idsSeenBy(ann)).toEqual(['a1', 'a2']);
      expect(await idsSeenBy(ben)).toEqual(['b1']);
      // and the admin sees everything (the filter is the role's, not the index's)
      const all = await admin.search({ index: docs, size: 10 });
      expect(all.hits.hits).toHaveLength(4);
    });

    it('(c) templated DLS with {{#toJson}} of a metadata list and {{_user.roles.0}}', async () => {
      const user = uniqueName('dls-user');
      const docs = uniqueName('team-docs');
      const teamRole = uniqueName('team-dls');
      await index(docs, ['team', 'role'], {
        red: { team: 'red', role: 'x' },
        blue: { team: 'blue', role: 'x' },
        green: { team: 'green', role: 'x' },
        mine: { team: 'none', role: teamRole },
      });
      await role({
        name: teamRole,
        indices: [
          {
            names: [docs],
            privileges: ['read'],
            query: {
              template: {
                source:
                  '{"bool": {"should": [{"terms": {"team": {{#toJson}}_user.metadata.jwt_claim_teams{{/toJson}} }}, {"term": {"role": "{{_user.roles.0}}"}}]}}',
              },
            },
          },
        ],
      });
      await mapping({
        name: uniqueName('team-mapping'),
        enabled: true,
        roles: [teamRole],
        rules: { all: [{ field: { 'realm.name': realm } }, { field: { username: user } }] },
      });
      const seen = await asJwtUser({ sub: user, extra: { teams: ['red', 'blue'] } }, async (c) => {
        const r = await c.search({ index: docs, size: 10 });
        return r.hits.hits.map((h) => h._id).sort();
      });
      expect(seen).toEqual(['blue', 'mine', 'red']);
    });

    it('(d) mapping rules on dn, username and metadata.* match as expected', async () => {
      const ou = uniqueName('ou');
      const prefix = uniqueName('svc');
      const dept = uniqueName('dept');
      const [byDn, byExactDn, byUser, byMeta] = [uniqueName('by-dn'), uniqueName('by-exact-dn'), uniqueName('by-user'), uniqueName('by-meta')];
      const scoped = (rule: Record<string, unknown>) => ({ all: [{ field: { 'realm.name': realm } }, rule] });
      await mapping({ name: byDn, enabled: true, roles: [byDn], rules: scoped({ field: { dn: `*,ou=${ou},dc=example,dc=org` } }) });
      await mapping({ name: byExactDn, enabled: true, roles: [byExactDn], rules: scoped({ field: { dn: `cn=${prefix}-exact,ou=${ou},dc=example,dc=org` } }) });
      await mapping({ name: byUser, enabled: true, roles: [byUser], rules: scoped({ field: { username: `${prefix}-*` } }) });
      await mapping({ name: byMeta, enabled: true, roles: [byMeta], rules: scoped({ field: { 'metadata.jwt_claim_department': dept } }) });

      // all three: dn under the OU (wildcard), username with the prefix, department claim
      expect(await rolesOf({ sub: `${prefix}-u1`, dn: `cn=${prefix}-u1,ou=${ou},dc=example,dc=org`, extra: { department: dept } })).toEqual(
        [byDn, byUser, byMeta].sort(),
      );
      // no dn claim, other department: only the username rule
      expect(await rolesOf({ sub: `${prefix}-u2`, extra: { department: 'other' } })).toEqual([byUser]);
      // dn elsewhere, other name, department as a list containing the value: only metadata
      expect(
        await rolesOf({ sub: uniqueName('outsider'), dn: `cn=x,ou=elsewhere,dc=example,dc=org`, extra: { department: ['other', dept] } }),
      ).toEqual([byMeta]);
      // DNs are compared as DNs: attribute names and values are case-insensitive, spaces after commas ignored
      expect(await rolesOf({ sub: uniqueName('dn-case'), dn: `CN=${prefix.toUpperCase()}-EXACT, OU=${ou.toUpperCase()}, DC=Example, DC=Org` })).toEqual(
        [byDn, byExactDn].sort(),
      );
      // nothing matches: authenticated with no roles
      expect(await rolesOf({ sub: uniqueName('nobody') })).toEqual([]);
    });

    it('(a) a JWT user cannot be the target of run-as (the realm has no user lookup, like SAML/OIDC)', async () => {
      const sub = uniqueName('runas-target');
      expect(await rolesOf({ sub })).toEqual([]);
      await expect(
        admin.security.authenticate({}, { headers: { 'es-security-runas-user': sub } }),
      ).rejects.toMatchObject({ meta: { statusCode: 403 } });
    });
  },
);
