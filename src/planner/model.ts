// The request model: what an access request asks for, independent of how it was phrased.
// The English parser (parser.ts) produces it from text; clients with an LLM may pass it directly.
// The plan builder (plan.ts) turns it into ordered tool steps. This file is the contract between
// them and the CLI's `plan --json` output (`request` field).

export type WhoKind = 'new_user' | 'existing_user' | 'realm' | 'serverless_user' | 'unknown';
export type RealmType = 'saml' | 'oidc' | 'ldap' | 'active_directory' | 'pki' | 'jwt' | 'kerberos';

export interface Who {
  kind: WhoKind;
  /** native username (new/existing user), Serverless user (email or name), or realm username pattern */
  username?: string;
  full_name?: string;
  email?: string;
  /** external realm: type and/or realm name (e.g. {type: 'saml', name: 'saml1'}) */
  realm?: { type?: RealmType; name?: string };
  /** IdP / directory groups (names or DNs) */
  groups?: string[];
  /** distinguished name or DN pattern (LDAP/AD/PKI) */
  dn?: string;
  /** user metadata to set on a new native user (e.g. {department: 'hr'} for ABAC) */
  metadata?: Record<string, string | number | boolean>;
}

export type Level = 'read' | 'write' | 'manage' | 'explicit' | 'none';

/** What the request does to the grantee's access. */
export type Action =
  | 'grant' // give access (new role or existing role); "in addition to" keeps existing roles
  | 'revoke' // take away a role / access
  | 'disable' // disable the user (reversible "remove access")
  | 'enable'
  | 'delete'; // delete the user (planner proposes disabling first)

export interface KibanaAccess {
  /** Kibana feature privileges, e.g. [{feature: 'discover_v2', privilege: 'read'}] */
  features: { feature: string; privilege: string }[];
  /** base privilege for the spaces instead of features */
  base?: 'read' | 'all';
  /** space ids, or ['*'] for all spaces */
  spaces: string[];
}

export interface What {
  /** index, data stream or alias names/patterns */
  indices: string[];
  kibana?: KibanaAccess;
  /** existing roles named in the request ("give joe the viewer role") */
  roles?: string[];
  /** cluster privileges asked for explicitly */
  cluster?: string[];
}

export type DocumentScope =
  | { kind: 'all' }
  /** only documents whose `field` has one of `values` */
  | { kind: 'values'; field: string; values: (string | number | boolean)[] }
  /** templated ABAC: documents whose `field` equals the user's metadata `metadataKey` (or username) */
  | { kind: 'user_attribute'; field: string; attribute: string }
  /** an explicit DLS query object */
  | { kind: 'query'; query: Record<string, unknown> };

export interface Scope {
  documents: DocumentScope;
  /** FLS: omitted = all fields */
  fields?: { grant?: string[]; except?: string[] };
}

export type Deployment = 'self-managed' | 'ech' | 'serverless' | 'unknown';

export interface AccessRequest {
  action: Action;
  /** "in addition to existing access" (true) vs. unspecified (false). Never replaces roles. */
  additive: boolean;
  who: Who;
  what: What;
  level: Level;
  /** explicit privileges when level is 'explicit' (or to add to the level's defaults) */
  privileges?: { index?: string[]; cluster?: string[] };
  scope: Scope;
  deployment: Deployment;
  /** a role name the admin asked for, if any */
  roleName?: string;
}

export interface Question {
  /** which part of the request is unresolved: 'who', 'what', 'level', 'scope', 'deployment', 'kibana', ... */
  field: string;
  question: string;
  options?: string[];
}

export interface ParseResult {
  request: AccessRequest;
  questions: Question[];
  warnings: string[];
}

export function emptyRequest(): AccessRequest {
  return {
    action: 'grant',
    additive: false,
    who: { kind: 'unknown' },
    what: { indices: [] },
    level: 'read',
    scope: { documents: { kind: 'all' } },
    deployment: 'unknown',
  };
}
