// Semantic validation of security payloads: what Elasticsearch would refuse (errors), what es-authz's
// conventions refuse (errors), and what is legal but wider than needed (warnings, each with a code and
// a suggestion). Pure code: no I/O.
//
// Elasticsearch rules reproduced here, read from the elastic/elasticsearch sources and checked
// against the 9.5.3 x-pack-core classes and a live 9.5.3 node (PUT role / user / role_mapping):
// - Role and user names: x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/security/support/
//   Validation.java (printable Basic Latin characters 0x20–0x7E, no leading or trailing space) and
//   NativeRealmValidationUtil.java (1–507 characters: document ids are "role-"/"user-" + name ≤ 512 bytes).
//   A leading "_" is accepted by Elasticsearch; our naming convention refuses it.
// - Reserved roles: authz/store/ReservedRolesStore.java (names() of 9.5.3, below as RESERVED_ROLE_NAMES).
// - Reserved users: authc/esnative/ClientReservedRealm.java + user/UsernamesField.java.
// - FLS: authz/permission/FieldPermissions.java `buildPermittedFieldsAutomaton`: when grant contains "*"
//   every field is granted; otherwise the granted set is grant ∪ "_*" (metadata fields). The except set
//   must be a subset of the granted set, else "Exceptions for field permissions must be a subset of the
//   granted fields but <except> is not a subset of <grant>". Patterns use "*" and "?" wildcards or /regex/.
// - DLS: authz/support/DLSRoleQueryValidator.java: the query is parsed as one query (exactly one top-level
//   key); a query whose first key is "template" is a Mustache template and is not parsed at write time;
//   terms lookup, geo_shape with an indexed shape, percolate, has_child and has_parent are refused, looking
//   inside bool (filter/must/must_not/should), constant_score, function_score and boosting.
// - DLS templates: authz/support/SecurityQueryTemplateEvaluator.java gives templates one extra parameter,
//   _user = {username, full_name, email, roles, metadata} (no realm: checked in the 9.5.3 jar).
// - Application names: authz/privilege/ApplicationPrivilege.java `validateApplicationName`.
// - Role descriptor metadata keys starting with "_": RoleDescriptorRequestValidator (schemas.ts).

import {
  DlsTemplateScriptSchema,
  KibanaRolePayloadSchema,
  NativeUserSchema,
  RoleDescriptorSchema,
  RoleMappingSchema,
  closest,
  explain,
  formatPath,
  isPlainObject,
  type DlsQuery,
  type KibanaRolePayload,
  type NativeUser,
  type RoleDescriptor,
  type RoleMapping,
  type SchemaIssue,
} from './schemas.js';
import { validatePrivilegeNames } from './privileges.js';
import { validateIndexPattern } from './patterns.js';
import { PASSWORD_MIN_LENGTH, hasEveryClass } from './secrets.js';

// ---------------------------------------------------------------------------------------------
// Result types
// ---------------------------------------------------------------------------------------------

export interface Issue {
  /** Stable code, e.g. ROLE_NAME_INVALID, FLS_EXCEPT_NOT_IN_GRANT, LINT_BROAD_WRITE. */
  code: string;
  /** Where: `name`, `description`, `indices[0].field_security.except[1]`, `(root)` … */
  path: string;
  /** What is wrong and what is valid. Never contains a secret. */
  message: string;
  /** What to do next, when there is a concrete fix. */
  suggestion?: string;
}

export interface ValidationResult {
  errors: Issue[];
  warnings: Issue[];
}

type Path = (string | number)[];

class Collector {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  error(code: string, path: Path | string, message: string, suggestion?: string): void {
    this.errors.push(issue(code, path, message, suggestion));
  }
  warn(code: string, path: Path | string, message: string, suggestion?: string): void {
    this.warnings.push(issue(code, path, message, suggestion));
  }
  add(severity: 'error' | 'warning', code: string, path: Path | string, message: string, suggestion?: string): void {
    if (severity === 'error') this.error(code, path, message, suggestion);
    else this.warn(code, path, message, suggestion);
  }
  merge(r: ValidationResult): void {
    this.errors.push(...r.errors);
    this.warnings.push(...r.warnings);
  }
  result(): ValidationResult {
    return { errors: this.errors, warnings: this.warnings };
  }
}

function issue(code: string, path: Path | string, message: string, suggestion?: string): Issue {
  return { code, path: typeof path === 'string' ? path : formatPath(path), message, ...(suggestion ? { suggestion } : {}) };
}

function schemaIssues(issues: SchemaIssue[], fallbackCode: string): Issue[] {
  return issues.map((i) => ({ code: i.code ?? fallbackCode, path: i.pathText, message: i.message }));
}

const q = (s: string) => JSON.stringify(s);

// ---------------------------------------------------------------------------------------------
// Reserved names
// ---------------------------------------------------------------------------------------------

/** Built-in roles of Elasticsearch 9.5.3 (ReservedRolesStore.names()); PUT/DELETE on them is refused. */
export const RESERVED_ROLE_NAMES = [
  'apm_system',
  'beats_admin',
  'beats_system',
  'editor',
  'enrich_user',
  'inference_admin',
  'inference_user',
  'ingest_admin',
  'kibana_admin',
  'kibana_system',
  'kibana_user',
  'logstash_admin',
  'logstash_system',
  'machine_learning_admin',
  'machine_learning_user',
  'monitoring_user',
  'remote_monitoring_agent',
  'remote_monitoring_collector',
  'reporting_user',
  'rollup_admin',
  'rollup_user',
  'snapshot_user',
  'superuser',
  'transform_admin',
  'transform_user',
  'transport_client',
  'viewer',
  'watcher_admin',
  'watcher_user',
] as const;

/** Roles of Elasticsearch's internal users (UsernamesField): never defined or assigned by hand. */
export const INTERNAL_ROLE_NAMES = [
  '_system',
  '_xpack',
  '_xpack_security',
  '_async_search',
  '_security_profile',
  '_data_stream_lifecycle',
  '_storage',
  '_synonyms',
  '_cross_project_search',
  '_lazy_rollover',
  '_reindex_data_stream',
] as const;

/** Built-in users of the reserved realm (ClientReservedRealm): their names cannot be used for native users. */
export const RESERVED_USERNAMES = [
  'elastic',
  'kibana',
  'kibana_system',
  'logstash_system',
  'beats_system',
  'apm_system',
  'remote_monitoring_user',
] as const;

/** Elasticsearch's internal users (UsernamesField) and the default anonymous user name. */
export const INTERNAL_USERNAMES = [...INTERNAL_ROLE_NAMES, '_anonymous'] as const;

const RESERVED_ROLE_SET: ReadonlySet<string> = new Set(RESERVED_ROLE_NAMES);
const RESERVED_USER_SET: ReadonlySet<string> = new Set(RESERVED_USERNAMES);
const INTERNAL_USER_SET: ReadonlySet<string> = new Set(INTERNAL_USERNAMES);

export function isReservedRoleName(name: string): boolean {
  return RESERVED_ROLE_SET.has(name);
}

export function isReservedUsername(name: string): boolean {
  return RESERVED_USER_SET.has(name) || INTERNAL_USER_SET.has(name);
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

export const ES_NAME_MIN_LENGTH = 1;
export const ES_NAME_MAX_LENGTH = 507;
export const ROLE_NAME_CONVENTION = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const ROLE_NAME_MAX_CONVENTIONAL_LENGTH = 64;

const ES_NAME_RULE =
  'names must be 1 to 507 characters of printable Basic Latin (ASCII 0x20–0x7E: letters, digits, spaces, punctuation, symbols), with no leading or trailing space';

/** The Elasticsearch name rule (Validation.isValidUserOrRoleName with the native realm's 507 limit). Undefined when valid. */
export function esNameProblem(name: string): string | undefined {
  if (name.length < ES_NAME_MIN_LENGTH) return 'is empty';
  if (name.length > ES_NAME_MAX_LENGTH) return `is ${name.length} characters long (the maximum is ${ES_NAME_MAX_LENGTH})`;
  for (const ch of name) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c > 0x7e) return `contains ${describeChar(ch)}, which is outside printable Basic Latin`;
  }
  if (name.startsWith(' ') || name.endsWith(' ')) return 'has a leading or trailing space';
  return undefined;
}

function describeChar(ch: string): string {
  const c = ch.codePointAt(0) ?? 0;
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return c < 0x20 || c === 0x7f ? `a control character (${hex})` : `"${ch}" (${hex})`;
}

/** Lower-case, hyphen-separated: "Logs_Reader v2" → "logs-reader-v2". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Words that say nothing about what a role grants. A role name made only of these (and digits) is refused. */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set([
  'access',
  'account',
  'admin',
  'admins',
  'bar',
  'baz',
  'custom',
  'default',
  'demo',
  'dummy',
  'example',
  'foo',
  'general',
  'generic',
  'group',
  'misc',
  'my',
  'new',
  'permission',
  'permissions',
  'policy',
  'privilege',
  'privileges',
  'role',
  'roles',
  'sample',
  'stuff',
  'team',
  'temp',
  'test',
  'testing',
  'thing',
  'tmp',
  'user',
  'users',
]);

/** True for names such as custom-role, new-role, test, role1, my-role, admin-role. */
export function isGenericRoleName(name: string): boolean {
  const words = slugify(name).split('-').filter(Boolean);
  if (words.length === 0) return true;
  return words.every((w) => GENERIC_NAME_WORDS.has(w.replace(/\d+$/, '')) || /^\d+$/.test(w) || w.replace(/\d+$/, '') === '');
}

const GENERIC_HINT =
  'name the access instead: the data or feature plus the level, e.g. "logs-reader", "audit-reader", "orders-writer", "metrics-dashboard-viewer" (deriveRoleName() builds one)';

export interface RoleNameOptions {
  /** How to report names outside the lowercase-hyphen convention: 'warning' (default), 'error' or 'off'. */
  convention?: 'warning' | 'error' | 'off';
}

/** Elasticsearch's role-name rule, reserved names, and es-authz's naming convention. */
export function validateRoleName(name: unknown, options: RoleNameOptions = {}): ValidationResult {
  const c = new Collector();
  if (typeof name !== 'string') {
    c.error('ROLE_NAME_INVALID', 'name', `the role name must be a string, got ${name === null ? 'null' : typeof name}`, 'give a name such as "logs-reader"');
    return c.result();
  }
  const problem = esNameProblem(name);
  if (problem) {
    const fixed = slugify(name).slice(0, ES_NAME_MAX_LENGTH);
    c.error('ROLE_NAME_INVALID', 'name', `role name ${q(name.slice(0, 80))} ${problem}; Elasticsearch role ${ES_NAME_RULE}`, fixed ? `use ${q(fixed)}` : GENERIC_HINT);
    return c.result();
  }
  if (isReservedRoleName(name)) {
    c.error(
      'ROLE_RESERVED',
      'name',
      `role ${q(name)} is a built-in Elasticsearch role and cannot be created, changed or deleted`,
      `to give someone this access, assign the built-in role ${q(name)} to the user or role mapping as it is; to grant something different, create a new role with a descriptive name, e.g. "${name.replace(/_/g, '-')}-custom-scope" renamed after what it grants`,
    );
    return c.result();
  }
  if ((INTERNAL_ROLE_NAMES as readonly string[]).includes(name)) {
    c.error('ROLE_RESERVED', 'name', `role ${q(name)} belongs to an Elasticsearch internal user and must not be defined`, GENERIC_HINT);
    return c.result();
  }
  if (isGenericRoleName(name)) {
    c.error('ROLE_NAME_GENERIC', 'name', `role name ${q(name)} is generic: it does not say which data or feature it grants, or at what level`, GENERIC_HINT);
    return c.result();
  }
  const mode = options.convention ?? 'warning';
  if (mode !== 'off') {
    if (!ROLE_NAME_CONVENTION.test(name)) {
      const fixed = slugify(name);
      const why = name.startsWith('_')
        ? 'a leading "_" is the mark of Elasticsearch\'s internal roles (_system, _xpack, …)'
        : 'es-authz names roles in lower case with single hyphens between words (^[a-z0-9]+(-[a-z0-9]+)*$)';
      c.add(mode === 'error' ? 'error' : 'warning', 'ROLE_NAME_CONVENTION', 'name', `role name ${q(name)} does not follow the naming convention: ${why}`, fixed ? `use ${q(fixed)}` : GENERIC_HINT);
    } else if (name.length > ROLE_NAME_MAX_CONVENTIONAL_LENGTH) {
      c.add(mode === 'error' ? 'error' : 'warning', 'ROLE_NAME_CONVENTION', 'name', `role name is ${name.length} characters long; keep names at most ${ROLE_NAME_MAX_CONVENTIONAL_LENGTH} characters`, 'drop words that repeat the index patterns, e.g. "logs-metrics-reader"');
    }
  }
  return c.result();
}

/** Elasticsearch's username rule and the reserved and internal users. */
export function validateUsername(username: unknown): ValidationResult {
  const c = new Collector();
  if (typeof username !== 'string') {
    c.error('USERNAME_INVALID', 'username', `the username must be a string, got ${username === null ? 'null' : typeof username}`, 'give a username such as "jdoe"');
    return c.result();
  }
  const problem = esNameProblem(username);
  if (problem) {
    const fixed = username.trim().replace(/[^\x20-\x7e]/g, '').slice(0, ES_NAME_MAX_LENGTH);
    c.error('USERNAME_INVALID', 'username', `username ${q(username.slice(0, 80))} ${problem}; Elasticsearch user ${ES_NAME_RULE}`, fixed ? `use ${q(fixed)}` : 'give a username such as "jdoe"');
    return c.result();
  }
  if (RESERVED_USER_SET.has(username)) {
    c.error(
      'USERNAME_RESERVED',
      'username',
      `username ${q(username)} belongs to a built-in Elasticsearch user and cannot be used for a native user`,
      `choose another name; built-in users (${RESERVED_USERNAMES.join(', ')}) are managed with the change-password API only`,
    );
  } else if (username.startsWith('_')) {
    c.error(
      'USERNAME_RESERVED',
      'username',
      `username ${q(username)} starts with "_", the mark of Elasticsearch's internal users (${INTERNAL_USERNAMES.slice(0, 4).join(', ')}, …)`,
      `use ${q(username.replace(/^_+/, '') || 'user')}`,
    );
  }
  return c.result();
}

// ---------------------------------------------------------------------------------------------
// Descriptions (display names)
// ---------------------------------------------------------------------------------------------

export const DESCRIPTION_MAX_LENGTH = 60;
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'per', 'the', 'to', 'via', 'vs', 'with']);
const ACRONYMS: Record<string, string> = {
  api: 'API',
  apm: 'APM',
  ccr: 'CCR',
  ccs: 'CCS',
  dls: 'DLS',
  fls: 'FLS',
  ilm: 'ILM',
  ml: 'ML',
  siem: 'SIEM',
  slm: 'SLM',
  slo: 'SLO',
  sre: 'SRE',
  ui: 'UI',
  id: 'ID',
  ids: 'IDs',
  it: 'IT',
  hr: 'HR',
  pii: 'PII',
  es: 'ES',
  k8s: 'K8s',
  aws: 'AWS',
  gcp: 'GCP',
  eu: 'EU',
  us: 'US',
};

/** "logs-metrics-dashboard-viewer" → "Logs Metrics Dashboard Viewer" (known acronyms upper-cased). */
export function titleCaseWords(words: readonly string[]): string {
  return words
    .filter(Boolean)
    .map((w) => (Object.hasOwn(ACRONYMS, w.toLowerCase()) ? ACRONYMS[w.toLowerCase()] : undefined) ?? w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join(' ');
}

const SENTENCE_START =
  /^(this|these|the|a|an|it|role|allows?|grants?|gives?|provides?|lets?|enables?|used|can|may|for|users?|members?|read[- ]only access|access)\b/i;

/** Why `text` is not a short Title Case display name, or undefined when it is one. */
export function displayNameProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.trim() === '') return ['it is empty'];
  if (text !== text.trim()) problems.push('it has leading or trailing spaces');
  if (/\s{2,}/.test(text.trim())) problems.push('it has repeated spaces');
  if (text.length > DESCRIPTION_MAX_LENGTH) problems.push(`it is ${text.length} characters long (at most ${DESCRIPTION_MAX_LENGTH})`);
  if (/[.!?;:,]$/.test(text.trim())) problems.push('it ends with punctuation');
  if (/[.!?]\s+\S/.test(text)) problems.push('it has more than one sentence');
  const words = text.trim().split(/\s+/);
  const badWords = words.filter((w, i) => !isTitleWord(w, i === 0));
  if (badWords.length > 0) problems.push(`not every word is capitalised (${badWords.slice(0, 3).map(q).join(', ')})`);
  if (SENTENCE_START.test(text.trim()) && words.length > 3) problems.push('it reads as a sentence');
  return problems;
}

function isTitleWord(word: string, first: boolean): boolean {
  const w = word.replace(/^[("'[]+|[)"'\],.!?;:]+$/g, '');
  if (w === '' || /^[&/+-]+$/.test(w)) return true;
  if (!first && SMALL_WORDS.has(w.toLowerCase()) && w === w.toLowerCase()) return true;
  return w.split('-').every((part) => part === '' || /^[A-Z0-9]/.test(part) || /^[a-z]+[A-Z]/.test(part));
}

/** A display name suggested for a description that is not one: "This role allows reading logs." → "Logs Reader". */
export function suggestDisplayName(description: string, roleName?: string): string | undefined {
  const fromText = displayNameFromSentence(description);
  if (fromText && displayNameProblems(fromText).length === 0) return fromText;
  if (roleName && ROLE_NAME_CONVENTION.test(roleName) && !isGenericRoleName(roleName)) {
    const fromName = titleCaseWords(roleName.split('-'));
    if (fromName.length <= DESCRIPTION_MAX_LENGTH) return fromName;
  }
  const words = description
    .replace(/[.!?;:,]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !SMALL_WORDS.has(w.toLowerCase()) && !/^(this|these|role|allows?|grants?|gives?|provides?|users?|members?)$/i.test(w))
    .slice(0, 5);
  const fallback = titleCaseWords(words.map((w) => w.replace(/[^A-Za-z0-9-]/g, '')).filter(Boolean));
  return fallback && fallback.length <= DESCRIPTION_MAX_LENGTH ? fallback : undefined;
}

const LEVEL_WORDS: [RegExp, string][] = [
  [/^(read(ing)?|read[- ]only( access)?( to)?|read access( to)?|search(ing)?|query(ing)?|see(ing)?)\b/i, 'Reader'],
  [/^(view(ing)?|look(ing)? at|browse|browsing)\b/i, 'Viewer'],
  [/^(writ(e|ing)|index(ing)?|ingest(ing)?|add(ing)?|creat(e|ing)|updat(e|ing)|edit(ing)?|write access( to)?)\b/i, 'Writer'],
  [/^(manag(e|ing)|administ(er|ering|rate|rating)|admin|full access( to)?|full control( of| over)?|maintain(ing)?)\b/i, 'Manager'],
  [/^(monitor(ing)?)\b/i, 'Monitor'],
];

function displayNameFromSentence(text: string): string | undefined {
  let s = text.trim().replace(/[.!?;:,]+$/g, '').trim();
  const leadIns = [
    /^(this|the)\s+role\s+(is\s+)?/i,
    /^(used|meant|intended|needed)\s+(to|for)\s+/i,
    /^(allows?|grants?|gives?|provides?|lets?|enables?)\s+/i,
    /^(users?|members?)\s+(can|may|are allowed to)\s+/i,
    /^(can|may)\s+/i,
    /^(role|access)\s+(for|to)\s+/i,
  ];
  for (let pass = 0; pass < 3; pass++) for (const re of leadIns) s = s.replace(re, '');
  // The level verb may follow a few words naming who ("the SOC view alerts", "users to read logs").
  const words = s.split(/\s+/);
  for (let start = 0; start < Math.min(words.length, 5); start++) {
    const tail = words.slice(start).join(' ');
    for (const [re, suffix] of LEVEL_WORDS) {
      const m = re.exec(tail);
      if (!m) continue;
      const rest = tail
        .slice(m[0].length)
        .replace(/^\s*(access\s+)?(to|on|of|over|in|into|from)?\s*/i, '')
        .replace(/\b(the|all|any|every|of|to|in|on|a|an)\b/gi, ' ')
        .replace(/\b(indices|indexes|index|index patterns?|documents|docs|data streams?)\b/gi, ' ')
        .replace(/[^A-Za-z0-9\s-]/g, ' ')
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 4);
      if (rest.length === 0) return undefined;
      return titleCaseWords([...rest, suffix]);
    }
  }
  return undefined;
}

/** A role description must be a short display name: Title Case words, ≤ 60 characters, no trailing period, not a sentence. */
export function validateDescription(description: unknown, roleName?: string, path = 'description'): ValidationResult {
  const c = new Collector();
  if (description === undefined) return c.result();
  if (typeof description !== 'string') {
    c.error('DESCRIPTION_INVALID', path, `description must be a string, got ${description === null ? 'null' : typeof description}`, 'use a short display name such as "Logs Reader"');
    return c.result();
  }
  const problems = displayNameProblems(description);
  if (problems.length > 0) {
    const suggestion = suggestDisplayName(description, roleName);
    c.error(
      'DESCRIPTION_NOT_DISPLAY_NAME',
      path,
      `description must be a short display name (Title Case words, at most ${DESCRIPTION_MAX_LENGTH} characters, no trailing period, not a sentence) but ${problems.join('; ')}`,
      suggestion ? `use ${q(suggestion)}` : 'use a short Title Case name such as "Logs Reader"',
    );
  }
  return c.result();
}

// ---------------------------------------------------------------------------------------------
// Field patterns (FLS): exact inclusion of "*"/"?" wildcard languages
// ---------------------------------------------------------------------------------------------

type GlobToken = { kind: 'char'; ch: string } | { kind: 'any' } | { kind: 'star' };

/** ES field patterns: "*" any run, "?" one character, "\" escapes the next character. */
function parseGlob(pattern: string): GlobToken[] {
  const out: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && i + 1 < pattern.length) {
      out.push({ kind: 'char', ch: pattern.charAt(i + 1) });
      i++;
    } else if (ch === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (ch === '?') out.push({ kind: 'any' });
    else out.push({ kind: 'char', ch });
  }
  return out;
}

export function isRegexPattern(p: string): boolean {
  return p.length >= 2 && p.startsWith('/') && p.endsWith('/');
}

class Glob {
  readonly tokens: GlobToken[];
  constructor(pattern: string) {
    this.tokens = parseGlob(pattern);
  }
  closure(states: Iterable<number>): Set<number> {
    const out = new Set<number>();
    const stack = [...states];
    while (stack.length) {
      const s = stack.pop() as number;
      if (out.has(s)) continue;
      out.add(s);
      if (this.tokens[s]?.kind === 'star') stack.push(s + 1);
    }
    return out;
  }
  step(states: ReadonlySet<number>, ch: string | null): Set<number> {
    const next: number[] = [];
    for (const s of states) {
      const t = this.tokens[s];
      if (!t) continue;
      if (t.kind === 'star') next.push(s);
      else if (t.kind === 'any') next.push(s + 1);
      else if (ch !== null && t.ch === ch) next.push(s + 1);
    }
    return this.closure(next);
  }
  accepts(states: ReadonlySet<number>): boolean {
    return states.has(this.tokens.length);
  }
  literalChars(): string[] {
    return this.tokens.flatMap((t) => (t.kind === 'char' ? [t.ch] : []));
  }
}

/**
 * When the wildcard pattern `sub` matches a field name that none of `sup` matches, returns such a name
 * (a witness); returns undefined when every name `sub` matches is matched by some pattern in `sup`.
 * Exact for "*"/"?" patterns (a product of the patterns' automata over the letters they mention plus
 * one stand-in for every other character).
 */
export function globNotCoveredWitness(sub: string, sup: readonly string[]): string | undefined {
  const a = new Glob(sub);
  const bs = sup.map((p) => new Glob(p));
  const letters = new Set<string>([...a.literalChars(), ...bs.flatMap((b) => b.literalChars())]);
  const other = [...'xqzjkv0123456789~'].find((ch) => !letters.has(ch)) ?? '\u00a7';
  const alphabet: (string | null)[] = [...letters, null];
  type Node = { a: Set<number>; b: Set<number>[]; word: string };
  const key = (n: Node) => `${[...n.a].sort().join(',')}|${n.b.map((s) => [...s].sort().join(',')).join('|')}`;
  const start: Node = { a: a.closure([0]), b: bs.map((g) => g.closure([0])), word: '' };
  const seen = new Set([key(start)]);
  const queue = [start];
  while (queue.length) {
    // Realistic field patterns explore a few hundred states; stop (as "covered") on pathological input.
    if (seen.size > 100_000) return undefined;
    const n = queue.shift() as Node;
    if (a.accepts(n.a) && !bs.some((g, i) => g.accepts(n.b[i] as Set<number>))) return n.word;
    for (const ch of alphabet) {
      const na = a.step(n.a, ch);
      if (na.size === 0) continue;
      const next: Node = { a: na, b: bs.map((g, i) => g.step(n.b[i] as Set<number>, ch)), word: n.word + (ch ?? other) };
      const k = key(next);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(next);
      }
    }
  }
  return undefined;
}

export interface FieldSecurityInput {
  grant?: readonly string[];
  except?: readonly string[];
}

/** FLS rules: except ⊆ grant with Elasticsearch's semantics, plus warnings for grants that restrict nothing. */
export function validateFieldSecurity(fs: FieldSecurityInput, basePath: Path = ['field_security']): ValidationResult {
  const c = new Collector();
  const grant = fs.grant;
  const except = fs.except ?? [];
  if (grant === undefined) {
    if (except.length > 0) {
      c.error('FLS_GRANT_REQUIRED', [...basePath, 'grant'], 'grant is required when except is given', 'use {"grant": ["*"], "except": [...]} to hide only the except fields');
    }
    return c.result();
  }
  if (grant.length === 0 && except.length > 0) {
    c.error(
      'FLS_GRANT_EMPTY',
      [...basePath, 'grant'],
      'grant is empty but except is not: nothing is granted, so nothing can be excepted',
      'list the fields the role may read in grant, e.g. ["*"] to allow all but the except fields',
    );
    return c.result();
  }
  if (grant.length === 0) {
    c.warn('FLS_GRANT_EMPTY', [...basePath, 'grant'], 'grant is empty: role members will see documents without any source fields (only metadata such as _id)', 'list the fields the role may read, e.g. ["message", "@timestamp"]');
    return c.result();
  }
  const grantAll = grant.includes('*');
  if (grantAll && except.length === 0) {
    c.warn('FLS_NO_RESTRICTION', basePath, 'field_security grants "*" with no except: it restricts no field', 'remove field_security, or list the fields to hide in except, e.g. {"grant": ["*"], "except": ["ssn"]}');
  }
  const regexGrant = grant.filter(isRegexPattern);
  const regexExcept = except.filter(isRegexPattern);
  for (const p of [...regexGrant, ...regexExcept]) {
    c.warn('FLS_PATTERN_UNCHECKED', basePath, `field pattern ${q(p)} is a regular expression; es-authz cannot check it against the other patterns, Elasticsearch will when the role is saved`, 'prefer "*" wildcards, e.g. "customer.*"');
  }
  if (grantAll || regexGrant.length > 0) {
    // "*" grants every field (nothing to check); a regex grant cannot be checked here.
  } else {
    // Elasticsearch adds "_*" (metadata fields) to the granted set when grant is not "*".
    const granted = [...grant, '_*'];
    except.forEach((e, i) => {
      if (isRegexPattern(e)) return;
      const witness = globNotCoveredWitness(e, granted);
      if (witness !== undefined) {
        c.error(
          'FLS_EXCEPT_NOT_IN_GRANT',
          [...basePath, 'except', i],
          `except entry ${q(e)} is not covered by grant [${grant.map(q).join(', ')}] (e.g. field ${q(witness)} would be excepted but is never granted); Elasticsearch rejects this: "Exceptions for field permissions must be a subset of the granted fields"`,
          `remove ${q(e)} from except, narrow it to fields grant covers, or add a grant pattern that covers it (e.g. "${e}" or "*")`,
        );
      }
    });
  }
  if (except.length > 0 && !grantAll && regexGrant.length === 0 && regexExcept.length === 0) {
    const everythingHidden = grant.every((g) => globNotCoveredWitness(g, except) === undefined);
    if (everythingHidden) {
      c.warn('FLS_NOTHING_VISIBLE', basePath, 'every granted field is also excepted: role members will see no source fields', 'remove from except the fields the role should read');
    }
  }
  return c.result();
}

// ---------------------------------------------------------------------------------------------
// Mustache
// ---------------------------------------------------------------------------------------------

export interface MustacheTag {
  type: 'var' | 'raw' | 'section' | 'inverted' | 'close' | 'comment' | 'partial' | 'delimiter';
  /** The tag's name (first word of its content), e.g. "_user.username" or "toJson". */
  name: string;
  offset: number;
}

export interface MustacheParse {
  tags: MustacheTag[];
  errors: { offset: number; message: string }[];
  /** Variable paths used, including the bodies of {{#toJson}}…{{/toJson}} / {{#join}} / {{#url}}. */
  variables: { name: string; offset: number; inSection: boolean }[];
}

/** Elasticsearch's Mustache functions (lang-mustache CustomMustacheFactory). */
export const MUSTACHE_FUNCTIONS = ['toJson', 'join', 'url'] as const;

/** Scans Mustache tags: unclosed tags, unbalanced or mismatched sections, partials, empty tags. */
export function parseMustache(source: string): MustacheParse {
  const tags: MustacheTag[] = [];
  const errors: MustacheParse['errors'] = [];
  const variables: MustacheParse['variables'] = [];
  const stack: { name: string; offset: number; contentStart: number; fn: boolean }[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) break;
    const triple = source.startsWith('{{{', open);
    const closeToken = triple ? '}}}' : '}}';
    const close = source.indexOf(closeToken, open + (triple ? 3 : 2));
    if (close < 0) {
      errors.push({ offset: open, message: `tag opened at offset ${open} is never closed: add "${closeToken}"` });
      break;
    }
    const inner = source.slice(open + (triple ? 3 : 2), close).trim();
    const end = close + closeToken.length;
    i = end;
    if (inner === '') {
      errors.push({ offset: open, message: `empty tag "{{}}" at offset ${open}: put a variable name inside, e.g. {{_user.username}}` });
      continue;
    }
    const sigil = triple ? '{' : inner.charAt(0);
    const body = triple ? inner : '#^/!>&={'.includes(sigil) ? inner.slice(1).trim() : inner;
    const name = (body.split(/\s+/)[0] ?? '').trim();
    const inSection = stack.some((s) => !s.fn);
    switch (sigil) {
      case '!':
        tags.push({ type: 'comment', name: '', offset: open });
        break;
      case '=':
        tags.push({ type: 'delimiter', name: body, offset: open });
        errors.push({ offset: open, message: `delimiter change "{{${inner}}}" at offset ${open} is not supported here: keep the default {{ }} delimiters` });
        return { tags, errors, variables };
      case '>':
        tags.push({ type: 'partial', name, offset: open });
        errors.push({ offset: open, message: `partial "{{> ${name}}}" at offset ${open}: Elasticsearch templates cannot include partials; inline the text instead` });
        break;
      case '#':
      case '^': {
        if (name === '') {
          errors.push({ offset: open, message: `section tag at offset ${open} has no name: write {{#name}}…{{/name}}` });
          break;
        }
        tags.push({ type: sigil === '#' ? 'section' : 'inverted', name, offset: open });
        const fn = sigil === '#' && (MUSTACHE_FUNCTIONS as readonly string[]).includes(name);
        if (!fn) variables.push({ name, offset: open, inSection });
        stack.push({ name, offset: open, contentStart: end, fn });
        break;
      }
      case '/': {
        tags.push({ type: 'close', name, offset: open });
        const top = stack[stack.length - 1];
        if (!top) {
          errors.push({ offset: open, message: `closing tag {{/${name}}} at offset ${open} has no opening {{#${name}}}: remove it or add the opening tag` });
        } else if (top.name !== name) {
          errors.push({
            offset: open,
            message: `closing tag {{/${name}}} at offset ${open} does not match the open section {{#${top.name}}} (offset ${top.offset}): close {{#${top.name}}} with {{/${top.name}}} first`,
          });
          const idx = stack.map((s) => s.name).lastIndexOf(name);
          if (idx >= 0) stack.splice(idx);
        } else {
          stack.pop();
          if (top.fn) {
            const content = source.slice(top.contentStart, open).trim();
            if (/^[A-Za-z0-9_.]+$/.test(content)) variables.push({ name: content, offset: top.contentStart, inSection: stack.some((s) => !s.fn) });
          }
        }
        break;
      }
      case '&':
      case '{':
        tags.push({ type: 'raw', name, offset: open });
        variables.push({ name, offset: open, inSection });
        break;
      default:
        tags.push({ type: 'var', name, offset: open });
        variables.push({ name, offset: open, inSection });
    }
  }
  for (const open of stack.reverse()) {
    errors.push({ offset: open.offset, message: `section {{#${open.name}}} opened at offset ${open.offset} is never closed: add {{/${open.name}}}` });
  }
  return { tags, errors, variables };
}

/** The `_user` model Elasticsearch passes to DLS templates (SecurityQueryTemplateEvaluator, 9.5.3). */
export const DLS_USER_FIELDS = ['username', 'full_name', 'email', 'roles', 'metadata'] as const;

function checkDlsVariables(parse: MustacheParse, params: Record<string, unknown> | undefined, path: Path, c: Collector): void {
  for (const v of parse.variables) {
    const name = v.name;
    if (name === '.' || name === '_user') continue;
    if (name.startsWith('_user.')) {
      const rest = name.slice('_user.'.length);
      const head = rest.split('.')[0] ?? '';
      if (head === 'metadata' || ((DLS_USER_FIELDS as readonly string[]).includes(head) && !rest.includes('.'))) continue;
      if (head === 'realm') {
        c.warn(
          'MUSTACHE_USER_FIELD_UNAVAILABLE',
          path,
          `{{${name}}}: Elasticsearch does not pass the realm to DLS templates (_user has only ${DLS_USER_FIELDS.join(', ')}), so it renders empty`,
          'match on _user.username, _user.roles or a _user.metadata.<key> value instead',
        );
        continue;
      }
      const hint = closest(head, DLS_USER_FIELDS);
      c.warn(
        'MUSTACHE_UNKNOWN_VARIABLE',
        path,
        `{{${name}}} is not a field of _user and renders empty; DLS templates know _user.username, _user.full_name, _user.email, _user.roles and _user.metadata.<key>`,
        hint ? `did you mean {{_user.${hint}}}?` : 'use one of the _user fields listed',
      );
      continue;
    }
    if (v.inSection) continue;
    const root = name.split('.')[0] ?? name;
    if (params && Object.hasOwn(params, root)) continue;
    c.warn(
      'MUSTACHE_UNKNOWN_VARIABLE',
      path,
      `{{${name}}} is neither a template param nor a _user field, so it renders empty`,
      `add ${q(root)} to template.params, or use a _user field such as {{_user.username}}`,
    );
  }
}

/** Replaces every tag with a placeholder so the result can be parsed as JSON (sections keep their body once). */
function fillTemplate(source: string): string {
  return source
    .replace(/\{\{\{[\s\S]*?\}\}\}/g, '0')
    .replace(/\{\{\s*#\s*(toJson|join|url)\b[^}]*\}\}[\s\S]*?\{\{\s*\/\s*\1\b[^}]*\}\}/g, '0')
    .replace(/\{\{\s*[#^/!][^}]*\}\}/g, '')
    .replace(/\{\{[^}]*\}\}/g, '0');
}

// ---------------------------------------------------------------------------------------------
// DLS queries
// ---------------------------------------------------------------------------------------------

/** Query types of Elasticsearch 9.x (core, x-pack and bundled modules), for "unknown query type" hints. */
export const KNOWN_QUERY_TYPES = [
  'bool', 'boosting', 'combined_fields', 'constant_score', 'dis_max', 'distance_feature', 'exists', 'function_score',
  'fuzzy', 'geo_bounding_box', 'geo_distance', 'geo_grid', 'geo_polygon', 'geo_shape', 'has_child', 'has_parent', 'ids',
  'intervals', 'knn', 'match', 'match_all', 'match_bool_prefix', 'match_none', 'match_phrase', 'match_phrase_prefix',
  'more_like_this', 'multi_match', 'nested', 'parent_id', 'percolate', 'pinned', 'prefix', 'query_string', 'range',
  'rank_feature', 'regexp', 'rule', 'script', 'script_score', 'semantic', 'shape', 'simple_query_string', 'span_containing',
  'span_field_masking', 'field_masking_span', 'span_first', 'span_multi', 'span_near', 'span_not', 'span_or', 'span_term',
  'span_within', 'sparse_vector', 'term', 'terms', 'terms_set', 'text_expansion', 'weighted_tokens', 'wildcard', 'wrapper',
] as const;

const KNOWN_QUERY_SET: ReadonlySet<string> = new Set(KNOWN_QUERY_TYPES);

function checkQueryObject(query: unknown, path: Path, severity: 'error' | 'warning', c: Collector): void {
  if (!isPlainObject(query)) {
    c.add(severity, 'DLS_INVALID_QUERY', path, 'a query must be a JSON object with one query type, e.g. {"term": {"owner": "alice"}}', 'wrap the condition in an object keyed by its query type');
    return;
  }
  const keys = Object.keys(query);
  if (keys.length !== 1) {
    c.add(
      severity,
      'DLS_INVALID_QUERY',
      path,
      keys.length === 0
        ? 'the query object is empty: it must hold exactly one query type, e.g. {"term": {"owner": "alice"}}'
        : `the query must hold exactly one query type at the top level but has ${keys.length} (${keys.join(', ')}); Elasticsearch rejects it`,
      keys.length === 0 ? 'add a query such as {"match_all": {}} or remove query' : `combine them: {"bool": {"filter": [${keys.map((k) => `{"${k}": …}`).join(', ')}]}}`,
    );
    return;
  }
  const type = keys[0] as string;
  const body = query[type];
  const at = [...path, type];
  if (!isPlainObject(body)) {
    c.add(severity, 'DLS_INVALID_QUERY', at, `the body of the ${q(type)} query must be an object, e.g. {"${type}": {...}}`, `put the ${type} parameters in an object`);
    return;
  }
  if (!KNOWN_QUERY_SET.has(type)) {
    const hint = closest(type, KNOWN_QUERY_TYPES);
    c.warn('DLS_UNKNOWN_QUERY_TYPE', at, `${q(type)} is not a known Elasticsearch query type; Elasticsearch rejects unknown types when the role is saved`, hint ? `did you mean ${q(hint)}?` : 'use a query type such as term, terms, match or bool');
    return;
  }
  const unsupported = (what: string, fix: string) =>
    c.add(severity, 'DLS_UNSUPPORTED_QUERY', at, `${what} is not supported in a role query (Elasticsearch DLSRoleQueryValidator refuses it)`, fix);
  switch (type) {
    case 'terms': {
      for (const [field, value] of Object.entries(body)) {
        if (isPlainObject(value)) {
          unsupported(`a terms lookup (terms.${field} with index/id/path)`, `list the values inline, e.g. {"terms": {"${field}": ["a", "b"]}}, or use a template with _user fields`);
        }
      }
      return;
    }
    case 'geo_shape': {
      for (const value of Object.values(body)) {
        if (isPlainObject(value) && 'indexed_shape' in value) unsupported('geo_shape with an indexed_shape', 'inline the shape under "shape"');
      }
      return;
    }
    case 'percolate':
    case 'has_child':
    case 'has_parent':
      unsupported(`the ${type} query`, 'express the condition with fields of the document itself (term, terms, range, bool …)');
      return;
    case 'bool':
      for (const clause of ['filter', 'must', 'must_not', 'should']) {
        const v = body[clause];
        if (Array.isArray(v)) v.forEach((sub, i) => checkQueryObject(sub, [...at, clause, i], severity, c));
        else if (v !== undefined) checkQueryObject(v, [...at, clause], severity, c);
      }
      return;
    case 'constant_score':
      if (body['filter'] !== undefined) checkQueryObject(body['filter'], [...at, 'filter'], severity, c);
      return;
    case 'function_score':
      if (body['query'] !== undefined) checkQueryObject(body['query'], [...at, 'query'], severity, c);
      return;
    case 'boosting':
      for (const k of ['positive', 'negative']) if (body[k] !== undefined) checkQueryObject(body[k], [...at, k], severity, c);
      return;
    default:
      return;
  }
}

function walkStrings(value: unknown, path: Path, visit: (s: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('{{')) visit(k, [...path, k]);
      walkStrings(v, [...path, k], visit);
    }
  }
}

function reportMustache(source: string, path: Path, params: Record<string, unknown> | undefined, c: Collector): boolean {
  const parse = parseMustache(source);
  for (const e of parse.errors) c.error('MUSTACHE_SYNTAX', path, e.message, 'fix the tag; sections are written {{#name}}…{{/name}} or {{^name}}…{{/name}}, variables {{name}}');
  checkDlsVariables(parse, params, path, c);
  return parse.errors.length === 0;
}

function checkDlsTemplate(template: unknown, path: Path, c: Collector): void {
  const parsed = explain(DlsTemplateScriptSchema, template);
  if (!parsed.ok) {
    for (const i of parsed.issues) c.error(i.code ?? 'DLS_TEMPLATE_INVALID', [...path, ...i.path], i.message, 'a template is {"source": {...} or "...", "params": {...}} or {"id": "stored-script-id"}');
    return;
  }
  const t = parsed.value;
  if (t.params && '_user' in t.params) {
    c.warn('DLS_TEMPLATE_PARAM_SHADOWED', [...path, 'params', '_user'], 'params._user is replaced by Elasticsearch with the current user before rendering, so this value is never used', 'rename the param, or read the user from {{_user.*}}');
  }
  if (t.id !== undefined) {
    c.warn('DLS_TEMPLATE_UNCHECKED', [...path, 'id'], `the query is the stored script ${q(t.id)}; es-authz cannot check its Mustache or query`, 'inline the template as source so it can be validated, or test the role with has_privileges and a search as a member');
    return;
  }
  const source = t.source;
  if (typeof source === 'string') {
    if (!reportMustache(source, [...path, 'source'], t.params, c)) return;
    let rendered: unknown;
    try {
      rendered = JSON.parse(fillTemplate(source));
    } catch {
      c.warn('DLS_TEMPLATE_NOT_JSON', [...path, 'source'], 'with every {{tag}} filled by a placeholder the template source is not valid JSON, so the rendered query will probably fail', 'check quotes and commas around the tags, e.g. {"term": {"owner": "{{_user.username}}"}}');
      return;
    }
    checkQueryObject(rendered, [...path, 'source'], 'warning', c);
    return;
  }
  if (isPlainObject(source)) {
    let ok = true;
    walkStrings(source, [...path, 'source'], (s, p) => {
      if (s.includes('{{') || s.includes('}}')) ok = reportMustache(s, p, t.params, c) && ok;
    });
    if (ok) checkQueryObject(source, [...path, 'source'], 'error', c);
  }
}

/** DLS rules for one `query` value (string, query object or template) at `path`. */
export function validateDlsQuery(query: DlsQuery | unknown, path: Path = ['query']): ValidationResult {
  const c = new Collector();
  let value: unknown = query;
  if (typeof query === 'string') {
    if (query.trim() === '') {
      c.error('DLS_INVALID_QUERY', path, 'the query is an empty string', 'give a query such as "{\\"term\\": {\\"owner\\": \\"alice\\"}}", or remove query');
      return c.result();
    }
    try {
      value = JSON.parse(query);
    } catch (e) {
      const where = e instanceof Error ? (/position \d+/.exec(e.message)?.[0] ?? '') : '';
      c.error('DLS_INVALID_QUERY', path, `the query string is not valid JSON${where ? ` (${where})` : ''}`, 'give one JSON object, e.g. "{\\"term\\": {\\"owner\\": \\"alice\\"}}"');
      return c.result();
    }
    if (!isPlainObject(value)) {
      c.error('DLS_INVALID_QUERY', path, 'the query string must hold one JSON object, e.g. {"term": {"owner": "alice"}}', 'wrap the condition in a query object');
      return c.result();
    }
  }
  if (isPlainObject(value) && 'template' in value) {
    if (Object.keys(value).length !== 1) {
      c.error('DLS_TEMPLATE_INVALID', path, 'a templated query must be exactly {"template": {...}} with no other keys', 'move the query into template.source');
      return c.result();
    }
    checkDlsTemplate(value['template'], [...path, 'template'], c);
    return c.result();
  }
  checkQueryObject(value, path, 'error', c);
  return c.result();
}

// ---------------------------------------------------------------------------------------------
// Applications (ApplicationPrivilege.validateApplicationName)
// ---------------------------------------------------------------------------------------------

const APP_PREFIX = /^[a-z][A-Za-z0-9]*$/;
const INVALID_FILENAME_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ','];

/** Why Elasticsearch would refuse `application` in a role (wildcards allowed), or undefined. */
export function applicationNameProblem(application: string): string | undefined {
  if (application === '*') return undefined;
  const star = application.indexOf('*');
  if (star >= 0 && star !== application.length - 1) return 'application name patterns only support a trailing "*"';
  if (/\s/.test(application)) return 'application names may not contain whitespace';
  const [rawPrefix = '', suffix] = splitOnce(application, /[_-]/);
  const prefix = rawPrefix.endsWith('*') ? rawPrefix.slice(0, -1) : rawPrefix;
  if (!APP_PREFIX.test(prefix)) return `the part before the first "-" or "_" (${q(prefix)}) must start with a lower-case letter and contain only letters and digits`;
  if (prefix.length < 3 && star < 0) return `the part before the first "-" or "_" (${q(prefix)}) must be at least 3 characters long`;
  if (suffix !== undefined) {
    const s = suffix.endsWith('*') ? suffix.slice(0, -1) : suffix;
    const bad = INVALID_FILENAME_CHARS.find((ch) => s.includes(ch));
    if (bad) return `the part after the first "-" or "_" may not contain ${q(bad)} (nor any of \\ / * ? " < > | , or space)`;
  }
  return undefined;
}

function splitOnce(s: string, re: RegExp): [string, string | undefined] {
  const m = re.exec(s);
  return m ? [s.slice(0, m.index), s.slice(m.index + 1)] : [s, undefined];
}

// ---------------------------------------------------------------------------------------------
// Least-privilege lint
// ---------------------------------------------------------------------------------------------

const WRITE_LIKE_INDEX_PRIVILEGES: ReadonlySet<string> = new Set([
  'all',
  'manage',
  'write',
  'index',
  'create',
  'create_doc',
  'delete',
  'delete_index',
  'create_index',
  'auto_configure',
  'manage_ilm',
  'manage_data_stream_lifecycle',
  'manage_failure_store',
  'manage_follow_index',
  'manage_leader_index',
]);

/** `*`, `*-*`, `*logs`, `?*`, a /.*…/ regex: patterns that match most or all indices. */
export function isBroadIndexPattern(p: string): boolean {
  const s = p.trim();
  if (s.startsWith('*') || s.startsWith('?')) return true;
  if (/^[*?\-_.]+$/.test(s)) return true;
  if (isRegexPattern(s) && /^\/\.[*+]/.test(s)) return true;
  return false;
}

/** Patterns that reach system or hidden dot-indices broadly: `.*`, `.k*`, `.security*`, `*`. */
export function touchesSystemIndices(p: string): boolean {
  const s = p.trim();
  if (s === '*' || /^[*?]+$/.test(s)) return true;
  if (s.startsWith('.') && /[*?]/.test(s)) return true;
  if (/^\.(security|kibana|fleet|tasks|async-search|apm-agent-configuration|ml-config|watches|triggered_watches|transform-internal)/.test(s)) return true;
  if (isRegexPattern(s) && /^\/(\\\.|\.[*+])/.test(s)) return true;
  return false;
}

function namesOf(names: string | readonly string[]): string[] {
  return typeof names === 'string' ? [names] : [...names];
}

interface IndexEntry {
  names: string | string[];
  privileges: string[];
  field_security?: { grant?: string[]; except?: string[] };
  query?: unknown;
  allow_restricted_indices?: boolean;
}

function checkIndexEntry(entry: IndexEntry, path: Path, c: Collector): void {
  const names = namesOf(entry.names);
  const namesPath = (i: number): Path => (typeof entry.names === 'string' ? [...path, 'names'] : [...path, 'names', i]);
  names.forEach((n, i) => {
    const r = validateIndexPattern(n, { allowRestrictedIndices: entry.allow_restricted_indices === true });
    if (!r.ok) c.error('INDEX_PATTERN_INVALID', namesPath(i), r.message, 'fix the pattern: lower-case index, alias or data stream names with * wildcards, or a /regex/');
    else for (const w of r.warnings ?? []) c.warn('INDEX_PATTERN_WARNING', namesPath(i), w, 'correct the pattern so it matches the indices you mean');
  });
  const pr = validatePrivilegeNames('index', entry.privileges);
  if (!pr.ok) {
    for (const e of pr.errors) {
      const idx = entry.privileges.indexOf(e.name);
      c.error('PRIVILEGE_UNKNOWN', [...path, 'privileges', Math.max(idx, 0)], e.message, e.suggestions.length ? `use ${e.suggestions.slice(0, 3).map(q).join(' or ')}` : undefined);
    }
  }
  if (entry.field_security) c.merge(validateFieldSecurity(entry.field_security, [...path, 'field_security']));
  if (entry.query !== undefined) c.merge(validateDlsQuery(entry.query, [...path, 'query']));

  const privs = new Set(entry.privileges);
  if (privs.has('all')) {
    c.warn('LINT_INDEX_ALL', [...path, 'privileges'], 'index privilege "all" grants every index action, including deleting indices and changing their settings and mappings', 'grant only what is needed: "read" (+ "view_index_metadata") to read, "write" or "create_doc" to add data');
  }
  if (privs.has('manage')) {
    c.warn('LINT_INDEX_MANAGE', [...path, 'privileges'], 'index privilege "manage" allows changing settings, mappings, aliases and deleting data streams (and closing, forcemerging…)', 'use narrower privileges such as "view_index_metadata", "manage_ilm" or "manage_data_stream_lifecycle"');
  }
  const writeLike = entry.privileges.filter((p) => WRITE_LIKE_INDEX_PRIVILEGES.has(p));
  names.forEach((n, i) => {
    const broad = isBroadIndexPattern(n);
    if (broad) {
      c.warn('LINT_BROAD_INDEX_PATTERN', namesPath(i), `index pattern ${q(n)} matches (almost) every index`, 'name the indices or data streams, e.g. "logs-myapp-*"');
      if (writeLike.length > 0) {
        c.warn('LINT_BROAD_WRITE', namesPath(i), `write-level privileges (${writeLike.join(', ')}) on the broad pattern ${q(n)} let members change or delete data in indices they were never meant to touch`, 'limit write privileges to the specific indices or data streams that need them');
      }
    }
    if (touchesSystemIndices(n)) {
      c.warn('LINT_SYSTEM_INDEX_PATTERN', namesPath(i), `index pattern ${q(n)} reaches system or hidden indices (names starting with ".")`, 'leave system indices to the built-in roles; name the data indices explicitly');
    }
  });
  if (entry.allow_restricted_indices === true) {
    c.warn(
      'LINT_RESTRICTED_INDICES',
      [...path, 'allow_restricted_indices'],
      'allow_restricted_indices: true lets the patterns reach restricted system indices such as .security, which can leak credentials or break the cluster',
      'remove allow_restricted_indices unless this role is for a system integration that Elastic documents as needing it',
    );
  }
}

const CLUSTER_LINTS: Record<string, [code: string, message: string, suggestion: string]> = {
  all: [
    'LINT_CLUSTER_ALL',
    'cluster privilege "all" grants every cluster action, including security management: it is nearly superuser',
    'grant the specific privileges needed, e.g. "monitor", "manage_ilm", "manage_index_templates"',
  ],
  manage: [
    'LINT_CLUSTER_MANAGE',
    'cluster privilege "manage" allows every cluster-level change except security (settings, snapshots, templates, pipelines, shutting nodes…)',
    'grant the specific manage_* privileges needed, e.g. "manage_ilm" or "manage_index_templates"',
  ],
  manage_security: [
    'LINT_CLUSTER_MANAGE_SECURITY',
    'cluster privilege "manage_security" lets members create users and roles, including superusers: it is equivalent to superuser',
    'keep manage_security for security administrators; for read-only auditing use "read_security"',
  ],
  manage_api_key: [
    'LINT_CLUSTER_MANAGE_API_KEY',
    'cluster privilege "manage_api_key" lets members create, read and invalidate every user\'s API keys',
    'use "manage_own_api_key" so members can manage only their own keys',
  ],
};

export type RoleValidationOptions = RoleNameOptions;

/**
 * Validates a role before it is written: Elasticsearch's own rules (errors), es-authz's conventions
 * (errors for generic names and non-display-name descriptions, warnings for other naming), and
 * least-privilege lint (warnings). `descriptor` is parsed with RoleDescriptorSchema first; structural
 * problems are reported as errors and stop the deeper checks.
 */
export function validateRole(name: unknown, descriptor: unknown, options: RoleValidationOptions = {}): ValidationResult {
  const c = new Collector();
  c.merge(validateRoleName(name, options));
  const parsed = explain(RoleDescriptorSchema, descriptor);
  if (!parsed.ok) {
    c.errors.push(...schemaIssues(parsed.issues, 'ROLE_SCHEMA_INVALID'));
    return c.result();
  }
  checkRoleDescriptor(parsed.value, typeof name === 'string' ? name : undefined, c);
  return c.result();
}

function checkRoleDescriptor(role: RoleDescriptor, name: string | undefined, c: Collector): void {
  if (role.description !== undefined) c.merge(validateDescription(role.description, name));

  const cluster = role.cluster ?? [];
  const cr = validatePrivilegeNames('cluster', cluster);
  if (!cr.ok) {
    for (const e of cr.errors) {
      const idx = cluster.indexOf(e.name);
      c.error('PRIVILEGE_UNKNOWN', ['cluster', Math.max(idx, 0)], e.message, e.suggestions.length ? `use ${e.suggestions.slice(0, 3).map(q).join(' or ')}` : undefined);
    }
  }
  cluster.forEach((p, i) => {
    const lint = Object.hasOwn(CLUSTER_LINTS, p) ? CLUSTER_LINTS[p] : undefined;
    if (lint) c.warn(lint[0], ['cluster', i], lint[1], lint[2]);
  });

  (role.indices ?? []).forEach((entry, i) => checkIndexEntry(entry, ['indices', i], c));
  (role.remote_indices ?? []).forEach((entry, i) => {
    checkIndexEntry(entry, ['remote_indices', i], c);
    entry.clusters.forEach((cl, j) => {
      if (cl === '*') c.warn('LINT_BROAD_REMOTE_CLUSTERS', ['remote_indices', i, 'clusters', j], 'clusters "*" applies these index privileges on every remote cluster', 'name the remote cluster aliases that need this access');
    });
  });

  (role.applications ?? []).forEach((app, i) => {
    const problem = applicationNameProblem(app.application);
    if (problem) c.error('APPLICATION_NAME_INVALID', ['applications', i, 'application'], `application name ${q(app.application)}: ${problem}`, 'use a name such as "myapp" or "myapp-admin"');
    app.privileges.forEach((p, j) => {
      if (!/^[\x21-\x7e]+$/.test(p)) c.error('APPLICATION_PRIVILEGE_INVALID', ['applications', i, 'privileges', j], `application privilege ${q(p)} must be printable characters without spaces`, 'use names such as "read" or actions such as "action:login"');
    });
    if (app.application.startsWith('kibana-')) {
      c.warn('LINT_KIBANA_APPLICATION', ['applications', i, 'application'], `raw Kibana application privileges (${q(app.application)}) bypass Kibana's validation of spaces and features`, 'write Kibana access through the Kibana role API (kibana: [{spaces, base | feature}])');
    }
    if ((app.application === '*' || app.privileges.includes('*')) && app.resources.includes('*')) {
      c.warn('LINT_APPLICATION_ALL', ['applications', i], 'this entry grants every privilege on every resource of the application(s)', 'list the application privileges and resources the role needs');
    }
  });

  (role.run_as ?? []).forEach((user, i) => {
    if (user === '*' || /^[*?]+$/.test(user)) {
      c.warn('LINT_RUN_AS_ALL', ['run_as', i], 'run_as "*" lets members act as any user, including superusers: it is equivalent to superuser', 'list the specific service users members may impersonate');
    } else if (/[*?]/.test(user) || isRegexPattern(user)) {
      c.warn('LINT_RUN_AS_WILDCARD', ['run_as', i], `run_as pattern ${q(user)} lets members impersonate every matching user, including ones created later`, 'list the users by name');
    } else if (RESERVED_USER_SET.has(user)) {
      c.warn('LINT_RUN_AS_RESERVED', ['run_as', i], `run_as ${q(user)} lets members act as a built-in user${user === 'elastic' ? ' with superuser access' : ''}`, 'impersonate a dedicated user with only the needed roles');
    }
  });

  const grantsNothing =
    cluster.length === 0 &&
    (role.indices ?? []).length === 0 &&
    (role.remote_indices ?? []).length === 0 &&
    (role.remote_cluster ?? []).length === 0 &&
    (role.applications ?? []).length === 0 &&
    (role.run_as ?? []).length === 0;
  if (grantsNothing) {
    c.warn('ROLE_EMPTY', '(root)', 'the role grants nothing: it has no cluster, indices, remote_indices, remote_cluster, applications or run_as entries', 'add the privileges the role is meant to grant');
  }

  const superuserLike =
    cluster.includes('all') &&
    (role.indices ?? []).some((e) => namesOf(e.names).includes('*') && e.privileges.includes('all'));
  if (superuserLike) {
    c.warn('LINT_SUPERUSER_EQUIVALENT', '(root)', 'cluster "all" together with index "all" on "*" is effectively superuser', 'if superuser is really intended, assign the built-in superuser role and record why; otherwise narrow both');
  }
}

// ---------------------------------------------------------------------------------------------
// Users, role mappings, Kibana roles
// ---------------------------------------------------------------------------------------------

function superuserLint(roles: readonly string[], path: Path, c: Collector): void {
  roles.forEach((r, i) => {
    if (r === 'superuser') {
      c.warn('LINT_SUPERUSER_ASSIGNMENT', [...path, i], 'assigning "superuser" grants full control of the cluster and all its data, including security', 'assign a role that grants only the needed access, e.g. "viewer" or a custom "<data>-reader" role');
    }
  });
}

/** A native user before it is written: schema, username rules, password strength (never echoed), superuser lint. */
export function validateUser(user: unknown): ValidationResult {
  const c = new Collector();
  const parsed = explain(NativeUserSchema, user);
  if (!parsed.ok) {
    c.errors.push(...schemaIssues(parsed.issues, 'USER_SCHEMA_INVALID'));
    return c.result();
  }
  const u: NativeUser = parsed.value;
  c.merge(validateUsername(u.username));
  u.roles.forEach((r, i) => {
    if ((INTERNAL_ROLE_NAMES as readonly string[]).includes(r)) {
      c.error('ROLE_RESERVED', ['roles', i], `role ${q(r)} belongs to an Elasticsearch internal user and cannot be assigned`, 'assign a built-in or custom role instead');
    }
  });
  superuserLint(u.roles, ['roles'], c);
  if (u.password !== undefined && (u.password.length < PASSWORD_MIN_LENGTH || !hasEveryClass(u.password))) {
    c.warn(
      'PASSWORD_WEAK',
      'password',
      `the password is accepted by Elasticsearch (at least 6 characters) but is weaker than es-authz's standard: at least ${PASSWORD_MIN_LENGTH} characters with upper- and lower-case letters, a digit and a symbol`,
      'let es-authz generate one (generatePassword()) and hand it over through a secure channel',
    );
  }
  if (typeof u.email === 'string' && u.email !== '' && !/^[^\s@]+@[^\s@]+$/.test(u.email)) {
    c.warn('USER_EMAIL_SUSPICIOUS', 'email', 'email does not look like an address (name@domain)', 'correct it or leave it out');
  }
  return c.result();
}

const ROLE_MAPPING_READ_ONLY_SUFFIX = '-read-only-operator-mapping';
const MAPPING_TEMPLATE_FIELDS = ['username', 'dn', 'groups', 'metadata', 'realm'] as const;

/** A role mapping before it is written: schema, name, template syntax, and lint for wide matches. */
export function validateRoleMapping(name: unknown, mapping: unknown): ValidationResult {
  const c = new Collector();
  if (typeof name !== 'string' || esNameProblem(name)) {
    c.error('ROLE_MAPPING_NAME_INVALID', 'name', `role mapping name must be 1 to 507 printable ASCII characters with no leading or trailing space`, 'use a name such as "ldap-admins-to-logs-reader"');
  } else if (name.endsWith(ROLE_MAPPING_READ_ONLY_SUFFIX)) {
    c.error('ROLE_MAPPING_NAME_INVALID', 'name', `role mapping names may not end with ${q(ROLE_MAPPING_READ_ONLY_SUFFIX)} (reserved for operator-defined mappings)`, `use ${q(name.slice(0, -ROLE_MAPPING_READ_ONLY_SUFFIX.length))}`);
  }
  const parsed = explain(RoleMappingSchema, mapping);
  if (!parsed.ok) {
    c.errors.push(...schemaIssues(parsed.issues, 'ROLE_MAPPING_SCHEMA_INVALID'));
    return c.result();
  }
  const m: RoleMapping = parsed.value;
  superuserLint(m.roles ?? [], ['roles'], c);
  (m.roles ?? []).forEach((r, i) => {
    if ((INTERNAL_ROLE_NAMES as readonly string[]).includes(r)) c.error('ROLE_RESERVED', ['roles', i], `role ${q(r)} belongs to an Elasticsearch internal user and cannot be mapped`, 'map a built-in or custom role instead');
  });
  (m.role_templates ?? []).forEach((t, i) => {
    const source = typeof t.template === 'string' ? t.template : typeof t.template.source === 'string' ? t.template.source : undefined;
    if (source === undefined) return;
    const parse = parseMustache(source);
    for (const e of parse.errors) c.error('MUSTACHE_SYNTAX', ['role_templates', i, 'template'], e.message, 'fix the tag; sections are written {{#name}}…{{/name}}, variables {{name}}');
    for (const v of parse.variables) {
      const root = v.name.split('.')[0] ?? '';
      const params = typeof t.template === 'object' ? t.template.params : undefined;
      if (v.inSection || v.name === '.' || (MAPPING_TEMPLATE_FIELDS as readonly string[]).includes(root) || (params && Object.hasOwn(params, root))) continue;
      c.warn('MUSTACHE_UNKNOWN_VARIABLE', ['role_templates', i, 'template'], `{{${v.name}}} is not a user field and renders empty; role templates know username, dn, groups, metadata.<key> and realm.name`, 'use one of those fields');
    }
  });
  if (matchesEveryone(m.rules)) {
    c.warn('LINT_MAPPING_MATCHES_ALL', 'rules', 'these rules match every user of every realm', 'restrict the mapping to a group, realm or username, e.g. {"all": [{"field": {"realm.name": "ldap1"}}, {"field": {"groups": "cn=sre,dc=example,dc=com"}}]}');
  }
  return c.result();
}

function matchesEveryone(rule: unknown): boolean {
  if (!isPlainObject(rule)) return false;
  if (Array.isArray(rule['any'])) return rule['any'].some(matchesEveryone);
  if (Array.isArray(rule['all'])) return rule['all'].length > 0 && rule['all'].every(matchesEveryone);
  const field = rule['field'];
  if (isPlainObject(field)) {
    const [k, v] = Object.entries(field)[0] ?? [];
    if (k === 'username' || k === 'realm.name' || k === 'dn') {
      const vals = Array.isArray(v) ? v : [v];
      return vals.some((x) => x === '*' || x === '/.*/' || x === '/.+/');
    }
  }
  return false;
}

/**
 * A Kibana role payload (PUT /api/security/role/{name}): Kibana's schema rules, then the same checks
 * as validateRole on its Elasticsearch part (with description and metadata).
 */
export function validateKibanaRole(name: unknown, payload: unknown, options: RoleValidationOptions = {}): ValidationResult {
  const c = new Collector();
  c.merge(validateRoleName(name, options));
  const parsed = explain(KibanaRolePayloadSchema, payload);
  if (!parsed.ok) {
    c.errors.push(...schemaIssues(parsed.issues, 'KIBANA_ROLE_SCHEMA_INVALID'));
    return c.result();
  }
  const p: KibanaRolePayload = parsed.value;
  const descriptor: RoleDescriptor = {
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.metadata !== undefined ? { metadata: p.metadata } : {}),
    ...p.elasticsearch,
  };
  const inner = new Collector();
  checkRoleDescriptor(descriptor, typeof name === 'string' ? name : undefined, inner);
  const kibanaGrants = (p.kibana ?? []).length > 0;
  for (const e of inner.errors) c.errors.push(prefixEsPath(e));
  for (const w of inner.warnings) {
    if (w.code === 'ROLE_EMPTY' && kibanaGrants) continue;
    c.warnings.push(prefixEsPath(w));
  }
  (p.kibana ?? []).forEach((entry, i) => {
    if (entry.spaces.includes('*') && (entry.base ?? []).includes('all')) {
      c.warn('LINT_KIBANA_ALL', ['kibana', i, 'base'], 'base "all" on every space grants full control of Kibana, including its management apps', 'grant "read", or feature privileges for the apps the role needs, in the spaces that need them');
    }
  });
  return c.result();
}

function prefixEsPath(i: Issue): Issue {
  if (i.path === 'description' || i.path.startsWith('metadata') || i.path === 'name' || i.path === '(root)') return i;
  return { ...i, path: `elasticsearch.${i.path}` };
}

