// The offline evaluator: "does this set of roles grant these privileges on these resources — and
// why?", answered the way Elasticsearch answers `_has_privileges`, without a cluster.
//
// How Elasticsearch does it (x-pack core: CompositeRolesStore.buildRoleFromDescriptors,
// IndicesPermission.checkResourcePrivileges, ClusterPermission, ApplicationPermission), and so how
// we do it:
// 1. Index entries of all roles are collated by (exact set of `names`, allow_restricted_indices):
//    privileges are unioned, FLS grant/except groups are unioned, and DLS queries are unioned unless
//    one of them has no query (then there is none). A role whose only index entry grants `none` is
//    an explicit denial and contributes nothing.
// 2. Each collated entry is a group: its index automaton is the union of its name patterns, minus
//    the restricted (system) indices unless allow_restricted_indices is true.
// 3. Each group's privileges are split by the index component they apply to (ES 9.x
//    IndexPrivilege.resolveBySelectorAccess): data privileges (and raw actions), data-and-failures
//    privileges (manage, manage_data_stream_lifecycle) and failure-store privileges
//    (read_failure_store, manage_failure_store) — or one "all components" part when `all` is present.
// 4. For each requested index pattern: its automaton (minus restricted indices, unless
//    allow_restricted_indices or it names a restricted index exactly) must be a subset of ONE group's
//    index automaton for that group's privileges to count (groups are not unioned: ES 9.5's
//    has_privileges does not combine index groups); a requested privilege is granted when its action
//    automaton is a subset of the union of the counted privileges for a component it applies to.
// 5. Cluster: a requested privilege is granted when the role set's cluster permission implies it
//    (action automaton subset, with ES's special predicate privileges such as manage_own_api_key).
import {
  EMPTY,
  accepts,
  compilePattern,
  compilePatterns,
  exampleString,
  intersection,
  isEmpty,
  minus,
  subsetOf,
  union,
  type Automaton,
} from './automaton.js';
import { effectiveIndexAutomaton, isLuceneRegex, isRestrictedIndexName, matches, requestedIndexAutomaton } from './patterns.js';
import {
  clusterPrivilegeSetImplies,
  impliesCluster,
  indexPrivilegeAutomaton,
  indexPrivilegeSelector,
  isKnownClusterPrivilege,
  isKnownIndexPrivilege,
  isRawClusterActionPattern,
  isRawIndexActionPattern,
  suggestPrivileges,
  type IndexSelectorAccess,
} from './privileges.js';
import type { estypes } from '@elastic/elasticsearch';

export type RoleDescriptor = estypes.SecurityRoleDescriptor;
export type IndicesEntry = estypes.SecurityIndicesPrivileges;

/** A role by name with its descriptor (from GET /_security/role, built-in roles included). */
export interface NamedRole {
  name: string;
  descriptor: RoleDescriptor;
}

export interface IndexCheck {
  names: string | string[];
  privileges: string[];
  allow_restricted_indices?: boolean;
}

export interface ApplicationCheck {
  application: string;
  privileges: string[];
  resources: string[];
}

export interface HasPrivilegesRequest {
  cluster?: string[];
  index?: IndexCheck[];
  application?: ApplicationCheck[];
}

/** Exactly the shape of Elasticsearch's `_has_privileges` response (minus `username`). */
export interface HasPrivilegesResult {
  has_all_requested: boolean;
  cluster: Record<string, boolean>;
  index: Record<string, Record<string, boolean>>;
  application: Record<string, Record<string, Record<string, boolean>>>;
}

/** Application privilege definitions as returned by GET /_security/privilege: app → name → actions. */
export type ApplicationPrivilegeDefinitions = Record<string, Record<string, { actions: string[] }>>;

export interface EvaluatorOptions {
  /** Definitions for application privileges named in roles or requests (Kibana's, etc.). */
  applicationPrivileges?: ApplicationPrivilegeDefinitions;
}

export class EvaluationError extends Error {
  readonly code = 'EVALUATION_INVALID_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

// ---------------------------------------------------------------------------------------------
// Building the permission model

/** Where a piece of access came from: role name and index of the entry in that role's list. */
export interface Source {
  role: string;
  entry: number;
}

export interface IndexGroup {
  names: string[];
  privileges: string[];
  allowRestrictedIndices: boolean;
  /** null = no DLS (all documents) */
  queries: unknown[] | null;
  /** null = no FLS (all fields); else union of grant/except groups */
  fieldSecurity: { grant: string[]; except: string[] }[] | null;
  sources: Source[];
  indexAutomaton: Automaton;
  /** the group's privileges split by the index component they apply to */
  parts: PrivilegePart[];
}

export interface PrivilegePart {
  selector: IndexSelectorAccess;
  automaton: Automaton;
}

export interface PermissionModel {
  roles: string[];
  cluster: { name: string; sources: string[] }[];
  groups: IndexGroup[];
  applications: { application: string; resources: string[]; privileges: string[]; sources: string[] }[];
  runAs: string[];
}

function asArray(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function isUnrestrictedFls(fs: estypes.SecurityFieldSecurity | undefined): boolean {
  if (!fs) return true;
  const grant = asArray(fs.grant as string | string[] | undefined);
  const except = asArray(fs.except as string | string[] | undefined);
  return grant.includes('*') && except.length === 0;
}

function indexEntries(d: RoleDescriptor): IndicesEntry[] {
  return d.indices ?? d.index ?? [];
}

export function buildPermissionModel(roles: readonly NamedRole[]): PermissionModel {
  const clusterByName = new Map<string, string[]>();
  const runAs = new Set<string>();
  const collated = new Map<string, IndexGroup>();
  const apps = new Map<string, { application: string; resources: string[]; privileges: Set<string>; sources: string[] }>();

  for (const { name: roleName, descriptor } of roles) {
    for (const c of descriptor.cluster ?? []) {
      const list = clusterByName.get(c) ?? [];
      list.push(roleName);
      clusterByName.set(c, list);
    }
    for (const r of descriptor.run_as ?? []) runAs.add(r);
    const entries = indexEntries(descriptor);
    entries.forEach((entry, i) => {
      const isExplicitDenial = entries.length === 1 && entry.privileges[0]?.toLowerCase() === 'none';
      if (isExplicitDenial) return;
      const names = [...new Set(asArray(entry.names))];
      const allowRestricted = entry.allow_restricted_indices === true;
      const key = `${allowRestricted ? 'R' : 'N'}\u0000${[...names].sort().join('\u0000')}`;
      const fs = entry.field_security;
      const flsGroup = isUnrestrictedFls(fs)
        ? null
        : { grant: asArray(fs?.grant as string | string[] | undefined), except: asArray(fs?.except as string | string[] | undefined) };
      const query = entry.query === undefined || entry.query === null ? null : entry.query;
      const existing = collated.get(key);
      if (!existing) {
        collated.set(key, {
          names,
          privileges: [...new Set(entry.privileges.map(String))],
          allowRestrictedIndices: allowRestricted,
          queries: query === null ? null : [query],
          fieldSecurity: flsGroup === null ? null : [flsGroup],
          sources: [{ role: roleName, entry: i }],
          indexAutomaton: EMPTY,
          parts: [],
        });
      } else {
        existing.privileges = [...new Set([...existing.privileges, ...entry.privileges.map(String)])];
        existing.queries = existing.queries === null || query === null ? null : [...existing.queries, query];
        existing.fieldSecurity = existing.fieldSecurity === null || flsGroup === null ? null : [...existing.fieldSecurity, flsGroup];
        existing.sources.push({ role: roleName, entry: i });
      }
    });
    for (const a of descriptor.applications ?? []) {
      const resources = [...new Set(a.resources)].sort();
      const key = `${a.application}\u0000${resources.join('\u0000')}`;
      const cur = apps.get(key) ?? { application: a.application, resources, privileges: new Set<string>(), sources: [] };
      for (const p of a.privileges) cur.privileges.add(p);
      cur.sources.push(roleName);
      apps.set(key, cur);
    }
  }

  const groups = [...collated.values()].map((g) => ({ ...g, indexAutomaton: groupIndexAutomaton(g.names, g.allowRestrictedIndices), parts: splitBySelector(g.privileges) }));
  return {
    roles: roles.map((r) => r.name),
    cluster: [...clusterByName.entries()].map(([name, sources]) => ({ name, sources })),
    groups,
    applications: [...apps.values()].map((a) => ({ ...a, privileges: [...a.privileges] })),
    runAs: [...runAs],
  };
}

// ---------------------------------------------------------------------------------------------
// Privilege automata

const privilegeSetCache = new Map<string, Automaton>();

function indexPrivilegeSetAutomaton(names: readonly string[]): Automaton {
  const key = [...new Set(names)].sort().join(',');
  let a = privilegeSetCache.get(key);
  if (!a) {
    a = union(...names.map((n) => indexPrivilegeAutomaton(n)));
    privilegeSetCache.set(key, a);
  }
  return a;
}

const hasData = (s: IndexSelectorAccess) => s !== 'failures';
const hasFailures = (s: IndexSelectorAccess) => s !== 'data';

/** ES 9.x IndexPrivilege.resolveBySelectorAccess: one part per index component access. */
const splitCache = new Map<string, PrivilegePart[]>();
export function splitBySelector(names: readonly string[]): PrivilegePart[] {
  return remember(splitCache, names.join(','), () => splitBySelectorUncached(names));
}

function splitBySelectorUncached(names: readonly string[]): PrivilegePart[] {
  const lower = [...new Set(names.map((n) => n.toLowerCase()))];
  if (lower.length === 1) {
    const n = lower[0] as string;
    return [{ selector: indexPrivilegeSelector(n), automaton: indexPrivilegeAutomaton(n) }];
  }
  if (lower.some((n) => n === 'all' && !isRawIndexActionPattern(n))) return [{ selector: 'all', automaton: indexPrivilegeSetAutomaton(lower) }];
  const buckets: Record<'data' | 'data_and_failures' | 'failures', string[]> = { data: [], data_and_failures: [], failures: [] };
  for (const n of lower) {
    const sel = isRawIndexActionPattern(n) ? 'data' : indexPrivilegeSelector(n);
    buckets[sel === 'all' ? 'data' : sel].push(n);
  }
  return (['data', 'data_and_failures', 'failures'] as const)
    .filter((k) => buckets[k].length)
    .map((k) => ({ selector: k, automaton: indexPrivilegeSetAutomaton(buckets[k]) }));
}

function requireIndexPrivilege(name: string): void {
  if (!isKnownIndexPrivilege(name.toLowerCase()) && !isRawIndexActionPattern(name.toLowerCase())) {
    const s = suggestPrivileges('index', name);
    throw new EvaluationError(`unknown index privilege [${name}]${s.length ? `; did you mean ${s.slice(0, 3).join(', ')}?` : ''}`);
  }
}

function requireClusterPrivilege(name: string): void {
  if (!isKnownClusterPrivilege(name.toLowerCase()) && !isRawClusterActionPattern(name.toLowerCase())) {
    const s = suggestPrivileges('cluster', name);
    throw new EvaluationError(`unknown cluster privilege [${name}]${s.length ? `; did you mean ${s.slice(0, 3).join(', ')}?` : ''}`);
  }
}

// Automata depend only on their inputs; roles and requests repeat patterns a lot, so cache them.
const groupAutomatonCache = new Map<string, Automaton>();
const checkAutomatonCache = new Map<string, Automaton>();
const CACHE_LIMIT = 50_000;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v;
}

/** A group's index automaton: its name patterns, minus restricted indices unless allowed. */
function groupIndexAutomaton(names: readonly string[], allowRestricted: boolean): Automaton {
  return remember(groupAutomatonCache, `${allowRestricted ? 'R' : 'N'}\u0000${names.join('\u0000')}`, () => effectiveIndexAutomaton(names, allowRestricted));
}

/** The automaton of index names a requested pattern asks about, as ES computes it. */
function checkAutomaton(pattern: string, allowRestricted: boolean): Automaton {
  return remember(checkAutomatonCache, `${allowRestricted ? 'R' : 'N'}\u0000${pattern}`, () => requestedIndexAutomaton(pattern, allowRestricted));
}

/** A requested name with no wildcard or regex syntax: its check automaton is exactly {name}. */
function isLiteralName(p: string): boolean {
  return !/[*?\\]/.test(p) && !isLuceneRegex(p) && p.length > 0;
}

// identity numbers for interned automata, to key unions of them
const automatonIds = new WeakMap<Automaton, number>();
let nextAutomatonId = 1;
function automatonId(a: Automaton): number {
  let id = automatonIds.get(a);
  if (id === undefined) {
    id = nextAutomatonId++;
    automatonIds.set(a, id);
  }
  return id;
}
const unionCache = new Map<string, Automaton>();
function unionOf(parts: readonly Automaton[]): Automaton | undefined {
  if (!parts.length) return undefined;
  if (parts.length === 1) return parts[0];
  const unique = [...new Set(parts)];
  const key = unique.map(automatonId).sort((a, b) => a - b).join(',');
  return remember(unionCache, key, () => union(...unique));
}

// ---------------------------------------------------------------------------------------------
// has_privileges

export function hasPrivileges(roles: readonly NamedRole[] | PermissionModel, request: HasPrivilegesRequest, opts: EvaluatorOptions = {}): HasPrivilegesResult {
  const model = Array.isArray(roles) ? buildPermissionModel(roles as NamedRole[]) : (roles as PermissionModel);
  const result: HasPrivilegesResult = { has_all_requested: true, cluster: {}, index: {}, application: {} };

  for (const c of request.cluster ?? []) {
    requireClusterPrivilege(c);
    const ok = clusterGranted(model, c);
    result.cluster[c] = ok;
    if (!ok) result.has_all_requested = false;
  }

  for (const check of request.index ?? []) {
    for (const p of check.privileges) requireIndexPrivilege(p);
    const wantsFailures = check.privileges.some((p) => indexPrivilegeSelector(p.toLowerCase()) === 'failures');
    for (const pattern of asArray(check.names)) {
      const answers = (result.index[pattern] ??= {});
      const allowed = allowedIndexPrivileges(model, pattern, check.allow_restricted_indices === true, wantsFailures);
      for (const p of check.privileges) {
        const key = p.toLowerCase();
        const sel = isRawIndexActionPattern(key) ? 'data' : indexPrivilegeSelector(key);
        const want = indexPrivilegeAutomaton(key);
        const ok =
          allowed !== undefined &&
          ((hasData(sel) && allowed.data !== undefined && subsetOf(want, allowed.data)) ||
            (hasFailures(sel) && allowed.failures !== undefined && subsetOf(want, allowed.failures)));
        // the same name asked twice (e.g. with and without allow_restricted_indices): ES ANDs the answers
        answers[p] = (answers[p] ?? true) && ok;
        if (!ok) result.has_all_requested = false;
      }
    }
  }

  for (const check of request.application ?? []) {
    const perResource = (result.application[check.application] ??= {});
    for (const resource of check.resources) {
      const answers = (perResource[resource] ??= {});
      for (const p of check.privileges) {
        const ok = applicationGranted(model, check.application, resource, p, opts.applicationPrivileges ?? {});
        answers[p] = (answers[p] ?? true) && ok;
        if (!ok) result.has_all_requested = false;
      }
    }
  }
  return result;
}

/** Union of the privileges (per component) of every group whose index automaton covers the pattern. */
function allowedIndexPrivileges(
  model: PermissionModel,
  pattern: string,
  allowRestricted: boolean,
  wantsFailures: boolean,
): { data: Automaton | undefined; failures: Automaton | undefined } | undefined {
  // a literal name's check automaton is exactly {name} (a restricted literal is "concrete" and kept),
  // so "covered by the group" is simply "the group's automaton accepts it"
  const literal = isLiteralName(pattern);
  const check = literal ? undefined : checkAutomaton(pattern, allowRestricted);
  if (check && isEmpty(check)) return undefined;
  const data: Automaton[] = [];
  const failures: Automaton[] = [];
  for (const g of model.groups) {
    if (literal ? !accepts(g.indexAutomaton, pattern) : !subsetOf(check as Automaton, g.indexAutomaton)) continue;
    for (const part of g.parts) {
      if (hasData(part.selector)) data.push(part.automaton);
      // ES builds the failures map only when a failure-store-only privilege is asked for
      if (wantsFailures && hasFailures(part.selector)) failures.push(part.automaton);
    }
  }
  return { data: unionOf(data), failures: unionOf(failures) };
}

function clusterGranted(model: PermissionModel, requested: string): boolean {
  return clusterPrivilegeSetImplies(
    model.cluster.map((c) => c.name),
    requested,
  );
}

function applicationActions(app: string, privilege: string, defs: ApplicationPrivilegeDefinitions): Automaton {
  const def = defs[app]?.[privilege];
  if (def) return compilePatterns(def.actions);
  // ES treats a name containing '/', '*' or ':' as an action pattern; an unknown plain name has no actions
  if (/[/*:]/.test(privilege)) return compilePattern(privilege);
  return EMPTY;
}

function applicationGranted(model: PermissionModel, app: string, resource: string, privilege: string, defs: ApplicationPrivilegeDefinitions): boolean {
  const want = applicationActions(app, privilege, defs);
  if (isEmpty(want)) return false;
  const resourceAutomaton = compilePattern(resource);
  const granted: Automaton[] = [];
  for (const entry of model.applications) {
    if (!matches(entry.application, app)) continue;
    if (!subsetOf(resourceAutomaton, compilePatterns(entry.resources))) continue;
    for (const p of entry.privileges) granted.push(applicationActions(app, p, defs));
  }
  return granted.length > 0 && subsetOf(want, union(...granted));
}

// ---------------------------------------------------------------------------------------------
// explain()

export interface ExplainLine {
  kind: 'cluster' | 'index' | 'application';
  resource?: string;
  privilege: string;
  granted: boolean;
  /** role names (and entry numbers for index entries) that together grant it */
  grantedBy: string[];
  reason: string;
}

export function explain(roles: readonly NamedRole[], request: HasPrivilegesRequest, opts: EvaluatorOptions = {}): ExplainLine[] {
  const model = buildPermissionModel(roles);
  const answer = hasPrivileges(model, request, opts);
  const lines: ExplainLine[] = [];
  for (const [privilege, granted] of Object.entries(answer.cluster)) {
    const by = model.cluster.filter((c) => impliesCluster(c.name, privilege)).flatMap((c) => c.sources.map((s) => `${s} (cluster: ${c.name})`));
    lines.push({
      kind: 'cluster',
      privilege,
      granted,
      grantedBy: granted ? by : [],
      reason: granted
        ? by.length
          ? `granted by ${by.join(', ')}`
          : 'granted by the union of the roles\' cluster privileges'
        : `no role's cluster privileges (${model.cluster.map((c) => c.name).join(', ') || 'none'}) imply ${privilege}`,
    });
  }
  for (const check of request.index ?? []) {
    for (const pattern of asArray(check.names)) {
      const checkA = checkAutomaton(pattern, check.allow_restricted_indices === true);
      for (const privilege of check.privileges) {
        const granted = answer.index[pattern]?.[privilege] ?? false;
        const want = indexPrivilegeAutomaton(privilege);
        const covering = model.groups.filter((g) => subsetOf(checkA, g.indexAutomaton));
        const withPriv = covering.filter((g) => subsetOf(want, indexPrivilegeSetAutomaton(g.privileges)));
        const describeGroup = (g: IndexGroup) => g.sources.map((s) => `${s.role} (indices[${s.entry}]: ${g.names.join(', ')} → ${g.privileges.join(', ')})`).join(' + ');
        let reason: string;
        if (granted) {
          reason = withPriv.length
            ? `granted by ${withPriv.map(describeGroup).join('; ')}`
            : `granted by the union of ${covering.map(describeGroup).join('; ')}`;
        } else if (isEmpty(checkA)) {
          reason = `[${pattern}] only names restricted (system) indices; ask with allow_restricted_indices: true`;
        } else if (covering.length === 0) {
          const partial = model.groups.filter((g) => !isEmpty(intersection(checkA, g.indexAutomaton)));
          const example = partial.length ? exampleString(minus(checkA, union(...partial.map((g) => g.indexAutomaton)))) : exampleString(checkA);
          reason = partial.length
            ? `no single role entry covers every index [${pattern}] matches (e.g. "${example ?? ''}" is not covered by ${partial.map(describeGroup).join('; ')})`
            : `no role entry matches [${pattern}]`;
        } else {
          reason = `entries covering [${pattern}] grant only ${[...new Set(covering.flatMap((g) => g.privileges))].join(', ')}, which do not include ${privilege}`;
        }
        lines.push({
          kind: 'index',
          resource: pattern,
          privilege,
          granted,
          grantedBy: granted ? (withPriv.length ? withPriv : covering).flatMap((g) => g.sources.map((s) => `${s.role}#indices[${s.entry}]`)) : [],
          reason,
        });
      }
    }
  }
  for (const [app, perResource] of Object.entries(answer.application)) {
    for (const [resource, privs] of Object.entries(perResource)) {
      for (const [privilege, granted] of Object.entries(privs)) {
        const by = model.applications.filter((e) => matches(e.application, app) && e.resources.some((r) => matches(r, resource))).flatMap((e) => e.sources);
        lines.push({
          kind: 'application',
          resource: `${app}:${resource}`,
          privilege,
          granted,
          grantedBy: granted ? [...new Set(by)] : [],
          reason: granted ? `granted by ${[...new Set(by)].join(', ')}` : `no role grants ${privilege} on ${app} resource ${resource}`,
        });
      }
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Effective document- and field-level security on one index

export interface EffectiveSecurity {
  index: string;
  /** can the roles read (search) this index at all */
  readable: boolean;
  dls: { restricted: boolean; queries: { role: string; query: unknown }[] };
  fls: { restricted: boolean; grants: { role: string; grant: string[]; except: string[] }[] };
  warnings: string[];
}

const SEARCH_ACTION = 'indices:data/read/search';

/**
 * What documents and fields the roles can read in `index`: DLS queries are OR'ed, FLS grants are
 * unioned, and one role entry granting read without DLS (or FLS) lifts that restriction for the
 * whole set — which is usually a mistake, so it is warned about.
 */
export function effectiveSecurity(roles: readonly NamedRole[], index: string): EffectiveSecurity {
  const relevant: { role: string; entry: IndicesEntry }[] = [];
  for (const { name, descriptor } of roles) {
    const entries = indexEntries(descriptor);
    entries.forEach((entry) => {
      if (entries.length === 1 && entry.privileges[0]?.toLowerCase() === 'none') return;
      const names = asArray(entry.names);
      const allow = entry.allow_restricted_indices === true;
      if (!names.some((p) => matches(p, index))) return;
      if (!allow && isRestrictedIndexName(index) && !names.includes(index)) return;
      const privs = indexPrivilegeSetAutomaton(entry.privileges.map(String));
      if (!subsetOf(compilePattern(SEARCH_ACTION), privs)) return;
      relevant.push({ role: name, entry });
    });
  }
  const warnings: string[] = [];
  const withDls = relevant.filter((r) => r.entry.query !== undefined && r.entry.query !== null);
  const withoutDls = relevant.filter((r) => r.entry.query === undefined || r.entry.query === null);
  const dlsRestricted = relevant.length > 0 && withoutDls.length === 0;
  if (withDls.length && withoutDls.length) {
    warnings.push(
      `document-level security of ${[...new Set(withDls.map((r) => r.role))].join(', ')} is lifted on [${index}]: ${[...new Set(withoutDls.map((r) => r.role))].join(', ')} grants read without a query, so all documents are visible`,
    );
  }
  const withFls = relevant.filter((r) => !isUnrestrictedFls(r.entry.field_security));
  const withoutFls = relevant.filter((r) => isUnrestrictedFls(r.entry.field_security));
  const flsRestricted = relevant.length > 0 && withoutFls.length === 0;
  if (withFls.length && withoutFls.length) {
    warnings.push(
      `field-level security of ${[...new Set(withFls.map((r) => r.role))].join(', ')} is lifted on [${index}]: ${[...new Set(withoutFls.map((r) => r.role))].join(', ')} grants read on all fields`,
    );
  }
  return {
    index,
    readable: relevant.length > 0,
    dls: { restricted: dlsRestricted, queries: dlsRestricted ? withDls.map((r) => ({ role: r.role, query: r.entry.query })) : [] },
    fls: {
      restricted: flsRestricted,
      grants: flsRestricted
        ? withFls.map((r) => ({
            role: r.role,
            grant: asArray(r.entry.field_security?.grant as string | string[] | undefined),
            except: asArray(r.entry.field_security?.except as string | string[] | undefined),
          }))
        : [],
    },
    warnings,
  };
}

/** Can the role set see `field` in `index` (FLS only; ES's field patterns use `*` wildcards)? */
export function fieldVisible(security: EffectiveSecurity, field: string): boolean {
  if (!security.readable) return false;
  if (!security.fls.restricted) return true;
  return security.fls.grants.some((g) => g.grant.some((p) => matches(p, field)) && !g.except.some((p) => matches(p, field)));
}
