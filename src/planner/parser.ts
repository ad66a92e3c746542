// The English parser: an administrator's sentence → AccessRequest (model.ts), with questions for
// whatever it cannot resolve and warnings for what is risky. Deterministic and pure: no I/O, no model.
//
//   parseRequest('Give joe read-only access to logs-*')
//     → who {kind: 'existing_user', username: 'joe'}, what {indices: ['logs-*']}, level 'read', no questions
//
// How it works. The text is normalised, then read by a fixed sequence of extractors. Each extractor
// recognises one kind of phrase and *consumes* it (its characters are masked), so later extractors do
// not read the same words again: "where department is HR" is a document scope, not a grantee; "the
// marketing space" is not an index; "view_index_metadata" is a privilege, not the verb "view".
//
//   1. deployment   "on serverless", "on Elastic Cloud", "self-managed"
//   2. privileges   explicit privilege names: "with view_index_metadata and read", "the monitor cluster privilege"
//   3. metadata     "with metadata department=hr" (for a new user)
//   4. scope        DLS ("only documents where department is HR", "their own department … from user metadata")
//                   and FLS ("hide ssn", "never see the ssn and salary fields", "only the fields name and email")
//   5. spaces       "in the marketing space", "in spaces a and b", "in all spaces"
//   6. roles        "the viewer role", "make alice a superuser", "a new role called logs-reader" (role name)
//   7. who          native users (new / existing), Serverless users, external realms (SAML, OIDC, LDAP, AD,
//                   PKI, JWT, Kerberos, with groups / DN / realm name / username)
//   8. indices      patterns and names (logs-*, .ds-logs-*, hr-employees), "the logs and metrics indices", "all indices"
//   9. Kibana apps  Discover, Dashboards, … → Kibana 9.x feature ids, privilege by the verb next to them
//  10. who (late)   "… to joe", "for alice@example.com", "the finance team" (→ a question)
//  11. level        read / write / manage from the verbs left over
//  12. action       grant / revoke / disable / enable / delete, and "in addition" (additive)
//  13. questions and warnings (risk: superuser, "*", manage, write on broad patterns, Kibana "all")
//  14. leftovers    words no extractor read: a restriction among them ("in the EU region only") becomes a
//                   question, a time limit ("for 30 days") a warning (roles do not expire)
//
// What the parser cannot resolve becomes a Question, never a guess. The planner emits no write step
// while questions are open.
//
// Conventions the planner relies on (model.ts leaves them open):
// - `level` for action 'revoke' is the access taken away; 'none' there means all access to what is
//   named. For 'disable', 'enable' and 'delete' it is 'none'.
// - "read-write" (or read and write verbs together) gives level 'write' plus privileges.index ['read'].
// - Explicit privileges: level 'explicit' when no level verb was used, else they add to the level.
//   Cluster privileges are in both `what.cluster` and `privileges.cluster`.
// - user_attribute `attribute`: 'username' is the user's username ({{_user.username}}); any other value
//   is a key of the user's metadata ({{_user.metadata.<attribute>}}). "Their email" / "their full name"
//   are asked about (a scope question), since they are neither.
// - Kibana privilege per app: the verb next to the app decides ("edit dashboards" → all, "view
//   Discover" → read); otherwise the level (read → read, write/manage → all). "use" reads as read.
// - No space named → ['default'] with a warning; "all spaces" → ['*'].
// - A grant with no resource is asked about; a revoke of a realm group with no resource means every
//   role mapping that matches the group (with a warning); "remove access" for a native user with no
//   resource is a 'disable' (reversible), with a warning.

/* eslint-disable no-control-regex -- U+0001 marks text already consumed by an extractor */

import type {
  AccessRequest,
  Action,
  Deployment,
  DocumentScope,
  KibanaAccess,
  Level,
  ParseResult,
  Question,
  RealmType,
  Who,
} from './model.js';
import { emptyRequest } from './model.js';
import { isKnownClusterPrivilege, isKnownIndexPrivilege } from '../security/privileges.js';
import { RESERVED_ROLE_NAMES, isBroadIndexPattern, isReservedUsername, touchesSystemIndices } from '../security/validators.js';

// =============================================================================================
// Tables (exported for the planner and the docs)
// =============================================================================================

export interface KibanaAppFeature {
  /** Kibana 9.x feature id, as in GET /api/features */
  feature: string;
  /** the app's name as Kibana shows it */
  app: string;
  /** words that always name the app */
  pattern: RegExp;
  /** words that name the app only in a Kibana context ("logs", "metrics" and "APM" also name data) */
  contextPattern?: RegExp;
}

/** Kibana apps → Kibana 9.x feature ids. Feature privilege: `read` for read-level requests, `all` otherwise. */
export const KIBANA_APP_FEATURES: readonly KibanaAppFeature[] = [
  { feature: 'discover_v2', app: 'Discover', pattern: /\bdiscover\b/i },
  { feature: 'dashboard_v2', app: 'Dashboards', pattern: /\bdashboards?\b/i },
  { feature: 'visualize_v2', app: 'Visualize Library', pattern: /\b(?:visuali[sz]e(?:\s+library)?|visuali[sz]ations?|lens)\b/i },
  { feature: 'maps', app: 'Maps', pattern: /\b(?:(?:elastic|kibana)\s+maps?|maps?\s+app|maps(?!\s+(?:to|onto)\b))\b/i },
  { feature: 'canvas', app: 'Canvas', pattern: /\bcanvas(?:\s+workpads?)?\b/i },
  { feature: 'ml', app: 'Machine Learning', pattern: /\b(?:machine\s+learning|ml(?:\s+jobs?)?|anomaly\s+detection)\b/i },
  { feature: 'dev_tools', app: 'Dev Tools', pattern: /\b(?:dev\s*tools(?:\s+console)?|console)\b/i },
  { feature: 'logs', app: 'Logs', pattern: /\b(?:logs?\s+(?:app|ui|explorer|stream)|observability\s+logs)\b/i, contextPattern: /\blogs\b/i },
  {
    feature: 'infrastructure',
    app: 'Infrastructure',
    pattern: /\b(?:infrastructure|infra(?:\s+(?:app|ui))?|inventory|metrics\s+(?:app|ui|explorer))\b/i,
    contextPattern: /\bmetrics\b/i,
  },
  { feature: 'apm', app: 'APM', pattern: /\bapm\s+(?:app|ui)\b/i, contextPattern: /\bapm\b/i },
  { feature: 'uptime', app: 'Uptime', pattern: /\b(?:uptime|synthetics)\b/i },
  { feature: 'stackAlerts', app: 'Alerts and rules', pattern: /\b(?:alerts|alerting|alert\s+rules?|rules)\b/i },
];

/** Kibana feature privilege for a request level. */
export const KIBANA_PRIVILEGE_FOR_LEVEL: Readonly<Record<Level, 'read' | 'all'>> = {
  read: 'read',
  write: 'all',
  manage: 'all',
  explicit: 'read',
  none: 'read',
};

export interface RealmWord {
  type: RealmType;
  label: string;
  pattern: RegExp;
}

/** Words that name an external realm type. */
export const REALM_TYPE_WORDS: readonly RealmWord[] = [
  { type: 'saml', label: 'SAML', pattern: /\bsaml(?:\s*2(?:\.0)?)?\b/i },
  { type: 'oidc', label: 'OpenID Connect', pattern: /\b(?:oidc|open\s*id(?:\s+connect)?)\b/i },
  {
    type: 'active_directory',
    label: 'Active Directory',
    pattern: /\b(?:[Aa]ctive\s+[Dd]irectory|ACTIVE\s+DIRECTORY|AD|[Aa][Dd](?=\s+(?:groups?|users?|realms?|domains?)\b))\b/,
  },
  { type: 'ldap', label: 'LDAP', pattern: /\bldaps?\b/i },
  { type: 'pki', label: 'PKI', pattern: /\b(?:pki|(?:client\s+|tls\s+|x\.?509\s+)?certificates?|certs?)\b/i },
  { type: 'jwt', label: 'JWT', pattern: /\b(?:jwts?|json\s+web\s+tokens?)\b/i },
  { type: 'kerberos', label: 'Kerberos', pattern: /\b(?:kerberos|spnego)\b/i },
];

export interface IdentityProvider {
  name: string;
  pattern: RegExp;
  /** realm types the IdP can be configured with in Elasticsearch */
  protocols: RealmType[];
}

/** Identity providers that are named instead of a realm type ("the Okta group analysts"). */
export const IDENTITY_PROVIDERS: readonly IdentityProvider[] = [
  {
    name: 'Microsoft Entra ID (Azure AD)',
    pattern: /\b(?:azure\s+ad|azure\s+active\s+directory|(?:microsoft\s+)?entra(?:\s+id)?)\b/i,
    protocols: ['saml', 'oidc'],
  },
  { name: 'Okta', pattern: /\bokta\b/i, protocols: ['saml', 'oidc'] },
  { name: 'Auth0', pattern: /\bauth0\b/i, protocols: ['saml', 'oidc'] },
  { name: 'Keycloak', pattern: /\bkeycloak\b/i, protocols: ['saml', 'oidc'] },
  { name: 'Ping Identity', pattern: /\b(?:ping\s*(?:identity|federate|one)|pingid)\b/i, protocols: ['saml', 'oidc'] },
  { name: 'OneLogin', pattern: /\bonelogin\b/i, protocols: ['saml', 'oidc'] },
  { name: 'Google Workspace', pattern: /\bgoogle\s+(?:workspace|apps|sso|identity)\b/i, protocols: ['saml', 'oidc'] },
  { name: 'JumpCloud', pattern: /\bjumpcloud\b/i, protocols: ['saml', 'oidc', 'ldap'] },
];

/** Phrases that name the deployment type, checked in this order. */
export const DEPLOYMENT_WORDS: readonly { deployment: Exclude<Deployment, 'unknown'>; pattern: RegExp }[] = [
  { deployment: 'serverless', pattern: /\b(?:(?:on|in)\s+)?(?:(?:elastic\s+)?cloud\s+)?serverless(?:\s+project)?\b/i },
  {
    deployment: 'ech',
    pattern: /\b(?:(?:on|in)\s+)?(?:elastic\s+cloud(?:\s+hosted)?|ECH|ESS|(?:elastic\s+)?cloud\s+deployment|hosted\s+deployment|cloud\.elastic\.co)\b/i,
  },
  {
    deployment: 'self-managed',
    pattern: /\b(?:(?:on|in)\s+)?(?:self[-\s]?managed|self[-\s]?hosted|on[-\s]?prem(?:ise|ises)?|ECE|ECK|our\s+own\s+(?:servers|hardware|data\s*cent(?:er|re)))\b/i,
  },
];

/** Level words, in order of precedence (manage > write > read). `use` counts as read only next to Kibana apps. */
export const LEVEL_WORDS: readonly { level: 'read' | 'write' | 'manage' | 'use'; pattern: RegExp }[] = [
  {
    level: 'manage',
    pattern:
      /\b(?:manage|manages|managing|management|administer|administers|administrate|admin|administrator|full\s+(?:control|access|rights|privileges|permissions)|all\s+(?:access|rights|permissions)|ownership)\b/i,
  },
  {
    level: 'write',
    pattern:
      /\b(?:write|writes|writing|written|ingest|ingests|ingesting|index(?:es|ing)?\s+(?:new\s+)?(?:documents|docs|data|events|records|logs|metrics)|(?:send|sends|sending|ship|ships|shipping|push|pushes|pushing|add|adds|adding|append|appending|load|loading|upload|uploading|insert|inserting|post|posting|delete|deleting|create|creating)\s+(?:new\s+)?(?:documents|docs|data|events|records|logs|metrics|traces)|update|updates|updating|modify|modifies|modifying|edit|edits|editing)\b/i,
  },
  {
    level: 'read',
    pattern:
      /\b(?:read|reads|reading|read[\s-]?only|readonly|view|views|viewing|see|sees|seeing|search|searches|searching|query|queries|querying|(?:look|looks|looking)\s+(?:at|into|through)|browse|browsing|explore|exploring|analy[sz]e|analy[sz]es|analy[sz]ing|inspect|inspecting|investigate|investigating|visuali[sz]e)\b/i,
  },
  { level: 'use', pattern: /\b(?:use|uses|using|work\s+with|works\s+with|open)\b/i },
];

/** Built-in roles (Elasticsearch 9.5) the parser recognises by name. */
export const BUILTIN_ROLE_NAMES: readonly string[] = RESERVED_ROLE_NAMES;

/** Built-in roles that get a high-risk warning, with the reason. */
export const HIGH_RISK_ROLES: Readonly<Record<string, string>> = {
  superuser: 'superuser grants full control of the cluster: every index (including system indices), all security settings, every Kibana space',
  kibana_admin: 'kibana_admin grants every Kibana feature in every space',
  editor: 'editor grants write access to most Kibana features in every space',
  machine_learning_admin: 'machine_learning_admin manages all machine learning jobs and their results indices',
  transform_admin: 'transform_admin manages all transforms',
  ingest_admin: 'ingest_admin manages all index templates and ingest pipelines',
  snapshot_user: 'snapshot_user can create snapshots of any index',
};

const HIGH_RISK_CLUSTER = new Set(['all', 'manage', 'manage_security', 'manage_api_key', 'grant_api_key', 'manage_service_account', 'manage_token', 'manage_saml', 'manage_oidc', 'manage_user_profile']);
const HIGH_RISK_INDEX = new Set(['all', 'manage', 'delete_index', 'manage_follow_index', 'manage_leader_index']);

// =============================================================================================
// Public API
// =============================================================================================

export interface ParseOptions {
  /** the deployment type detected on the connected cluster, used when the text names none */
  deployment?: Deployment;
}

/** Longest text parsed; the rest is ignored (with a warning). */
export const MAX_REQUEST_LENGTH = 4000;

export function parseRequest(text: string, opts: ParseOptions = {}): ParseResult {
  const req = emptyRequest();
  const questions: Question[] = [];
  const warnings: string[] = [];
  let norm = normalize(typeof text === 'string' ? text : '');
  if (norm.length > MAX_REQUEST_LENGTH) {
    norm = norm.slice(0, MAX_REQUEST_LENGTH);
    warnings.push(`The request is longer than ${MAX_REQUEST_LENGTH} characters: only the first ${MAX_REQUEST_LENGTH} were read.`);
  }
  const ctx: Ctx = {
    buf: new Buf(norm),
    src: norm,
    req,
    questions,
    warnings,
    privs: [],
    kibanaFeatures: [],
    levels: new Set(),
    indexPos: new Map(),
    levelHits: [],
    optsDeployment: opts.deployment,
  };

  stepDeployment(ctx);
  const flags = actionFlags(norm);
  ctx.revoking = flags.revoke;
  ctx.disabling = flags.disable || flags.deleteUser;
  stepPrivileges(ctx);
  stepMetadata(ctx);
  stepScope(ctx);
  stepSpaces(ctx);
  stepRoles(ctx);
  stepWho(ctx);
  stepIndices(ctx);
  stepKibana(ctx);
  stepWhoLate(ctx);
  stepExtras(ctx);
  stepLevel(ctx);
  stepAction(ctx, flags);
  finish(ctx);
  leftovers(ctx);

  return { request: req, questions: dedupeQuestions(questions), warnings: [...new Set(warnings)] };
}

/** One English sentence that says what the request will do, for the confirmation prompt. */
export function describeRequest(req: AccessRequest): string {
  const who = describeWho(req.who);
  const dep = req.deployment === 'unknown' ? '' : ` (${DEPLOYMENT_LABEL[req.deployment]})`;
  switch (req.action) {
    case 'disable':
      return `Disable ${who}: they can no longer log in, and their roles are kept so this can be undone${dep}.`;
    case 'enable':
      return `Re-enable ${who}${dep}.`;
    case 'delete':
      return `Delete ${who}${dep}.`;
    case 'revoke': {
      const what = describeWhat(req, true);
      return `Take away ${what || 'all access'} from ${who}${dep}.`;
    }
    case 'grant':
    default: {
      const what = describeWhat(req, false) || 'unspecified access';
      const scope = describeScope(req);
      const add = req.additive ? ', in addition to the access they already have' : '';
      const head = req.who.kind === 'new_user' ? `Create ${who} and give them` : `Give ${who}`;
      return `${head} ${what}${scope}${add}${dep}.`;
    }
  }
}

// =============================================================================================
// Internals: text buffer with consumption
// =============================================================================================

const MASK = '\u0001';

class Buf {
  private readonly chars: string[];
  private cache: string | undefined;
  constructor(readonly src: string) {
    this.chars = src.split('');
  }
  get view(): string {
    return (this.cache ??= this.chars.join(''));
  }
  consume(start: number, end: number): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.chars.length); i++) this.chars[i] = MASK;
    this.cache = undefined;
  }
}

interface Priv {
  name: string;
  kind?: 'cluster' | 'index';
}

interface Ctx {
  buf: Buf;
  /** the normalised text (unmasked) */
  src: string;
  req: AccessRequest;
  questions: Question[];
  warnings: string[];
  privs: Priv[];
  kibanaFeatures: { feature: string; privilege?: 'read' | 'all'; start: number }[];
  /** no level word was found (the level is asked unless nothing needs one) */
  levelMissing?: boolean;
  /** where each index was named */
  indexPos: Map<string, number>;
  /** where each level word was read */
  levelHits: { level: 'read' | 'write' | 'manage' | 'use'; pos: number }[];
  /** "all of Kibana": base privilege follows the level */
  kibanaBaseByLevel?: boolean;
  kibanaBase?: 'read' | 'all';
  kibanaUnresolved?: boolean;
  spaces?: string[];
  levels: Set<'read' | 'write' | 'manage' | 'use'>;
  optsDeployment: Deployment | undefined;
  /** a team/group named without a realm ("the finance team") */
  team?: string;
  /** "create a user" seen */
  creating?: boolean;
  /** revoke/remove/take away wording seen */
  revoking?: boolean;
  /** disable/block/delete wording seen */
  disabling?: boolean;
  /** "but not logs-secure-*": index exclusions (Elasticsearch roles cannot express them) */
  excludedIndices?: string[];
  /** identity provider named without a protocol */
  idp?: IdentityProvider;
  /** "all indices" */
  allIndices?: boolean;
  /** "make joe an admin" with nothing else */
  vagueAdmin?: boolean;
  /** "their own documents" without a field */
  ownerScope?: boolean;
  /** user_attribute scope read without a metadata phrase */
  attributeWithoutSource?: boolean;
  /** "read-write" or read + write verbs */
  alsoRead?: boolean;
}

interface Item {
  text: string;
  start: number;
  end: number;
}

function normalize(t: string): string {
  return t
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/[`\u0000-\u0008\u000B-\u001F\u007F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** All matches of `re` in `s`, with group indices. */
function scan(s: string, re: RegExp): RegExpExecArray[] {
  const flags = re.flags.includes('g') ? re.flags : `${re.flags}g`;
  const r = new RegExp(re.source, flags.includes('d') ? flags : `${flags}d`);
  return [...s.matchAll(r)] as RegExpExecArray[];
}

function first(s: string, re: RegExp): RegExpExecArray | undefined {
  return scan(s, re)[0];
}

function groupSpan(m: RegExpExecArray, i: number): [number, number] | undefined {
  return m.indices?.[i] ?? undefined;
}

function matchEnd(m: RegExpExecArray): number {
  return m.index + m[0].length;
}

function clean(t: string): string {
  const s = t.trim();
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) return s.slice(1, -1).trim();
  return s.replace(/[.,;:!?)\]]+$/, '').replace(/^[([]+/, '');
}

const SEP = /\s*,\s*(?:and\s+|or\s+|&\s+)?|\s+(?:and|or|&|plus)\s+/y;
const SEP_OR = /\s*,\s*(?:or\s+)?|\s+or\s+/y;

/** Read a list "a, b and c" of `item` (a sticky regex) from `pos`. */
function readList(view: string, pos: number, item: RegExp, accept: (t: string) => boolean, sep: RegExp = SEP): { items: Item[]; end: number } {
  const items: Item[] = [];
  let cur = pos;
  for (let i = 0; i < 25; i++) {
    let at = cur;
    if (i > 0) {
      sep.lastIndex = cur;
      if (!sep.exec(view)) break;
      at = sep.lastIndex;
    }
    item.lastIndex = at;
    const m = item.exec(view);
    if (!m || m[0].length === 0) break;
    const text = clean(m[0]);
    if (!text || !accept(text)) break;
    items.push({ text, start: at, end: at + m[0].length });
    cur = at + m[0].length;
  }
  return { items, end: cur };
}

interface Tok {
  t: string;
  s: number;
  e: number;
}

const TOKEN_RE = /"[^"\u0001]*"|[\w.*?:@+\-=']+|[,&]/g;

/** Read a list "a, b and c" that ends right before `end` (only spaces between), backwards. */
function readListBackward(view: string, end: number, accept: (t: string) => boolean): Item[] {
  const head = view.slice(0, end);
  if (!/\s*$/.test(head)) return [];
  const toks: Tok[] = [];
  const lo = Math.max(0, end - 400);
  for (const m of head.slice(lo).matchAll(TOKEN_RE)) toks.push({ t: m[0], s: lo + (m.index ?? 0), e: lo + (m.index ?? 0) + m[0].length });
  const out: Item[] = [];
  let i = toks.length - 1;
  let expectItem = true;
  let pos = end;
  while (i >= 0) {
    const tok = toks[i];
    if (!tok) break;
    // only whitespace may separate consecutive tokens
    if (!/^\s*$/.test(view.slice(tok.e, pos))) break;
    if (expectItem) {
      const text = clean(tok.t.replace(/'s$/i, ''));
      if (!text || !accept(text)) break;
      out.unshift({ text, start: tok.s, end: tok.e });
      expectItem = false;
      pos = tok.s;
      i--;
    } else {
      const w = tok.t.toLowerCase();
      if (w === ',' || w === 'and' || w === 'or' || w === '&') {
        pos = tok.s;
        i--;
        const prev = toks[i];
        if (w !== ',' && prev && prev.t === ',' && /^\s*$/.test(view.slice(prev.e, pos))) {
          pos = prev.s;
          i--;
        }
        expectItem = true;
      } else break;
    }
  }
  return out;
}

// Words that are never names of users, groups, roles, fields, spaces or indices.
const STOP = new Set(
  `a an the this that these those them they him her his hers their theirs it its me my mine we us our you your who whom whose which what where when why how
  all any every each everyone everybody anyone anybody someone somebody nobody none no not only also too just even still already
  everything anything nothing something stuff things
  and or but nor so then than if as at by for from in into of on onto to with within without via per about over under across between
  is are was were be been being am do does did done has have had can could should would must may might will shall need needs want wants wanted
  user users username usernames account accounts login logins people person member members group groups team teams realm realms role roles
  new native local existing internal external current currently
  read reads reading write writes writing manage manages managing view views viewing see sees seeing search query look use uses access accesses
  admin administrator readonly read-only read-write full some more less other same own both either
  give gives let lets allow allows grant grants make makes create creates add adds enable enables disable disables delete deletes remove removes
  revoke revokes block blocks lock unlock re-enable reactivate take takes set sets assign assigns provide get put
  index indices indexes data stream streams datastream datastreams alias aliases pattern patterns document documents doc docs record records
  field fields column columns space spaces cluster kibana app apps application applications feature features
  permission permissions privilege privileges right rights level levels
  saml oidc ldap jwt pki kerberos ad okta please thanks thank hi hello hey ok okay yes sure`.split(/\s+/),
);

const KIBANA_WORDS = new Set(
  'discover dashboard dashboards visualize visualise visualizations lens maps canvas ml dev devtools console logs metrics infrastructure infra apm uptime synthetics alerts rules reporting reports'.split(' '),
);

/** Plural nouns that name a set of people, never one username. */
const PEOPLE_NOUNS =
  /^(?:analysts|admins|administrators|developers|devs|engineers|employees|contractors|auditors|managers|interns|partners|customers|clients|scientists|sres|operators|staff|testers|consultants|vendors|editors|viewers|readers|writers|people|folks|colleagues|agents|accountants|investigators|responders|students|teachers|doctors|nurses|members|users|everyone|everybody)$/i;

function isStop(t: string): boolean {
  return STOP.has(t.toLowerCase());
}

function isNameWord(t: string): boolean {
  const l = t.toLowerCase();
  return !!t && !STOP.has(l) && !KIBANA_WORDS.has(l) && !PEOPLE_NOUNS.test(t) && !/[*?]/.test(t) && /[A-Za-z0-9]/.test(t);
}

const NAME_SRC = String.raw`(?:"[^"\x01]{1,100}"|'[A-Za-z0-9_][^'\x01]{0,99}'|[A-Za-z0-9_][\w.@+\-]*)`;
const WORD_ITEM = /"[^"\u0001]{1,120}"|'[^'\u0001]{1,120}'|[A-Za-z0-9_@*?.][\w.@*?:+-]*/y;
const DN_KEY = String.raw`[A-Za-z][\w-]*`;
const DN_VAL = String.raw`(?:"[^"]*"|[^,"\x01()=\s]+)`;
const DN_VAL_SP = String.raw`(?:"[^"]*"|[^,"\x01()=\s]+(?:\s+[^,"\x01()=\s]+){0,4})`;
const DN_SRC = String.raw`(?:${DN_KEY}=${DN_VAL_SP}(?=\s*,\s*${DN_KEY}=)\s*,\s*)*${DN_KEY}=${DN_VAL}`;
const GROUP_ITEM = new RegExp(`${DN_SRC}|"[^"\\x01]{1,120}"|'[^'\\x01]{1,120}'|[A-Za-z0-9_@*?.][\\w.@*?+\\-]*`, 'y');
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;

function pushQuestion(ctx: Ctx, q: Question): void {
  ctx.questions.push(q);
}

function dedupeQuestions(qs: Question[]): Question[] {
  const seen = new Set<string>();
  return qs.filter((q) => {
    const k = `${q.field}\u0000${q.question}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

// =============================================================================================
// 1. Deployment
// =============================================================================================

const DEPLOYMENT_LABEL: Record<Exclude<Deployment, 'unknown'>, string> = {
  serverless: 'on Elastic Cloud Serverless',
  ech: 'on Elastic Cloud Hosted',
  'self-managed': 'on a self-managed cluster',
};

function stepDeployment(ctx: Ctx): void {
  let found: Exclude<Deployment, 'unknown'> | undefined;
  for (const d of DEPLOYMENT_WORDS) {
    const m = first(ctx.buf.view, d.pattern);
    if (!m) continue;
    ctx.buf.consume(m.index, matchEnd(m));
    found ??= d.deployment;
  }
  const given = ctx.optsDeployment && ctx.optsDeployment !== 'unknown' ? ctx.optsDeployment : undefined;
  if (found && given && found !== given) {
    ctx.req.deployment = given;
    pushQuestion(ctx, {
      field: 'deployment',
      question: `The request says ${DEPLOYMENT_LABEL[found]}, but the connected cluster is ${DEPLOYMENT_LABEL[given]}. Which one is meant?`,
      options: [found, given],
    });
    return;
  }
  ctx.req.deployment = found ?? given ?? 'unknown';
}

// =============================================================================================
// Action flags (read on the whole text before anything is consumed)
// =============================================================================================

interface ActionFlags {
  deleteUser: boolean;
  deleteVerb: boolean;
  disable: boolean;
  enable: boolean;
  strongEnable: boolean;
  revoke: boolean;
  additive: boolean;
}

function actionFlags(s: string): ActionFlags {
  return {
    deleteUser:
      /\b(?:delete|remove|drop|deprovision|de-provision|offboard|destroy|get\s+rid\s+of)\s+(?:the\s+|this\s+|that\s+|their\s+|his\s+|her\s+)?(?:native\s+|local\s+)?(?:user|account|login)s?\b(?!\s+(?:from|of)\b)/i.test(s) ||
      /\b(?:delete|remove|deprovision|offboard)\s+[\w.@+-]+'s\s+(?:user\s+)?account\b/i.test(s),
    deleteVerb: /\b(?:delete|deprovision|de-provision|offboard|destroy)\b(?!\s+(?:documents|docs|data|records|events|indices|index|the\s+\S+\s+(?:field|index)|fields?))/i.test(s),
    disable: /\b(?:disable|deactivate|de-activate|suspend|lock\s+(?:\S+\s+){0,2}out|lockout|block|freeze|shut\s+off|turn\s+off|stop\s+\S+\s+from)\b/i.test(s),
    enable: /\b(?:re-?enable|enable|reactivate|re-activate|unlock|unblock|unsuspend|unfreeze|restore|turn\s+on)\b/i.test(s),
    strongEnable: /\b(?:re-?enable|reactivate|re-activate|unlock|unblock|unsuspend|unfreeze)\b/i.test(s),
    revoke:
      /\b(?:revoke|revoking|take\s+away|take\s+(?:\S+\s+){1,5}away|remove|removing|withdraw|strip|rescind|no\s+longer|any\s*more|any\s+longer|unassign|un-assign|cut\s+off|drop)\b/i.test(s),
    additive:
      /\b(?:in\s+addition|additionally|also(?!\s+(?:hide|hiding|mask|redact|exclude|restrict|limit|only|without|make\s+sure|ensure))|too|as\s+well|on\s+top\s+of|besides|keep(?:ing)?\s+(?:\S+\s+){0,3}(?:current|existing)|add\s+(?:the\s+)?\S+\s+roles?\s+to|add\s+\S+\s+to\s+(?:the\s+)?\S+\s+roles?|plus\s+(?:\S+\s+)?(?:current|existing))\b/i.test(s),
  };
}

// =============================================================================================
// 2. Explicit privileges
// =============================================================================================

function isPrivName(w: string): boolean {
  const l = w.toLowerCase();
  return /^[a-z][a-z_]*$/.test(l) && (isKnownIndexPrivilege(l) || isKnownClusterPrivilege(l));
}

const PRIV_ITEM = /[A-Za-z][A-Za-z_]*/y;

function stepPrivileges(ctx: Ctx): void {
  const add = (items: Item[], kind?: 'cluster' | 'index'): void => {
    for (const it of items) {
      ctx.privs.push({ name: it.text.toLowerCase(), ...(kind ? { kind } : {}) });
      ctx.buf.consume(it.start, it.end);
    }
  };
  const kindOf = (w: string | undefined): 'cluster' | 'index' | undefined =>
    w === undefined ? undefined : /^cluster$/i.test(w) ? 'cluster' : 'index';

  // "monitor the cluster", "cluster monitoring"
  for (const m of scan(ctx.buf.view, /\b(?:monitor|monitoring)\s+(?:of\s+)?(?:the\s+)?cluster\b(?!\s+privilege)|\bcluster\s+(?:monitoring|health|stats)\b/gi)) {
    ctx.privs.push({ name: 'monitor', kind: 'cluster' });
    ctx.buf.consume(m.index, matchEnd(m));
  }

  // "… privilege(s)" with a list before or after
  for (const m of scan(ctx.buf.view, /\b(?:(cluster|index|indices)[\s-]+)?(?:privileges?|permissions?)\b(?:\s*(?::|named|called|of))?\s*/gi)) {
    const kind = kindOf(m[1]);
    const before = readListBackward(ctx.buf.view, m.index, isPrivName);
    const after = before.length ? { items: [] as Item[] } : readList(ctx.buf.view, matchEnd(m), PRIV_ITEM, isPrivName);
    const items = [...before, ...after.items];
    if (!items.length) continue;
    add(items, kind);
    ctx.buf.consume(m.index, matchEnd(m));
  }
  // "(the) monitor cluster privilege" is handled above; also "cluster privilege monitor"

  // underscore privilege names anywhere, with their list neighbours ("with view_index_metadata and read")
  for (const m of scan(ctx.buf.view, /(?<![\w\u0001-])([a-z]+(?:_[a-z]+)+)(?![\w-])/gi)) {
    const name = m[1] ?? '';
    if (!isPrivName(name)) continue;
    if (ctx.buf.view.slice(m.index, matchEnd(m)).includes(MASK)) continue;
    const left = readListBackwardFromSep(ctx.buf.view, m.index);
    const right = readList(ctx.buf.view, m.index, PRIV_ITEM, isPrivName);
    add([...left, ...right.items]);
  }
}

/** Privilege names left of `pos` joined by a separator: "read and view_index_metadata". */
function readListBackwardFromSep(view: string, pos: number): Item[] {
  const head = view.slice(Math.max(0, pos - 200), pos);
  const sep = /(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$/.exec(head);
  if (!sep) return [];
  const at = pos - sep[0].length;
  return readListBackward(view, at, isPrivName);
}

// =============================================================================================
// 3. Scope: DLS and FLS
// =============================================================================================

const DOC_WORDS = String.raw`(?:documents|docs|records|events|entries|rows|data|ones|logs)`;
// not "team" or "group": "logs for the web team" names the grantee, not a document filter
const SCOPE_NOUNS = String.raw`(?:region|department|dept|tenant|country|site|customer|client|environment|env|project|division|location|office|business\s+unit|cost\s+center|brand)`;
const FIELD_ITEM = /"[^"\u0001]{1,120}"|'[^'\u0001]{1,120}'|[A-Za-z_@][\w.@*-]*/y;
const VALUE_ITEM = /"[^"\u0001]{0,200}"|'[^'\u0001]{0,200}'|[\w.@:/+*-]+/y;

// Words that end a list of field names or values (fields may well be called "team", "user" or "name").
const FIELD_STOP = new Set(
  `a an the and or but nor not no never only also too just their his her its them they it this that these those who whom whose which what where when
  must should can could will would may might shall is are was were be been being do does did has have had
  with without from to in on of for by as at into onto any all every each some
  see sees read reads view views access search query use write manage hide mask redact
  give let allow grant make create add enable disable delete remove revoke
  field fields column columns document documents docs records index indices`.split(/\s+/),
);

function isFieldWord(t: string): boolean {
  return !!t && !FIELD_STOP.has(t.toLowerCase()) && !/[\u0001]/.test(t);
}

function toValue(t: string, quoted: boolean): string | number | boolean {
  if (quoted) return t;
  if (/^-?\d+(?:\.\d+)?$/.test(t) && t.length < 16) return Number(t);
  if (/^(?:true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return t;
}

const USER_ATTR_RE =
  /(?:the\s+)?(?:user'?s|users'|their|his|her|each\s+user'?s|the\s+current\s+user'?s|the\s+requesting\s+user'?s|the\s+logged[\s-]in\s+user'?s)\s+(?:own\s+)?(?:(?:user\s+)?metadata\s+(?:field\s+|key\s+)?)?(user\s*name|username|login|e-?mail(?:\s+address)?|full\s+name|[A-Za-z_][\w.]*)(?:\s+(?:attribute|metadata(?:\s+(?:field|key|value))?|field|property|value|from\s+(?:their\s+|the\s+)?(?:user\s+)?metadata))?/iy;

function attributeName(raw: string): string {
  const l = raw.toLowerCase().replace(/\s+/g, ' ');
  if (l === 'username' || l === 'user name' || l === 'login') return 'username';
  if (/^e-?mail/.test(l)) return 'email';
  if (l === 'full name') return 'full_name';
  return raw.replace(/^metadata\./i, '');
}

interface Condition {
  field: string;
  values?: (string | number | boolean)[];
  attribute?: string;
  negate?: boolean;
}

function stepScope(ctx: Ctx): void {
  const buf = ctx.buf;
  const conditions: Condition[] = [];
  const except: string[] = [];
  const grant: string[] = [];

  // ---- FLS: except (hide …) ----
  const softExcept =
    /\b(?:hide|hides|hiding|mask|masks|masking|redact|redacts|redacting|exclude|excludes|excluding|strip\s+out|(?:never|not|cannot|can't|can\s+not|mustn't|shouldn't|won't)\s+(?:be\s+able\s+to\s+)?(?:see|read|view|access))\s+(?:the\s+|any\s+|their\s+|all\s+)?((?:fields?|columns?)\s+)?/gi;
  for (const m of scan(buf.view, softExcept)) {
    const { items, end } = readList(buf.view, matchEnd(m), FIELD_ITEM, isFieldWord);
    if (!items.length) continue;
    const tail = /^\s+(?:fields?|columns?)\b/i.exec(buf.view.slice(end));
    // "never see logs-*" is not FLS: a field needs "field(s)" nearby or a field-like name
    const fieldish = !!m[1] || !!tail || items.every((i) => !/[*-]/.test(i.text) || /\./.test(i.text));
    if (!fieldish) continue;
    except.push(...items.map((i) => i.text));
    buf.consume(m.index, end + (tail ? tail[0].length : 0));
    if (/mask|redact/i.test(m[0])) ctx.warnings.push('Field-level security hides fields entirely; it cannot mask or redact values.');
  }
  const hardExcept = /\b(?:without|except(?:\s+for)?|but\s+not|minus|other\s+than|excluding)\s+(?:the\s+|any\s+)?(?:(fields?|columns?)\s+)?/gi;
  for (const m of scan(buf.view, hardExcept)) {
    const { items, end } = readList(buf.view, matchEnd(m), FIELD_ITEM, isFieldWord);
    if (!items.length) continue;
    const tail = /^\s+(?:fields?|columns?)\b/i.exec(buf.view.slice(end));
    if (!m[1] && !tail) continue;
    except.push(...items.map((i) => i.text));
    buf.consume(m.index, end + (tail ? tail[0].length : 0));
  }

  // ---- FLS: grant (only the fields …) ----
  const onlyFields =
    /\b(?:only|just|limited\s+to|restricted\s+to)\s+(?:(?:see|read|view|access|return|show|expose|get)\s+)?(?:the\s+)?(?:(fields?|columns?)\s+)?/gi;
  for (const m of scan(buf.view, onlyFields)) {
    const { items, end } = readList(buf.view, matchEnd(m), FIELD_ITEM, isFieldWord);
    if (!items.length) continue;
    const tail = /^\s+(?:fields?|columns?)\b/i.exec(buf.view.slice(end));
    if (!m[1] && !tail) continue;
    grant.push(...items.map((i) => i.text));
    buf.consume(m.index, end + (tail ? tail[0].length : 0));
  }
  for (const m of scan(buf.view, /\b(?:the\s+)?fields?\s+/gi)) {
    // "fields name and email only"
    const { items, end } = readList(buf.view, matchEnd(m), FIELD_ITEM, isFieldWord);
    const tail = /^\s+only\b/i.exec(buf.view.slice(end));
    if (!items.length || !tail) continue;
    grant.push(...items.map((i) => i.text));
    buf.consume(m.index, end + tail[0].length);
  }

  // ---- DLS: "their region's documents (eu, us)" ----
  for (const m of scan(
    buf.view,
    new RegExp(
      String.raw`\b(?:their|his|her|its|the\s+user'?s|each\s+user'?s)\s+(?:own\s+)?([A-Za-z_][\w.]*?)(?:'s|s')?\s+${DOC_WORDS}\s*\(\s*([^)\x01]{1,200})\)`,
      'gi',
    ),
  )) {
    const field = m[1] ?? '';
    const values = splitValues(m[2] ?? '');
    if (!field || !values.length) continue;
    conditions.push({ field, values });
    buf.consume(m.index, matchEnd(m));
  }
  // "only documents from the EU region", "documents of the HR department"
  for (const m of scan(
    buf.view,
    new RegExp(
      String.raw`\b(?:documents|docs|records|events|entries|rows|data)\s+(?:for|from|in|of|belonging\s+to)\s+(?:the\s+)?((?:"[^"\x01]+"|[\w.-]+)(?:\s*(?:,|\bor\b|\band\b)\s*(?:"[^"\x01]+"|[\w.-]+)){0,5})\s+(${SCOPE_NOUNS})s?\b`,
      'gi',
    ),
  )) {
    const values = splitValues(m[1] ?? '');
    if (!values.length || values.some((v) => typeof v === 'string' && !isFieldWord(v))) continue;
    conditions.push({ field: (m[2] ?? '').toLowerCase().replace(/\s+/g, '_'), values });
    buf.consume(m.index, matchEnd(m));
  }

  // ---- DLS: "where FIELD is VALUE" ----
  const trigger = /\b(where|whose|having|with|that\s+have|which\s+have|that\s+has|which\s+has)\s+(?:the\s+|their\s+|its\s+|a\s+|an\s+)?(?:field\s+)?/gi;
  for (const m of scan(buf.view, trigger)) {
    const word = (m[1] ?? '').toLowerCase();
    if (word !== 'where') {
      const before = buf.view.slice(Math.max(0, m.index - 60), m.index);
      if (!new RegExp(String.raw`\b${DOC_WORDS}(?:\s+\S+){0,3}\s*$`, 'i').test(before)) continue;
    }
    if (buf.view.slice(m.index, matchEnd(m)).includes(MASK)) continue;
    const parsed = readConditions(buf.view, matchEnd(m));
    if (!parsed) continue;
    conditions.push(...parsed.conditions);
    buf.consume(m.index, parsed.end);
  }

  // ---- ABAC: "their own department", "matching the user's team attribute" ----
  for (const m of scan(buf.view, /\b(?:match(?:es|ing)?|equal(?:s|ling|ing)?(?:\s+to)?|same\s+as|corresponding\s+to)\s+/gi)) {
    USER_ATTR_RE.lastIndex = matchEnd(m);
    const a = USER_ATTR_RE.exec(buf.view);
    if (!a || !isFieldWord(a[1] ?? '')) continue;
    const attribute = attributeName(a[1] ?? '');
    conditions.push({ field: attribute === 'username' ? 'username' : attribute, attribute });
    if (!/metadata|attribute/i.test(a[0]) && !['username', 'email', 'full_name'].includes(attribute)) ctx.attributeWithoutSource = true;
    buf.consume(m.index, USER_ATTR_RE.lastIndex);
  }
  for (const m of scan(
    buf.view,
    new RegExp(
      String.raw`\b(?:their|his|her|the\s+user'?s|each\s+user'?s)\s+(?:own\s+)?([A-Za-z_][\w.]*?)(?:'s|s')(?=\s+(?:own\s+)?${DOC_WORDS}\b)|\b(?:their|his|her|the\s+user'?s|each\s+user'?s)\s+own\s+([A-Za-z_][\w.]*?)(?:'s|s')?\b`,
      'gi',
    ),
  )) {
    const field = m[1] ?? m[2] ?? '';
    if (new RegExp(`^${DOC_WORDS}$`, 'i').test(field) || /^(?:stuff|things|files|work|items|objects)$/i.test(field)) {
      ctx.ownerScope = true;
      buf.consume(m.index, matchEnd(m));
      continue;
    }
    if (!isFieldWord(field)) continue;
    conditions.push({ field, attribute: field });
    ctx.attributeWithoutSource = true;
    buf.consume(m.index, matchEnd(m));
  }
  for (const m of scan(buf.view, new RegExp(String.raw`\b${DOC_WORDS}\s+(?:they|he|she)\s+(?:own|owns|created|create|wrote|write|authored)\b`, 'gi'))) {
    ctx.ownerScope = true;
    buf.consume(m.index, matchEnd(m));
  }
  // where the attribute comes from: "based on the department in their user metadata"
  const OWNER = String.raw`(?:their|the\s+user'?s|his|her|each\s+user'?s|the)`;
  const META = String.raw`(?:own\s+)?(?:user\s+|elasticsearch\s+|es\s+)?(?:metadata|user\s+profiles?|user\s+attributes?)\b`;
  const source = new RegExp(
    [
      String.raw`\b(?:based\s+on|from|using|according\s+to|per|via|taken\s+from|stored\s+in|as\s+(?:set|stored|recorded)\s+in)\s+(?:the\s+)?(?:([A-Za-z_][\w.]*)\s+(?:value\s+)?(?:in|from|of|stored\s+in|set\s+in)\s+)?(?:${OWNER}\s+)?${META}(?:\s*(?:field|key)\s+([A-Za-z_][\w.]*))?`,
      String.raw`\b([A-Za-z_][\w.]*)\s+(?:value\s+)?(?:in|from|of|stored\s+in|set\s+in)\s+${OWNER}\s+${META}`,
      String.raw`\bmetadata\.([A-Za-z_]\w*)`,
    ].join('|'),
    'gi',
  );
  const abac = conditions.filter((c) => c.attribute !== undefined);
  for (const m of scan(buf.view, source)) {
    const named = m[1] ?? m[2] ?? m[3] ?? m[4];
    const attr = named && isFieldWord(named) ? attributeName(named) : undefined;
    if (!abac.length) {
      // "only their department from user metadata" without an earlier ABAC phrase: nothing to attach to
      continue;
    }
    const last = abac[abac.length - 1];
    if (last && attr) last.attribute = attr;
    ctx.attributeWithoutSource = false;
    buf.consume(m.index, matchEnd(m));
  }

  // ---- build ----
  const docs = buildDocumentScope(ctx, conditions);
  ctx.req.scope = { documents: docs };
  const g = uniq(grant);
  const e = uniq(except);
  if (g.length || e.length) ctx.req.scope.fields = { ...(g.length ? { grant: g } : {}), ...(e.length ? { except: e } : {}) };
}

function splitValues(s: string): (string | number | boolean)[] {
  return s
    .split(/\s*(?:,|\bor\b|\band\b|\/|;)\s*/i)
    .map((v) => v.trim())
    .filter((v) => v && !/^(?:the|a|an)$/i.test(v))
    .map((v) => {
      const q = /^(["']).*\1$/.test(v);
      return toValue(q ? v.slice(1, -1) : v, q);
    });
}

const OP_RE =
  /\s*(?:!=|==|=|:)\s*|\s+(?:is\s+not|isn't|is\s+equal\s+to|is\s+one\s+of|is\s+either|is\s+in|is\s+set\s+to|equals?|matches|match|in|are|is|contains|of)\s+/iy;

function readConditions(view: string, pos: number): { conditions: Condition[]; end: number } | undefined {
  const out: Condition[] = [];
  let cur = pos;
  for (let i = 0; i < 6; i++) {
    FIELD_ITEM.lastIndex = cur;
    const f = FIELD_ITEM.exec(view);
    if (!f) break;
    const field = clean(f[0]);
    if (!isFieldWord(field) || /^(?:dn|certificate|subject|cn)$/i.test(field)) break;
    let at = FIELD_ITEM.lastIndex;
    const fw = /\s+field\b/iy;
    fw.lastIndex = at;
    if (fw.exec(view)) at = fw.lastIndex;
    OP_RE.lastIndex = at;
    const op = OP_RE.exec(view);
    if (!op) break;
    const negate = /!=|not|isn't/i.test(op[0]);
    at = OP_RE.lastIndex;
    // the user's own attribute?
    USER_ATTR_RE.lastIndex = at;
    const ua = USER_ATTR_RE.exec(view);
    if (ua && ua[1] && isFieldWord(ua[1])) {
      out.push({ field, attribute: attributeName(ua[1]), negate });
      cur = USER_ATTR_RE.lastIndex;
    } else {
      const vals = readValues(view, at);
      if (!vals) break;
      out.push({ field, values: vals.values, negate });
      cur = vals.end;
    }
    // "… and region is eu"
    const more = /\s*,?\s+and\s+(?:the\s+|their\s+)?(?=[A-Za-z_@"'][\w.@\-"']*(?:\s+field)?(?:\s*(?:!=|==|=|:)|\s+(?:is|equals?|matches|in|are)\s))/iy;
    more.lastIndex = cur;
    if (!more.exec(view)) break;
    cur = more.lastIndex;
  }
  if (!out.length) return undefined;
  // cur may point into a failed continuation; recompute end as the end of the last value
  return { conditions: out, end: cur };
}

function readValues(view: string, pos: number): { values: (string | number | boolean)[]; end: number } | undefined {
  const open = /\s*[([]\s*/y;
  open.lastIndex = pos;
  if (open.exec(view)) {
    const close = view.indexOf(view[open.lastIndex - 1] === '[' ? ']' : ')', open.lastIndex);
    const closeAny = close >= 0 ? close : view.slice(open.lastIndex).search(/[)\]]/) + open.lastIndex;
    if (closeAny > open.lastIndex) {
      const values = splitValues(view.slice(open.lastIndex, closeAny));
      if (values.length) return { values, end: closeAny + 1 };
    }
  }
  const { items, end } = readList(
    view,
    pos,
    VALUE_ITEM,
    (t) => isFieldWord(t),
    SEP_OR,
  );
  if (!items.length) return undefined;
  const values = items.map((i) => {
    const raw = view.slice(i.start, i.end).trim();
    return toValue(i.text, /^["']/.test(raw));
  });
  return { values, end };
}

function buildDocumentScope(ctx: Ctx, conditions: Condition[]): DocumentScope {
  if (!conditions.length) return { kind: 'all' };
  if (conditions.length === 1) {
    const c = conditions[0];
    if (c && !c.negate) {
      if (c.attribute !== undefined) return { kind: 'user_attribute', field: c.field, attribute: c.attribute };
      if (c.values) return { kind: 'values', field: c.field, values: c.values };
    }
  }
  if (conditions.some((c) => c.attribute !== undefined)) {
    pushQuestion(ctx, {
      field: 'scope',
      question:
        'The document filter combines a per-user attribute with other conditions (or negates it); es-authz builds one templated condition at a time. Which single condition should limit the documents?',
      options: conditions.map((c) => `${c.field} ${c.negate ? '≠' : '='} ${c.attribute !== undefined ? `the user's ${c.attribute}` : (c.values ?? []).join(' or ')}`),
    });
    const c = conditions.find((x) => x.attribute !== undefined);
    return c && c.attribute !== undefined ? { kind: 'user_attribute', field: c.field, attribute: c.attribute } : { kind: 'all' };
  }
  const filter: Record<string, unknown>[] = [];
  const mustNot: Record<string, unknown>[] = [];
  for (const c of conditions) (c.negate ? mustNot : filter).push({ terms: { [c.field]: c.values ?? [] } });
  const bool: Record<string, unknown> = {};
  if (filter.length) bool.filter = filter;
  if (mustNot.length) bool.must_not = mustNot;
  return { kind: 'query', query: { bool } };
}

// =============================================================================================
// 4. Kibana spaces
// =============================================================================================

const SPACE_ITEM = /"[^"\u0001]{1,100}"|'[^'\u0001]{1,100}'|[A-Za-z0-9_][\w-]*/y;

function spaceId(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function stepSpaces(ctx: Ctx): void {
  const buf = ctx.buf;
  const spaces: string[] = [];
  const all = first(buf.view, /\b(?:(?:in|across|for|to|on)\s+)?(?:all|every|any|each)\s+(?:of\s+the\s+)?(?:kibana\s+)?spaces?\b/i);
  if (all) {
    ctx.spaces = ['*'];
    buf.consume(all.index, matchEnd(all));
  }
  const accept = (t: string): boolean => isFieldWord(t) || /^default$/i.test(t);
  // "in spaces a and b", "in space marketing"
  for (const m of scan(buf.view, /\b(?:in|for|on|to|within|inside)\s+(?:the\s+)?(?:kibana\s+)?spaces?\s+(?:named\s+|called\s+)?/gi)) {
    const { items, end } = readList(buf.view, matchEnd(m), SPACE_ITEM, accept);
    if (!items.length) continue;
    spaces.push(...items.map((i) => i.text));
    buf.consume(m.index, end);
  }
  // "in the marketing space", "in the marketing and sales spaces"
  for (const m of scan(buf.view, /\b(?:in|for|on|to|within|inside|into)\s+(?:the\s+|their\s+|our\s+|its\s+)?/gi)) {
    const { items, end } = readList(buf.view, matchEnd(m), SPACE_ITEM, accept);
    if (!items.length) continue;
    const tail = /^\s+(?:kibana\s+)?spaces?\b/i.exec(buf.view.slice(end));
    if (!tail) continue;
    spaces.push(...items.map((i) => i.text));
    buf.consume(m.index, end + tail[0].length);
  }
  if (!spaces.length) return;
  const ids: string[] = [];
  for (const s of spaces) {
    const id = spaceId(s);
    if (!id) continue;
    if (id !== s) ctx.warnings.push(`Kibana space "${s}" was taken as the space id "${id}"; check the id in Kibana (Stack Management → Spaces).`);
    ids.push(id);
  }
  if (ctx.spaces?.[0] === '*') {
    ctx.warnings.push(`"all spaces" and named spaces (${joinList(ids)}) were both given: all spaces is used.`);
    return;
  }
  ctx.spaces = uniq(ids);
}

// =============================================================================================
// 5. Roles
// =============================================================================================

const ROLE_STOP = new Set(
  'a an the new custom same built-in builtin existing reserved own this that their his her my our kibana read-only read-write read write manage admin access proper right correct appropriate dedicated separate single specific minimal least-privilege relevant needed required necessary following these those some any which what'.split(
    ' ',
  ),
);

function isRoleWord(t: string): boolean {
  const l = t.toLowerCase();
  return !!t && !ROLE_STOP.has(l) && !isStop(t) && !/[*?]/.test(t) && /^[\w.@-]+$/.test(t);
}

const ROLE_ITEM = /"[^"\u0001]{1,100}"|'[^'\u0001]{1,100}'|[A-Za-z0-9_@][\w.@-]*/y;

function stepRoles(ctx: Ctx): void {
  const buf = ctx.buf;
  const roles: string[] = [];
  const builtin = new Set(BUILTIN_ROLE_NAMES);

  // a new role name: "create a role called logs-reader", "name the role X", "as a new role named X"
  const named = first(
    buf.view,
    /\b(?:(?:create|make|define|set\s+up|add|use|with|as|under|in)\s+(?:a\s+|an\s+|the\s+)?(?:new\s+|custom\s+|dedicated\s+)?role\s+(?:named|called)|(?:new|custom|dedicated)\s+role\s+(?:named|called)?|(?:name|call)\s+(?:it|the\s+(?:new\s+)?role)|role\s+name\s*(?:is|:|=|of)?)\s+/i,
  );
  if (named) {
    ROLE_ITEM.lastIndex = matchEnd(named);
    const r = ROLE_ITEM.exec(buf.view);
    const name = r ? clean(r[0]) : '';
    if (r && isRoleWord(name)) {
      ctx.req.roleName = name;
      buf.consume(named.index, ROLE_ITEM.lastIndex);
    }
  }

  // "the viewer role", "the viewer and editor roles"
  for (const m of scan(buf.view, /\broles?\b(?![\s-]*mappings?\b)/gi)) {
    const items = readListBackward(buf.view, m.index, isRoleWord);
    if (!items.length) continue;
    roles.push(...items.map((i) => i.text));
    const s = items[0]?.start ?? m.index;
    buf.consume(s, matchEnd(m));
  }
  // "role viewer", "roles viewer and editor"
  for (const m of scan(buf.view, /\broles?\s+(?:named\s+|called\s+)?(?![\s-]*mappings?\b)/gi)) {
    const { items, end } = readList(buf.view, matchEnd(m), ROLE_ITEM, isRoleWord);
    if (!items.length) continue;
    roles.push(...items.map((i) => i.text));
    buf.consume(m.index, end);
  }
  // "make alice a superuser", "as a viewer"
  for (const m of scan(buf.view, /\b(?:a|an|as)\s+(?:(?:a|an)\s+)?([a-z_]+)\b/gi)) {
    const w = (m[1] ?? '').toLowerCase();
    if (!builtin.has(w)) continue;
    roles.push(w);
    const s = groupSpan(m, 1);
    if (s) buf.consume(m.index, s[1]);
  }
  // built-in role names anywhere when they cannot be ordinary words (kibana_admin, monitoring_user, superuser)
  for (const m of scan(buf.view, /(?<![\w\u0001-])(super[\s-]?users?|[a-z]+(?:_[a-z]+)+)(?![\w-])/gi)) {
    const raw = (m[1] ?? '').toLowerCase();
    const w = /^super[\s-]?users?$/.test(raw) ? 'superuser' : raw;
    if (!builtin.has(w)) continue;
    roles.push(w);
    buf.consume(m.index, matchEnd(m));
  }
  // "admin" with nothing else named is vague: asked later
  if (/\b(?:make|making|promote)\s+\S+\s+(?:an?\s+)?(?:admin|administrator)\b|\badmin(?:istrator)?\s+(?:rights|access|privileges|permissions)\b/i.test(buf.view)) ctx.vagueAdmin = true;

  if (roles.length) ctx.req.what.roles = uniq(roles);
}

// =============================================================================================
// 6. Metadata for a new user
// =============================================================================================

function stepMetadata(ctx: Ctx): void {
  const buf = ctx.buf;
  const md: Record<string, string | number | boolean> = {};
  const set = (k: string | undefined, v: string | undefined): boolean => {
    if (!k || v === undefined || !isFieldWord(k) || !isFieldWord(clean(v)) || k === '__proto__') return false;
    const quoted = /^["']/.test(v);
    md[k] = toValue(clean(v), quoted);
    return true;
  };
  const KV = String.raw`"?([A-Za-z_][\w.]*)"?\s*[:=]\s*("[^"\x01]*"|'[^'\x01]*'|[\w.@-]+)`;
  // "metadata department=hr, region=eu", "metadata {department: hr}"
  for (const m of scan(buf.view, new RegExp(String.raw`\b(?:user\s+)?metadata\s*(?:of\s+|with\s+|:\s*)?\{?\s*`, 'gi'))) {
    let cur = matchEnd(m);
    let any = false;
    const kv = new RegExp(KV, 'y');
    for (let i = 0; i < 10; i++) {
      kv.lastIndex = cur;
      const p = kv.exec(buf.view);
      if (!p || !set(p[1], p[2])) break;
      any = true;
      cur = kv.lastIndex;
      const sep = /\s*(?:,|;|\band\b)\s*/y;
      sep.lastIndex = cur;
      if (!sep.exec(buf.view)) break;
      const peek = new RegExp(KV, 'y');
      peek.lastIndex = sep.lastIndex;
      if (!peek.exec(buf.view)) break;
      cur = sep.lastIndex;
    }
    if (!any) continue;
    const close = /\s*\}/y;
    close.lastIndex = cur;
    if (close.exec(buf.view)) cur = close.lastIndex;
    buf.consume(m.index, cur);
  }
  // "department: hr in her metadata", "with department hr in their user metadata"
  for (const m of scan(
    buf.view,
    /\b(?:with\s+)?([A-Za-z_][\w.]*)\s*(?:[:=]\s*|\s+(?:of\s+|set\s+to\s+|=\s*)?)("[^"\u0001]*"|'[^'\u0001]*'|[\w.@-]+)\s+(?:in|as)\s+(?:her|his|their|the|its)\s+(?:user\s+)?metadata\b/gi,
  )) {
    if (set(m[1], m[2])) buf.consume(m.index, matchEnd(m));
  }
  // "set her metadata department to hr", "set their department metadata to hr"
  for (const m of scan(
    buf.view,
    /\bset\s+(?:her|his|their|the\s+user'?s)\s+(?:metadata\s+(?:field\s+)?)?([A-Za-z_][\w.]*)\s+(?:metadata\s+)?to\s+("[^"\u0001]*"|'[^'\u0001]*'|[\w.@-]+)/gi,
  )) {
    if (set(m[1], m[2])) buf.consume(m.index, matchEnd(m));
  }
  if (Object.keys(md).length) ctx.req.who.metadata = md;
}

// =============================================================================================
// 7. Who
// =============================================================================================

const NAME_AT = new RegExp(NAME_SRC, 'y');

function readName(view: string, pos: number): Item | undefined {
  NAME_AT.lastIndex = pos;
  const m = NAME_AT.exec(view);
  if (!m) return undefined;
  const text = clean(m[0]).replace(/'s$/i, '');
  if (!isNameWord(text)) return undefined;
  return { text, start: pos, end: pos + m[0].length };
}

function setNative(ctx: Ctx, kind: 'new_user' | 'existing_user', name: Item | undefined): void {
  const who: Who = { ...ctx.req.who, kind };
  if (name) {
    who.username = name.text;
    if (EMAIL_RE.test(name.text) && new RegExp(`^${EMAIL_RE.source}$`).test(name.text)) who.email = name.text;
    ctx.buf.consume(name.start, name.end);
    readUserExtras(ctx, who, name.end);
  }
  ctx.req.who = who;
}

/** "(Bob Smith, bob@corp.com)", "with full name Bob Smith and email bob@corp.com" */
function readUserExtras(ctx: Ctx, who: Who, pos: number): void {
  const buf = ctx.buf;
  const paren = /\s*\(([^()\u0001]{1,200})\)/y;
  paren.lastIndex = pos;
  const p = paren.exec(buf.view);
  if (p) {
    for (const part of (p[1] ?? '').split(/\s*[,;]\s*/)) {
      const t = part.trim().replace(/^(?:e-?mail|full\s+name|name)\s*[:=]?\s*/i, '');
      if (!t) continue;
      if (new RegExp(`^${EMAIL_RE.source}$`).test(t)) who.email ??= t;
      else if (!who.full_name && /^[\p{L}][\p{L}'. -]*$/u.test(t)) who.full_name = t;
    }
    buf.consume(pos, paren.lastIndex);
  }
  const email = first(buf.view, new RegExp(String.raw`\b(?:e-?mail(?:\s+address)?)\s*(?:is\s+|:\s*|=\s*|of\s+)?(${EMAIL_RE.source})`, 'i'));
  if (email && email[1]) {
    who.email = email[1];
    buf.consume(email.index, matchEnd(email));
  }
  const full = first(
    buf.view,
    /\b(?:full\s+name|display\s+name|real\s+name)\s*(?:is\s+|:\s*|=\s*|of\s+)?("[^"\u0001]+"|'[^'\u0001]+'|\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3})/u,
  ) ?? first(buf.view, /\b(?:full\s+name|display\s+name|real\s+name)\s*(?:is\s+|:\s*|=\s*|of\s+)?("[^"\u0001]+"|'[^'\u0001]+'|\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3})/iu);
  if (full && full[1]) {
    who.full_name = clean(full[1]);
    buf.consume(full.index, matchEnd(full));
  }
}

function stepWho(ctx: Ctx): void {
  const pw = first(ctx.buf.view, /\b(?:with\s+)?(?:the\s+|a\s+)?(?:initial\s+|temporary\s+)?(?:password|passwd|pwd|passphrase)\s*(?:is\s+|of\s+|:\s*|=\s*|set\s+to\s+)?("[^"\u0001]*"|'[^'\u0001]*'|\S+)/i);
  if (pw && !/^(?:fields?|for|to|and|of|the|reset|change|policy|rules?)$/i.test(pw[1] ?? '')) {
    ctx.buf.consume(pw.index, matchEnd(pw));
    ctx.warnings.push('The request contains a password: es-authz does not take passwords from the request text (it would end up in logs and history). The user gets a generated password, shown once, or you set one through a secure prompt.');
  }
  if (stepRealm(ctx)) return;
  const buf = ctx.buf;

  const createAs = first(
    buf.view,
    new RegExp(String.raw`\b(?:create|add|set\s+up|provision|onboard|register)\s+(${NAME_SRC})\s+as\s+(?:a\s+|an\s+)?(?:new\s+)?(?:native\s+|local\s+)?(?:user|account)\b`, 'i'),
  );
  if (createAs) {
    const s = groupSpan(createAs, 1);
    const name = s ? readName(buf.view, s[0]) : undefined;
    if (name) {
      ctx.creating = true;
      buf.consume(createAs.index, matchEnd(createAs));
      setNative(ctx, 'new_user', name);
      return;
    }
  }

  // new native user
  const creators = [
    /\b(?:create|add|make|set\s+up|setup|provision|onboard|register|open)\s+(?:a\s+|an\s+|the\s+)?(?:brand\s+)?(?:new\s+)?(?:native\s+|local\s+|internal\s+|elasticsearch\s+|es\s+)?(?:(?:service|technical|system|api|machine|bot|dedicated|functional)\s+)?(?:user(?:name)?|account|login)(?:\s+(?:named|called|with\s+(?:the\s+)?(?:user)?name|for|:|=))?\s*/gi,
    /\b(?:a\s+)?new\s+(?:native\s+|local\s+)?(?:user|account)(?:\s+(?:named|called|for))?\s*/gi,
  ];
  for (const re of creators) {
    const m = first(buf.view, re);
    if (!m) continue;
    ctx.creating = true;
    let name = readName(buf.view, matchEnd(m));
    buf.consume(m.index, matchEnd(m));
    if (!name) {
      const u = first(buf.view, /\b(?:user\s*name|login|called|named)\s*(?:is\s+|:\s*|=\s*|of\s+|should\s+be\s+)?/i);
      if (u) {
        name = readName(buf.view, matchEnd(u));
        if (name) buf.consume(u.index, matchEnd(u));
      }
    }
    setNative(ctx, 'new_user', name);
    return;
  }
  // existing user, strongest phrasing first
  const patterns: RegExp[] = [
    /\b(?:the\s+)?(?:existing\s+|native\s+|local\s+)*(?:user(?:name)?|account)\s+(?:named\s+|called\s+)?/gi,
    new RegExp(String.raw`\bthe\s+(?=${NAME_SRC}\s+(?:native\s+)?user\b)`, 'gi'),
    /\b(?:give|gives|let|lets|allow|allows|grant|grants|add|stop|permit|enable|re-?enable|reactivate|disable|deactivate|suspend|block|lock|unlock|unblock|delete|remove|revoke|make|help|assign|provide|offboard|deprovision)\s+(?:user\s+)?/gi,
  ];
  for (const re of patterns) {
    for (const m of scan(buf.view, re)) {
      const name = readName(buf.view, matchEnd(m));
      if (!name || looksLikeIndex(name.text)) continue;
      if (/^'s\s+(?:whole\s+|entire\s+)?(?:team|group|department|squad|org|organization|people|reports|direct\s+reports|colleagues|staff|unit)\b/i.test(buf.view.slice(name.end))) {
        ctx.team = `${name.text}'s team`;
        continue;
      }
      buf.consume(m.index, matchEnd(m));
      setNative(ctx, 'existing_user', name);
      const tail = /\s+(?:native\s+)?user\b/y;
      tail.lastIndex = name.end;
      if (tail.exec(buf.view)) buf.consume(name.end, tail.lastIndex);
      return;
    }
  }
  // possessive: "alice's access", "take away joe's write access"
  for (const m of scan(
    buf.view,
    new RegExp(String.raw`(?<![\w\x01.@-])(${NAME_SRC})'s\s+(?:\w+\s+){0,2}(?:access|account|permissions?|privileges?|roles?|user|login|rights)\b`, 'gi'),
  )) {
    const s = groupSpan(m, 1);
    const name = s ? readName(buf.view, s[0]) : undefined;
    if (!name || looksLikeIndex(name.text)) continue;
    setNative(ctx, 'existing_user', name);
    return;
  }
  // subject: "Joe needs read access", "bob should be able to …"
  for (const m of scan(
    buf.view,
    new RegExp(
      String.raw`(?:^|[.;!?:,]\s*|\b(?:so|that|and|sure|ensure)\s+)(${NAME_SRC})(?:\s+(?:from|in|at|on|of)\s+(?:the\s+)?[\w-]+(?:\s+(?:team|department|dept|org|group))?)?\s+(?:needs|need|should|must|wants|can|can't|cannot|could|has|have|requires|is|will|may|gets|uses|works)\b`,
      'gi',
    ),
  )) {
    const s = groupSpan(m, 1);
    const name = s ? readName(buf.view, s[0]) : undefined;
    if (!name || looksLikeIndex(name.text)) continue;
    setNative(ctx, 'existing_user', name);
    return;
  }
}

/** External realms. Returns true when the grantee is a realm principal. */
function stepRealm(ctx: Ctx): boolean {
  const buf = ctx.buf;
  let idp: IdentityProvider | undefined;
  for (const p of IDENTITY_PROVIDERS) {
    const m = first(buf.view, p.pattern);
    if (!m) continue;
    idp ??= p;
    buf.consume(m.index, matchEnd(m));
  }
  const types: RealmType[] = [];
  for (const w of REALM_TYPE_WORDS) {
    for (const m of scan(buf.view, w.pattern)) {
      types.push(w.type);
      buf.consume(m.index, matchEnd(m));
    }
  }
  // realm name: "in realm oidc1", "the corp-ldap realm"
  let realmName: string | undefined;
  const rn = first(buf.view, /\brealm\s+(?:named\s+|called\s+)?/i);
  if (rn) {
    const name = readName(buf.view, matchEnd(rn));
    if (name) {
      realmName = name.text;
      buf.consume(rn.index, name.end);
    }
  }
  if (!realmName) {
    for (const m of scan(buf.view, new RegExp(String.raw`(?<![\w\x01.-])(${NAME_SRC})\s+realm\b`, 'gi'))) {
      const s = groupSpan(m, 1);
      const name = s ? readName(buf.view, s[0]) : undefined;
      if (!name) continue;
      realmName = name.text;
      buf.consume(m.index, matchEnd(m));
      break;
    }
  }
  if (!realmName) {
    // "from ldap1", "via saml-okta": a realm name that starts like a realm type
    const m = first(buf.view, /\b(?:from|in|via|through|using|of)\s+(?:the\s+)?((?:saml|oidc|ldap|ad|pki|jwt|kerberos|krb)[\w-]*\d[\w-]*|(?:saml|oidc|ldap|ad|pki|jwt|kerberos|krb)[_-][\w-]+)\b/i);
    if (m && m[1]) {
      realmName = m[1];
      buf.consume(m.index, matchEnd(m));
    }
  }
  for (const m of scan(buf.view, /\b(?:the\s+)?(?:\u0001+\s+)?realms?\b/gi)) buf.consume(m.index, matchEnd(m));

  if (!idp && !types.length && !realmName) return false;

  const who: Who = { ...ctx.req.who, kind: 'realm' };
  const distinct = uniq(types);
  if (distinct.length > 1) {
    pushQuestion(ctx, {
      field: 'who',
      question: `The request names several realm types (${joinList(distinct)}). Which realm do these users log in through?`,
      options: distinct,
    });
  }
  const type = distinct[0];
  if (type || realmName) who.realm = { ...(type ? { type } : {}), ...(realmName ? { name: realmName } : {}) };

  const groups = readGroups(ctx);
  if (groups.length) who.groups = groups;

  // DN: "whose certificate DN is CN=svc-*,OU=services,O=corp", "the LDAP user with DN cn=bob,…"
  const dnm = first(
    buf.view,
    new RegExp(
      String.raw`\b(?:dn|distinguished\s+name|subject(?:\s+dn)?)\s*(?:is\s+|=\s*|:\s*|of\s+|matches\s+|matching\s+|like\s+|equal\s+to\s+|equals\s+)?(?:the\s+pattern\s+)?(${DN_SRC})`,
      'i',
    ),
  );
  if (dnm && dnm[1]) {
    who.dn = clean(dnm[1]);
    buf.consume(dnm.index, matchEnd(dnm));
  } else {
    const bare = first(buf.view, new RegExp(`(?<![\\w\\x01])${DN_SRC}`));
    if (bare && /,/.test(bare[0])) {
      who.dn = clean(bare[0]);
      buf.consume(bare.index, matchEnd(bare));
    }
  }
  // username: "the LDAP user jdoe", "Kerberos principal alice@CORP.COM"
  if (!who.groups && !who.dn) {
    for (const m of scan(buf.view, /\b(?:users?|principal|account|login)\s+(?:named\s+|called\s+)?/gi)) {
      const name = readName(buf.view, matchEnd(m));
      if (!name) continue;
      who.username = name.text;
      buf.consume(m.index, name.end);
      break;
    }
    if (!who.username) {
      const e = first(buf.view, EMAIL_RE);
      if (e) {
        who.username = e[0];
        buf.consume(e.index, matchEnd(e));
      }
    }
  }

  if (idp && !type) {
    ctx.idp = idp;
    pushQuestion(ctx, {
      field: 'who',
      question: `${idp.name} can reach Elasticsearch through a ${joinList(idp.protocols.map((p) => p.toUpperCase()))} realm. Which realm do these users log in through (type and realm name)?`,
      options: idp.protocols,
    });
  }
  if (!who.groups && !who.dn && !who.username) {
    const label = type ? (REALM_TYPE_WORDS.find((w) => w.type === type)?.label ?? type) : (idp?.name ?? 'the realm');
    pushQuestion(ctx, {
      field: 'who',
      question: `Which ${label} users: a group (its name or DN), a DN pattern, or one username? (Mapping every user of the realm is rarely intended.)`,
      options: ['a group', 'a DN pattern', 'a username', 'every user of the realm'],
    });
  }
  ctx.req.who = who;
  return true;
}

function readGroups(ctx: Ctx): string[] {
  const buf = ctx.buf;
  const out: string[] = [];
  const accept = (t: string): boolean => /=/.test(t) || (!!t && !isStop(t) && !KIBANA_WORDS.has(t.toLowerCase()) && /[A-Za-z0-9]/.test(t));
  // "group(s) [named] LIST"
  for (const m of scan(buf.view, /\bgroups?\s+(?:named\s+|called\s+|of\s+)?(?=[^\s\u0001])/gi)) {
    const { items, end } = readList(buf.view, matchEnd(m), GROUP_ITEM, accept);
    if (!items.length) continue;
    out.push(...items.map((i) => i.text));
    buf.consume(m.index, end);
  }
  // "the sre group", "the sre SAML group" (realm word already masked)
  for (const m of scan(buf.view, /(?<![\w\u0001.@-])("[^"\u0001]{1,100}"|[A-Za-z0-9_][\w.@+-]*)\s+(?:\u0001+\s+)?groups?\b/gi)) {
    const t = clean(m[1] ?? '');
    if (!accept(t)) continue;
    out.push(t);
    buf.consume(m.index, matchEnd(m));
  }
  // "members of cn=admins,…", "everyone in \"Domain Admins\""
  for (const m of scan(
    buf.view,
    new RegExp(String.raw`\b(?:members?\s+of|everyone\s+in|everybody\s+in|anyone\s+in|users\s+in|people\s+in)\s+(?:the\s+)?(${DN_SRC}|"[^"\x01]{1,100}")`, 'gi'),
  )) {
    out.push(clean(m[1] ?? ''));
    buf.consume(m.index, matchEnd(m));
  }
  return uniq(out.filter(Boolean));
}

const HYPHEN_WORDS = new Set(
  'read-only read-write re-enable re-enabled re-activate self-managed self-hosted on-prem on-premise on-premises built-in e-mail sign-in log-in log-on full-text real-time non-production pre-production so-called full-name user-name top-level x-pack well-known up-to-date day-to-day cross-cluster co-worker co-workers follow-up end-user end-users multi-tenant per-user per-team per-region least-privilege read-access write-access re-add no-one one-off ad-hoc de-activate de-provision un-assign sub-field opt-in opt-out time-based role-based attribute-based document-level field-level'.split(
    ' ',
  ),
);

function looksLikeIndex(t: string): boolean {
  if (/[*?]/.test(t)) return true;
  if (t.startsWith('.') && t.length > 1) return true;
  return false;
}

function isIndexToken(t: string): boolean {
  if (!t || /@/.test(t)) return false;
  if (t === '*') return true;
  if (!/[a-z*]/i.test(t)) return false;
  if (/[*?]/.test(t)) return true;
  if (t.startsWith('.') && t.length > 1 && /[a-z]/i.test(t)) return true;
  if (t.includes('-')) {
    const l = t.toLowerCase();
    if (HYPHEN_WORDS.has(l) || /^-|-$/.test(t)) return false;
    if (/^(?:re|non|pre|co|self|multi|per|sub|anti|semi|un|de|e|x|well|so|half|full|all|read|write|view|admin|super|cross)-[a-z]+$/i.test(t)) return false;
    return true;
  }
  return false;
}

// =============================================================================================
// 8. Indices
// =============================================================================================

const INDEX_KIND = String.raw`(?:index\s+patterns?|indices|indexes|index|data\s*streams?|datastreams?|aliases|alias|patterns?)`;

function isIndexWord(t: string): boolean {
  return !!t && !isStop(t) && !/^(?:any|all|every|each|other|those|specific|certain|relevant|some|many|several|following|given|named)$/i.test(t) && /^[\w.*?:+-]+$/.test(t);
}

function stepIndices(ctx: Ctx): void {
  const buf = ctx.buf;
  const out: string[] = [];
  const push = (t: string, pos: number): void => {
    let name = t.replace(/[.,:;]+$/, '');
    if (!name) return;
    if (name !== name.toLowerCase()) {
      ctx.warnings.push(`Index names are lower-case: "${name}" was read as "${name.toLowerCase()}".`);
      name = name.toLowerCase();
    }
    out.push(name);
    if (!ctx.indexPos.has(name)) ctx.indexPos.set(name, pos);
  };

  // "but not logs-secure-*": roles cannot subtract indices
  for (const m of scan(buf.view, /\b(?:but\s+not|except(?:\s+for)?|excluding|other\s+than|apart\s+from|not\s+(?:to|on|in))\s+(?:(?:to|on|in|the)\s+)*/gi)) {
    const { items, end } = readList(buf.view, matchEnd(m), WORD_ITEM, (t) => isIndexToken(t.replace(/[.:]+$/, '')));
    if (!items.length) continue;
    ctx.excludedIndices = [...(ctx.excludedIndices ?? []), ...items.map((i) => i.text.toLowerCase())];
    buf.consume(m.index, end);
  }
  // "all indices", "every index", "everything" (not in "take away everything")
  const all = first(
    buf.view,
    ctx.revoking || ctx.disabling
      ? /\b(?:all|every|any)\s+(?:of\s+)?(?:the\s+)?(?:indices|indexes|index)\b/i
      : /\b(?:all|every|any)\s+(?:of\s+)?(?:the\s+)?(?:indices|indexes|index|data(?:\s+streams?)?)\b|\b(?:everything|all\s+data)\b/i,
  );
  if (all) {
    ctx.allIndices = true;
    out.push('*');
    ctx.indexPos.set('*', all.index);
    buf.consume(all.index, matchEnd(all));
  }
  // "the logs and metrics indices", "the hr-employees index"
  for (const m of scan(buf.view, new RegExp(String.raw`\b${INDEX_KIND}\b`, 'gi'))) {
    const kind = (m[0] ?? '').toLowerCase();
    const items = readListBackward(buf.view, m.index, isIndexWord);
    if (!items.length) continue;
    const plural = /indices|indexes|streams|patterns/.test(kind);
    for (const it of items) {
      const bare = /^[a-z0-9_]+$/i.test(it.text);
      push(plural && bare && !/aliases/.test(kind) ? `${it.text}-*` : it.text, it.start);
    }
    buf.consume(items[0]?.start ?? m.index, matchEnd(m));
  }
  // "indices logs-* and metrics-*", "the alias sales", "data stream logs-nginx-default"
  for (const m of scan(buf.view, new RegExp(String.raw`\b${INDEX_KIND}\s+(?:named\s+|called\s+|like\s+|matching\s+)?`, 'gi'))) {
    const { items, end } = readList(buf.view, matchEnd(m), WORD_ITEM, isIndexWord);
    if (!items.length) continue;
    for (const it of items) push(it.text, it.start);
    buf.consume(m.index, end);
  }
  // a bare name after "access to" once the grantee is known: "read-write access to orders"
  if (ctx.req.who.kind !== 'unknown') {
    for (const m of scan(
      buf.view,
      /\b(?:access|privileges?|permissions?|rights|read|reads|write|writes|search|query|view|manage|ingest|see)\s+(?:access\s+)?(?:to|on|from|into|over)\s+(?:the\s+)?/gi,
    )) {
      const { items, end } = readList(
        buf.view,
        matchEnd(m),
        WORD_ITEM,
        (t) => isIndexWord(t) && !KIBANA_WORDS.has(t.toLowerCase()) && !/^kibana$/i.test(t) && !/@/.test(t),
      );
      if (!items.length) continue;
      // "access to the sales dashboard": a Kibana object, not an index
      if (/^\s+(?:dashboards?|visuali[sz]ations?|maps?|canvas|workpads?|apps?|space)\b/i.test(buf.view.slice(end))) continue;
      for (const it of items) push(it.text, it.start);
      buf.consume(items[0]?.start ?? matchEnd(m), end);
    }
  }
  // index-looking tokens anywhere
  for (const m of scan(buf.view, /(?<![\w@.*?:+\u0001'"=/-])([A-Za-z0-9.*?][\w.*?:+-]*)/g)) {
    const raw = (m[1] ?? '').replace(/[.:]+$/, '');
    if (!isIndexToken(raw)) continue;
    push(raw, m.index);
    buf.consume(m.index, m.index + raw.length);
  }
  if (out.length) ctx.req.what.indices = uniq(out).sort((a, b) => (ctx.indexPos.get(a) ?? 0) - (ctx.indexPos.get(b) ?? 0));
}

// =============================================================================================
// 9. Kibana apps
// =============================================================================================

const LOCAL_WRITE =
  /\b(?:create|creates|creating|edit|edits|editing|build|builds|building|save|saves|saving|modify|modifying|author|authoring|manage|managing|administer|write|writing|share|sharing|update|updating|delete|deleting|configure|configuring|set\s+up|design|designing|run|running)\b/gi;
const LOCAL_READ = /\b(?:view|views|viewing|see|seeing|use|using|open|opening|read|reading|look\s+at|browse|browsing|explore|exploring|access|watch|check)\b/gi;

function stepKibana(ctx: Ctx): void {
  const buf = ctx.buf;
  const src = ctx.src;
  const found: { f: KibanaAppFeature; start: number; end: number }[] = [];
  for (const f of KIBANA_APP_FEATURES) {
    for (const m of scan(buf.view, f.pattern)) found.push({ f, start: m.index, end: matchEnd(m) });
  }
  const kibanaContext = /\bkibana\b/i.test(src) || found.length > 0;
  if (kibanaContext) {
    for (const f of KIBANA_APP_FEATURES) {
      if (!f.contextPattern) continue;
      for (const m of scan(buf.view, f.contextPattern)) {
        if (found.some((x) => x.start < matchEnd(m) && m.index < x.end)) continue;
        found.push({ f, start: m.index, end: matchEnd(m) });
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  let prevEnd = 0;
  for (const x of found) {
    buf.consume(x.start, x.end);
    // the verb nearest before the app name, in the same stretch of text
    const from = Math.max(prevEnd, x.start - 60);
    const window = buf.view.slice(from, x.start);
    let privilege: 'read' | 'all' | undefined;
    let bestAt = -1;
    let bestSpan: [number, number] | undefined;
    for (const m of scan(window, LOCAL_WRITE)) {
      if (m.index > bestAt) {
        bestAt = m.index;
        privilege = 'all';
        bestSpan = [from + m.index, from + matchEnd(m)];
      }
    }
    for (const m of scan(window, LOCAL_READ)) {
      if (m.index > bestAt) {
        bestAt = m.index;
        privilege = 'read';
        bestSpan = undefined;
      }
    }
    // "create dashboards and visualizations": a list of apps shares the verb
    const prev = ctx.kibanaFeatures[ctx.kibanaFeatures.length - 1];
    if (prev && /^\s*(?:,\s*)?(?:(?:and|&|or|plus)\s+)?(?:(?:the|their|kibana)\s+)*$/i.test(buf.view.slice(prevEnd, x.start))) {
      privilege = prev.privilege;
      bestSpan = undefined;
    }
    // a write verb right before the app ("edit dashboards") is about Kibana, not the indices
    if (bestSpan && /^(?:\s+(?:and|&|or)\s+\w+)?\s+(?:(?:the|their|kibana|new|some|any|own|shared|saved|\u0001+)\s+)*$/i.test(buf.view.slice(bestSpan[1], x.start))) {
      buf.consume(bestSpan[0], bestSpan[1]);
    }
    ctx.kibanaFeatures.push({ feature: x.f.feature, ...(privilege ? { privilege } : {}), start: x.start });
    prevEnd = x.end;
  }
  if (/\b(?:the|a|one|this|that|our|my)\s+(?!kibana\b)[\w'-]+\s+dashboard\b(?!s)/i.test(src) && ctx.kibanaFeatures.some((k) => k.feature === 'dashboard_v2')) {
    ctx.warnings.push('Kibana privileges cover every dashboard in a space, not one dashboard: to share a single dashboard, put it (and its data view) in a space of its own.');
  }
  // Kibana named without an app
  if (!ctx.kibanaFeatures.length && /\bkibana\b/i.test(buf.view)) {
    const whole = first(
      buf.view,
      /\b(?:all\s+(?:of\s+)?kibana|everything\s+in\s+kibana|(?:the\s+)?(?:whole|entire|full)\s+kibana|kibana\s+(?:admin|administrator|viewer|read[\s-]?only)|full\s+(?:access\s+to\s+)?kibana|kibana\s+base\s+privilege\s+(?:read|all))\b/i,
    );
    if (whole) {
      const t = whole[0];
      if (/admin|full/i.test(t)) ctx.kibanaBase = 'all';
      else if (/viewer|read/i.test(t)) ctx.kibanaBase = 'read';
      else {
        ctx.kibanaBase = 'read';
        ctx.kibanaBaseByLevel = true;
      }
      buf.consume(whole.index, matchEnd(whole));
    } else {
      ctx.kibanaUnresolved = true;
    }
    for (const m of scan(buf.view, /\bkibana\b/gi)) buf.consume(m.index, matchEnd(m));
  }
}

// =============================================================================================
// 10. Who, late phrasing
// =============================================================================================

function stepWhoLate(ctx: Ctx): void {
  const buf = ctx.buf;
  if (ctx.req.who.kind !== 'unknown') return;

  // "… to joe", "for alice@example.com"
  const preps = ctx.revoking ? /\b(?:to|for|from)\s+(?:the\s+)?(?:existing\s+)?(?:user\s+)?/gi : /\b(?:to|for)\s+(?:the\s+)?(?:existing\s+)?(?:user\s+)?/gi;
  for (const m of scan(buf.view, preps)) {
    const name = readName(buf.view, matchEnd(m));
    if (!name || isIndexToken(name.text)) continue;
    // "access to the nginx logs": a description of data, not a person
    if (/^\s+(?:logs?|data|indices|index|indexes|documents|docs|metrics|events|records|traces|dashboards?|streams?|data\s+streams?|aliases|alias)\b/i.test(ctx.src.slice(name.end))) continue;
    const after = buf.view.slice(name.end);
    if (!/^\s*(?:$|[.,;!?)]|\u0001|(?:in|on|with|so|as|too|also|please|now|today|as\s+well|by|from|and\s+(?:also\s+)?(?:make|give|let|hide|show)|\(|who|because|since|until)\b)/i.test(after)) continue;
    buf.consume(m.index, matchEnd(m));
    setNative(ctx, ctx.creating ? 'new_user' : 'existing_user', name);
    return;
  }
  // an e-mail address anywhere
  const e = first(buf.view, EMAIL_RE);
  if (e) {
    setNative(ctx, 'existing_user', { text: e[0], start: e.index, end: matchEnd(e) });
    return;
  }
  // a team or group without a realm: ask
  const groups = readGroups(ctx);
  const team =
    first(
      buf.view,
      /\b(?:the|our|my|a|an|their)\s+((?:[A-Za-z0-9][\w&.-]*\s+){0,2}[A-Za-z0-9][\w&.-]*)\s+(?:team|squad|crew|department|dept|org|organization|organisation|unit|division|folks|staff|group|tribe|guild|chapter)s?\b/i,
    ) ??
    first(
      buf.view,
      /\b(?:everyone|everybody|anyone|all\s+users|all\s+members|members|people|users|employees|staff)\s+(?:in|of|from|on)\s+(?:the\s+)?([A-Za-z0-9][\w&.-]*)/i,
    );
  const teamName = team?.[1]
    ?.split(/\s+/)
    .filter((w) => !isStop(w))
    .join(' ');
  const people = first(
    buf.view,
    /\b(?:(?:the|our|all|each|every|any)\s+)?(?:[\w-]+\s+)?(analysts?|admins|administrators|developers?|devs|engineers?|employees?|contractors?|auditors?|managers?|interns?|partners?|customers?|scientists?|sres?|operators?|staff|testers?|consultants?|vendors?|accountants?|investigators?|responders?|people|folks|colleagues|everyone|everybody)\b/i,
  );
  const peopleName = people
    ? people[0]
        .split(/\s+/)
        .filter((w, i, ws) => i === ws.length - 1 || !/^(?:give|gives|let|lets|allow|allows|grant|grants|make|makes|help|the|our|my|all|each|every|any|please|and|or|to|for)$/i.test(w))
        .join(' ')
    : undefined;
  const name = groups[0] ?? teamName ?? peopleName;
  if (name) {
    ctx.team = name;
    if (groups.length) ctx.req.who.groups = groups;
    else if (teamName) ctx.req.who.groups = [teamName];
    if (team) buf.consume(team.index, matchEnd(team));
    if (people) buf.consume(people.index, matchEnd(people));
  }
}

// =============================================================================================
// Explicit privileges placed, deployment-specific who
// =============================================================================================

function stepExtras(ctx: Ctx): void {
  const req = ctx.req;
  // privileges: index or cluster
  const index: string[] = [];
  const cluster: string[] = [];
  for (const p of ctx.privs) {
    const inIndex = isKnownIndexPrivilege(p.name);
    const inCluster = isKnownClusterPrivilege(p.name);
    let kind = p.kind;
    if (kind === 'index' && !inIndex && inCluster) kind = 'cluster';
    if (kind === 'cluster' && !inCluster && inIndex) kind = 'index';
    kind ??= inIndex && !inCluster ? 'index' : inCluster && !inIndex ? 'cluster' : req.what.indices.length ? 'index' : 'cluster';
    (kind === 'index' ? index : cluster).push(p.name);
  }
  if (index.length || cluster.length) {
    req.privileges = { ...(index.length ? { index: uniq(index) } : {}), ...(cluster.length ? { cluster: uniq(cluster) } : {}) };
    if (cluster.length) req.what.cluster = uniq(cluster);
  }
  // Serverless: users are Elastic Cloud organization members
  if (req.deployment === 'serverless' && (req.who.kind === 'new_user' || req.who.kind === 'existing_user')) {
    if (req.who.kind === 'new_user') {
      ctx.warnings.push(
        `Serverless projects have no native users: ${req.who.username ?? 'the user'} must be invited to the Elastic Cloud organization; es-authz then assigns the custom role to them.`,
      );
    }
    req.who = { ...req.who, kind: 'serverless_user' };
    if (req.who.username && new RegExp(`^${EMAIL_RE.source}$`).test(req.who.username)) req.who.email ??= req.who.username;
  }
}

// =============================================================================================
// 11. Level
// =============================================================================================

function negated(view: string, at: number): boolean {
  const before = view.slice(Math.max(0, at - 24), at);
  // "can't read hr-* anymore": the negation is the revocation, the verb is what is taken away
  if (/\b(?:any\s*more|any\s+longer)\b/i.test(view.slice(at, at + 80))) return false;
  if (/\bno\s+longer\s+(?:\S+\s+)?$/i.test(before)) return false; // "should no longer see X": revoke read
  return /\b(?:not|no|never|without|cannot|can't|won't|shouldn't|mustn't|but\s+not)\s+(?:\S+\s+)?$/i.test(before);
}

function stepLevel(ctx: Ctx): void {
  const buf = ctx.buf;
  const rw = scan(buf.view, /\bread[\s-]*(?:\/|and|&|\+|-)?[\s-]*write\b|\bread\/write\b|\brw\b/gi);
  for (const m of rw) {
    ctx.levels.add('write');
    ctx.levels.add('read');
    ctx.levelHits.push({ level: 'write', pos: m.index });
    buf.consume(m.index, matchEnd(m));
  }
  for (const w of LEVEL_WORDS) {
    for (const m of scan(buf.view, w.pattern)) {
      if (negated(buf.view, m.index)) continue;
      ctx.levels.add(w.level);
      ctx.levelHits.push({ level: w.level, pos: m.index });
      buf.consume(m.index, matchEnd(m));
    }
  }
  const L = ctx.levels;
  const req = ctx.req;
  if (L.has('manage')) req.level = 'manage';
  else if (L.has('write')) req.level = 'write';
  else if (L.has('read') || (L.has('use') && (ctx.kibanaFeatures.length > 0 || ctx.kibanaBase))) req.level = 'read';
  else if (req.privileges) req.level = 'explicit';
  else {
    req.level = 'read';
    ctx.levelMissing = true;
  }
  if (L.has('read') && (L.has('write') || L.has('manage'))) ctx.alsoRead = true;
  if (L.has('use') && !L.has('read') && !L.has('write') && !L.has('manage') && ctx.kibanaFeatures.length) {
    ctx.warnings.push('"use" was read as read-only Kibana access (view, not create or edit). Say "edit" or "create" for write access to the apps.');
  }
}

// =============================================================================================
// 12. Action
// =============================================================================================

function stepAction(ctx: Ctx, f: ActionFlags): void {
  const req = ctx.req;
  const what = req.what;
  const hasWhat = what.indices.length > 0 || (what.roles?.length ?? 0) > 0 || ctx.kibanaFeatures.length > 0 || !!ctx.kibanaBase || (what.cluster?.length ?? 0) > 0 || !!req.privileges;
  const realm = req.who.kind === 'realm';
  let action: Action = 'grant';
  if (f.deleteUser || (f.deleteVerb && !hasWhat)) action = 'delete';
  else if (f.disable && !hasWhat) action = 'disable';
  else if (f.strongEnable && !hasWhat) action = 'enable';
  else if (f.enable && !hasWhat && !f.revoke) action = 'enable';
  else if (f.revoke || (f.disable && hasWhat)) action = hasWhat ? 'revoke' : 'disable';

  if (realm && (action === 'disable' || action === 'delete')) {
    ctx.warnings.push(
      'Users of an external realm cannot be disabled or deleted in Elasticsearch (they are managed by their identity provider): their access is removed by removing the role mappings that match them.',
    );
    action = 'revoke';
  }
  if (realm && action === 'enable') {
    pushQuestion(ctx, {
      field: 'action',
      question: 'Realm users are enabled or disabled in their identity provider. Should es-authz restore role mappings for them instead (which roles)?',
    });
  }
  if (action === 'disable' && f.revoke && !f.disable) {
    ctx.warnings.push('No role or index was named, so "remove access" is done by disabling the user (reversible). Say "delete the user" to delete it, or name the access to take away.');
  }
  if (action === 'revoke' && !hasWhat && realm) {
    ctx.warnings.push('Nothing specific was named: every role mapping that matches these realm users will be removed.');
  }
  req.action = action;
  req.additive = action === 'grant' && f.additive;
  if (action === 'disable' || action === 'enable' || action === 'delete') req.level = 'none';
  if (action === 'revoke' && ctx.levelMissing) req.level = 'none';
}

// =============================================================================================
// 13. Questions and warnings
// =============================================================================================

function finish(ctx: Ctx): void {
  const req = ctx.req;
  const q = (x: Question): void => pushQuestion(ctx, x);
  const grantLike = req.action === 'grant';
  const who = req.who;

  // Kibana access
  if (ctx.kibanaFeatures.length || ctx.kibanaBase) {
    const lvl = KIBANA_PRIVILEGE_FOR_LEVEL[req.level];
    const features = new Map<string, string>();
    for (const k of ctx.kibanaFeatures) {
      const p = k.privilege ?? lvl;
      const prev = features.get(k.feature);
      features.set(k.feature, prev === 'all' ? 'all' : p);
    }
    const kib: KibanaAccess = { features: [...features].map(([feature, privilege]) => ({ feature, privilege })), spaces: ctx.spaces ?? ['default'] };
    if (ctx.kibanaBase) kib.base = ctx.kibanaBaseByLevel ? lvl : ctx.kibanaBase;
    req.what.kibana = kib;
    if (!ctx.spaces && req.action !== 'revoke') {
      ctx.warnings.push('No Kibana space was named: the Kibana privileges apply to the default space only. Say "in the <name> space" or "in all spaces" to change this.');
    }
    if (kib.spaces[0] === '*' && (kib.base === 'all' || kib.features.some((f) => f.privilege === 'all'))) {
      ctx.warnings.push('Kibana "all" privileges in every space: the grantee can change saved objects everywhere (high risk).');
    } else if (kib.spaces[0] === '*') {
      ctx.warnings.push('The Kibana privileges apply to every space, including spaces created later.');
    }
    if (kib.base === 'all') ctx.warnings.push('Kibana base privilege "all" grants every Kibana feature, including management apps (high risk).');
    if (kib.base === 'read') ctx.warnings.push('Kibana base privilege "read" grants read access to every Kibana feature in the space, not just one app.');
  } else if (ctx.spaces && req.action === 'grant') {
    q({
      field: 'kibana',
      question: `Kibana space${ctx.spaces.length > 1 ? 's' : ''} ${joinList(ctx.spaces)} ${ctx.spaces.length > 1 ? 'were' : 'was'} named, but no Kibana app. Which apps should they use there?`,
      options: KIBANA_APP_FEATURES.map((f) => f.app),
    });
  }
  if (ctx.kibanaUnresolved && req.action === 'grant') {
    q({
      field: 'kibana',
      question: 'Which Kibana apps should they use (Discover, Dashboards, …), or all of Kibana read-only?',
      options: [...KIBANA_APP_FEATURES.map((f) => f.app), 'all of Kibana (read)'],
    });
  }

  // what was asked, with the read that "read-write" implies
  if (ctx.alsoRead && req.what.indices.length && req.level !== 'read') {
    const index = uniq([...(req.privileges?.index ?? []), 'read']);
    req.privileges = { ...(req.privileges ?? {}), index };
  }

  // who
  if (who.kind === 'unknown') {
    if (ctx.team && /^(?:everyone|everybody|all\s+users)$/i.test(ctx.team)) {
      q({
        field: 'who',
        question:
          '"Everyone" would be every user who can log in (every realm): is that intended, or which users or group (native usernames, or a SAML/OIDC/LDAP/AD/PKI/JWT group)?',
        options: ['every user (high risk)', 'native users', 'realm group'],
      });
    } else if (ctx.team) {
      q({
        field: 'who',
        question: `Who exactly is "${ctx.team}"? A group in an external realm (SAML, OIDC, LDAP, Active Directory, PKI, JWT: which realm, and the group's name or DN), or native users (which usernames)?`,
        options: ['SAML group', 'OIDC group', 'LDAP group', 'Active Directory group', 'PKI DN pattern', 'JWT group', 'native users'],
      });
    } else {
      q({
        field: 'who',
        question:
          req.action === 'grant'
            ? 'Who should get this access: a new native user (which username?), an existing user, or a group from an external realm (SAML, OIDC, LDAP, Active Directory, PKI, JWT)?'
            : 'Which user (or realm group) is this about?',
        options: ['new native user', 'existing user', 'realm group'],
      });
    }
  } else if ((who.kind === 'new_user' || who.kind === 'existing_user' || who.kind === 'serverless_user') && !who.username) {
    q({ field: 'who', question: who.kind === 'new_user' ? 'What username should the new user have?' : 'Which user (username)?' });
  }
  if (who.username && (who.kind === 'new_user' || who.kind === 'existing_user') && isReservedUsername(who.username)) {
    ctx.warnings.push(`"${who.username}" is a built-in or internal user: es-authz does not change its roles.`);
  }
  if (who.kind === 'new_user' && req.action !== 'grant') {
    q({ field: 'action', question: `"${who.username ?? 'The user'}" is to be created, but the request also asks to ${req.action} it. Which is it?`, options: ['create', req.action] });
  }

  if (ctx.excludedIndices?.length) {
    q({
      field: 'what',
      question: `Elasticsearch roles cannot exclude indices: a grant on ${joinList(req.what.indices) || 'a pattern'} also covers ${joinList(ctx.excludedIndices)}. Which patterns should be granted instead (list them so that ${joinList(ctx.excludedIndices)} is not matched)?`,
    });
  }

  // what
  const hasWhat =
    req.what.indices.length > 0 || (req.what.roles?.length ?? 0) > 0 || !!req.what.kibana || (req.what.cluster?.length ?? 0) > 0 || !!req.privileges;
  if (grantLike && !hasWhat && !ctx.kibanaUnresolved && !ctx.spaces) {
    q({
      field: 'what',
      question: ctx.vagueAdmin
        ? 'Admin of what? The whole cluster (the superuser role: everything, including security), Kibana (kibana_admin), or specific indices (manage on which patterns)?'
        : 'What should they get access to: which indices or data streams (for example logs-*), which Kibana apps, or which existing role?',
      options: ctx.vagueAdmin ? ['superuser', 'kibana_admin', 'manage on specific indices'] : ['indices or data streams', 'Kibana apps', 'an existing role'],
    });
  }
  if (req.action === 'revoke' && !hasWhat && !(who.kind === 'realm')) {
    q({ field: 'what', question: 'What should be taken away: which role, or access to which indices?' });
  }

  // level: one level per request; different verbs for different indices are asked about
  const perIndex = indexLevels(ctx);
  const distinct = uniq([...perIndex.values()]);
  if ((grantLike || req.action === 'revoke') && distinct.length > 1) {
    const byLevel = distinct.map((l) => `${l}: ${joinList([...perIndex].filter(([, v]) => v === l).map(([k]) => k))}`);
    q({
      field: 'level',
      question: `The request asks for different access to different indices (${byLevel.join('; ')}). A plan has one level: split it into one request per level, or use ${req.level} for all of them?`,
      options: ['split into one request per level', `${req.level} for all`],
    });
  }
  if (ctx.levelMissing && grantLike && req.what.indices.length) {
    q({
      field: 'level',
      question: `Which access to ${joinList(req.what.indices)}: read (search and view), write (index documents), or manage (also change settings and mappings, delete)?`,
      options: ['read', 'write', 'manage'],
    });
  } else if (ctx.levelMissing && grantLike && ctx.kibanaFeatures.some((k) => !k.privilege)) {
    const apps = uniq(ctx.kibanaFeatures.filter((k) => !k.privilege).map((k) => KIBANA_APP_FEATURES.find((f) => f.feature === k.feature)?.app ?? k.feature));
    q({
      field: 'level',
      question: `Which Kibana access to ${joinList(apps)}: read (view only) or all (also create, edit and delete saved objects)?`,
      options: ['read', 'all'],
    });
  }

  // scope
  if (ctx.ownerScope) {
    q({
      field: 'scope',
      question: '"Their own documents": which document field holds the owner, and what does it contain: the username, or a value from the user\'s metadata (which key)?',
      options: ['username', 'a user metadata key'],
    });
  }
  if (req.scope.documents.kind === 'user_attribute' && ['email', 'full_name'].includes(req.scope.documents.attribute)) {
    const d = req.scope.documents;
    q({
      field: 'scope',
      question: `Document filters can compare ${d.field} with the user's username or with a key of their user metadata, not with their ${d.attribute.replace('_', ' ')}. Which one?`,
      options: ['username', `metadata.${d.attribute}`],
    });
  }
  if (
    req.scope.documents.kind === 'user_attribute' &&
    ctx.attributeWithoutSource &&
    !['username', 'email', 'full_name'].includes(req.scope.documents.attribute) &&
    !(who.metadata && Object.hasOwn(who.metadata, req.scope.documents.attribute))
  ) {
    ctx.warnings.push(
      `Each user's "${req.scope.documents.attribute}" is read from their user metadata (metadata.${req.scope.documents.attribute}); users without it see no documents.`,
    );
  }
  if (req.scope.documents.kind !== 'all' && !req.what.indices.length && grantLike && hasWhat) {
    ctx.warnings.push('Document-level security applies to index privileges, but no index was named.');
  }

  risk(ctx);
}

/** Words no extractor read. A restriction among them ("in the EU region only") must not be dropped silently. */
function leftovers(ctx: Ctx): void {
  const spans = ctx.buf.view
    .split(/\u0001+/)
    .map((x) => x.trim())
    .filter((x) => /[A-Za-z0-9]/.test(x));
  const restriction =
    /\b(?:region|regions|department|dept|country|countries|tenant|customer|site|office|location|division|project|environment|except|unless|excluding|exclude|where|limited|restricted|restrict|limit|filter|filtered|mask|redact|hide|hidden|field|fields|columns?)\b/i;
  const time = /\b(?:for\s+(?:\d+|a|one|two|three|a\s+few)\s+(?:days?|weeks?|months?|hours?)|until\s+\S+|temporar(?:y|ily)|expir(?:e|es|y|ing)|for\s+(?:today|this\s+week|the\s+weekend))\b/i;
  for (const span of spans) {
    if (time.test(span)) {
      ctx.warnings.push(
        `"${span}": Elasticsearch roles and role mappings do not expire. es-authz cannot make access temporary: take it away later (revoke, or disable the user).`,
      );
      continue;
    }
    if (restriction.test(span)) {
      pushQuestion(ctx, {
        field: 'scope',
        question: `This part of the request was not understood and may limit the access: "${span}". Please rephrase it (for example "only documents where region is EU", "hide the ssn field"), or say that it can be ignored.`,
      });
    }
  }
}

/** The level word nearest before each index (or the first one after it). */
function indexLevels(ctx: Ctx): Map<string, 'read' | 'write' | 'manage'> {
  const out = new Map<string, 'read' | 'write' | 'manage'>();
  const hits = ctx.levelHits.filter((h) => h.level !== 'use').sort((a, b) => a.pos - b.pos);
  if (!hits.length) return out;
  for (const [name, pos] of ctx.indexPos) {
    const before = hits.filter((h) => h.pos < pos);
    const h = before[before.length - 1] ?? hits.find((x) => x.pos > pos);
    if (h && h.level !== 'use') out.set(name, h.level);
  }
  return out;
}

function risk(ctx: Ctx): void {
  const req = ctx.req;
  const w = ctx.warnings;
  if (req.action !== 'grant') return;
  for (const r of req.what.roles ?? []) {
    if (Object.hasOwn(HIGH_RISK_ROLES, r)) w.push(`High risk: ${HIGH_RISK_ROLES[r] ?? r}.`);
  }
  const broad = req.what.indices.filter((p) => isBroadIndexPattern(p));
  if (req.what.indices.includes('*') || ctx.allIndices) w.push('High risk: "*" matches every index and data stream, including ones created later. Prefer specific patterns.');
  else if (broad.length) w.push(`High risk: ${joinList(broad)} match${broad.length > 1 ? '' : 'es'} most indices. Prefer specific patterns.`);
  if ((req.level === 'write' || req.level === 'manage') && req.what.indices.some((p) => isBroadIndexPattern(p) || /^[^*?]{0,4}\*$/.test(p))) {
    w.push(`High risk: ${req.level} access on a broad pattern (${joinList(req.what.indices.filter((p) => isBroadIndexPattern(p) || /^[^*?]{0,4}\*$/.test(p)))}).`);
  }
  const sys = req.what.indices.filter((p) => p !== '*' && !p.startsWith('.ds-') && touchesSystemIndices(p));
  if (sys.length) w.push(`High risk: ${joinList(sys)} reach${sys.length > 1 ? '' : 'es'} system or hidden indices.`);
  if (req.level === 'manage' && req.what.indices.length) {
    w.push('High risk: manage access lets the grantee change index settings and mappings and delete indices; most people need read or write.');
  }
  for (const c of req.privileges?.cluster ?? []) if (HIGH_RISK_CLUSTER.has(c)) w.push(`High risk: the "${c}" cluster privilege.`);
  for (const i of req.privileges?.index ?? []) if (HIGH_RISK_INDEX.has(i)) w.push(`High risk: the "${i}" index privilege.`);
}

// =============================================================================================
// describeRequest helpers
// =============================================================================================

const REALM_LABEL: Record<RealmType, string> = {
  saml: 'SAML',
  oidc: 'OIDC',
  ldap: 'LDAP',
  active_directory: 'Active Directory',
  pki: 'PKI',
  jwt: 'JWT',
  kerberos: 'Kerberos',
};

function describeWho(who: Who): string {
  const extra = [who.full_name, who.email && who.email !== who.username ? who.email : undefined].filter(Boolean);
  const x = extra.length ? ` (${extra.join(', ')})` : '';
  switch (who.kind) {
    case 'new_user':
      return `a new native user ${who.username ?? '(username to be chosen)'}${x}`;
    case 'existing_user':
      return `user ${who.username ?? '(unnamed)'}${x}`;
    case 'serverless_user':
      return `Serverless user ${who.username ?? '(unnamed)'}`;
    case 'realm': {
      const type = who.realm?.type ? `${REALM_LABEL[who.realm.type]} ` : '';
      const rname = who.realm?.name ? ` of realm ${who.realm.name}` : '';
      if (who.groups?.length) return `members of ${type}group${who.groups.length > 1 ? 's' : ''} ${joinList(who.groups)}${rname}`;
      if (who.dn) return `${type}users with DN ${who.dn}${rname}`;
      if (who.username) return `${type}user ${who.username}${rname}`;
      return `${type}users${rname}`;
    }
    default:
      return who.groups?.length ? `"${joinList(who.groups)}" (not yet identified)` : 'an unidentified grantee';
  }
}

const LEVEL_PHRASE: Record<Level, string> = {
  read: 'read access',
  write: 'write access',
  manage: 'manage access',
  explicit: 'the privileges',
  none: 'all access',
};

function describeWhat(req: AccessRequest, revoke: boolean): string {
  const parts: string[] = [];
  const w = req.what;
  if (w.indices.length) {
    let lvl = LEVEL_PHRASE[req.level];
    if (req.level === 'explicit') lvl = `the index privileges ${joinList(req.privileges?.index ?? [])}`;
    else if (req.level === 'write' && req.privileges?.index?.includes('read')) lvl = 'read and write access';
    const extraIdx = req.level !== 'explicit' ? (req.privileges?.index ?? []).filter((p) => p !== 'read') : [];
    parts.push(`${lvl}${extraIdx.length ? ` (plus ${joinList(extraIdx)})` : ''} to ${joinList(w.indices)}`);
  }
  if (w.roles?.length) parts.push(`the ${joinList(w.roles)} role${w.roles.length > 1 ? 's' : ''}`);
  if (w.cluster?.length) parts.push(`the ${joinList(w.cluster)} cluster privilege${w.cluster.length > 1 ? 's' : ''}`);
  if (w.kibana) {
    const sp = w.kibana.spaces[0] === '*' ? 'in all spaces' : `in the ${joinList(w.kibana.spaces)} space${w.kibana.spaces.length > 1 ? 's' : ''}`;
    const feats = w.kibana.features.map((f) => `${KIBANA_APP_FEATURES.find((k) => k.feature === f.feature)?.app ?? f.feature} (${f.privilege})`);
    if (w.kibana.base) feats.unshift(`every Kibana feature (${w.kibana.base})`);
    parts.push(`${w.kibana.base ? '' : 'Kibana '}${joinList(feats)} ${sp}`);
  }
  if (revoke && !parts.length && req.level !== 'none') return LEVEL_PHRASE[req.level];
  return joinList(parts);
}

function describeScope(req: AccessRequest): string {
  const out: string[] = [];
  const d = req.scope.documents;
  if (d.kind === 'values') out.push(`documents where ${d.field} is ${d.values.map(String).join(' or ')}`);
  else if (d.kind === 'user_attribute')
    out.push(`documents whose ${d.field} equals the user's own ${d.attribute === 'username' ? 'username' : `metadata.${d.attribute}`}`);
  else if (d.kind === 'query') out.push(`documents matching ${JSON.stringify(d.query)}`);
  const f = req.scope.fields;
  if (f?.grant?.length) out.push(`the field${f.grant.length > 1 ? 's' : ''} ${joinList(f.grant)}`);
  if (f?.except?.length) out.push(`without the field${f.except.length > 1 ? 's' : ''} ${joinList(f.except)}`);
  return out.length ? `, limited to ${out.join(', ')}` : '';
}
