// Offline role-mapping evaluation: which roles would Elasticsearch give this (hypothetical) external
// user — SAML, OIDC, JWT, LDAP, AD, PKI, Kerberos — through these role mappings, and why?
//
// How Elasticsearch does it (x-pack core `authc/support/UserRoleMapper`, `mapper/expressiondsl/*`,
// `mapper/ExpressionRoleMapping`, `mapper/TemplateRoleName`; x-pack security
// `authc/support/mapper/NativeRoleMappingStore.resolveRoles`), and so how we do it:
// 1. The user becomes a flat ExpressionModel (UserData.asModel): `username`, `dn` (only when the
//    user has one), `groups`, `metadata.<key>` for each top-level metadata key (no nesting: the key
//    is taken literally, so `metadata.a.b` is the metadata key "a.b"; an object-valued metadata
//    entry makes asModel throw, failing the user's authentication), and `realm.name`. There is no
//    `realm.type`, `full_name` or `email`. A rule on any other field sees "no value".
// 2. Enabled mappings whose rules match contribute `roles` plus the role names their
//    `role_templates` render (ExpressionRoleMapping.getRoleNames); the union is the user's roles.
//    Role names are not checked against existing roles. Disabled mappings are ignored entirely.
// 3. Rules (ExpressionParser): `{"any": [...]}` (none → false), `{"all": [...]}` (none → true),
//    `{"except": {...}}` (only directly inside `all`), `{"field": {"<name>": value | [values]}}`
//    (true when any value matches). Rule numbers are read as longs (1.9 → 1).
// 4. A value matches (ExpressionModel.buildPredicate / FieldExpression.FieldValue): a string with
//    `*`, or a `/regex/`, is a Lucene automaton (Automatons.pattern: `*`, `?`, `\` escapes inside a
//    pattern with a `*`; a string with only `?` is literal); other strings match by equality; numbers
//    by numeric value; booleans by equality; null matches only a field the user does not have. A
//    list-valued user field (groups, list metadata) matches when any element does; an empty list
//    never matches, not even null.
// 5. `dn` and each group are matched as possible DNs (UserRoleMapper.DistinguishedNamePredicate):
//    a literal value matches case-insensitively, or as the same DN after UnboundID normalization
//    (attribute names and values lower-cased, spaces around `,` `=` `+` dropped, escapes decoded,
//    multi-valued RDNs sorted); a pattern is tried on the raw string, the normalized DN, and its
//    lower/upper case forms; `*,<dn>` (no other `*`) also matches every DN strictly below <dn>.
// 6. Templates (TemplateRoleName): the template is a script object (or its JSON text, as GET
//    returns it) rendered by Mustache with the flat model map above (`{{username}}`,
//    `{{realm.name}}`, `{{metadata.uid}}`, `{{#tojson}}groups{{/tojson}}`, plus the script's own
//    `params`) and JSON escaping unless `options.content_type` says otherwise. `format: string`
//    (the default) uses the output as one role name; `format: json` parses it as a JSON string or an
//    array of strings (nulls dropped; anything else fails). A template that fails (invalid JSON
//    output, a list index out of range, …) fails role resolution for the user altogether.
//    `groups` is a Java Set: when a template's output depends on its iteration order, which
//    Elasticsearch leaves unspecified, we only answer if every order gives the same roles.
//
// Anything we cannot evaluate exactly (stored-script templates, unsupported Mustache, an output that
// depends on group order) is reported in `unevaluable` with the reason — never guessed.
import { PatternSyntaxError, PatternTooComplexError, compilePattern } from './automaton.js';
import {
  TemplateError,
  TemplateUnsupportedError,
  javaEqualsIgnoreCase,
  jsonEscape,
  renderTemplateTraced,
  type TemplateContentType,
} from './mustache.js';
import { matches } from './patterns.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** A role template as in a role mapping (`template` may be the script object or its JSON text). */
export interface RoleTemplateInput {
  template: unknown;
  format?: string;
}

/** One role mapping as returned by GET /_security/role_mapping (or as sent to PUT). */
export interface RoleMappingInput {
  enabled: boolean;
  roles?: readonly string[];
  role_templates?: readonly RoleTemplateInput[];
  rules: unknown;
  metadata?: unknown;
}

export type RoleMappingsInput = Readonly<Record<string, RoleMappingInput>>;

/** A hypothetical external user as a realm would hand it to the role mapper. */
export interface RoleMappingUser {
  username: string;
  /** The user's DN (LDAP, AD, PKI); absent or null for SAML, OIDC, JWT… */
  dn?: string | null;
  /** Group names or group DNs. */
  groups: readonly string[];
  /** The realm that would authenticate the user. Only `name` is visible to rules (`realm.name`). */
  realm: { name: string; type?: string };
  /** Realm-provided metadata (e.g. `saml_nameid`, `saml(<attribute>)`, `oidc(<claim>)`, `ldap_dn`). */
  metadata?: Readonly<Record<string, unknown>>;
  /** Not part of Elasticsearch's role-mapping model (accepted for convenience, never matched). */
  full_name?: string | null;
  /** Not part of Elasticsearch's role-mapping model (accepted for convenience, never matched). */
  email?: string | null;
}

export interface RoleMappingEvaluation {
  /** Roles the user certainly gets from the mappings that could be evaluated (sorted). */
  roles: string[];
  /** Enabled mappings that match, with the roles each gives and the rule(s) that matched. */
  matched: { mapping: string; roles: string[]; via: string }[];
  /**
   * Mappings whose outcome cannot be computed offline (or that Elasticsearch would reject), with
   * the reason and the role names known so far (they are not in `roles`).
   */
  unevaluable: { mapping: string; reason: string; roles: string[] }[];
  /**
   * Conditions under which Elasticsearch's role resolution itself fails for this user (a role
   * template that fails for a matching mapping, metadata that cannot be modelled): the user then
   * gets no roles at all and authentication fails. `mapping` is null when it is the user itself.
   */
  failures: { mapping: string | null; reason: string }[];
}

export type RuleOutcome = boolean | 'unknown';

/** One node of a rule's evaluation. */
export interface RuleTrace {
  /** Path of the rule in the mapping's `rules`, e.g. `all[1].field.groups` (the root is `all`, `any`, `field.<name>` or `except`). */
  path: string;
  rule: 'any' | 'all' | 'except' | 'field';
  outcome: RuleOutcome;
  message: string;
  children?: RuleTrace[];
}

export type MappingStatus = 'matched' | 'not-matched' | 'disabled' | 'unevaluable' | 'failed' | 'invalid' | 'not-evaluated';

export interface MappingExplanation {
  mapping: string;
  enabled: boolean;
  status: MappingStatus;
  /** Whether the rules match this user (for a disabled mapping: whether they would if it were enabled). */
  rulesMatch: RuleOutcome | 'invalid';
  /** The rule leaves that decided `rulesMatch`, e.g. `all[1].field.groups: "sre" did not match any of [dev]`. */
  deciding: string[];
  /** Roles granted (matched), or that would be granted (disabled, unevaluable: those known). */
  roles: string[];
  /** Why the mapping is disabled, unevaluable, failed, invalid or not evaluated. */
  reason?: string;
  trace?: RuleTrace;
}

export interface RoleMappingExplanation extends RoleMappingEvaluation {
  mappings: MappingExplanation[];
}

/** Which roles the user gets from these mappings (see {@link explainRoleMappings} for the why). */
export function evaluateRoleMappings(mappings: RoleMappingsInput, user: RoleMappingUser): RoleMappingEvaluation {
  const { roles, matched, unevaluable, failures } = explainRoleMappings(mappings, user);
  return { roles, matched, unevaluable, failures };
}

/** Every mapping with its outcome for this user and the deciding rule(s), plus the evaluation. */
export function explainRoleMappings(mappings: RoleMappingsInput, user: RoleMappingUser): RoleMappingExplanation {
  const model = buildModel(user);
  const result: RoleMappingExplanation = { roles: [], matched: [], unevaluable: [], failures: [], mappings: [] };
  if ('failure' in model) {
    result.failures.push({ mapping: null, reason: model.failure });
    for (const [name, m] of Object.entries(mappings)) {
      result.mappings.push({
        mapping: name,
        enabled: m.enabled === true,
        status: 'not-evaluated',
        rulesMatch: 'unknown',
        deciding: [],
        roles: [],
        reason: `Elasticsearch cannot build this user's role-mapping model: ${model.failure}`,
      });
    }
    return result;
  }
  const roles = new Set<string>();
  for (const [name, mapping] of Object.entries(mappings)) {
    const e = explainMapping(name, mapping, model);
    result.mappings.push(e.explanation);
    switch (e.explanation.status) {
      case 'matched':
        for (const r of e.explanation.roles) roles.add(r);
        result.matched.push({ mapping: name, roles: e.explanation.roles, via: e.explanation.deciding.join('; ') });
        break;
      case 'unevaluable':
      case 'invalid':
        result.unevaluable.push({ mapping: name, reason: e.explanation.reason ?? '', roles: e.explanation.roles });
        break;
      case 'failed':
        result.failures.push({ mapping: name, reason: e.explanation.reason ?? '' });
        break;
      default:
        break;
    }
  }
  result.roles = sortedUnique(roles);
  return result;
}

// ---------------------------------------------------------------------------------------------
// The user model (UserData.asModel)
// ---------------------------------------------------------------------------------------------

interface UserModel {
  user: RoleMappingUser;
  dn: string | undefined;
  groups: string[];
  /** metadata.<key> → value */
  metadata: Map<string, unknown>;
  dnCache: Map<string, string | null>;
}

function buildModel(user: RoleMappingUser): UserModel | { failure: string } {
  if (typeof user !== 'object' || user === null) throw new TypeError('user must be an object');
  if (typeof user.username !== 'string') throw new TypeError('user.username must be a string');
  if (!Array.isArray(user.groups) || user.groups.some((g) => typeof g !== 'string')) throw new TypeError('user.groups must be a list of strings');
  if (typeof user.realm !== 'object' || user.realm === null || typeof user.realm.name !== 'string') throw new TypeError('user.realm.name must be a string');
  if (user.dn !== undefined && user.dn !== null && typeof user.dn !== 'string') throw new TypeError('user.dn must be a string or null');
  const metadata = new Map<string, unknown>();
  for (const [k, v] of Object.entries(user.metadata ?? {})) {
    if (v === undefined) continue;
    if (v === null) return { failure: `metadata "${k}" is null: Elasticsearch user metadata cannot hold null values (Map.copyOf)` };
    const bad = unsupportedMetadataValue(v);
    if (bad) return { failure: `metadata "${k}" ${bad}: Elasticsearch fails to build the role-mapping model ("Unsupported value type"), so authentication fails` };
    metadata.set(`metadata.${k}`, v);
  }
  return {
    user,
    dn: user.dn ?? undefined,
    groups: [...new Set(user.groups)],
    metadata,
    dnCache: new Map(),
  };
}

function unsupportedMetadataValue(v: unknown): string | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : 'is not a finite number';
  if (Array.isArray(v)) {
    for (const e of v) {
      const bad = unsupportedMetadataValue(e);
      if (bad) return `contains a value that ${bad}`;
    }
    return undefined;
  }
  if (typeof v === 'object') return 'is an object (only strings, numbers, booleans and lists of them can be matched)';
  return `is of type ${typeof v}`;
}

function normalizedDn(model: UserModel, s: string): string | null {
  let n = model.dnCache.get(s);
  if (n === undefined) {
    n = normalizeDn(s);
    model.dnCache.set(s, n);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Rules: parsing (ExpressionParser) and evaluation (Kleene three-valued where we cannot decide)
// ---------------------------------------------------------------------------------------------

type RuleScalar = string | number | boolean | null;

interface FieldValue {
  raw: RuleScalar;
  /** The string is an automaton (contains `*`, or is `/regex/`). */
  pattern: 'wildcard' | 'regex' | undefined;
  /** Why this value cannot be evaluated offline. */
  unknown?: string;
}

type Rule =
  | { kind: 'any' | 'all'; rules: Rule[] }
  | { kind: 'except'; rule: Rule }
  | { kind: 'field'; field: string; values: FieldValue[] };

class InvalidRuleError extends Error {}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function parseRule(v: unknown, where: string, allowExcept: boolean): Rule {
  if (!isPlainObject(v)) throw new InvalidRuleError(`expected [${where}] to be an object`);
  const keys = Object.keys(v);
  if (keys.length === 0) throw new InvalidRuleError(`object [${where}] does not contain any fields`);
  if (keys.length > 1) throw new InvalidRuleError(`object [${where}] contains multiple fields`);
  const key = keys[0] as string;
  const body = v[key];
  switch (key) {
    case 'any':
    case 'all': {
      if (!Array.isArray(body)) throw new InvalidRuleError(`field [${key}] requires an array`);
      return { kind: key, rules: body.map((r: unknown) => parseRule(r, key, key === 'all')) };
    }
    case 'except':
      if (!allowExcept) throw new InvalidRuleError(`field [except] is not allowed within [${where}]`);
      return { kind: 'except', rule: parseRule(body, 'except', false) };
    case 'field':
      return parseField(body);
    default:
      throw new InvalidRuleError(`field [${key}] is not recognised in object [${where}]`);
  }
}

function parseField(body: unknown): Rule {
  if (!isPlainObject(body)) throw new InvalidRuleError('expected an object for [field]');
  const names = Object.keys(body);
  if (names.length === 0) throw new InvalidRuleError('object [field] does not contain any fields');
  if (names.length > 1) throw new InvalidRuleError('object [field] contains multiple fields');
  const field = names[0] as string;
  if (field.length === 0) throw new InvalidRuleError('null or empty field name ()');
  const raw = body[field];
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  if (list.length === 0) throw new InvalidRuleError(`null or empty values for field [${field}]`);
  return { kind: 'field', field, values: list.map((x) => parseFieldValue(x)) };
}

function parseFieldValue(x: unknown): FieldValue {
  if (x === null || typeof x === 'boolean') return { raw: x, pattern: undefined };
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new InvalidRuleError(`expected a field value but found [${x}]`);
    const n = Math.trunc(x) === 0 ? 0 : Math.trunc(x); // parser.longValue(): truncation
    if (Math.abs(n) > 2 ** 63) throw new InvalidRuleError(`numeric value [${x}] is out of range of long`);
    if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return { raw: n, pattern: undefined, unknown: `the number ${x} is beyond 2^53 and was not read exactly` };
    return { raw: n, pattern: undefined };
  }
  if (typeof x === 'string') {
    const isRegex = x.length > 1 && x.startsWith('/') && x.endsWith('/');
    if (!x.includes('*') && !isRegex) return { raw: x, pattern: undefined };
    try {
      compilePattern(x);
    } catch (e) {
      if (e instanceof PatternSyntaxError) throw new InvalidRuleError(`invalid pattern [${x}]: ${e.esMessage || e.message}`);
      if (e instanceof PatternTooComplexError) {
        return { raw: x, pattern: isRegex || x.startsWith('/') ? 'regex' : 'wildcard', unknown: `the pattern ${x} is too complex to evaluate offline (${e.message})` };
      }
      throw e;
    }
    return { raw: x, pattern: x.startsWith('/') ? 'regex' : 'wildcard' };
  }
  throw new InvalidRuleError(`expected a field value but found [${Array.isArray(x) ? 'START_ARRAY' : typeof x === 'object' ? 'START_OBJECT' : typeof x}]`);
}

interface Eval {
  outcome: RuleOutcome;
  /** Leaf messages that decided the outcome. */
  deciding: string[];
  trace: RuleTrace;
}

function evalRule(rule: Rule, model: UserModel, path: string): Eval {
  switch (rule.kind) {
    case 'field':
      return evalField(rule.field, rule.values, model, path === '' ? `field.${rule.field}` : `${path}.field.${rule.field}`);
    case 'except': {
      const p = path === '' ? 'except' : `${path}.except`;
      const inner = evalRule(rule.rule, model, p);
      const outcome: RuleOutcome = inner.outcome === 'unknown' ? 'unknown' : !inner.outcome;
      return {
        outcome,
        deciding: inner.deciding.map((d) => `except(${d})`),
        trace: { path: p, rule: 'except', outcome, message: `${p}: ${outcomeWord(outcome)} (the excepted rule ${outcomeWord(inner.outcome)})`, children: [inner.trace] },
      };
    }
    case 'all':
    case 'any': {
      const p = path === '' ? rule.kind : path;
      const children = rule.rules.map((r, i) => evalRule(r, model, `${p}[${i}]`));
      const decisive = rule.kind === 'all' ? false : true;
      const hit = children.find((c) => c.outcome === decisive);
      let outcome: RuleOutcome;
      let deciding: string[];
      let message: string;
      if (hit) {
        outcome = decisive;
        deciding = hit.deciding;
        message = `${p}: ${rule.kind === 'all' ? 'not every rule matched' : 'a rule matched'} (${hit.trace.path})`;
      } else if (children.some((c) => c.outcome === 'unknown')) {
        outcome = 'unknown';
        deciding = children.filter((c) => c.outcome === 'unknown').flatMap((c) => c.deciding);
        message = `${p}: cannot be decided offline`;
      } else {
        outcome = !decisive;
        deciding = children.flatMap((c) => c.deciding);
        message =
          children.length === 0
            ? `${p}: empty ${rule.kind} ${rule.kind === 'all' ? 'matches every user' : 'matches no user'}`
            : `${p}: ${rule.kind === 'all' ? 'every rule matched' : 'no rule matched'}`;
        if (children.length === 0) deciding = [message];
      }
      return { outcome, deciding, trace: { path: p, rule: rule.kind, outcome, message, children: children.map((c) => c.trace) } };
    }
  }
}

function outcomeWord(o: RuleOutcome): string {
  return o === 'unknown' ? 'cannot be decided offline' : o ? 'matches' : 'does not match';
}

const MODEL_FIELDS = 'username, dn, groups, realm.name, metadata.<key>';

/** The values of `field` in the model (undefined: the model has no such field → NULL_PREDICATE). */
type UserField =
  | { kind: 'string'; value: string } // username, realm.name (plain string predicate)
  | { kind: 'dn'; values: string[]; list: boolean } // dn (one) or groups (any)
  | { kind: 'value'; value: unknown } // metadata.<key>
  | undefined;

function userField(model: UserModel, field: string): UserField {
  switch (field) {
    case 'username':
      return { kind: 'string', value: model.user.username };
    case 'realm.name':
      return { kind: 'string', value: model.user.realm.name };
    case 'dn':
      return model.dn === undefined ? undefined : { kind: 'dn', values: [model.dn], list: false };
    case 'groups':
      return { kind: 'dn', values: model.groups, list: true };
    default:
      return model.metadata.has(field) ? { kind: 'value', value: model.metadata.get(field) } : undefined;
  }
}

interface Match {
  outcome: RuleOutcome;
  /** The user value that matched and how. */
  matchedValue?: string;
  how?: string;
}

function evalField(field: string, values: readonly FieldValue[], model: UserModel, path: string): Eval {
  const uf = userField(model, field);
  let unknownReason: string | undefined;
  for (const v of values) {
    if (v.unknown) {
      unknownReason ??= v.unknown;
      continue;
    }
    const m = testValue(uf, v, model);
    if (m.outcome === true) {
      const what = m.matchedValue === undefined ? '' : ` ${m.matchedValue}`;
      return leaf(path, true, `${path}: ${fmtRule(v.raw)} matched${what}${m.how ? ` (${m.how})` : ''}`);
    }
  }
  if (unknownReason) return leaf(path, 'unknown', `${path}: ${fmtRules(values)} cannot be evaluated offline: ${unknownReason}`);
  return leaf(path, false, `${path}: ${fmtRules(values)} did not match ${describeUserField(field, uf)}`);
}

function leaf(path: string, outcome: RuleOutcome, message: string): Eval {
  return { outcome, deciding: [message], trace: { path, rule: 'field', outcome, message } };
}

/** One rule value against the model field (the field's predicate, ExpressionModel.test). */
function testValue(uf: UserField, v: FieldValue, model: UserModel): Match {
  if (uf === undefined) {
    // NULL_PREDICATE
    return v.raw === null ? { outcome: true, how: 'the user has no such field' } : { outcome: false };
  }
  switch (uf.kind) {
    case 'string':
      return stringPredicate(uf.value, v);
    case 'dn': {
      for (const s of uf.values) {
        const m = dnPredicate(s, v, model);
        if (m.outcome === true) return m;
      }
      return { outcome: false };
    }
    case 'value':
      return valuePredicate(uf.value, v);
  }
}

/** buildPredicate(Object) for a metadata value. */
function valuePredicate(value: unknown, v: FieldValue): Match {
  if (value === null) return v.raw === null ? { outcome: true, matchedValue: 'null' } : { outcome: false };
  if (typeof value === 'string') return stringPredicate(value, v);
  if (typeof value === 'boolean') return v.raw === value ? { outcome: true, matchedValue: String(value) } : { outcome: false };
  if (typeof value === 'number') {
    // numberEquals: the rule's value is a long; compared by value.
    return typeof v.raw === 'number' && v.raw === value ? { outcome: true, matchedValue: String(value) } : { outcome: false };
  }
  if (Array.isArray(value)) {
    for (const e of value) {
      const m = valuePredicate(e, v);
      if (m.outcome === true) return m;
    }
    return { outcome: false };
  }
  return { outcome: false };
}

/** The String predicate: automaton.run(value) when the rule value is a pattern, equality otherwise. */
function stringPredicate(value: string, v: FieldValue): Match {
  if (v.pattern) {
    return typeof v.raw === 'string' && matches(v.raw, value) ? { outcome: true, matchedValue: quote(value), how: v.pattern } : { outcome: false };
  }
  return typeof v.raw === 'string' && v.raw === value ? { outcome: true, matchedValue: quote(value) } : { outcome: false };
}

/** UserRoleMapper.DistinguishedNamePredicate.test */
function dnPredicate(s: string, v: FieldValue, model: UserModel): Match {
  const norm = normalizedDn(model, s);
  if (v.pattern && typeof v.raw === 'string') {
    const p = v.raw;
    if (matches(p, s)) return { outcome: true, matchedValue: quote(s), how: v.pattern };
    if (norm !== null && matches(p, norm)) return { outcome: true, matchedValue: quote(s), how: `${v.pattern} on the normalized DN ${quote(norm)}` };
    if (matches(p, s.toLowerCase()) || matches(p, s.toUpperCase())) return { outcome: true, matchedValue: quote(s), how: `${v.pattern}, case-insensitive` };
    if (norm === null) return { outcome: false };
    if (p.startsWith('*,')) {
      const suffix = p.substring(2);
      if (!suffix.includes('*')) {
        const suffixNorm = normalizedDn(model, suffix);
        if (suffixNorm === null) return { outcome: false };
        if (norm.endsWith(`,${suffixNorm}`) || (suffixNorm === '' && norm !== '')) {
          return { outcome: true, matchedValue: quote(s), how: `DN below ${quote(suffixNorm)}` };
        }
      }
    }
    return { outcome: false };
  }
  if (typeof v.raw === 'string') {
    const t = v.raw;
    if (javaEqualsIgnoreCase(t, s)) return { outcome: true, matchedValue: quote(s), how: t === s ? undefined : 'case-insensitive' };
    if (norm === null) return { outcome: false };
    const tn = normalizedDn(model, t);
    if (tn !== null) return norm === tn ? { outcome: true, matchedValue: quote(s), how: `same DN ${quote(norm)}` } : { outcome: false };
    return javaEqualsIgnoreCase(t, norm) ? { outcome: true, matchedValue: quote(s), how: `normalized DN ${quote(norm)}` } : { outcome: false };
  }
  return { outcome: false };
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function fmtRule(v: RuleScalar): string {
  return JSON.stringify(v);
}

function fmtRules(values: readonly FieldValue[]): string {
  return values.length === 1 ? fmtRule((values[0] as FieldValue).raw) : `[${values.map((v) => fmtRule(v.raw)).join(', ')}]`;
}

function fmtList(items: readonly unknown[]): string {
  return `[${items.map((x) => (typeof x === 'string' && /^[^\s,[\]"]+$/.test(x) ? x : JSON.stringify(x))).join(', ')}]`;
}

function describeUserField(field: string, uf: UserField): string {
  if (uf === undefined) {
    const known = field === 'dn' || field.startsWith('metadata.');
    return known
      ? `(the user has no ${field})`
      : `(the role-mapping model has no field "${field}": only null matches it; fields are ${MODEL_FIELDS})`;
  }
  switch (uf.kind) {
    case 'string':
      return quote(uf.value);
    case 'dn':
      if (!uf.list) return quote(uf.values[0] ?? '');
      return uf.values.length === 0 ? '(the user has no groups)' : `any of ${fmtList(uf.values)}`;
    case 'value':
      return Array.isArray(uf.value) ? (uf.value.length === 0 ? '(an empty list)' : `any of ${fmtList(uf.value)}`) : JSON.stringify(uf.value);
  }
}

// ---------------------------------------------------------------------------------------------
// Mappings
// ---------------------------------------------------------------------------------------------

function explainMapping(name: string, mapping: RoleMappingInput, model: UserModel): { explanation: MappingExplanation } {
  const enabled = mapping.enabled === true;
  const base = (status: MappingStatus, rest: Partial<MappingExplanation>): { explanation: MappingExplanation } => ({
    explanation: { mapping: name, enabled, status, rulesMatch: 'invalid', deciding: [], roles: [], ...rest },
  });
  if (typeof mapping !== 'object' || mapping === null) return base('invalid', { reason: 'invalid role mapping (Elasticsearch would reject it): not an object' });
  if (typeof mapping.enabled !== 'boolean') return base('invalid', { reason: 'invalid role mapping (Elasticsearch would reject it): missing field [enabled]' });
  let rule: Rule;
  try {
    if (mapping.rules === undefined) throw new InvalidRuleError('missing field [rules]');
    rule = parseRule(mapping.rules, 'rules', false);
  } catch (e) {
    if (e instanceof InvalidRuleError) return base('invalid', { reason: `invalid role mapping (Elasticsearch would reject it): failed to parse rules expression. ${e.message}` });
    throw e;
  }
  if (mapping.roles !== undefined && (!Array.isArray(mapping.roles) || mapping.roles.some((r) => typeof r !== 'string'))) {
    return base('invalid', { reason: 'invalid role mapping (Elasticsearch would reject it): roles must be a list of role names' });
  }
  if (mapping.role_templates !== undefined && !Array.isArray(mapping.role_templates)) {
    return base('invalid', { reason: 'invalid role mapping (Elasticsearch would reject it): role_templates must be a list' });
  }
  const staticRoles: readonly string[] = mapping.roles ?? [];
  const templates: readonly RoleTemplateInput[] = mapping.role_templates ?? [];
  if (staticRoles.length === 0 && templates.length === 0) {
    return base('invalid', { reason: 'invalid role mapping (Elasticsearch would reject it): role-mapping roles or role-templates are missing' });
  }
  if (staticRoles.length > 0 && templates.length > 0) {
    return base('invalid', { reason: 'invalid role mapping (Elasticsearch would reject it): role-mapping cannot have both roles and role-templates' });
  }
  const prepared: (PreparedTemplate | { unevaluable: string })[] = [];
  for (const [i, t] of templates.entries()) {
    const p = prepareTemplate(t);
    if ('invalid' in p) return base('invalid', { reason: `invalid role mapping (Elasticsearch would reject it): role_templates[${i}]: ${p.invalid}` });
    prepared.push(p);
  }
  const ev = evalRule(rule, model, '');
  const common = { rulesMatch: ev.outcome, deciding: ev.deciding, trace: ev.trace };
  if (!enabled) {
    return base('disabled', { ...common, roles: sortedUnique(staticRoles), reason: 'enabled is false: Elasticsearch ignores this mapping' });
  }
  if (ev.outcome === false) return base('not-matched', common);
  // The rules match (or might): the roles, as getRoleNames computes them.
  const roles = new Set(staticRoles);
  const problems: string[] = [];
  let failure: string | undefined;
  prepared.forEach((t, i) => {
    const r = 'unevaluable' in t ? t : evaluateTemplate(t, model);
    if ('roles' in r) for (const x of r.roles) roles.add(x);
    else if ('unevaluable' in r) problems.push(`role_templates[${i}]: ${r.unevaluable}`);
    else failure ??= `role_templates[${i}]: ${r.failure}`;
  });
  if (ev.outcome === 'unknown') {
    const ifMatched = failure === undefined ? [] : [`if they match, Elasticsearch fails role resolution for this user: ${failure}`];
    return base('unevaluable', {
      ...common,
      roles: sortedUnique(roles),
      reason: [`the rules cannot be decided offline: ${ev.deciding.join('; ')}`, ...problems, ...ifMatched].join('; '),
    });
  }
  if (failure !== undefined) {
    return base('failed', { ...common, roles: sortedUnique(roles), reason: `${failure} — Elasticsearch fails role resolution for this user (no roles, authentication fails)` });
  }
  if (problems.length > 0) return base('unevaluable', { ...common, roles: sortedUnique(roles), reason: problems.join('; ') });
  return base('matched', { ...common, roles: sortedUnique(roles) });
}

function sortedUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

// ---------------------------------------------------------------------------------------------
// Role templates (TemplateRoleName)
// ---------------------------------------------------------------------------------------------

type TemplateResult = { roles: string[] } | { unevaluable: string } | { failure: string };

interface InlineScript {
  source: string;
  params: Record<string, unknown>;
  options: Record<string, string>;
}

function parseScript(template: unknown): InlineScript | { unevaluable: string } | { invalid: string } {
  let t = template;
  if (typeof t === 'string') {
    try {
      t = JSON.parse(t) as unknown;
    } catch {
      return { invalid: 'the template is not valid JSON (Elasticsearch would reject the mapping)' };
    }
    if (typeof t === 'string') return { source: t, params: {}, options: {} };
  }
  if (!isPlainObject(t)) return { invalid: 'the template must be a script object such as {"source": "..."} (Elasticsearch would reject the mapping)' };
  for (const k of Object.keys(t)) {
    if (!['source', 'id', 'lang', 'params', 'options'].includes(k)) return { invalid: `unknown script field [${k}] (Elasticsearch would reject the mapping)` };
  }
  if (t.id !== undefined && t.source !== undefined) return { invalid: 'a script has either [source] or [id], not both (Elasticsearch would reject the mapping)' };
  if (t.id !== undefined) return { unevaluable: `it uses the stored script "${String(t.id)}", whose source is not known offline` };
  let source: string;
  if (typeof t.source === 'string') source = t.source;
  else if (isPlainObject(t.source) || Array.isArray(t.source)) {
    const s = jacksonJson(t.source);
    if (s === undefined) return { unevaluable: 'the template source object holds non-integral numbers, which Elasticsearch serializes as Java doubles' };
    source = s;
  } else return { invalid: 'the script has no [source] (Elasticsearch would reject the mapping)' };
  const params = isPlainObject(t.params) ? t.params : {};
  const options: Record<string, string> = {};
  if (isPlainObject(t.options)) for (const [k, v] of Object.entries(t.options)) if (typeof v === 'string') options[k] = v;
  return { source, params, options };
}

/** Compact JSON as Jackson's copyCurrentStructure writes it (undefined when a number would print differently). */
function jacksonJson(v: unknown): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${jsonEscape(v)}"`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : undefined;
  if (Array.isArray(v)) {
    const parts = v.map(jacksonJson);
    return parts.includes(undefined) ? undefined : `[${parts.join(',')}]`;
  }
  if (isPlainObject(v)) {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      const s = jacksonJson(x);
      if (s === undefined) return undefined;
      parts.push(`"${jsonEscape(k)}":${s}`);
    }
    return `{${parts.join(',')}}`;
  }
  return undefined;
}

const CONTENT_TYPES: Record<string, TemplateContentType | 'url'> = {
  'application/json': 'json',
  'application/json;charset=utf-8': 'json',
  'application/json; charset=UTF-8': 'json',
  'text/plain': 'text',
  'application/x-www-form-urlencoded': 'url',
};

interface PreparedTemplate {
  format: 'string' | 'json';
  script: InlineScript;
  contentType: TemplateContentType;
  detectMissingParams: boolean;
}

/**
 * The checks Elasticsearch makes when the mapping is stored (TemplateRoleName.parse and validate:
 * the template is compiled and executed with its own params only).
 */
function prepareTemplate(t: RoleTemplateInput): PreparedTemplate | { invalid: string } | { unevaluable: string } {
  if (!isPlainObject(t)) return { invalid: 'a role template must be an object {"template": …, "format": …}' };
  const unknownKey = Object.keys(t).find((k) => k !== 'template' && k !== 'format');
  if (unknownKey !== undefined) return { invalid: `[role-mapping-template] unknown field [${unknownKey}]` };
  if (t.template === undefined) return { invalid: '[role-mapping-template] missing required field [template]' };
  const format = t.format === undefined ? 'string' : typeof t.format === 'string' ? t.format.toLowerCase() : undefined;
  if (format !== 'string' && format !== 'json') return { invalid: `Invalid format [${String(t.format)}] expected one of [json,string]` };
  const script = parseScript(t.template);
  if (!('source' in script)) return script;
  const ct = script.options['content_type'];
  const contentType = ct === undefined ? 'json' : CONTENT_TYPES[ct];
  if (contentType === undefined) return { invalid: `No encoder found for media type [${ct}]` };
  if (contentType === 'url') return { unevaluable: 'content_type application/x-www-form-urlencoded is not supported offline' };
  const detectMissingParams = (script.options['detect_missing_params'] ?? '').toLowerCase() === 'true';
  try {
    renderTemplateTraced(script.source, script.params, { contentType, detectMissingParams });
  } catch (e) {
    if (e instanceof TemplateUnsupportedError) return { unevaluable: `unsupported template: ${e.message}` };
    if (e instanceof TemplateError) return { invalid: `the template fails to compile or to render with its own params: ${e.message}` };
    throw e;
  }
  return { format, script, contentType, detectMissingParams };
}

function evaluateTemplate(prepared: PreparedTemplate, model: UserModel): TemplateResult {
  const { format, script, contentType, detectMissingParams } = prepared;
  const render = (groups: ReadonlySet<string>): { output: string; orderDependent: boolean; urlEncoded: boolean } => {
    const params: Record<string, unknown> = { ...script.params, username: model.user.username };
    if (model.dn !== undefined) params['dn'] = model.dn;
    params['groups'] = groups;
    for (const [k, v] of model.metadata) params[k] = v;
    params['realm.name'] = model.user.realm.name;
    return renderTemplateTraced(script.source, params, { contentType, detectMissingParams });
  };
  const outcome = (groups: ReadonlySet<string>): TemplateResult & { orderDependent?: boolean; output?: string } => {
    try {
      const r = render(groups);
      const parsed = format === 'string' ? { roles: [r.output] } : parseRolesJson(r.output);
      return { ...parsed, orderDependent: r.orderDependent, output: r.output };
    } catch (e) {
      if (e instanceof TemplateUnsupportedError) return { unevaluable: `unsupported template: ${e.message}` };
      if (e instanceof TemplateError) return { failure: `the template fails: ${e.message}` };
      throw e;
    }
  };
  const first = outcome(new Set(model.groups));
  if ('unevaluable' in first || !first.orderDependent) return strip(first);
  const privateUse = /[\ue000-\uf8ff]/;
  const otherInputsUsePrivateUse =
    privateUse.test(script.source) ||
    privateUse.test(JSON.stringify(script.params)) ||
    privateUse.test(model.user.username) ||
    privateUse.test(model.user.realm.name) ||
    privateUse.test(model.dn ?? '') ||
    privateUse.test(JSON.stringify([...model.metadata]));
  return orderIndependentResult(first, model.groups, outcome, render, format, otherInputsUsePrivateUse);
}

function strip(r: TemplateResult): TemplateResult {
  if ('roles' in r) return { roles: r.roles };
  if ('unevaluable' in r) return { unevaluable: r.unevaluable };
  return { failure: r.failure };
}

/**
 * The template's output depended on the iteration order of `groups`. Answer only if every order
 * gives the same outcome: by trying them all (up to 5 groups), or by rendering once with
 * placeholders for the groups and checking that each role name uses a group in the same way for
 * every group.
 */
function orderIndependentResult(
  first: TemplateResult,
  groups: readonly string[],
  outcome: (g: ReadonlySet<string>) => TemplateResult,
  render: (g: ReadonlySet<string>) => { output: string; orderDependent: boolean; urlEncoded: boolean },
  format: 'string' | 'json',
  otherInputsUsePrivateUse: boolean,
): TemplateResult {
  const orderDependent = {
    unevaluable: "its output depends on the iteration order of the user's groups (a Java Set, in no defined order) and the roles could not be shown to be the same for every order",
  };
  const key = (r: TemplateResult): string => ('roles' in r ? `roles:${JSON.stringify(sortedUnique(r.roles))}` : 'failure' in r ? 'failure' : `unevaluable:${r.unevaluable}`);
  if (groups.length <= 5) {
    const k0 = key(first);
    for (const perm of permutations(groups)) {
      const r = outcome(new Set(perm));
      if ('unevaluable' in r) return strip(r);
      if (key(r) !== k0) return orderDependent;
    }
    return strip(first);
  }
  // Placeholders: private-use characters that need no escaping and cannot occur elsewhere.
  const plain = (s: string): boolean => s.length > 0 && ![...s].some((ch) => ch < ' ' || ch === '"' || ch === '\\' || (ch >= '\ue000' && ch <= '\uf8ff'));
  if (!groups.every(plain) || groups.length > 0x1900 || otherInputsUsePrivateUse) return orderDependent;
  const placeholders = groups.map((_, i) => String.fromCharCode(0xe000 + i));
  let sym: { output: string; urlEncoded: boolean };
  try {
    sym = render(new Set(placeholders));
  } catch {
    return orderDependent;
  }
  if (sym.urlEncoded) return orderDependent;
  const counts = placeholders.map((p) => sym.output.split(p).length - 1);
  // The output's length varies with the order; Elasticsearch's size limit must hold for every order.
  const lengths = groups.map((g) => g.length).sort((a, b) => b - a);
  const maxLen = sym.output.length - counts.reduce((a, b) => a + b, 0) + [...counts].sort((a, b) => b - a).reduce((acc, c, i) => acc + c * (lengths[i] ?? 0), 0);
  if (maxLen > 1024 * 1024) return orderDependent;
  if (format === 'string') return counts.every((c) => c === 0) ? strip(first) : orderDependent;
  let parsed: TemplateResult;
  try {
    parsed = parseRolesJson(sym.output);
  } catch {
    return orderDependent;
  }
  if (!('roles' in parsed)) return 'failure' in first && 'failure' in parsed && counts.every((c) => c === 0) ? strip(first) : orderDependent;
  // Each role name must contain at most one placeholder, and each "shape" must use every group.
  const shapes = new Map<string, Set<number>>();
  for (const r of parsed.roles) {
    const used = [...r].map((ch) => ch.charCodeAt(0) - 0xe000).filter((i) => i >= 0 && i < placeholders.length);
    if (used.length === 0) continue;
    if (used.length > 1) return orderDependent;
    const idx = used[0] as number;
    const shape = r.replace(placeholders[idx] as string, '\u0000');
    let set = shapes.get(shape);
    if (!set) shapes.set(shape, (set = new Set()));
    set.add(idx);
  }
  for (const set of shapes.values()) if (set.size !== placeholders.length) return orderDependent;
  return strip(first);
}

function* permutations<T>(xs: readonly T[]): Generator<T[]> {
  if (xs.length <= 1) {
    yield [...xs];
    return;
  }
  for (let i = 0; i < xs.length; i++) {
    const rest = [...xs.slice(0, i), ...xs.slice(i + 1)];
    for (const p of permutations(rest)) yield [xs[i] as T, ...p];
  }
}

/**
 * TemplateRoleName.convertJsonToList with Elasticsearch's JSON parser (Jackson, comments allowed):
 * the first token must be a string (one role) or an array of strings and nulls (nulls dropped);
 * whatever follows the first value is never read.
 */
export function parseRolesJson(text: string): { roles: string[] } | { failure: string } {
  const p = { s: text, i: 0 };
  try {
    skipSpace(p);
    if (p.i >= p.s.length) throw new JsonError('Roles template must generate a string or an array of strings, but found [null]');
    const c = p.s[p.i];
    if (c === '"') return { roles: [readString(p)] };
    if (c !== '[') throw new JsonError(`Roles template must generate a string or an array of strings, but found [${tokenName(c as string)}]`);
    p.i++;
    const roles: string[] = [];
    skipSpace(p);
    if (p.s[p.i] === ']') return { roles };
    for (;;) {
      skipSpace(p);
      const ch = p.s[p.i];
      if (ch === '"') roles.push(readString(p));
      else if (p.s.startsWith('null', p.i)) p.i += 4;
      else if (ch === undefined) throw new JsonError('Unexpected end-of-input: expected close marker for Array');
      else throw new JsonError(`Roles array may only contain strings but found [${tokenName(ch)}]`);
      skipSpace(p);
      const sep = p.s[p.i];
      if (sep === ',') {
        p.i++;
        continue;
      }
      if (sep === ']') return { roles };
      throw new JsonError(sep === undefined ? 'Unexpected end-of-input: expected close marker for Array' : `Unexpected character ('${sep}'): was expecting comma to separate Array entries`);
    }
  } catch (e) {
    if (e instanceof JsonError) return { failure: `the template output is not a JSON string or array of strings: ${e.message} (output: ${JSON.stringify(text.length > 200 ? `${text.substring(0, 200)}…` : text)})` };
    throw e;
  }
}

class JsonError extends Error {}

function tokenName(c: string): string {
  if (c === '{') return 'START_OBJECT';
  if (c === 't' || c === 'f') return 'VALUE_BOOLEAN';
  if (c === 'n') return 'VALUE_NULL';
  if (c === '-' || (c >= '0' && c <= '9')) return 'VALUE_NUMBER';
  if (c === '[') return 'START_ARRAY';
  return `'${c}'`;
}

/** Jackson's whitespace and comment skipping (ALLOW_COMMENTS: /* … *\/ and // …). */
function skipSpace(p: { s: string; i: number }): void {
  for (;;) {
    const c = p.s.charCodeAt(p.i);
    if (Number.isNaN(c)) return;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      p.i++;
      continue;
    }
    if (c < 0x20) throw new JsonError(`Illegal character (CTRL-CHAR, code ${c}): only regular white space allowed between tokens`);
    if (c === 0x2f) {
      const n = p.s[p.i + 1];
      if (n === '*') {
        const end = p.s.indexOf('*/', p.i + 2);
        if (end < 0) throw new JsonError('Unexpected end-of-input in a comment');
        p.i = end + 2;
        continue;
      }
      if (n === '/') {
        let j = p.i + 2;
        while (j < p.s.length && p.s[j] !== '\n' && p.s[j] !== '\r') j++;
        p.i = j;
        continue;
      }
      throw new JsonError(`Unexpected character ('${n ?? ''}'): was expecting either '*' or '/' for a comment`);
    }
    return;
  }
}

function readString(p: { s: string; i: number }): string {
  let out = '';
  let i = p.i + 1;
  for (;;) {
    if (i >= p.s.length) throw new JsonError('Unexpected end-of-input: was expecting closing quote for a string value');
    const c = p.s.charCodeAt(i);
    if (c === 0x22) {
      p.i = i + 1;
      return out;
    }
    if (c < 0x20) throw new JsonError(`Illegal unquoted character (CTRL-CHAR, code ${c}): has to be escaped using backslash to be included in string value`);
    if (c !== 0x5c) {
      out += p.s[i];
      i++;
      continue;
    }
    const e = p.s[i + 1];
    i += 2;
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        const hex = p.s.substring(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonError('Unexpected character in a \\u escape: expected a hex-digit');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      case undefined:
        throw new JsonError('Unexpected end-of-input in a string escape');
      default:
        throw new JsonError(`Unrecognized character escape '${e}'`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Distinguished names: UnboundID LDAP SDK 7.0.3 `new DN(s).toNormalizedString()` (no schema)
// ---------------------------------------------------------------------------------------------

interface Ava {
  name: string;
  /** The value's bytes (ASN1OctetString.getValue) and string (stringValue). */
  bytes: Uint8Array;
  str: string;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** java String.getBytes(UTF_8): a lone surrogate becomes '?'. */
function javaUtf8(s: string): Uint8Array {
  return utf8Encoder.encode(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?'));
}

function isHexChar(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/**
 * The normalized form of `s` as a DN (UnboundID `new DN(s).toNormalizedString()`), or null when
 * `s` does not parse as a DN (e.g. a plain group name like "sre"). "" is the null DN ("").
 */
export function normalizeDn(s: string): string | null {
  const rdns = parseDn(s);
  return rdns === null ? null : rdns.map(normalizeRdn).join(',');
}

function parseDn(dn: string): Ava[][] | null {
  const length = dn.length;
  const rdns: Ava[][] = [];
  if (length === 0) return rdns;
  let pos = 0;
  let expectMore = false;
  const skipSpaces = (): void => {
    while (pos < length && dn[pos] === ' ') pos++;
  };
  const readAva = (): Ava | null => {
    const attrStart = pos;
    while (pos < length) {
      const c = dn[pos];
      if (c === ' ' || c === '=') break;
      if (c === ',' || c === ';') return null;
      pos++;
    }
    const name = dn.substring(attrStart, pos);
    if (name.length === 0) return null;
    skipSpaces();
    if (pos >= length || dn[pos] !== '=') return null;
    pos++;
    skipSpaces();
    if (pos >= length) return { name, bytes: new Uint8Array(0), str: '' };
    if (dn[pos] === '#') {
      pos++;
      const bytes = readHexString(dn, pos);
      if (bytes === null) return null;
      const value = decodeBerOctetString(bytes);
      if (value === null) return null;
      pos += bytes.length * 2;
      return { name, bytes: value, str: utf8Decoder.decode(value) };
    }
    const r = readValueString(dn, pos);
    if (r === null) return null;
    pos = r.pos;
    return { name, bytes: javaUtf8(r.value), str: r.value };
  };
  rdnLoop: while (pos < length) {
    skipSpaces();
    if (pos >= length) {
      if (rdns.length === 0) break;
      return null; // ends with a comma
    }
    const first = readAva();
    if (first === null) return null;
    skipSpaces();
    if (pos >= length) {
      rdns.push([first]);
      expectMore = false;
      break;
    }
    switch (dn[pos]) {
      case '+':
        pos++;
        break;
      case ',':
      case ';':
        rdns.push([first]);
        pos++;
        expectMore = true;
        continue rdnLoop;
      default:
        return null;
    }
    if (pos >= length) return null;
    const avas: Ava[] = [first];
    while (pos < length) {
      skipSpaces();
      if (pos >= length) return null;
      const ava = readAva();
      if (ava === null) return null;
      skipSpaces();
      avas.push(ava);
      if (pos >= length) {
        rdns.push(avas);
        expectMore = false;
        break rdnLoop;
      }
      switch (dn[pos]) {
        case '+':
          pos++;
          if (pos >= length) return null;
          break;
        case ',':
        case ';':
          rdns.push(avas);
          pos++;
          expectMore = true;
          continue rdnLoop;
        default:
          return null;
      }
    }
  }
  if (expectMore) return null;
  return rdns;
}

/** RDN.readHexString: hex pairs up to the end, a space, '+', ',' or ';'. */
function readHexString(s: string, start: number): Uint8Array | null {
  const out: number[] = [];
  let pos = start;
  while (pos < s.length) {
    const c = s[pos++] as string;
    if (c === ' ' || c === '+' || c === ',' || c === ';') break;
    if (!isHexChar(c)) return null;
    if (pos >= s.length) return null;
    const d = s[pos++];
    if (!isHexChar(d)) return null;
    out.push(parseInt(c + d, 16));
  }
  return Uint8Array.from(out);
}

/** ASN1OctetString.decodeAsOctetString: type, length (short or long form), value; lengths must agree. */
function decodeBerOctetString(b: Uint8Array): Uint8Array | null {
  if (b.length < 2) return null;
  let start = 2;
  const lb = b[1] as number;
  let length = lb & 0x7f;
  if (lb & 0x80) {
    const n = length;
    length = 0;
    for (let i = 0; i < n; i++) {
      if (start >= b.length) return null;
      length = (length << 8) | (b[start++] as number);
    }
  }
  if (b.length - start !== length) return null;
  return b.slice(start);
}

/** RDN.readValueString: a possibly quoted, possibly escaped value up to an unquoted ',', ';' or '+'. */
function readValueString(s: string, startPos: number): { value: string; pos: number } | null {
  const length = s.length;
  let pos = startPos;
  let buf = '';
  let inQuotes = false;
  valueLoop: while (pos < length) {
    let c = s[pos] as string;
    switch (c) {
      case '\\': {
        if (pos + 1 >= length) return null;
        pos++;
        c = s[pos] as string;
        if (isHexChar(c)) {
          const r = readEscapedHexString(s, pos);
          if (r === null) return null;
          buf += r.value;
          pos = r.pos - 1;
        } else {
          buf += c;
        }
        break;
      }
      case '"':
        if (inQuotes) {
          pos++;
          while (pos < length) {
            c = s[pos] as string;
            if (c === '+' || c === ',' || c === ';') break;
            if (c !== ' ') return null;
            pos++;
          }
          inQuotes = false;
          break valueLoop;
        }
        if (pos !== startPos) return null;
        inQuotes = true;
        break;
      case ',':
      case ';':
      case '+':
        if (!inQuotes) break valueLoop;
        buf += c;
        break;
      default:
        buf += c;
    }
    pos++;
  }
  if (inQuotes) return null;
  // Trim unescaped trailing spaces (never the first character).
  let bufferPos = buf.length - 1;
  let rdnStrPos = pos - 2;
  while (bufferPos > 0 && buf[bufferPos] === ' ') {
    if (s[rdnStrPos] === '\\') break;
    buf = buf.substring(0, bufferPos);
    bufferPos--;
    rdnStrPos--;
  }
  return { value: buf, pos };
}

/** RDN.readEscapedHexString: consecutive \XX escapes decoded together as UTF-8. */
function readEscapedHexString(s: string, startPos: number): { value: string; pos: number } | null {
  const bytes: number[] = [];
  let pos = startPos;
  while (pos < s.length) {
    const hi = s[pos++];
    if (!isHexChar(hi)) return null;
    if (pos >= s.length) return null;
    const lo = s[pos++];
    if (!isHexChar(lo)) return null;
    bytes.push(parseInt(`${hi}${lo}`, 16));
    if (pos + 1 < s.length && s[pos] === '\\' && isHexChar(s[pos + 1])) {
      pos++;
      continue;
    }
    break;
  }
  return { value: utf8Decoder.decode(Uint8Array.from(bytes)), pos };
}

/** StaticUtils.toLowerCase: ASCII fast path, else String.toLowerCase(). */
function attrLower(name: string): string {
  return /[^\p{ASCII}]/u.test(name) ? name.toLowerCase() : name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** CaseIgnoreStringMatchingRule.normalize (equality: trim both ends). */
function caseIgnoreNormalize(a: Ava): { str: string; bytes: Uint8Array } {
  const b = a.bytes;
  if (b.length === 0) return { str: '', bytes: b };
  if (b.every((x) => x < 0x80)) {
    let s = String.fromCharCode(...b);
    if (!/[^ ]/.test(s)) return { str: ' ', bytes: Uint8Array.of(0x20) };
    s = s
      .replace(/^ +| +$/g, '')
      .replace(/ {2,}/g, ' ')
      .replace(/[A-Z]/g, (c) => c.toLowerCase());
    return { str: s, bytes: utf8Encoder.encode(s) };
  }
  let s = a.str.replace(/^ +| +$/g, '').replace(/ {2,}/g, ' ');
  s = [...s].map((ch) => (/^\p{Uppercase}$/u.test(ch) ? javaSimpleLower(ch) : ch)).join('');
  return { str: s, bytes: javaUtf8(s) };
}

function javaSimpleLower(ch: string): string {
  if (ch === '\u0130') return 'i';
  const l = ch.toLowerCase();
  return [...l].length === 1 ? l : ch;
}

/** RDN.appendNormalizedValue: escape the normalized value. */
function escapeNormalizedValue(v: string): string {
  let out = '';
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const c = v[i] as string;
    const code = v.charCodeAt(i);
    switch (c) {
      case '\\':
      case '=':
      case '"':
      case '+':
      case ',':
      case ';':
      case '<':
      case '>':
        out += `\\${c}`;
        break;
      case '#':
        out += i === 0 ? '\\#' : '#';
        break;
      case ' ':
        out += i === 0 || i + 1 === n ? '\\ ' : ' ';
        break;
      default:
        if (code >= 0x20 && code <= 0x7e) out += c;
        else if (code >= 0xd800 && code <= 0xdbff && i + 1 < n && v.charCodeAt(i + 1) >= 0xdc00 && v.charCodeAt(i + 1) <= 0xdfff) {
          out += hexBytes(utf8Encoder.encode(v.substring(i, i + 2)));
          i++;
        } else out += hexBytes(javaUtf8(c));
    }
  }
  return out;
}

function hexBytes(b: Uint8Array): string {
  let out = '';
  for (const x of b) out += `\\${x.toString(16).padStart(2, '0')}`;
  return out;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

function normalizeRdn(avas: Ava[]): string {
  const pairs = avas.map((a) => {
    const name = attrLower(a.name);
    const norm = caseIgnoreNormalize(a);
    return { name, norm, text: `${name}=${escapeNormalizedValue(norm.str)}` };
  });
  if (pairs.length === 1) return (pairs[0] as (typeof pairs)[number]).text;
  // RDN.getNameValuePairs: a TreeSet ordered by name, then by the normalized value's bytes.
  pairs.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : compareBytes(x.norm.bytes, y.norm.bytes)));
  const unique = pairs.filter((p, i) => {
    const prev = pairs[i - 1];
    return i === 0 || !(prev && prev.name === p.name && compareBytes(prev.norm.bytes, p.norm.bytes) === 0);
  });
  return unique.map((p) => p.text).join('+');
}
