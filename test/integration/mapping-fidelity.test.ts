import { afterAll, it } from 'vitest';
import { adminClient, esContext } from '../helpers/es.js';
import { mintJwt } from '../helpers/jwt.js';

const admin = adminClient();
afterAll(() => admin.close());

async function auth(claims: Parameters<typeof mintJwt>[0]) {
  const res = await fetch(`${esContext().url}/_security/_authenticate`, { headers: { authorization: `Bearer ${mintJwt(claims)}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

it('probe', async () => {
  const names: string[] = [];
  try {
    const put = async (name: string, body: Record<string, unknown>) => {
      names.push(name);
      try {
        await admin.security.putRoleMapping({ name, refresh: 'wait_for', ...(body as object) } as never);
        console.log('PUT ok', name);
      } catch (e) {
        console.log('PUT failed', name, JSON.stringify((e as { meta?: { body?: unknown } }).meta?.body));
      }
    };
    const scope = (r: unknown) => ({ all: [{ field: { 'realm.name': 'jwt1' } }, { field: { 'metadata.jwt_claim_probe': 'P1' } }, r] });
    await put('mfp-empty', { enabled: true, rules: scope({ field: { username: 'emptyrole' } }), role_templates: [{ template: { source: '{{metadata.jwt_claim_team}}' }, format: 'string' }] });
    await put('mfp-fail', { enabled: true, rules: scope({ field: { username: 'failer' } }), role_templates: [{ template: { source: '{{username}}' }, format: 'json' }] });
    await put('mfp-anyempty', { enabled: true, rules: scope({ any: [] }), roles: ['any-empty'] });
    await put('mfp-allempty', { enabled: true, rules: scope({ all: [] }), roles: ['all-empty'] });
    await put('mfp-num', { enabled: true, rules: scope({ field: { 'metadata.jwt_claim_level': 2.7 } }), roles: ['lvl2'] });
    await put('mfp-jsonnull', { enabled: true, rules: scope({ field: { username: 'jn' } }), role_templates: [{ template: { source: '["a", null, "{{metadata.jwt_claim_team}}"]' }, format: 'json' }] });
    const got = await admin.security.getRoleMapping({ name: 'mfp-empty,mfp-jsonnull' });
    console.log(JSON.stringify(got));
    const base = { extra: { probe: 'P1' } };
    for (const c of [
      { sub: 'emptyrole', ...base },
      { sub: 'failer', ...base },
      { sub: 'jn', ...base },
      { sub: 'lv', extra: { probe: 'P1', level: 2 } },
      { sub: 'lv25', extra: { probe: 'P1', level: 2.5 } },
      { sub: 'meta', groups: 'single' as unknown as string[], dn: 'cn=x, ou=y', mail: 'a@b', name: 'N', extra: { probe: 'P1', e: [], n: null, mixed: [1, 'a', true, 2.5], an: [1, null], o: { a: 1 }, big: 12345678901234, neg: -0, f: 1e21, nested: [[1]] } },
      { sub: 'dup', groups: ['a', 'a', 'B'], extra: { probe: 'P1' } },
      { sub: 'o"neil\\x é', groups: [], extra: { probe: 'P1' } },
      { sub: ' ', extra: { probe: 'P1' } },
    ]) {
      const r = await auth(c);
      console.log(c.sub, r.status, JSON.stringify(r.body));
    }
  } finally {
    for (const n of names) await admin.security.deleteRoleMapping({ name: n }).catch(() => undefined);
  }
});
