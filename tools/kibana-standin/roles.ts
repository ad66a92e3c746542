// STAND-IN for Kibana, used only in tests. This is NOT Kibana and never ships in es-authz.
//
// Kibana's role model, re-implemented from its source (read, not copied):
// - request validation: getPutPayloadSchema in
//   x-pack/platform/plugins/shared/security/server/routes/authorization/roles/model/put_payload.ts,
//   with elasticsearchRoleSchema / getKibanaRoleSchema from
//   x-pack/platform/packages/shared/security/plugin_types_server/src/authorization/role_schema.ts. Error messages follow @kbn/config-schema's `[request body.<path>]: <reason>`.
// - feature-level checks done by the PUT handler: validateKibanaPrivileges in
//   x-pack/platform/plugins/shared/security/server/lib/role_utils.ts (disabled privileges,
//   requireAllSpaces on privileges and sub-features).
// - PUT translation: transformPutPayloadToElasticsearchRole (put_payload.ts) and
//   transformPrivilegesToElasticsearchPrivileges (role_utils.ts) with PrivilegeSerializer
//   (server/authorization/privilege_serializer.ts) and ResourceSerializer (`space:<id>`).
// - GET translation: transformElasticsearchRoleToRole / transformRoleApplicationsToKibanaPrivileges
//   in x-pack/platform/plugins/shared/security/server/authorization/roles/elasticsearch_role.ts,
//   including every "cannot represent this → _transform_error: ['kibana']" rule.
import {
  FEATURES,
  GLOBAL_RESOURCE,
  PRIVILEGES_ALL_WILDCARD,
  RESERVED_PRIVILEGES_APPLICATION_WILDCARD,
  type FeatureDef,
  featurePrivilegeIds,
  findFeature,
  getPrivilegeById,
  getReplacedBy,
  subFeaturePrivileges,
} from './features.js';

// ---------------------------------------------------------------------------------------------
// Types

export interface KibanaPrivilegeEntry {
  base?: string[];
  feature?: Record<string, string[]>;
  spaces: string[];
}

export interface RolePayload {
  description?: string;
  metadata?: Record<string, unknown>;
  elasticsearch: {
    cluster?: string[];
    remote_cluster?: Array<{ privileges: string[]; clusters: string[] }>;
    indices?: Array<Record<string, unknown>>;
    remote_indices?: Array<Record<string, unknown>>;
    run_as?: string[];
  };
  kibana?: KibanaPrivilegeEntry[];
}

export interface RoleApplication {
  application: string;
  privileges: string[];
  resources: string[];
}

/** What `GET /_security/role` returns for one role (the fields Kibana reads). */
export interface ElasticsearchRole {
  description?: string;
  metadata?: Record<string, unknown>;
  transient_metadata?: Record<string, unknown>;
  cluster?: string[];
  remote_cluster?: unknown[];
  indices?: unknown[];
  remote_indices?: unknown[];
  run_as?: string[];
  applications?: RoleApplication[];
}

/** Base privilege names Kibana's schema accepts (Object.keys of privileges.global / .space). */
export const BASE_PRIVILEGE_NAMES = { global: ['all', 'read'], space: ['all', 'read'] };

// ---------------------------------------------------------------------------------------------
// Serializers (Kibana's PrivilegeSerializer and ResourceSerializer)

const FEATURE_PREFIX = 'feature_';
const SPACE_PREFIX = 'space_';
const RESERVED_PREFIX = 'reserved_';
const SPACE_RESOURCE_PREFIX = 'space:';
const BASE_NAMES = ['all', 'read', PRIVILEGES_ALL_WILDCARD];
const FEATURE_PRIVILEGE_RE = /^feature_([a-zA-Z0-9_-]+)\.([a-zA-Z0-9_-]+)$/;

export const PrivilegeSerializer = {
  isGlobalBase: (p: string) => BASE_NAMES.includes(p),
  isSpaceBase: (p: string) => BASE_NAMES.some((n) => `${SPACE_PREFIX}${n}` === p),
  isReserved: (p: string) => p.startsWith(RESERVED_PREFIX),
  isFeature: (p: string) => p.startsWith(FEATURE_PREFIX),
  globalBase(p: string): string {
    if (!BASE_NAMES.includes(p)) throw new Error('Unrecognized global base privilege');
    return p;
  },
  spaceBase(p: string): string {
    if (!BASE_NAMES.includes(p)) throw new Error('Unrecognized space base privilege');
    return `${SPACE_PREFIX}${p}`;
  },
  feature: (featureId: string, privilege: string) => `${FEATURE_PREFIX}${featureId}.${privilege}`,
  deserializeFeature(p: string): { featureId: string; privilege: string } {
    const m = FEATURE_PRIVILEGE_RE.exec(p);
    if (!m || m[1] === undefined || m[2] === undefined) throw new Error(`Feature privilege '${p}' didn't match pattern`);
    return { featureId: m[1], privilege: m[2] };
  },
  deserializeSpaceBase(p: string): string {
    if (!PrivilegeSerializer.isSpaceBase(p)) throw new Error('Unrecognized space base privilege');
    return p.slice(SPACE_PREFIX.length);
  },
  deserializeReserved(p: string): string {
    if (!PrivilegeSerializer.isReserved(p)) throw new Error('Unrecognized reserved privilege');
    return p.slice(RESERVED_PREFIX.length);
  },
};

export const ResourceSerializer = {
  space: (spaceId: string) => `${SPACE_RESOURCE_PREFIX}${spaceId}`,
  isSpace: (r: string) => r.startsWith(SPACE_RESOURCE_PREFIX),
  deserializeSpace: (r: string) => r.slice(SPACE_RESOURCE_PREFIX.length),
};

// ---------------------------------------------------------------------------------------------
// Request validation, in @kbn/config-schema's words

/** A 400 from route validation; `message` is already `[request body.<path>]: <reason>`. */
export class ValidationError extends Error {}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'object') return 'Object';
  return typeof v;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

const fail = (path: string, reason: string): never => {
  throw new ValidationError(`[${path}]: ${reason}`);
};

/** The reason text alone (without the path), for composing `types that failed validation`. */
function attempt(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return e.message;
    throw e;
  }
}

function object(v: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(v)) return fail(path, `expected a plain object value, but found [${typeName(v)}] instead.`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) fail(`${path}.${k}`, 'definition for this key is missing');
  return v;
}

function string(v: unknown, path: string, opts: { maxLength?: number; validate?: (s: string) => string | undefined } = {}): string {
  if (typeof v !== 'string') return fail(path, `expected value of type [string] but got [${typeName(v)}]`);
  if (opts.maxLength !== undefined && v.length > opts.maxLength) {
    fail(path, `value has length [${v.length}] but it must have a maximum length of [${opts.maxLength}].`);
  }
  const err = opts.validate?.(v);
  if (err) fail(path, err);
  return v;
}

function array<T>(v: unknown, path: string, item: (x: unknown, p: string) => T, opts: { minSize?: number; maxSize?: number } = {}): T[] {
  if (!Array.isArray(v)) return fail(path, `expected value of type [array] but got [${typeName(v)}]`);
  if (opts.minSize !== undefined && v.length < opts.minSize) fail(path, `array size is [${v.length}], but cannot be smaller than [${opts.minSize}]`);
  if (opts.maxSize !== undefined && v.length > opts.maxSize) fail(path, `array size is [${v.length}], but cannot be greater than [${opts.maxSize}]`);
  return v.map((x, i) => item(x, `${path}.${i}`));
}

const strings = (v: unknown, path: string, minSize?: number) =>
  array(v, path, (x, p) => string(x, p), minSize === undefined ? {} : { minSize });

function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') return fail(path, `expected value of type [boolean] but got [${typeName(v)}]`);
  return v;
}

const optional = <T>(v: unknown, fn: (x: unknown) => T): T | undefined => (v === undefined ? undefined : fn(v));

function fieldSecurity(v: unknown, path: string): Record<string, string[]> {
  if (!isPlainObject(v)) return fail(path, `expected value of type [object] but got [${typeName(v)}]`);
  const out: Record<string, string[]> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k !== 'grant' && k !== 'except') {
      fail(`${path}.key("${k}")`, `types that failed validation:\n- [${path}.key("${k}").0]: expected value to equal [grant]\n- [${path}.key("${k}").1]: expected value to equal [except]`);
    }
    out[k] = strings(val, `${path}.${k}`);
  }
  return out;
}

function indexEntry(v: unknown, path: string, remote: boolean): Record<string, unknown> {
  const keys = ['names', 'field_security', 'privileges', 'query', 'allow_restricted_indices', ...(remote ? ['clusters'] : [])];
  const o = object(v, path, keys);
  const out: Record<string, unknown> = {};
  if (remote) out.clusters = strings(o.clusters, `${path}.clusters`, 1);
  out.names = strings(o.names, `${path}.names`, 1);
  if (o.field_security !== undefined) out.field_security = fieldSecurity(o.field_security, `${path}.field_security`);
  out.privileges = strings(o.privileges, `${path}.privileges`, 1);
  // Kibana's schema takes the DLS query as a JSON *string* (Elasticsearch also accepts an object).
  if (o.query !== undefined) out.query = string(o.query, `${path}.query`);
  if (o.allow_restricted_indices !== undefined) out.allow_restricted_indices = boolean(o.allow_restricted_indices, `${path}.allow_restricted_indices`);
  return out;
}

function elasticsearchPart(v: unknown, path: string): RolePayload['elasticsearch'] {
  const o = object(v ?? {}, path, ['cluster', 'remote_cluster', 'indices', 'remote_indices', 'run_as']);
  const out: RolePayload['elasticsearch'] = {};
  const cluster = optional(o.cluster, (x) => strings(x, `${path}.cluster`));
  if (cluster) out.cluster = cluster;
  const remoteCluster = optional(o.remote_cluster, (x) =>
    array(x, `${path}.remote_cluster`, (e, p) => {
      const r = object(e, p, ['privileges', 'clusters']);
      return { privileges: strings(r.privileges, `${p}.privileges`, 1), clusters: strings(r.clusters, `${p}.clusters`, 1) };
    }),
  );
  if (remoteCluster) out.remote_cluster = remoteCluster;
  const indices = optional(o.indices, (x) => array(x, `${path}.indices`, (e, p) => indexEntry(e, p, false)));
  if (indices) out.indices = indices;
  const remoteIndices = optional(o.remote_indices, (x) => array(x, `${path}.remote_indices`, (e, p) => indexEntry(e, p, true)));
  if (remoteIndices) out.remote_indices = remoteIndices;
  const runAs = optional(o.run_as, (x) => strings(x, `${path}.run_as`));
  if (runAs) out.run_as = runAs;
  return out;
}

const SPACE_ID_RE = /^[a-z0-9_-]+$/;
const FEATURE_NAME_VALUE_RE = /^[a-zA-Z0-9_-]+$/;
const SPACE_ID_MESSAGE = `must be lower case, a-z, 0-9, '_', and '-' are allowed`;
const FEATURE_NAME_MESSAGE = `only a-z, A-Z, 0-9, '_', and '-' are allowed`;

/** `spaces`: oneOf([ ['*'] , [space ids] ]), default ['*']. */
function spaces(v: unknown, path: string): string[] {
  if (v === undefined) return [GLOBAL_RESOURCE];
  const alternatives: Array<() => string[]> = [
    () => array(v, `${path}.0`, (x, p) => (x === GLOBAL_RESOURCE ? GLOBAL_RESOURCE : fail(p, `expected value to equal [${GLOBAL_RESOURCE}]`)), { minSize: 1, maxSize: 1 }),
    () => array(v, `${path}.1`, (x, p) => string(x, p, { validate: (s) => (SPACE_ID_RE.test(s) ? undefined : SPACE_ID_MESSAGE) })),
  ];
  const errors: string[] = [];
  for (const alt of alternatives) {
    let value: string[] | undefined;
    const err = attempt(() => {
      value = alt();
    });
    if (err === undefined && value) return value;
    if (err) errors.push(err);
  }
  return fail(path, `types that failed validation:\n${errors.map((e) => `- ${e}`).join('\n')}`);
}

function kibanaEntry(v: unknown, path: string): KibanaPrivilegeEntry {
  const o = object(v, path, ['spaces', 'base', 'feature']);
  const entrySpaces = spaces(o.spaces, `${path}.spaces`);
  const isGlobal = entrySpaces.length === 1 && entrySpaces[0] === GLOBAL_RESOURCE;
  const entry: KibanaPrivilegeEntry = { spaces: entrySpaces };
  if (o.base !== undefined) {
    const names = isGlobal ? BASE_PRIVILEGE_NAMES.global : BASE_PRIVILEGE_NAMES.space;
    const kind = isGlobal ? 'global' : 'space';
    entry.base = array(o.base, `${path}.base`, (x, p) =>
      string(x, p, { validate: (s) => (names.includes(s) ? undefined : `unknown ${kind} privilege "${s}", must be one of [${names.join(',')}]`) }),
    );
  }
  if (o.feature !== undefined) {
    const fpath = `${path}.feature`;
    if (!isPlainObject(o.feature)) fail(fpath, `expected value of type [object] but got [${typeName(o.feature)}]`);
    const feature: Record<string, string[]> = {};
    for (const [k, val] of Object.entries(o.feature as Record<string, unknown>)) {
      if (!FEATURE_NAME_VALUE_RE.test(k)) fail(`${fpath}.key("${k}")`, FEATURE_NAME_MESSAGE);
      feature[k] = array(val, `${fpath}.${k}`, (x, p) => string(x, p, { validate: (s) => (FEATURE_NAME_VALUE_RE.test(s) ? undefined : FEATURE_NAME_MESSAGE) }));
    }
    entry.feature = feature;
  }
  const hasBase = entry.base !== undefined && entry.base.length > 0;
  if (!hasBase && (entry.feature === undefined || Object.values(entry.feature).flat().length === 0)) {
    fail(path, 'either [base] or [feature] is expected, but none of them specified');
  }
  if (hasBase && entry.feature !== undefined && Object.keys(entry.feature).length > 0) {
    fail(path, `definition of [feature] isn't allowed when non-empty [base] is defined.`);
  }
  return entry;
}

function kibanaPart(v: unknown, path: string): KibanaPrivilegeEntry[] {
  const entries = array(v, path, kibanaEntry);
  for (const [i, a] of entries.entries()) {
    for (const b of entries.slice(i + 1)) {
      const shared = a.spaces.filter((s, j) => b.spaces.includes(s) && a.spaces.indexOf(s) === j);
      if (shared.length > 0) fail(path, `more than one privilege is applied to the following spaces: [${shared.join(',')}]`);
    }
  }
  return entries;
}

/**
 * Validate a `PUT /api/security/role/{name}` body as Kibana's route schema does. Throws
 * ValidationError with Kibana's message for the first problem found.
 */
export function validatePutPayload(body: unknown): RolePayload {
  const root = 'request body';
  const o = object(body ?? {}, root, ['description', 'metadata', 'elasticsearch', 'kibana']);
  const out: RolePayload = { elasticsearch: {} };
  if (o.description !== undefined) out.description = string(o.description, `${root}.description`, { maxLength: 2048 });
  if (o.metadata !== undefined) {
    if (!isPlainObject(o.metadata)) fail(`${root}.metadata`, `expected value of type [object] but got [${typeName(o.metadata)}]`);
    out.metadata = o.metadata as Record<string, unknown>;
  }
  out.elasticsearch = elasticsearchPart(o.elasticsearch, `${root}.elasticsearch`);
  if (o.kibana !== undefined) out.kibana = kibanaPart(o.kibana, `${root}.kibana`);
  return out;
}

/**
 * STAND-IN-ONLY check (real Kibana does not do this): every feature and feature privilege must be
 * one the registry knows. Kibana's handler skips unknown features (validateKibanaPrivileges returns
 * no error for them) and stores `feature_<id>.<privilege>` as given. Enabled by default because
 * es-authz's tests asked for it; turn it off with `unknownFeatures: 'accept'` to get Kibana's
 * behaviour.
 */
export function checkKnownFeatures(kibana: KibanaPrivilegeEntry[] | undefined, features: readonly FeatureDef[] = FEATURES): void {
  const known = features.filter((f) => !f.hidden).map((f) => f.id);
  for (const [i, entry] of (kibana ?? []).entries()) {
    for (const [featureId, privileges] of Object.entries(entry.feature ?? {})) {
      const path = `request body.kibana.${i}.feature.${featureId}`;
      const feature = findFeature(featureId, features);
      if (!feature) fail(path, `unknown feature "${featureId}", must be one of [${known.join(',')}]`);
      const ids = featurePrivilegeIds(feature as FeatureDef);
      for (const [j, p] of privileges.entries()) {
        if (!ids.includes(p)) fail(`${path}.${j}`, `unknown privilege "${p}" of feature "${featureId}", must be one of [${ids.join(',')}]`);
      }
    }
  }
}

/** Kibana's validateKibanaPrivileges: returns the handler-level validation errors (400 when any). */
export function validateKibanaPrivileges(kibana: KibanaPrivilegeEntry[] | undefined, features: readonly FeatureDef[] = FEATURES): string[] {
  return (kibana ?? []).flatMap((entry) => {
    const forAllSpaces = entry.spaces.includes(GLOBAL_RESOURCE);
    return Object.entries(entry.feature ?? {}).flatMap(([featureId, privileges]) => {
      const errors: string[] = [];
      const feature = findFeature(featureId, features);
      if (!feature) return errors;
      for (const top of ['all', 'read'] as const) {
        if (!privileges.includes(top)) continue;
        if (feature.privileges[top].disabled) errors.push(`Feature [${featureId}] does not support privilege [${top}].`);
        if (feature.privileges[top].requireAllSpaces && !forAllSpaces) {
          errors.push(`Feature privilege [${featureId}.${top}] requires all spaces to be selected but received [${entry.spaces.join(',')}]`);
        }
      }
      for (const sub of feature.subFeatures) {
        const named = sub.privilegeGroups.flatMap((g) => g.privileges.filter((p) => privileges.includes(p.id)));
        const disabled = named.filter((p) => p.disabled);
        if (disabled.length > 0) {
          errors.push(`Feature [${featureId}] does not support specified sub-feature privileges [${disabled.map((p) => p.id).join(', ')}].`);
        } else if (sub.requireAllSpaces && !forAllSpaces && named.length > 0) {
          errors.push(`Sub-feature privilege [${feature.name} - ${sub.name}] requires all spaces to be selected but received [${entry.spaces.join(',')}]`);
        }
      }
      return errors;
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Kibana role → Elasticsearch role (PUT)

export function kibanaPrivilegesToApplications(application: string, kibana: KibanaPrivilegeEntry[] = []): RoleApplication[] {
  return kibana.map(({ base, feature, spaces: entrySpaces }) => {
    const isGlobal = entrySpaces.length === 1 && entrySpaces[0] === GLOBAL_RESOURCE;
    const featurePrivileges = Object.entries(feature ?? {}).flatMap(([id, privs]) => privs.map((p) => PrivilegeSerializer.feature(id, p)));
    return {
      application,
      privileges: [
        ...(base ?? []).map((p) => (isGlobal ? PrivilegeSerializer.globalBase(p) : PrivilegeSerializer.spaceBase(p))),
        ...featurePrivileges,
      ],
      resources: isGlobal ? [GLOBAL_RESOURCE] : entrySpaces.map((s) => ResourceSerializer.space(s)),
    };
  });
}

/**
 * The body for `PUT /_security/role/{name}`. Applications of other applications already on the
 * role (including reserved `kibana-*` ones) are kept, as Kibana keeps them.
 */
export function toElasticsearchRole(payload: RolePayload, application: string, existingApplications: RoleApplication[] = []): Record<string, unknown> {
  const es = payload.elasticsearch;
  const body: Record<string, unknown> = {};
  if (payload.description) body.description = payload.description;
  if (payload.metadata !== undefined) body.metadata = payload.metadata;
  body.cluster = es.cluster ?? [];
  if (es.remote_cluster !== undefined) body.remote_cluster = es.remote_cluster;
  body.indices = es.indices ?? [];
  if (es.remote_indices !== undefined) body.remote_indices = es.remote_indices;
  body.run_as = es.run_as ?? [];
  body.applications = [
    ...kibanaPrivilegesToApplications(application, payload.kibana),
    ...existingApplications.filter((a) => a.application !== application),
  ];
  return body;
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch role → Kibana role (GET)

export interface KibanaRoleEntryOut {
  _reserved?: string[];
  base: string[];
  feature: Record<string, string[]>;
  spaces: string[];
}

export interface KibanaRole {
  name: string;
  description?: string;
  metadata?: Record<string, unknown>;
  transient_metadata?: Record<string, unknown>;
  elasticsearch: Record<string, unknown>;
  kibana: KibanaRoleEntryOut[];
  _transform_error: string[];
  _unrecognized_applications: string[];
}

const isReservedApp = (app: string) => app === RESERVED_PRIVILEGES_APPLICATION_WILDCARD;
const isWildcardApp = (app: string) => app === PRIVILEGES_ALL_WILDCARD;
const unique = <T>(xs: T[]) => [...new Set(xs)];

function deserializeFeaturePrivileges(features: readonly FeatureDef[], privileges: string[], replaceDeprecated: boolean): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const serialized of privileges) {
    if (!PrivilegeSerializer.isFeature(serialized)) continue;
    const { featureId, privilege } = PrivilegeSerializer.deserializeFeature(serialized);
    const deprecated = replaceDeprecated ? features.find((f) => f.id === featureId && f.deprecated) : undefined;
    if (deprecated) {
      const def = getPrivilegeById(deprecated, privilege);
      const replacedBy = def ? getReplacedBy(privilege, def) : undefined;
      if (!replacedBy) throw new Error(`A deprecated feature "${featureId}" is missing a replacement for the "${privilege}" privilege.`);
      for (const ref of replacedBy) result[ref.feature] = unique([...(result[ref.feature] ?? []), ...ref.privileges]);
    } else {
      result[featureId] = unique([...(result[featureId] ?? []), privilege]);
    }
  }
  return result;
}

function applicationsToKibana(
  features: readonly FeatureDef[],
  applications: RoleApplication[],
  application: string,
  replaceDeprecated: boolean,
): { success: true; value: KibanaRoleEntryOut[] } | { success: false } {
  const entries = applications.filter((a) => a.application === application || isReservedApp(a.application) || isWildcardApp(a.application));
  const NO = { success: false } as const;

  if (entries.some((e) => e.resources.length === 0)) throw new Error(`ES returned an application entry without resources, can't process this`);
  // reserved / wildcard application carrying non-reserved privileges
  if (entries.some((e) => (isReservedApp(e.application) || isWildcardApp(e.application)) && !e.privileges.every((p) => PrivilegeSerializer.isReserved(p) || isWildcardApp(p)))) return NO;
  // reserved privilege on the Kibana application itself
  if (entries.some((e) => !isReservedApp(e.application) && !isWildcardApp(e.application) && e.privileges.some(PrivilegeSerializer.isReserved))) return NO;
  // space base privilege granted globally
  if (entries.some((e) => e.resources.includes(GLOBAL_RESOURCE) && e.privileges.some(PrivilegeSerializer.isSpaceBase))) return NO;
  // global base or reserved privilege granted at a space
  if (entries.some((e) => !e.resources.includes(GLOBAL_RESOURCE) && e.privileges.some((p) => PrivilegeSerializer.isGlobalBase(p) || PrivilegeSerializer.isReserved(p)))) return NO;
  // base and feature privileges in one entry
  if (entries.some((e) => e.privileges.some(PrivilegeSerializer.isFeature) && e.privileges.some((p) => PrivilegeSerializer.isGlobalBase(p) || PrivilegeSerializer.isSpaceBase(p)))) return NO;
  // '*' together with other resources
  if (entries.some((e) => e.resources.includes(GLOBAL_RESOURCE) && e.resources.length > 1)) return NO;
  const allResources = entries.filter((e) => !isReservedApp(e.application) && !isWildcardApp(e.application)).flatMap((e) => e.resources);
  // resources that are neither '*' nor 'space:<id>'
  if (allResources.some((r) => r !== GLOBAL_RESOURCE && !ResourceSerializer.isSpace(r))) return NO;
  // a resource in more than one entry
  if (allResources.length !== unique(allResources).length) return NO;
  // requireAllSpaces privilege granted at specific spaces
  const flagged = (pick: 'requireAllSpaces' | 'disabled') =>
    features.flatMap((f) => (['all', 'read'] as const).filter((p) => f.privileges[p][pick]).map((p) => PrivilegeSerializer.feature(f.id, p)));
  const requireAll = flagged('requireAllSpaces');
  if (entries.some((e) => !e.resources.includes(GLOBAL_RESOURCE) && e.privileges.some((p) => requireAll.includes(p)))) return NO;
  // disabled privilege granted anywhere
  const disabled = flagged('disabled');
  if (entries.some((e) => e.privileges.some((p) => disabled.includes(p)))) return NO;

  try {
    const value = entries.map(({ resources, privileges }): KibanaRoleEntryOut => {
      const feature = deserializeFeaturePrivileges(features, privileges, replaceDeprecated);
      if (resources.length === 1 && resources[0] === GLOBAL_RESOURCE) {
        const reserved = privileges.filter(PrivilegeSerializer.isReserved);
        return {
          ...(reserved.length ? { _reserved: reserved.map(PrivilegeSerializer.deserializeReserved) } : {}),
          base: privileges.filter(PrivilegeSerializer.isGlobalBase).map(PrivilegeSerializer.globalBase),
          feature,
          spaces: [GLOBAL_RESOURCE],
        };
      }
      return {
        base: privileges.filter(PrivilegeSerializer.isSpaceBase).map(PrivilegeSerializer.deserializeSpaceBase),
        feature,
        spaces: resources.map(ResourceSerializer.deserializeSpace),
      };
    });
    return { success: true, value };
  } catch {
    return NO;
  }
}

/** Kibana's transformElasticsearchRoleToRole. */
export function toKibanaRole(
  name: string,
  role: ElasticsearchRole,
  application: string,
  opts: { features?: readonly FeatureDef[]; replaceDeprecatedPrivileges?: boolean } = {},
): KibanaRole {
  const applications = role.applications ?? [];
  const result = applicationsToKibana(opts.features ?? FEATURES, applications, application, opts.replaceDeprecatedPrivileges ?? false);
  return {
    name,
    ...(role.description ? { description: role.description } : {}),
    ...(role.metadata !== undefined ? { metadata: role.metadata } : {}),
    ...(role.transient_metadata !== undefined ? { transient_metadata: role.transient_metadata } : {}),
    elasticsearch: {
      cluster: role.cluster,
      ...(role.remote_cluster !== undefined ? { remote_cluster: role.remote_cluster } : {}),
      indices: role.indices,
      ...(role.remote_indices !== undefined ? { remote_indices: role.remote_indices } : {}),
      run_as: role.run_as,
    },
    kibana: result.success ? result.value : [],
    _transform_error: result.success ? [] : ['kibana'],
    _unrecognized_applications: unique(
      applications.filter((a) => a.application !== application && !isReservedApp(a.application) && !isWildcardApp(a.application)).map((a) => a.application),
    ),
  };
}

/** Whether a payload grants any sub-feature privilege (Kibana records feature usage for this). */
export function grantsSubFeaturePrivileges(kibana: KibanaPrivilegeEntry[] | undefined, features: readonly FeatureDef[] = FEATURES): boolean {
  return (kibana ?? []).some((e) =>
    Object.entries(e.feature ?? {}).some(([id, privs]) => {
      const f = findFeature(id, features);
      return f !== undefined && subFeaturePrivileges(f).some((s) => privs.includes(s.id));
    }),
  );
}
