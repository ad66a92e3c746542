// Zod schemas for every security payload es-authz writes or reads: role descriptors, native users,
// role mappings, Kibana role payloads and has_privileges requests/responses.
//
// Principles:
// - Strict objects: an unknown key is an error that names the key, suggests the closest valid key and
//   lists every valid key at that place.
// - Every error line carries the JSON path (`indices[0].field_security.except: …`) and says what is
//   valid, so a model can fix the payload without guessing.
// - No value is ever echoed from a path that names a secret (password, password_hash, token, …);
//   zod's own messages here never include input values at all.
// - The inferred types are checked against `@elastic/elasticsearch`'s estypes at the bottom of the
//   file, so a drift between these schemas and the client's types fails `tsc`.
//
// Where the rules come from (read from source, see the report in the commit log):
// - Elasticsearch 9.5.3 `RoleDescriptor` parsing: arrays are required for cluster, privileges,
//   run_as, grant/except, clusters; `names` may be a string; `field_security` must not be empty and
//   needs `grant` when `except` is given; `remote_cluster` privileges are only monitor_enrich and
//   monitor_stats; `restriction` is not accepted on roles; description ≤ 1000 characters; top-level
//   metadata keys may not start with `_` (RoleDescriptorRequestValidator / MetadataUtils).
// - Role mappings (PutRoleMappingRequest, ExpressionParser): `enabled` and `rules` are required,
//   exactly one of `roles` / `role_templates`; a rule object has exactly one of any/all/field/except;
//   `except` is only allowed directly inside `all`; `field` holds exactly one field whose value is a
//   scalar or an array of scalars.
// - Kibana `PUT /api/security/role/{name}` (elastic/kibana x-pack/platform/packages/shared/security/
//   plugin_types_server/src/authorization/role_schema.ts `getKibanaRoleSchema`, and x-pack/platform/
//   plugins/shared/security/server/routes/authorization/roles/model/put_payload.ts): spaces are ['*'] or ids matching
//   /^[a-z0-9_-]+$/, base privileges are all/read both globally and per space, feature ids and feature
//   privilege names match /^[a-zA-Z0-9_-]+$/, an entry needs base or feature and may not have a
//   non-empty base together with feature keys, a space may appear in only one entry, `_reserved` is
//   rejected, description ≤ 2048 characters, the Elasticsearch part's DLS query is a string.
//   Stricter than Kibana on purpose: `spaces` is required (Kibana defaults it to ['*'], i.e. every
//   space) and a feature with an empty privilege list is refused.
// - Stricter than Elasticsearch on purpose: transient_metadata is refused, a DLS template must be an
//   object with no sibling keys (ES stores `{"template": "x"}` but fails it at search time), empty
//   any/all rule lists and unknown rule fields are refused (they match everyone or no one).

import { editDistance } from './privileges.js';
import { z } from 'zod';
import type { estypes } from '@elastic/elasticsearch';
import { isSecretPath } from './secrets.js';

// ---------------------------------------------------------------------------------------------
// Small building blocks
// ---------------------------------------------------------------------------------------------

/** Schemas for keys that exist only to be refused with a specific message; left out of "valid keys". */
const FORBIDDEN_KEYS = new WeakSet<object>();

function forbidden(message: string) {
  const schema = z.undefined({ error: message }).optional();
  FORBIDDEN_KEYS.add(schema);
  return schema;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const nonEmptyString = (what: string) => z.string().min(1).describe(what);
const stringList = (what: string) => z.array(z.string().min(1)).describe(what);
const nonEmptyStringList = (what: string) => z.array(z.string().min(1)).min(1).describe(what);

type IssueCode = string;

function addIssue(ctx: z.core.$RefinementCtx<unknown>, path: (string | number)[], message: string, code: IssueCode): void {
  ctx.addIssue({ code: 'custom', path, message, params: { code } });
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

export const MetadataSchema = z
  .record(z.string(), z.unknown())
  .describe('an object of metadata keys and values, e.g. {"owner": "team-sre"}')
  .superRefine((m, ctx) => {
    for (const key of Object.keys(m)) {
      if (key.startsWith('_')) {
        const renamed = key.replace(/^_+/, '') || 'note';
        addIssue(
          ctx,
          [key],
          `metadata key "${key}" starts with "_", which Elasticsearch reserves for its own flags (_reserved, _deprecated, …); rename it without the leading underscore, e.g. "${renamed}"`,
          'METADATA_RESERVED_KEY',
        );
      }
    }
  });
export type Metadata = z.infer<typeof MetadataSchema>;

// ---------------------------------------------------------------------------------------------
// Field- and document-level security
// ---------------------------------------------------------------------------------------------

export const FieldSecuritySchema = z
  .strictObject({
    grant: stringList('a list of field names or patterns the role may read, e.g. ["*"] or ["message", "host.*"]').optional(),
    except: stringList('a list of field names or patterns to hide; each must be covered by a grant pattern').optional(),
  })
  .describe('a field_security object {"grant": [...], "except": [...]}')
  .superRefine((fs, ctx) => {
    if (fs.grant === undefined && fs.except === undefined) {
      addIssue(
        ctx,
        [],
        'field_security must not be empty: set grant (the fields the role may read), e.g. {"grant": ["*"], "except": ["ssn"]}, or remove field_security to allow every field',
        'FLS_EMPTY',
      );
    } else if (fs.grant === undefined) {
      addIssue(
        ctx,
        ['grant'],
        'grant is required when except is given (Elasticsearch rejects except without grant); to hide only the except fields use {"grant": ["*"], "except": [...]}',
        'FLS_GRANT_REQUIRED',
      );
    }
  });
export type FieldSecurity = z.infer<typeof FieldSecuritySchema>;

const QueryObjectSchema = z.custom<estypes.QueryDslQueryContainer>((v) => isPlainObject(v), {
  error: 'must be a JSON object holding one query, e.g. {"term": {"owner": "alice"}}',
});

function templateScriptSchema<S extends z.ZodType>(sourceObject: S, what: string) {
  return z
    .strictObject({
      source: z
        .union([z.string().min(1), sourceObject], {
          error: 'source must be the template text (a string) or a JSON object in which strings may hold {{mustache}} tags',
        })
        .optional(),
      id: nonEmptyString('the id of a stored Mustache script').optional(),
      params: z.record(z.string(), z.unknown()).describe('an object of template parameters').optional(),
      lang: z
        .literal('mustache', {
          error: 'lang must be "mustache": Elasticsearch always renders these templates with Mustache; remove lang or set it to "mustache"',
        })
        .optional(),
      options: z.record(z.string(), z.string()).describe('an object of string script options').optional(),
    })
    .describe(what)
    .superRefine((t, ctx) => {
      if (t.source === undefined && t.id === undefined) {
        addIssue(ctx, [], 'a template needs source (inline Mustache) or id (a stored script): set exactly one of them', 'TEMPLATE_SOURCE_MISSING');
      } else if (t.source !== undefined && t.id !== undefined) {
        addIssue(ctx, ['id'], 'a template takes source or id, not both: keep source for an inline template or id for a stored script', 'TEMPLATE_SOURCE_AND_ID');
      }
    });
}

/** The `template` object of a templated DLS query. */
export const DlsTemplateScriptSchema = templateScriptSchema(
  QueryObjectSchema,
  'a Mustache template object {"source": {...} or "...", "params": {...}} or {"id": "stored-script-id"}',
);
export type DlsTemplateScript = z.infer<typeof DlsTemplateScriptSchema>;

export const DlsTemplateQuerySchema = z
  .strictObject({ template: DlsTemplateScriptSchema })
  .describe('a templated query {"template": {"source": ..., "params": ...}}');
export type DlsTemplateQuery = z.infer<typeof DlsTemplateQuerySchema>;

const PlainQueryObjectSchema = z.custom<estypes.QueryDslQueryContainer>((v) => isPlainObject(v) && !('template' in v), {
  error: 'must be a JSON object holding one query, e.g. {"term": {"owner": "alice"}}',
});

/**
 * A DLS query: a JSON string, a query object, or a Mustache template object. Deeper checks (exactly one
 * query type, query types Elasticsearch refuses in role queries, Mustache syntax) are in validators.ts.
 */
export const DlsQuerySchema = z.union(
  [
    z.string().min(1).describe('a JSON string holding one query, e.g. "{\\"term\\": {\\"owner\\": \\"alice\\"}}"'),
    DlsTemplateQuerySchema,
    PlainQueryObjectSchema,
  ],
  {
    error: (iss) =>
      isPlainObject(iss.input) && 'template' in iss.input
        ? 'a templated query must be exactly {"template": {"source": ..., "params": {...}}} with no other keys; move the query into template.source'
        : 'query must be a JSON string or object holding one query, e.g. {"term": {"owner": "alice"}}, or a Mustache template {"template": {"source": {...}, "params": {...}}}',
  },
);
export type DlsQuery = z.infer<typeof DlsQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Role descriptor
// ---------------------------------------------------------------------------------------------

const indexNamesSchema = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1).describe('a non-empty list of index names or patterns, e.g. ["logs-*"]')], {
    error: 'names must be an index, alias or data stream name or pattern, or a non-empty list of them, e.g. ["logs-*"]',
  })
  .describe('an index name or pattern, or a non-empty list of them, e.g. ["logs-*", "metrics-*"]');

const indexPrivilegeList = nonEmptyStringList('a non-empty list of index privilege names, e.g. ["read", "view_index_metadata"]');

export const IndicesPrivilegesSchema = z
  .strictObject({
    names: indexNamesSchema,
    privileges: indexPrivilegeList,
    field_security: FieldSecuritySchema.optional(),
    query: DlsQuerySchema.optional(),
    allow_restricted_indices: z.boolean().describe('true or false').optional(),
  })
  .describe('an index privileges entry {"names": [...], "privileges": [...]}');
export type IndicesPrivileges = z.infer<typeof IndicesPrivilegesSchema>;

export const RemoteIndicesPrivilegesSchema = z
  .strictObject({
    clusters: nonEmptyStringList('a non-empty list of remote cluster aliases or patterns, e.g. ["prod-eu"]'),
    names: indexNamesSchema,
    privileges: indexPrivilegeList,
    field_security: FieldSecuritySchema.optional(),
    query: DlsQuerySchema.optional(),
    allow_restricted_indices: z.boolean().describe('true or false').optional(),
  })
  .describe('a remote index privileges entry {"clusters": [...], "names": [...], "privileges": [...]}');
export type RemoteIndicesPrivileges = z.infer<typeof RemoteIndicesPrivilegesSchema>;

export const REMOTE_CLUSTER_PRIVILEGES = ['monitor_enrich', 'monitor_stats'] as const;

export const RemoteClusterPrivilegesSchema = z
  .strictObject({
    clusters: nonEmptyStringList('a non-empty list of remote cluster aliases or patterns, e.g. ["prod-eu"]'),
    privileges: z
      .array(z.enum(REMOTE_CLUSTER_PRIVILEGES))
      .min(1)
      .describe('a non-empty list of remote cluster privileges; only "monitor_enrich" and "monitor_stats" exist'),
  })
  .describe('a remote cluster privileges entry {"clusters": [...], "privileges": ["monitor_enrich"]}');
export type RemoteClusterPrivileges = z.infer<typeof RemoteClusterPrivilegesSchema>;

export const ApplicationPrivilegesSchema = z
  .strictObject({
    application: nonEmptyString('an application name, e.g. "myapp" (Kibana privileges go through the Kibana role API)'),
    privileges: nonEmptyStringList('a non-empty list of application privilege names or actions, e.g. ["read"]'),
    resources: nonEmptyStringList('a non-empty list of resources, e.g. ["*"]'),
  })
  .describe('an application privileges entry {"application": ..., "privileges": [...], "resources": [...]}');
export type ApplicationPrivileges = z.infer<typeof ApplicationPrivilegesSchema>;

export const ES_ROLE_DESCRIPTION_MAX_LENGTH = 1000;

export const RoleDescriptorSchema = z
  .strictObject({
    description: z
      .string()
      .max(ES_ROLE_DESCRIPTION_MAX_LENGTH)
      .describe('a short display name such as "Logs Reader"')
      .optional(),
    cluster: stringList('a list of cluster privilege names, e.g. ["monitor"]').optional(),
    indices: z.array(IndicesPrivilegesSchema).describe('a list of index privileges entries').optional(),
    applications: z.array(ApplicationPrivilegesSchema).describe('a list of application privileges entries').optional(),
    run_as: stringList('a list of usernames the role may impersonate').optional(),
    metadata: MetadataSchema.optional(),
    remote_indices: z.array(RemoteIndicesPrivilegesSchema).describe('a list of remote index privileges entries').optional(),
    remote_cluster: z.array(RemoteClusterPrivilegesSchema).describe('a list of remote cluster privileges entries').optional(),
    transient_metadata: forbidden(
      'transient_metadata is written by Elasticsearch itself (it records whether the role is enabled) and cannot be set; remove it',
    ),
  })
  .describe('a role descriptor object, e.g. {"indices": [{"names": ["logs-*"], "privileges": ["read"]}]}');
export type RoleDescriptor = z.infer<typeof RoleDescriptorSchema>;

// ---------------------------------------------------------------------------------------------
// Native users
// ---------------------------------------------------------------------------------------------

export const ES_NAME_MAX_LENGTH = 507;
export const ES_PASSWORD_MIN_LENGTH = 6;

export const NativeUserSchema = z
  .strictObject({
    username: z.string().min(1).max(ES_NAME_MAX_LENGTH).describe('a username of 1 to 507 printable ASCII characters'),
    password: z
      .string()
      .min(ES_PASSWORD_MIN_LENGTH)
      .describe('a password of at least 6 characters (never echoed); generate one with generatePassword()')
      .optional(),
    password_hash: z.string().min(1).describe('a password hash in the cluster\'s configured hashing format (never echoed)').optional(),
    roles: stringList('a list of role names; [] for a user without roles'),
    full_name: z.string().describe('the person\'s full name').nullable().optional(),
    email: z.string().describe('an email address').nullable().optional(),
    metadata: MetadataSchema.optional(),
    enabled: z.boolean().describe('true or false').optional(),
  })
  .describe('a native user object {"username": ..., "roles": [...], "password": ...}')
  .superRefine((u, ctx) => {
    if (u.password !== undefined && u.password_hash !== undefined) {
      addIssue(ctx, ['password_hash'], 'password and password_hash cannot both be set: keep password (Elasticsearch hashes it) or password_hash, not both', 'USER_PASSWORD_AND_HASH');
    }
  });
export type NativeUser = z.infer<typeof NativeUserSchema>;

// ---------------------------------------------------------------------------------------------
// Role mappings
// ---------------------------------------------------------------------------------------------

export type RoleMappingFieldValue = string | number | boolean | null;
export type RoleMappingRule =
  | { any: RoleMappingRule[] }
  | { all: RoleMappingRule[] }
  | { field: Record<string, RoleMappingFieldValue | RoleMappingFieldValue[]> }
  | { except: RoleMappingRule };

export const ROLE_MAPPING_RULE_KINDS = ['any', 'all', 'field', 'except'] as const;
export const ROLE_MAPPING_FIELDS = ['username', 'dn', 'groups', 'realm.name'] as const;
const ROLE_MAPPING_FIELDS_TEXT = 'username, dn, groups, realm.name, metadata.<key>';

type Path = (string | number)[];

function checkRule(rule: unknown, path: Path, parent: 'rules' | 'any' | 'all' | 'except', out: (path: Path, message: string) => void): void {
  if (!isPlainObject(rule)) {
    out(path, `a rule must be an object with exactly one of ${ROLE_MAPPING_RULE_KINDS.join(', ')}, e.g. {"field": {"groups": "cn=admins,dc=example,dc=com"}}`);
    return;
  }
  const keys = Object.keys(rule);
  if (keys.length === 0) {
    out(path, `a rule must not be empty: use exactly one of ${ROLE_MAPPING_RULE_KINDS.join(', ')}, e.g. {"field": {"username": "alice"}}`);
    return;
  }
  if (keys.length > 1) {
    out(path, `a rule has exactly one key but this one has ${keys.length} (${keys.join(', ')}); combine several conditions as {"all": [{...}, {...}]} or {"any": [...]}`);
    return;
  }
  const kind = keys[0] as string;
  const body = rule[kind];
  switch (kind) {
    case 'any':
    case 'all': {
      if (!Array.isArray(body)) {
        out([...path, kind], `${kind} takes a list of rules, e.g. {"${kind}": [{"field": {"username": "alice"}}]}`);
        return;
      }
      if (body.length === 0) {
        out(
          [...path, kind],
          kind === 'all'
            ? 'all must not be empty: an empty all matches every user of every realm; list the conditions that must all hold'
            : 'any must not be empty: an empty any matches no user; list the alternative conditions',
        );
        return;
      }
      body.forEach((r, i) => checkRule(r, [...path, kind, i], kind, out));
      return;
    }
    case 'except': {
      if (parent !== 'all') {
        out(
          [...path, kind],
          `except is only allowed directly inside an all list (Elasticsearch rejects it within ${parent === 'rules' ? 'the top level of rules' : parent}); write {"all": [{"field": {...}}, {"except": {...}}]}`,
        );
        return;
      }
      if (!isPlainObject(body)) {
        out([...path, kind], 'except takes one rule object, e.g. {"except": {"field": {"groups": "contractors"}}}');
        return;
      }
      checkRule(body, [...path, kind], 'except', out);
      return;
    }
    case 'field': {
      checkFieldRule(body, [...path, kind], out);
      return;
    }
    default: {
      const hint = closest(kind, ROLE_MAPPING_RULE_KINDS);
      out([...path, kind], `unknown rule type "${kind}"${hint ? ` (did you mean "${hint}"?)` : ''}; a rule is one of ${ROLE_MAPPING_RULE_KINDS.join(', ')}`);
    }
  }
}

function isFieldScalar(v: unknown): v is RoleMappingFieldValue {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function checkFieldRule(body: unknown, path: Path, out: (path: Path, message: string) => void): void {
  if (!isPlainObject(body)) {
    out(path, `field takes an object with one user field, e.g. {"field": {"groups": "cn=admins,dc=example,dc=com"}}; fields: ${ROLE_MAPPING_FIELDS_TEXT}`);
    return;
  }
  const names = Object.keys(body);
  if (names.length !== 1) {
    out(
      path,
      names.length === 0
        ? `field must name one user field (${ROLE_MAPPING_FIELDS_TEXT}), e.g. {"field": {"username": "alice"}}`
        : `field holds exactly one user field but has ${names.length} (${names.join(', ')}); use {"all": [{"field": {...}}, {"field": {...}}]} to require several`,
    );
    return;
  }
  const name = names[0] as string;
  const value = body[name];
  const fieldPath = [...path, name];
  const known = (ROLE_MAPPING_FIELDS as readonly string[]).includes(name) || /^metadata\.[^.].*$/.test(name);
  if (!known) {
    const hint = closest(name, [...ROLE_MAPPING_FIELDS, 'metadata.']);
    out(
      fieldPath,
      `unknown user field "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}: it never matches; role mapping rules can test ${ROLE_MAPPING_FIELDS_TEXT}`,
    );
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out(fieldPath, 'an empty list matches nothing: give one value or a list of values (strings may use * wildcards or /regex/)');
      return;
    }
    value.forEach((v, i) => {
      if (!isFieldScalar(v)) out([...fieldPath, i], 'each value must be a string (wildcards * and /regex/ allowed), a number, true/false or null');
    });
    return;
  }
  if (!isFieldScalar(value)) {
    out(fieldPath, 'the value must be a string (wildcards * and /regex/ allowed), a number, true/false, null, or a list of those');
  }
}

export const RoleMappingRuleSchema = z
  .custom<RoleMappingRule>((v) => isPlainObject(v), {
    error: `rules must be an object with exactly one of ${ROLE_MAPPING_RULE_KINDS.join(', ')}, e.g. {"field": {"groups": "cn=admins,dc=example,dc=com"}}`,
  })
  .superRefine((rule, ctx) => {
    checkRule(rule, [], 'rules', (path, message) => addIssue(ctx, path, message, 'ROLE_MAPPING_RULE_INVALID'));
  });

const RoleTemplateSourceObject = z.custom<estypes.SearchSearchRequestBody>((v) => isPlainObject(v), {
  error: 'must be a JSON object',
});

export const RoleTemplateSchema = z
  .strictObject({
    template: z.union(
      [
        z.string().min(1),
        templateScriptSchema(RoleTemplateSourceObject, 'a Mustache template object {"source": "{{#tojson}}groups{{/tojson}}"} or {"id": "stored-script-id"}'),
      ],
      { error: 'template must be a Mustache template object such as {"source": "{{username}}-reader"} or a JSON string of one' },
    ),
    format: z
      .enum(['json', 'string'], { error: 'format must be "string" (the template renders one role name) or "json" (it renders a JSON array of role names)' })
      .optional(),
  })
  .describe('a role template {"template": {"source": "..."}, "format": "string"}');
export type RoleTemplate = z.infer<typeof RoleTemplateSchema>;

export const RoleMappingSchema = z
  .strictObject({
    roles: stringList('a non-empty list of role names to grant').optional(),
    role_templates: z.array(RoleTemplateSchema).describe('a non-empty list of role templates').optional(),
    rules: RoleMappingRuleSchema,
    enabled: z.boolean().describe('true to apply the mapping, false to keep it inactive (Elasticsearch requires this field)'),
    metadata: MetadataSchema.optional(),
  })
  .describe('a role mapping object {"roles": [...], "rules": {...}, "enabled": true}')
  .superRefine((m, ctx) => {
    const hasRoles = m.roles !== undefined;
    const hasTemplates = m.role_templates !== undefined;
    if (!hasRoles && !hasTemplates) {
      addIssue(ctx, [], 'set exactly one of roles (a list of role names) or role_templates (Mustache templates that render role names)', 'ROLE_MAPPING_ROLES_MISSING');
    } else if (hasRoles && hasTemplates) {
      addIssue(ctx, ['role_templates'], 'roles and role_templates cannot both be set: keep roles for fixed role names or role_templates for computed ones', 'ROLE_MAPPING_ROLES_AND_TEMPLATES');
    } else if (hasRoles && m.roles?.length === 0) {
      addIssue(ctx, ['roles'], 'roles must not be empty: list at least one role name, or use role_templates', 'ROLE_MAPPING_ROLES_MISSING');
    } else if (hasTemplates && m.role_templates?.length === 0) {
      addIssue(ctx, ['role_templates'], 'role_templates must not be empty: give at least one template, or use roles', 'ROLE_MAPPING_ROLES_MISSING');
    }
  });
export type RoleMapping = z.infer<typeof RoleMappingSchema>;

// ---------------------------------------------------------------------------------------------
// Kibana role payload (PUT /api/security/role/{name})
// ---------------------------------------------------------------------------------------------

export const KIBANA_ALL_SPACES = '*';
/** Kibana's base privileges (authz.privileges.get(): global and space are both `all` and `read`). */
export const KIBANA_BASE_PRIVILEGES = { global: ['all', 'read'], space: ['all', 'read'] } as const;
export const KIBANA_SPACE_ID = /^[a-z0-9_-]+$/;
export const KIBANA_FEATURE_NAME = /^[a-zA-Z0-9_-]+$/;
export const KIBANA_DESCRIPTION_MAX_LENGTH = 2048;

const KibanaFieldSecuritySchema = FieldSecuritySchema;

const KibanaIndicesSchema = z
  .strictObject({
    names: nonEmptyStringList('a non-empty list of index names or patterns, e.g. ["logs-*"] (Kibana requires a list)'),
    privileges: indexPrivilegeList,
    field_security: KibanaFieldSecuritySchema.optional(),
    query: z.string().min(1).describe('a DLS query as a JSON string (Kibana accepts only strings), e.g. "{\\"term\\": {\\"owner\\": \\"alice\\"}}"').optional(),
    allow_restricted_indices: z.boolean().describe('true or false').optional(),
  })
  .describe('an index privileges entry {"names": [...], "privileges": [...]}');

const KibanaRemoteIndicesSchema = z
  .strictObject({
    clusters: nonEmptyStringList('a non-empty list of remote cluster aliases or patterns'),
    names: nonEmptyStringList('a non-empty list of index names or patterns (Kibana requires a list)'),
    privileges: indexPrivilegeList,
    field_security: KibanaFieldSecuritySchema.optional(),
    query: z.string().min(1).describe('a DLS query as a JSON string (Kibana accepts only strings)').optional(),
    allow_restricted_indices: z.boolean().describe('true or false').optional(),
  })
  .describe('a remote index privileges entry {"clusters": [...], "names": [...], "privileges": [...]}');

export const KibanaElasticsearchPartSchema = z
  .strictObject({
    cluster: stringList('a list of cluster privilege names').optional(),
    indices: z.array(KibanaIndicesSchema).describe('a list of index privileges entries').optional(),
    remote_indices: z.array(KibanaRemoteIndicesSchema).describe('a list of remote index privileges entries').optional(),
    remote_cluster: z.array(RemoteClusterPrivilegesSchema).describe('a list of remote cluster privileges entries').optional(),
    run_as: stringList('a list of usernames the role may impersonate').optional(),
  })
  .describe('the Elasticsearch part {"cluster": [...], "indices": [...], "run_as": [...]} ({} when empty)');

export const KibanaPrivilegeEntrySchema = z
  .strictObject({
    base: z.array(z.string()).describe('a list of base privileges: "all" or "read"').optional(),
    feature: z
      .record(z.string(), z.array(z.string()))
      .describe('an object of feature id → feature privileges, e.g. {"dashboard_v2": ["read"], "discover_v2": ["read"]}')
      .optional(),
    spaces: z
      .array(z.string())
      .min(1)
      .describe('["*"] for every space, or a list of space ids such as ["default", "marketing"]'),
    _reserved: forbidden(
      '_reserved privileges are granted only by Elasticsearch\'s built-in roles and cannot be set through the Kibana role API; remove _reserved and use base or feature privileges',
    ),
  })
  .describe('a Kibana privileges entry {"spaces": [...], "base": [...]} or {"spaces": [...], "feature": {...}}')
  .superRefine((entry, ctx) => {
    const all = entry.spaces.includes(KIBANA_ALL_SPACES);
    if (all && entry.spaces.length > 1) {
      addIssue(
        ctx,
        ['spaces'],
        `"*" (all spaces) cannot be combined with other spaces in one entry (got ${entry.spaces.length} spaces); use ["*"] alone, or list only named spaces and put them in their own entry`,
        'KIBANA_SPACES_MIXED',
      );
    } else if (!all) {
      entry.spaces.forEach((space, i) => {
        if (!KIBANA_SPACE_ID.test(space)) {
          addIssue(
            ctx,
            ['spaces', i],
            `space id "${space}" is invalid: space ids are lower case and use only a-z, 0-9, "_" and "-" (wildcards other than a lone "*" are not allowed)`,
            'KIBANA_SPACE_ID_INVALID',
          );
        }
      });
    }
    const scope = all ? 'global' : 'space';
    const allowedBase: readonly string[] = KIBANA_BASE_PRIVILEGES[scope];
    (entry.base ?? []).forEach((b, i) => {
      if (!allowedBase.includes(b)) {
        addIssue(
          ctx,
          ['base', i],
          `unknown ${scope} base privilege "${b}": must be one of ${allowedBase.map((p) => `"${p}"`).join(', ')}; for finer access use feature privileges instead of base`,
          'KIBANA_BASE_PRIVILEGE_UNKNOWN',
        );
      }
    });
    for (const [featureId, privileges] of Object.entries(entry.feature ?? {})) {
      if (!KIBANA_FEATURE_NAME.test(featureId)) {
        addIssue(ctx, ['feature', featureId], `feature id "${featureId}" is invalid: only a-z, A-Z, 0-9, "_" and "-" are allowed`, 'KIBANA_FEATURE_NAME_INVALID');
      }
      if (privileges.length === 0) {
        addIssue(ctx, ['feature', featureId], `feature "${featureId}" has no privileges: list some, e.g. ["read"] or ["all"], or remove the feature`, 'KIBANA_FEATURE_EMPTY');
      }
      privileges.forEach((p, i) => {
        if (!KIBANA_FEATURE_NAME.test(p)) {
          addIssue(
            ctx,
            ['feature', featureId, i],
            `feature privilege "${p}" is invalid: only a-z, A-Z, 0-9, "_" and "-" are allowed (e.g. "all", "read", "minimal_read")`,
            'KIBANA_FEATURE_NAME_INVALID',
          );
        }
      });
    }
    const hasBase = (entry.base ?? []).length > 0;
    const featureKeys = Object.keys(entry.feature ?? {});
    const featureCount = Object.values(entry.feature ?? {}).flat().length;
    if (!hasBase && featureCount === 0) {
      addIssue(
        ctx,
        [],
        'either base or feature is required: base: ["read"] (or ["all"]) covers every feature, feature: {"<feature id>": ["read"]} grants single features',
        'KIBANA_PRIVILEGES_MISSING',
      );
    } else if (hasBase && featureKeys.length > 0) {
      addIssue(
        ctx,
        ['feature'],
        'base and feature cannot both be set in the same entry: base already covers every feature; keep base alone, or remove base and list the features',
        'KIBANA_BASE_AND_FEATURE',
      );
    }
  });
export type KibanaPrivilegeEntry = z.infer<typeof KibanaPrivilegeEntrySchema>;

export const KibanaRolePayloadSchema = z
  .strictObject({
    description: z
      .string()
      .max(KIBANA_DESCRIPTION_MAX_LENGTH)
      .describe('a short display name such as "Logs Reader"')
      .optional(),
    metadata: MetadataSchema.optional(),
    elasticsearch: KibanaElasticsearchPartSchema,
    kibana: z.array(KibanaPrivilegeEntrySchema).describe('a list of Kibana privilege entries, one per set of spaces').optional(),
  })
  .describe('a Kibana role payload {"elasticsearch": {...}, "kibana": [{"spaces": [...], "base": [...]}]}')
  .superRefine((payload, ctx) => {
    const seen = new Map<string, number>();
    (payload.kibana ?? []).forEach((entry, i) => {
      for (const space of new Set(entry.spaces)) {
        const first = seen.get(space);
        if (first === undefined) {
          seen.set(space, i);
        } else {
          addIssue(
            ctx,
            ['kibana', i, 'spaces'],
            `space "${space}" already appears in kibana[${first}]; each space may appear in only one entry: merge these privileges into kibana[${first}]`,
            'KIBANA_SPACE_DUPLICATE',
          );
        }
      }
    });
  });
export type KibanaRolePayload = z.infer<typeof KibanaRolePayloadSchema>;

// ---------------------------------------------------------------------------------------------
// has_privileges
// ---------------------------------------------------------------------------------------------

export const HasPrivilegesIndexCheckSchema = z
  .strictObject({
    names: indexNamesSchema,
    privileges: indexPrivilegeList,
    allow_restricted_indices: z.boolean().describe('true or false').optional(),
  })
  .describe('an index check {"names": [...], "privileges": [...]}');

export const HasPrivilegesRequestSchema = z
  .strictObject({
    cluster: stringList('a list of cluster privilege names to check').optional(),
    index: z.array(HasPrivilegesIndexCheckSchema).describe('a list of index checks').optional(),
    application: z.array(ApplicationPrivilegesSchema).describe('a list of application checks').optional(),
  })
  .describe('a has_privileges request {"cluster": [...], "index": [...], "application": [...]}')
  .superRefine((r, ctx) => {
    if ((r.cluster?.length ?? 0) + (r.index?.length ?? 0) + (r.application?.length ?? 0) === 0) {
      addIssue(ctx, [], 'nothing to check: give at least one of cluster, index or application, e.g. {"index": [{"names": ["logs-*"], "privileges": ["read"]}]}', 'HAS_PRIVILEGES_EMPTY');
    }
  });
export type HasPrivilegesRequest = z.infer<typeof HasPrivilegesRequestSchema>;

const privilegeMap = z.record(z.string(), z.boolean());
export const HasPrivilegesResponseSchema = z.looseObject({
  username: z.string(),
  has_all_requested: z.boolean(),
  cluster: privilegeMap,
  index: z.record(z.string(), privilegeMap),
  application: z.record(z.string(), z.record(z.string(), privilegeMap)),
});
export type HasPrivilegesResponse = z.infer<typeof HasPrivilegesResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Explaining failures
// ---------------------------------------------------------------------------------------------

export interface SchemaIssue {
  /** JSON path segments, e.g. ["indices", 0, "field_security", "except"]. */
  path: (string | number)[];
  /** The path as text, e.g. `indices[0].field_security.except`, or `(root)`. */
  pathText: string;
  /** What is wrong, what is valid, what to do next. Never contains a secret value. */
  message: string;
  /** A stable code when the rule that failed has one (e.g. FLS_GRANT_REQUIRED), else undefined. */
  code?: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };
export type ExplainResult<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

/** `indices[0].field_security.except`; keys that are not identifiers are quoted: `rules.field["realm.name"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out === '' ? '(root)' : out;
}

/** Parses `value`; on failure returns one short line per problem: `<path>: <what is wrong and what is valid>`. */
export function parseOrExplain<S extends z.ZodType>(schema: S, value: unknown): ParseResult<z.output<S>> {
  const r = explain(schema, value);
  return r.ok ? r : { ok: false, errors: r.issues.map((i) => `${i.pathText}: ${i.message}`) };
}

/** Like {@link parseOrExplain} but keeps each issue's path segments and stable code. */
export function explain<S extends z.ZodType>(schema: S, value: unknown): ExplainResult<z.output<S>> {
  const r = schema.safeParse(value, { error: errorMap });
  if (r.success) return { ok: true, value: r.data };
  const issues: SchemaIssue[] = [];
  flatten(r.error.issues, [], issues);
  return { ok: false, issues: dedupe(issues) };
}

function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.pathText}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toPath(p: readonly PropertyKey[]): (string | number)[] {
  return p.map((s) => (typeof s === 'number' ? s : String(s)));
}

function flatten(issues: readonly z.core.$ZodIssue[], base: (string | number)[], out: SchemaIssue[]): void {
  for (const iss of issues) {
    const path = [...base, ...toPath(iss.path)];
    if (iss.code === 'invalid_union' && iss.errors.length > 0) {
      const branch = pickBranch(iss.errors);
      if (branch) {
        flatten(branch, path, out);
        continue;
      }
    }
    if (iss.code === 'unrecognized_keys' && iss.keys.length === 1) {
      const key = iss.keys[0] as string;
      const p = [...path, key];
      out.push({ path: p, pathText: formatPath(p), message: iss.message });
      continue;
    }
    const code = iss.code === 'custom' && typeof iss.params?.['code'] === 'string' ? (iss.params['code'] as string) : undefined;
    const message = isSecretPath(path) ? scrubSecret(iss.message) : iss.message;
    out.push({ path, pathText: formatPath(path), message, ...(code ? { code } : {}) });
  }
}

/** Defence in depth: a message at a secret path keeps only text that cannot hold the value. */
function scrubSecret(message: string): string {
  return message.replace(/"[^"]*"/g, '"***"');
}

/**
 * When every branch of a union failed, the branch that got furthest into the value explains the
 * problem best: e.g. for `names: string | string[]` given `["logs-*", 5]`, the array branch's
 * `names[1]` issue, not "expected string". Returns undefined when no branch is clearly best.
 */
function pickBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const scored = branches.map((b) => ({ b, depth: b.length === 0 ? 0 : Math.min(...b.map((i) => i.path.length)), typeMatched: !b.some(isRootTypeMismatch) }));
  const best = Math.max(...scored.map((s) => s.depth));
  if (best > 0) {
    const top = scored.filter((s) => s.depth === best);
    if (top.length === 1) return top[0]?.b;
  }
  const matched = scored.filter((s) => s.typeMatched && s.b.length > 0);
  if (matched.length === 1) return matched[0]?.b;
  return undefined;
}

function isRootTypeMismatch(i: z.core.$ZodIssue): boolean {
  return i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'custom' || i.code === 'invalid_union');
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

const EXPECTED: Record<string, string> = {
  object: 'an object',
  record: 'an object',
  array: 'a list (JSON array)',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'null',
  undefined: 'absent',
};

function descriptionOf(iss: z.core.$ZodRawIssue): string | undefined {
  for (const s of [iss.inst, iss.schema]) {
    if (s instanceof z.ZodType && s.description) return s.description;
  }
  return undefined;
}

function validKeysOf(inst: unknown): string[] {
  if (!(inst instanceof z.ZodObject)) return [];
  const shape = inst.shape as Record<string, unknown>;
  return Object.keys(shape).filter((k) => {
    const s = shape[k];
    return !(typeof s === 'object' && s !== null && FORBIDDEN_KEYS.has(s));
  });
}

/** Per-parse error map: turns zod's raw issues into messages that say what is valid. No input values. */
const errorMap: z.core.$ZodErrorMap = (iss) => {
  const desc = descriptionOf(iss);
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return `is required${desc ? `: ${desc}` : ''}`;
      const expected = (Object.hasOwn(EXPECTED, iss.expected) ? EXPECTED[iss.expected] : undefined) ?? iss.expected;
      return `must be ${expected}${desc && expected !== desc ? ` (${desc})` : ''}, got ${describeType(iss.input)}`;
    }
    case 'unrecognized_keys': {
      const valid = validKeysOf(iss.inst);
      const keys = iss.keys;
      const hints = keys
        .map((k) => {
          const c = closest(k, valid);
          return c ? `"${k}" → did you mean "${c}"?` : undefined;
        })
        .filter((h): h is string => h !== undefined);
      const list = keys.map((k) => `"${k}"`).join(', ');
      return (
        `unknown key${keys.length > 1 ? 's' : ''} ${list}${hints.length ? ` (${hints.join('; ')})` : ''}; ` +
        `valid keys here: ${valid.join(', ') || '(none)'}. Remove ${keys.length > 1 ? 'them' : 'it'} or use one of the valid keys`
      );
    }
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'array' || iss.origin === 'set') {
        return min <= 1 ? `must not be empty${desc ? `: give ${desc}` : ''}` : `must have at least ${min} items${desc ? ` (${desc})` : ''}`;
      }
      if (iss.origin === 'string') {
        return min <= 1 ? `must not be empty${desc ? `: give ${desc}` : ''}` : `must be at least ${min} characters long${desc ? ` (${desc})` : ''}`;
      }
      return `must be at least ${min}${desc ? ` (${desc})` : ''}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'array' || iss.origin === 'set') return `must have at most ${max} items${desc ? ` (${desc})` : ''}`;
      if (iss.origin === 'string') return `must be at most ${max} characters long${desc ? ` (${desc})` : ''}`;
      return `must be at most ${max}`;
    }
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}${desc ? ` (${desc})` : ''}`;
    case 'invalid_format':
      return `has an invalid format${desc ? `: expected ${desc}` : ''}`;
    case 'invalid_union':
      return `does not match any accepted form${desc ? `: expected ${desc}` : ''}`;
    case 'invalid_key':
      return `has an invalid key${desc ? `: expected ${desc}` : ''}`;
    default:
      return `is invalid${desc ? `: expected ${desc}` : ''}`;
  }
};

// ---------------------------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------------------------

/** Edit distance counting insertions, deletions, substitutions and adjacent transpositions (OSA), for "did you mean" hints. */
export { editDistance };

/** The candidate closest to `word` (case-insensitive), if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(w.length, best.length) / 3)));
  if (bestD <= limit) return best;
  const prefix = candidates.find((c) => c.length >= 3 && (c.toLowerCase().startsWith(w) || w.startsWith(c.toLowerCase())));
  return w.length >= 3 ? prefix : undefined;
}

// ---------------------------------------------------------------------------------------------
// Type-level compatibility with @elastic/elasticsearch's estypes (a drift fails `tsc`)
// ---------------------------------------------------------------------------------------------

type AssertTrue<T extends true> = T;
/** True when A is assignable to B (what `const b: B = a as A` checks). */
type Assignable<A, B> = [A] extends [B] ? true : false;
/** True when every key of A is also a key of B (assignability alone would not catch extra keys). */
type KeysWithin<A, B> = [Exclude<keyof A, keyof B>] extends [never] ? true : false;
type RequestOnly = keyof estypes.RequestBase | 'body' | 'querystring' | 'refresh';

export type _EstypesChecks = [
  AssertTrue<Assignable<FieldSecurity, estypes.SecurityFieldSecurity>>,
  AssertTrue<Assignable<IndicesPrivileges, estypes.SecurityIndicesPrivileges>>,
  AssertTrue<Assignable<RemoteIndicesPrivileges, estypes.SecurityRemoteIndicesPrivileges>>,
  AssertTrue<Assignable<RemoteClusterPrivileges, estypes.SecurityRemoteClusterPrivileges>>,
  AssertTrue<Assignable<ApplicationPrivileges, estypes.SecurityApplicationPrivileges>>,
  AssertTrue<Assignable<DlsQuery, estypes.SecurityIndicesPrivilegesQuery>>,
  AssertTrue<Assignable<DlsTemplateQuery, estypes.SecurityRoleTemplateQuery>>,
  AssertTrue<Assignable<RoleDescriptor, estypes.SecurityRoleDescriptor>>,
  AssertTrue<Assignable<RoleDescriptor & { name: string }, estypes.SecurityPutRoleRequest>>,
  AssertTrue<Assignable<NativeUser, estypes.SecurityPutUserRequest>>,
  AssertTrue<Assignable<RoleTemplate, estypes.SecurityRoleTemplate>>,
  AssertTrue<Assignable<RoleMappingRule, estypes.SecurityRoleMappingRule>>,
  AssertTrue<Assignable<RoleMapping & { name: string }, estypes.SecurityPutRoleMappingRequest>>,
  AssertTrue<Assignable<HasPrivilegesRequest, estypes.SecurityHasPrivilegesRequest>>,
  AssertTrue<Assignable<HasPrivilegesResponse, estypes.SecurityHasPrivilegesResponse>>,
  AssertTrue<KeysWithin<FieldSecurity, estypes.SecurityFieldSecurity>>,
  AssertTrue<KeysWithin<IndicesPrivileges, estypes.SecurityIndicesPrivileges>>,
  AssertTrue<KeysWithin<RemoteIndicesPrivileges, estypes.SecurityRemoteIndicesPrivileges>>,
  AssertTrue<KeysWithin<RemoteClusterPrivileges, estypes.SecurityRemoteClusterPrivileges>>,
  AssertTrue<KeysWithin<ApplicationPrivileges, estypes.SecurityApplicationPrivileges>>,
  AssertTrue<KeysWithin<DlsTemplateScript, estypes.SecurityRoleTemplateScript>>,
  AssertTrue<KeysWithin<RoleDescriptor, estypes.SecurityRoleDescriptor>>,
  AssertTrue<KeysWithin<RoleDescriptor, Omit<estypes.SecurityPutRoleRequest, 'name' | RequestOnly>>>,
  AssertTrue<KeysWithin<NativeUser, Omit<estypes.SecurityPutUserRequest, RequestOnly>>>,
  AssertTrue<KeysWithin<RoleTemplate, estypes.SecurityRoleTemplate>>,
  AssertTrue<KeysWithin<RoleMapping, Omit<estypes.SecurityPutRoleMappingRequest, 'name' | RequestOnly>>>,
  AssertTrue<KeysWithin<HasPrivilegesRequest, Omit<estypes.SecurityHasPrivilegesRequest, 'user' | RequestOnly>>>,
  AssertTrue<KeysWithin<z.infer<typeof HasPrivilegesIndexCheckSchema>, estypes.SecurityHasPrivilegesIndexPrivilegesCheck>>,
];
