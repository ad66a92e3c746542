// Differential test: the offline evaluator against the real Elasticsearch.
// Random role sets and random has_privileges requests (fast-check, seeded). For each case a native
// user holding exactly those roles is created on the real cluster, `_has_privileges` is called
// *as that user*, and every answer is compared with the evaluator's. On a mismatch fast-check
// shrinks to a minimal case and prints it with the seed; add it to REGRESSIONS below.
// Last line: `fidelity: N/N checks agree (seed S)`.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hasPrivileges, type HasPrivilegesRequest, type NamedRole, type RoleDescriptor } from '../../src/security/evaluator.js';
import { CLUSTER_PRIVILEGES, INDEX_PRIVILEGES } from '../../src/security/privileges.js';
import { adminClient, clientAs, testPassword, uniqueName } from '../helpers/es.js';

const SEED = Number(process.env.FIDELITY_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(process.env.FIDELITY_RUNS ?? 45);

const admin = adminClient();
afterAll(() => admin.close());

// A small vocabulary so that patterns overlap, nest, and sometimes touch restricted indices.
const ROLE_PATTERNS = [
  'logs-*',
  'logs-app-*',
  'logs-app-1',
  'logs-?pp-*',
  'metrics-*',
  'metrics-2',
  '*-prod',
  'logs-*-prod',
  '*',
  'audit',
  'a*',
  '/logs-[a-z]+-1/',
  '/metrics-[0-9]+/',
  '.security*',
  '.security-7',
  '.kibana*',
  '.ki*',
];
const CHECK_NAMES = [
  'logs-app-1',
  'logs-app-2',
  'logs-web-prod',
  'logs-*',
  'logs-app-*',
  'metrics-2',
  'metrics-*',
  'audit',
  'api-prod',
  '*',
  '*-prod',
  '/logs-[a-z]+-1/',
  '/metrics-[0-9]/',
  '.security-7',
  '.security*',
  '.kibana_1',
  'x',
];

const indexPrivilegeNames = Object.keys(INDEX_PRIVILEGES);
const clusterPrivilegeNames = Object.keys(CLUSTER_PRIVILEGES);

const arbIndexEntry = fc.record({
  names: fc.uniqueArray(fc.constantFrom(...ROLE_PATTERNS), { minLength: 1, maxLength: 3 }),
  privileges: fc.uniqueArray(fc.constantFrom(...indexPrivilegeNames), { minLength: 1, maxLength: 3 }),
  allow_restricted_indices: fc.boolean(),
});

const arbDescriptor: fc.Arbitrary<RoleDescriptor> = fc.record({
  cluster: fc.uniqueArray(fc.constantFrom(...clusterPrivilegeNames), { maxLength: 3 }),
  indices: fc.array(arbIndexEntry, { maxLength: 3 }),
});

const arbRequest: fc.Arbitrary<HasPrivilegesRequest> = fc.record({
  cluster: fc.uniqueArray(fc.constantFrom(...clusterPrivilegeNames), { minLength: 1, maxLength: 5 }),
  index: fc.array(
    fc.record({
      names: fc.uniqueArray(fc.constantFrom(...CHECK_NAMES), { minLength: 1, maxLength: 3 }),
      privileges: fc.uniqueArray(fc.constantFrom(...indexPrivilegeNames), { minLength: 1, maxLength: 5 }),
      allow_restricted_indices: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

const arbCase = fc.record({ roles: fc.array(arbDescriptor, { minLength: 1, maxLength: 3 }), request: arbRequest });

interface Case {
  roles: RoleDescriptor[];
  request: HasPrivilegesRequest;
}

/** Mismatches ever found, kept as fixed regression cases (run first, every time). */
const REGRESSIONS: Case[] = [];

let checks = 0;
let agreed = 0;

/** Create the roles and a user on the real cluster, ask as that user, compare. Returns mismatching answers. */
async function runCase(c: Case): Promise<string[]> {
  const tag = uniqueName('fid');
  const named: NamedRole[] = c.roles.map((descriptor, i) => ({ name: `${tag}-r${i}`, descriptor }));
  const username = `${tag}-u`;
  const password = testPassword();
  for (const r of named) await admin.security.putRole({ name: r.name, ...r.descriptor });
  await admin.security.putUser({ username, password, roles: named.map((r) => r.name) });
  const asUser = clientAs(username, password);
  try {
    const real = await asUser.security.hasPrivileges(c.request as never);
    // Evaluate from the role definitions as the server stored them (GET), like the product does.
    const stored = await admin.security.getRole({ name: named.map((r) => r.name).join(',') });
    const fromServer: NamedRole[] = named.map((r) => ({ name: r.name, descriptor: stored[r.name] as RoleDescriptor }));
    const ours = hasPrivileges(fromServer, c.request);
    const diffs: string[] = [];
    for (const [p, v] of Object.entries(real.cluster)) {
      checks++;
      if (ours.cluster[p] === v) agreed++;
      else diffs.push(`cluster ${p}: es=${v} ours=${ours.cluster[p]}`);
    }
    for (const [idx, privs] of Object.entries(real.index)) {
      for (const [p, v] of Object.entries(privs)) {
        checks++;
        if (ours.index[idx]?.[p] === v) agreed++;
        else diffs.push(`index ${idx} ${p}: es=${v} ours=${ours.index[idx]?.[p]}`);
      }
    }
    checks++;
    if (ours.has_all_requested === real.has_all_requested) agreed++;
    else diffs.push(`has_all_requested: es=${real.has_all_requested} ours=${ours.has_all_requested}`);
    return diffs;
  } finally {
    await asUser.close();
    await admin.security.deleteUser({ username });
    for (const r of named) await admin.security.deleteRole({ name: r.name });
  }
}

describe('offline evaluator vs real Elasticsearch _has_privileges', () => {
  it('agrees on the fixed regression cases', async () => {
    for (const c of REGRESSIONS) expect(await runCase(c)).toEqual([]);
  });

  it(`agrees on random role sets and requests (seed ${SEED})`, async () => {
    try {
      await fc.assert(
        fc.asyncProperty(arbCase, async (c) => {
          const diffs = await runCase(c);
          if (diffs.length) throw new Error(`${diffs.length} answer(s) differ:\n  ${diffs.join('\n  ')}\ncase: ${JSON.stringify(c)}`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: false, verbose: 1 },
      );
    } finally {
      console.log(`fidelity: ${agreed}/${checks} checks agree (seed ${SEED})`);
    }
    expect(checks).toBeGreaterThanOrEqual(500);
    expect(agreed).toBe(checks);
  }, 600_000);
});
