// Coverage: which existing roles already grant a required access, ranked exact match first, then
// least excess, with the reason each one fits or not. Used by the planner to reuse roles (built-in
// ones included) instead of creating near-duplicates.
//
// A role "fits" when, on its own, it grants every required index privilege on every required
// pattern (the evaluator's exact answer), every required cluster privilege, the required Kibana
// privileges, and restricts documents/fields exactly as required (no more, no less).
import { compilePattern, exampleString } from './automaton.js';
import { buildPermissionModel, effectiveSecurity, hasPrivileges, type NamedRole } from './evaluator.js';
import { matches } from './patterns.js';
import { INDEX_PRIVILEGES, impliesCluster } from './privileges.js';
import { canonicalJson } from './json.js';

export interface RequiredIndexAccess {
  names: string[];
  privileges: string[];
  /** DLS query the grantee must be limited to (object or JSON string); absent = all documents */
  query?: unknown;
  /** FLS the grantee must be limited to; absent = all fields */
  field_security?: { grant?: string[]; except?: string[] };
}

export interface RequiredKibanaAccess {
  base?: string[];
  feature?: Record<string, string[]>;
  spaces: string[];
}

export interface RequiredAccess {
  indices?: RequiredIndexAccess[];
  cluster?: string[];
  kibana?: RequiredKibanaAccess[];
}

export interface CoverageCandidate {
  role: string;
  reserved: boolean;
  fits: boolean;
  exact: boolean;
  /** how much more than required the role grants (0 = nothing more) */
  excess: number;
  /** why it fits or not, one line each */
  reasons: string[];
}

export interface CoverageResult {
  /** roles that grant everything required, best first */
  matches: CoverageCandidate[];
  /** closest roles that do not fit, with what they lack (at most `nearMissLimit`) */
  nearMisses: CoverageCandidate[];
}

export const KIBANA_APPLICATION = 'kibana-.kibana';

/**
 * Kibana privileges → the Elasticsearch application privileges Kibana stores for them
 * (application `kibana-.kibana`): base `all`/`read` in spaces → `space_all`/`space_read` on
 * `space:<id>`; globally (`spaces: ['*']`) → `all`/`read` on `*`; feature privileges →
 * `feature_<id>.<privilege>` on the same resources.
 */
export function kibanaToApplicationPrivileges(kibana: readonly RequiredKibanaAccess[]): { application: string; privileges: string[]; resources: string[] }[] {
  return kibana.map((k) => {
    const global = k.spaces.includes('*');
    const resources = global ? ['*'] : k.spaces.map((s) => `space:${s}`);
    const privileges = [
      ...(k.base ?? []).map((b) => (global ? b : `space_${b}`)),
      ...Object.entries(k.feature ?? {}).flatMap(([feature, privs]) => privs.map((p) => `feature_${feature}.${p}`)),
    ];
    return { application: KIBANA_APPLICATION, privileges, resources };
  });
}

const INDEX_PRIVILEGE_NAMES = Object.keys(INDEX_PRIVILEGES);

function canonicalQuery(q: unknown): string | undefined {
  if (q === undefined || q === null) return undefined;
  let v = q;
  if (typeof q === 'string') {
    try {
      v = JSON.parse(q);
    } catch {
      return q;
    }
  }
  return canonicalJson(v);
}


const sortedSet = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])].sort().join(',');

interface Prepared {
  required: RequiredAccess;
  /** one concrete index name per required pattern, for a fast necessary-condition prefilter */
  samples: { entry: RequiredIndexAccess; sample: string }[];
  kibanaApps: ReturnType<typeof kibanaToApplicationPrivileges>;
  baseline: Map<string, number>;
}

function prepare(required: RequiredAccess): Prepared {
  const samples: Prepared['samples'] = [];
  const baseline = new Map<string, number>();
  for (const entry of required.indices ?? []) {
    for (const name of entry.names) {
      const sample = exampleString(compilePattern(name)) ?? name;
      samples.push({ entry, sample });
    }
  }
  // how many named index privileges the requirement itself implies, per pattern (for excess)
  const self: NamedRole = { name: '__required__', descriptor: { indices: (required.indices ?? []).map((e) => ({ names: e.names, privileges: e.privileges })) } };
  for (const entry of required.indices ?? []) {
    const r = hasPrivileges([self], { index: [{ names: entry.names, privileges: INDEX_PRIVILEGE_NAMES }] });
    for (const name of entry.names) baseline.set(name, Object.values(r.index[name] ?? {}).filter(Boolean).length);
  }
  return { required, samples, kibanaApps: kibanaToApplicationPrivileges(required.kibana ?? []), baseline };
}

/** Cheap necessary condition: can this role possibly cover the requirement? */
function mayFit(role: NamedRole, p: Prepared): boolean {
  const d = role.descriptor;
  const entries = d.indices ?? d.index ?? [];
  for (const { sample } of p.samples) {
    const hit = entries.some((e) => (Array.isArray(e.names) ? e.names : [e.names]).some((n) => matches(n, sample)));
    if (!hit) return false;
  }
  for (const c of p.required.cluster ?? []) {
    if (!(d.cluster ?? []).some((have) => impliesCluster(have, c)) && !(d.cluster ?? []).length) return false;
  }
  if (p.kibanaApps.length && !(d.applications ?? []).some((a) => a.application === KIBANA_APPLICATION || a.application === '*')) return false;
  return true;
}

function evaluate(role: NamedRole, p: Prepared): CoverageCandidate {
  const d = role.descriptor;
  const reasons: string[] = [];
  let fits = true;
  let excess = 0;
  const req = p.required;

  const model = buildPermissionModel([role]); // built once, asked several questions
  // index privileges, exactly as has_privileges would answer for a user holding only this role
  if (req.indices?.length) {
    const r = hasPrivileges(model, { index: req.indices.map((e) => ({ names: e.names, privileges: e.privileges })) });
    for (const e of req.indices) {
      for (const name of e.names) {
        const missing = e.privileges.filter((priv) => !r.index[name]?.[priv]);
        if (missing.length) {
          fits = false;
          reasons.push(`does not grant ${missing.join(', ')} on ${name}`);
        } else {
          reasons.push(`grants ${e.privileges.join(', ')} on ${name}`);
        }
      }
    }
    if (fits) {
      const all = hasPrivileges(model, { index: req.indices.map((e) => ({ names: e.names, privileges: INDEX_PRIVILEGE_NAMES })) });
      for (const e of req.indices) {
        for (const name of e.names) {
          const extra = Object.values(all.index[name] ?? {}).filter(Boolean).length - (p.baseline.get(name) ?? 0);
          if (extra > 0) {
            excess += extra;
            reasons.push(`also grants ${extra} more index privilege(s) on ${name}`);
          }
        }
      }
      // DLS/FLS must match what is required, on a concrete sample of each pattern
      for (const { entry, sample } of p.samples) {
        const sec = effectiveSecurity([role], sample);
        const wantQ = canonicalQuery(entry.query);
        const haveQ = sec.dls.restricted ? sec.dls.queries.map((q) => canonicalQuery(q.query)).sort().join(' OR ') : undefined;
        if (wantQ !== haveQ) {
          fits = false;
          reasons.push(
            wantQ === undefined
              ? `limits documents on ${entry.names.join(', ')} (required: all documents)`
              : haveQ === undefined
                ? `does not limit documents on ${entry.names.join(', ')} to the required query`
                : `limits documents with a different query on ${entry.names.join(', ')}`,
          );
        }
        const wantF = entry.field_security ? `${sortedSet(entry.field_security.grant ?? ['*'])}|${sortedSet(entry.field_security.except)}` : undefined;
        const wantFUnrestricted = wantF === undefined || wantF === '*|';
        const haveF = sec.fls.restricted && sec.fls.grants.length === 1 ? `${sortedSet(sec.fls.grants[0]?.grant)}|${sortedSet(sec.fls.grants[0]?.except)}` : sec.fls.restricted ? 'multiple' : undefined;
        if (!(wantFUnrestricted && haveF === undefined) && wantF !== haveF) {
          fits = false;
          reasons.push(wantFUnrestricted ? `limits fields on ${entry.names.join(', ')} (required: all fields)` : `does not limit fields on ${entry.names.join(', ')} exactly as required`);
        }
      }
    }
  }

  if (req.cluster?.length) {
    const r = hasPrivileges(model, { cluster: req.cluster });
    const missing = req.cluster.filter((c) => !r.cluster[c]);
    if (missing.length) {
      fits = false;
      reasons.push(`lacks cluster privilege(s) ${missing.join(', ')}`);
    }
  }
  const extraCluster = (d.cluster ?? []).filter((c) => c !== 'none' && !(req.cluster ?? []).some((want) => impliesCluster(want, c)));
  if (extraCluster.length) {
    excess += extraCluster.length * 2;
    reasons.push(`also grants cluster privilege(s) ${extraCluster.join(', ')}`);
  }

  for (const app of p.kibanaApps) {
    for (const resource of app.resources) {
      for (const priv of app.privileges) {
        const ok = (d.applications ?? []).some(
          (a) =>
            (a.application === KIBANA_APPLICATION || a.application === '*') &&
            a.resources.some((r) => r === '*' || r === resource) &&
            (a.privileges.includes(priv) || (a.privileges.includes('all') && a.resources.includes('*'))),
        );
        if (!ok) {
          fits = false;
          reasons.push(`does not grant Kibana ${priv} on ${resource}`);
        }
      }
    }
  }
  if (!p.kibanaApps.length && (d.applications ?? []).length) {
    excess += 1;
    reasons.push('also grants application (Kibana) privileges');
  }
  if ((d.run_as ?? []).length) {
    excess += 10;
    reasons.push(`can run as ${d.run_as?.join(', ')}`);
  }
  // index entries unrelated to the requirement
  const unrelated = (d.indices ?? d.index ?? []).filter(
    (e) => !p.samples.some(({ sample }) => (Array.isArray(e.names) ? e.names : [e.names]).some((n) => matches(n, sample))),
  );
  if (unrelated.length) {
    excess += unrelated.length;
    reasons.push(`also grants access to ${unrelated.flatMap((e) => e.names).join(', ')}`);
  }
  const reserved = Boolean((d.metadata as Record<string, unknown> | undefined)?._reserved);
  return { role: role.name, reserved, fits, exact: fits && excess === 0, excess, reasons };
}

export function findCoveringRoles(roles: readonly NamedRole[], required: RequiredAccess, opts: { nearMissLimit?: number } = {}): CoverageResult {
  const p = prepare(required);
  const matchesOut: CoverageCandidate[] = [];
  const near: CoverageCandidate[] = [];
  for (const role of roles) {
    if (!mayFit(role, p)) continue;
    const c = evaluate(role, p);
    (c.fits ? matchesOut : near).push(c);
  }
  const rank = (a: CoverageCandidate, b: CoverageCandidate) => Number(b.exact) - Number(a.exact) || a.excess - b.excess || a.role.localeCompare(b.role);
  matchesOut.sort(rank);
  near.sort((a, b) => a.reasons.filter((r) => /^(does not|lacks|limits)/.test(r)).length - b.reasons.filter((r) => /^(does not|lacks|limits)/.test(r)).length || rank(a, b));
  return { matches: matchesOut, nearMisses: near.slice(0, opts.nearMissLimit ?? 5) };
}
