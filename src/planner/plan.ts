// The plan builder: an AccessRequest (+ what the cluster already has) → ordered tool steps.
// Every write step is a checkpoint; the plan ends with has_privileges for the grantee. Pure: the
// cluster view is passed in (live from ES, or built-in roles only for --offline).
import { findCoveringRoles, kibanaToApplicationPrivileges, type RequiredAccess } from '../security/coverage.js';
import type { NamedRole } from '../security/evaluator.js';
import { deriveRoleName } from '../security/naming.js';
import type { AccessRequest, Deployment, ParseResult, Question } from './model.js';

export interface PlanStep {
  tool: string;
  args: Record<string, unknown>;
  checkpoint: boolean;
  why: string;
}

export interface Plan {
  request: AccessRequest;
  steps: PlanStep[];
  questions: Question[];
  warnings: string[];
  /** how the final has_privileges step verifies, in one sentence */
  verification: string;
}

export interface FieldInfo {
  /** mapped types of the field across the matching indices (e.g. ['text'] or ['keyword']) */
  types: string[];
  /** a keyword sub-field (e.g. "department.keyword"), when the field is text */
  keyword?: string;
}

export interface ClusterView {
  roles: NamedRole[];
  /** mappings of the fields a DLS scope names, on the requested indices (absent = unknown) */
  fields?: Record<string, FieldInfo>;
  /** native users (username → roles, enabled); undefined when unknown (offline, or Serverless) */
  users: Map<string, { roles: string[]; enabled: boolean }> | undefined;
  deployment: Deployment;
  source: 'live' | 'offline';
}

const WRITE_TOOLS = new Set([
  'create_role',
  'delete_role',
  'create_user',
  'update_user',
  'update_user_roles',
  'set_user_enabled',
  'delete_user',
  'create_role_mapping',
  'delete_role_mapping',
  'assign_cloud_role',
]);

export function isWriteStep(step: Pick<PlanStep, 'tool'>): boolean {
  return WRITE_TOOLS.has(step.tool);
}

/** Index privileges for an access level. */
export function indexPrivilegesFor(req: AccessRequest): string[] {
  const explicit = req.privileges?.index ?? [];
  switch (req.level) {
    case 'read':
      return [...new Set(['read', 'view_index_metadata', ...explicit])];
    case 'write':
      return [...new Set(['read', 'view_index_metadata', 'write', ...explicit])];
    case 'manage':
      return [...new Set(['all', ...explicit])];
    case 'explicit':
      return [...new Set(explicit)];
    case 'none':
      return [];
  }
}

/**
 * The field a term-level DLS query must use: exact-value queries do not match analyzed `text`
 * fields, so a text field with a keyword sub-field is queried on the sub-field.
 */
function termField(field: string, view: ClusterView | undefined, warnings: string[]): string {
  const info = view?.fields?.[field];
  if (!info) {
    if (view?.source === 'live') warnings.push(`No existing index matching the request has a field "${field}" yet: the document filter assumes it is a keyword field (use "${field}.keyword" if it will be mapped as text).`);
    return field;
  }
  if (info.types.includes('text')) {
    if (info.keyword) return info.keyword;
    warnings.push(`"${field}" is an analyzed text field with no keyword sub-field: an exact-value document filter on it may match nothing. Map it as keyword (or add a keyword sub-field) first.`);
  }
  return field;
}

function dlsQuery(req: AccessRequest, view?: ClusterView, warnings: string[] = []): unknown {
  const d = req.scope.documents;
  switch (d.kind) {
    case 'all':
      return undefined;
    case 'values': {
      const f = termField(d.field, view, warnings);
      return d.values.length === 1 ? { term: { [f]: d.values[0] } } : { terms: { [f]: d.values } };
    }
    case 'user_attribute': {
      const f = termField(d.field, view, warnings);
      const source = d.attribute === 'username' ? '{{_user.username}}' : `{{_user.metadata.${d.attribute}}}`;
      return { template: { source: JSON.stringify({ term: { [f]: source } }) } };
    }
    case 'query':
      return d.query;
  }
}

function kibanaArgs(req: AccessRequest): { base?: string[]; feature?: Record<string, string[]>; spaces: string[] }[] | undefined {
  const k = req.what.kibana;
  if (!k || (!k.features.length && !k.base)) return undefined;
  if (k.base) return [{ base: [k.base], spaces: k.spaces }];
  const feature: Record<string, string[]> = {};
  for (const f of k.features) feature[f.feature] = [...new Set([...(feature[f.feature] ?? []), f.privilege])];
  return [{ feature, spaces: k.spaces }];
}

/** What the grantee must end up with, for coverage search and verification. */
export function requiredAccess(req: AccessRequest, view?: ClusterView, warnings?: string[]): RequiredAccess {
  const privileges = indexPrivilegesFor(req);
  const query = dlsQuery(req, view, warnings);
  const fls = req.scope.fields;
  return {
    ...(req.what.indices.length && privileges.length
      ? {
          indices: [
            {
              names: req.what.indices,
              privileges,
              ...(query !== undefined ? { query } : {}),
              ...(fls && (fls.grant?.length || fls.except?.length) ? { field_security: { grant: fls.grant?.length ? fls.grant : ['*'], ...(fls.except?.length ? { except: fls.except } : {}) } } : {}),
            },
          ],
        }
      : {}),
    ...(req.what.cluster?.length || req.privileges?.cluster?.length ? { cluster: [...new Set([...(req.what.cluster ?? []), ...(req.privileges?.cluster ?? [])])] } : {}),
    ...(kibanaArgs(req) ? { kibana: kibanaArgs(req) } : {}),
  };
}

function verificationArgs(access: RequiredAccess): Record<string, unknown> {
  return {
    ...(access.cluster?.length ? { cluster: access.cluster } : {}),
    ...(access.indices?.length ? { index: access.indices.map((i) => ({ names: i.names, privileges: i.privileges })) } : {}),
    ...(access.kibana?.length ? { application: kibanaToApplicationPrivileges(access.kibana) } : {}),
  };
}

/** What a set of existing roles grants, as has_privileges arguments (for verifying "give X the Y role"). */
function roleAccess(roles: NamedRole[]): RequiredAccess {
  const indices: { names: string[]; privileges: string[] }[] = [];
  const cluster = new Set<string>();
  for (const r of roles) {
    for (const c of r.descriptor.cluster ?? []) if (c !== 'none') cluster.add(c);
    for (const e of r.descriptor.indices ?? []) {
      if (e.allow_restricted_indices) continue;
      const privileges = e.privileges.filter((p) => p !== 'none');
      if (privileges.length) indices.push({ names: Array.isArray(e.names) ? e.names : [e.names], privileges });
    }
  }
  return { ...(indices.length ? { indices } : {}), ...(cluster.size ? { cluster: [...cluster] } : {}) };
}

function highRiskWarnings(roleNames: string[], access: RequiredAccess): string[] {
  const w: string[] = [];
  if (roleNames.includes('superuser')) w.push('HIGH RISK: superuser grants full control of the cluster, including all security settings and every index.');
  for (const i of access.indices ?? []) {
    if (i.privileges.includes('all')) w.push(`HIGH RISK: index privilege "all" on ${i.names.join(', ')} includes deleting indices and changing settings.`);
    const broad = i.names.filter((n) => n === '*' || n.startsWith('*'));
    if (broad.length && i.privileges.some((p) => p !== 'read' && p !== 'view_index_metadata' && p !== 'monitor')) w.push(`HIGH RISK: write access on broad pattern(s) ${broad.join(', ')}.`);
  }
  for (const c of access.cluster ?? []) if (['all', 'manage_security', 'manage'].includes(c)) w.push(`HIGH RISK: cluster privilege "${c}".`);
  return w;
}

function mappingRules(req: AccessRequest): Record<string, unknown> {
  const all: Record<string, unknown>[] = [];
  if (req.who.realm?.name) all.push({ field: { 'realm.name': req.who.realm.name } });
  if (req.who.groups?.length) all.push({ field: { groups: req.who.groups.length === 1 ? req.who.groups[0] : req.who.groups } });
  if (req.who.dn) all.push({ field: { dn: req.who.dn } });
  if (req.who.username) all.push({ field: { username: req.who.username } });
  return all.length === 1 ? (all[0] as Record<string, unknown>) : { all };
}

function mappingName(req: AccessRequest, role: string): string {
  const who = [req.who.realm?.name ?? req.who.realm?.type ?? 'realm', ...(req.who.groups ?? []).slice(0, 2).map((g) => /^cn=([^,]+)/i.exec(g)?.[1] ?? g)]
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${who || 'realm'}-${role}`.slice(0, 100);
}

function uniqueRoleName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Build the plan. An ambiguous request (questions) yields no write steps. */
export function buildPlan(parsed: ParseResult, view: ClusterView): Plan {
  const req: AccessRequest = { ...parsed.request, deployment: parsed.request.deployment === 'unknown' ? view.deployment : parsed.request.deployment };
  const questions = [...parsed.questions];
  const warnings = [...parsed.warnings];
  const steps: PlanStep[] = [];
  const serverless = req.deployment === 'serverless';
  const who = req.who;

  // Serverless has no native users and no role mappings: people are assigned roles in Elastic Cloud.
  if (serverless && (who.kind === 'new_user' || who.kind === 'existing_user' || who.kind === 'realm')) {
    warnings.push(`Elastic Cloud Serverless has no native users or role mappings: the role will be assigned to ${who.username ?? who.groups?.join(', ') ?? 'the user'} in Elastic Cloud instead.`);
    who.kind = 'serverless_user';
  }
  if (who.kind === 'existing_user' && who.username && view.users && !view.users.has(who.username) && req.action === 'grant') {
    questions.push({ field: 'who', question: `There is no native user "${who.username}". Create it as a new user, or is it a user from an external realm (SAML/LDAP/OIDC)?`, options: ['create new user', 'external realm'] });
  }
  if (who.kind === 'new_user' && who.username && view.users?.has(who.username)) {
    warnings.push(`User "${who.username}" already exists: the plan adds the role to the existing user instead of creating it.`);
    who.kind = 'existing_user';
  }

  const base = (verification: string): Plan => ({ request: req, steps: questions.length ? steps.filter((s) => !isWriteStep(s)) : steps, questions, warnings, verification });

  // --- disable / enable / delete a user
  if (req.action === 'disable' || req.action === 'enable' || req.action === 'delete') {
    if (who.kind !== 'existing_user' && who.kind !== 'new_user') {
      if (!questions.some((q) => q.field === 'who')) questions.push({ field: 'who', question: `Which native user should be ${req.action}d?` });
      return base('nothing to verify');
    }
    const username = who.username as string;
    steps.push({ tool: 'get_user', args: { username }, checkpoint: false, why: `Fetch ${username} first: confirm the user exists and record its current roles.` });
    if (req.action === 'enable') {
      steps.push({ tool: 'set_user_enabled', args: { username, enabled: true }, checkpoint: true, why: `Re-enable ${username}.` });
    } else {
      steps.push({ tool: 'set_user_enabled', args: { username, enabled: false }, checkpoint: true, why: `Disable ${username}: blocks sign-in at once and is reversible (roles are kept).` });
      if (req.action === 'delete') {
        warnings.push(`Deleting ${username} is permanent. The plan disables the user first; you can stop after that step and delete later.`);
        steps.push({ tool: 'delete_user', args: { username }, checkpoint: true, why: `Permanently delete ${username} (asked for explicitly). Disabling alone is usually enough.` });
      }
    }
    if (req.action !== 'delete') steps.push({ tool: 'get_user', args: { username }, checkpoint: false, why: `Verify ${username}'s final state.` });
    return base(req.action === 'delete' ? `delete_user reports ${username} deleted` : `get_user shows ${username} ${req.action === 'enable' ? 'enabled' : 'disabled'}`);
  }

  // --- revoke: remove roles from an existing user (or a role mapping's roles)
  if (req.action === 'revoke') {
    if (who.kind !== 'existing_user' || !who.username) {
      if (!questions.some((q) => q.field === 'who')) questions.push({ field: 'who', question: 'Whose access should be taken away (a native username)?' });
      return base('nothing to verify');
    }
    const username = who.username;
    let remove = req.what.roles ?? [];
    if (!remove.length && view.users?.has(username)) {
      // the user's roles that grant what should be taken away
      const access = requiredAccess(req);
      const held = view.users.get(username)?.roles ?? [];
      const granting = view.roles.filter((r) => held.includes(r.name));
      remove = findCoveringRoles(granting, { ...(access.indices ? { indices: access.indices.map((i) => ({ names: i.names, privileges: ['read'] })) } : {}) }).matches.map((m) => m.role);
      if (!remove.length) remove = granting.filter((r) => (r.descriptor.indices ?? []).some((e) => (Array.isArray(e.names) ? e.names : [e.names]).some((n) => req.what.indices.includes(n)))).map((r) => r.name);
    }
    if (!remove.length) {
      questions.push({ field: 'what', question: `Which of ${username}'s roles should be removed?`, ...(view.users?.get(username) ? { options: view.users.get(username)?.roles ?? [] } : {}) });
      return base('nothing to verify');
    }
    steps.push({ tool: 'get_user', args: { username }, checkpoint: false, why: `Fetch ${username}'s current roles first (never replace the roles array blindly).` });
    steps.push({ tool: 'update_user_roles', args: { username, remove }, checkpoint: true, why: `Remove ${remove.join(', ')} from ${username}, keeping every other role.` });
    // verify that (at least) read is gone on the named indices, or what the removed roles granted
    const access = req.what.indices.length
      ? { indices: [{ names: req.what.indices, privileges: indexPrivilegesFor(req).length ? indexPrivilegesFor(req) : ['read'] }] }
      : roleAccess(view.roles.filter((r) => remove.includes(r.name)));
    const v = verificationArgs(access);
    if (Object.keys(v).length) steps.push({ tool: 'has_privileges', args: { username, ...v }, checkpoint: false, why: `Verify as ${username} that the access is gone (other roles may still grant it: the check says so).` });
    return base(`has_privileges as ${username} should now answer false for the revoked access`);
  }

  // --- grant
  const access = requiredAccess(req, view, warnings);
  if (!access.indices && !access.kibana && !access.cluster && !req.what.roles?.length) {
    if (!questions.some((q) => q.field === 'what')) questions.push({ field: 'what', question: 'Access to what? Name indices/data streams (e.g. logs-*), Kibana apps, or an existing role.' });
  }
  if (who.kind === 'unknown' && !questions.some((q) => q.field === 'who')) {
    questions.push({ field: 'who', question: 'Who should get this access: a new native user, an existing user, or a group from SAML/OIDC/LDAP?' });
  }

  const roleNames: string[] = [];
  const taken = new Set(view.roles.map((r) => r.name));
  for (const r of req.what.roles ?? []) {
    if (!taken.has(r)) {
      if (view.source === 'live') questions.push({ field: 'what', question: `Role "${r}" does not exist. Create it, or did you mean another role?` });
      else warnings.push(`Role "${r}" is not a built-in role; the plan assumes it exists on the cluster.`);
    }
    roleNames.push(r);
  }
  if (access.indices || access.kibana || access.cluster) {
    const cover = findCoveringRoles(view.roles, access);
    const exact = cover.matches.find((m) => m.exact);
    if (exact) {
      roleNames.push(exact.role);
      steps.push({ tool: 'get_role', args: { name: exact.role }, checkpoint: false, why: `Reuse existing ${exact.reserved ? 'built-in ' : ''}role ${exact.role}: it grants exactly what is asked (${exact.reasons.filter((r) => r.startsWith('grants')).join('; ')}).` });
    } else {
      // mention close custom fits (built-in roles that merely include this among much more are not news)
      for (const m of cover.matches.filter((c) => !c.reserved || c.excess <= 3).slice(0, 2)) {
        const extra = m.reasons.filter((r) => r.startsWith('also')).join('; ');
        warnings.push(`Existing role ${m.role} also grants this but more than asked (${extra.length > 160 ? `${extra.slice(0, 157)}...` : extra}); creating a least-privilege role instead.`);
      }
      const kib = kibanaArgs(req);
      const derived = deriveRoleName({
        indices: req.what.indices,
        level: req.level === 'explicit' || req.level === 'none' ? 'read' : req.level,
        kibanaFeatures: (req.what.kibana?.features ?? []).map((f) => f.feature),
      });
      const name = req.roleName ?? uniqueRoleName(derived.name, taken);
      const args: Record<string, unknown> = {
        name,
        description: derived.displayName,
        ...(access.cluster ? { cluster: access.cluster } : {}),
        ...(access.indices ? { indices: access.indices } : {}),
        ...(kib ? { kibana: kib } : {}),
      };
      steps.push({
        tool: 'create_role',
        args,
        checkpoint: true,
        why: `No existing role grants exactly this, so create ${name} ("${derived.displayName}")${kib ? ' with Kibana privileges (written through Kibana\'s role API)' : ''}.`,
      });
      roleNames.push(name);
    }
  }
  warnings.push(...highRiskWarnings(roleNames, access));

  // verifying named existing roles: check what those roles grant
  const named = view.roles.filter((r) => (req.what.roles ?? []).includes(r.name));
  const verify = verificationArgs(access.indices || access.kibana || access.cluster ? access : roleAccess(named));
  let verification = '';
  switch (who.kind) {
    case 'new_user': {
      const username = who.username as string;
      steps.push({
        tool: 'create_user',
        args: { username, roles: roleNames, ...(who.full_name ? { full_name: who.full_name } : {}), ...(who.email ? { email: who.email } : {}), ...(who.metadata ? { metadata: who.metadata } : {}) },
        checkpoint: true,
        why: `Create native user ${username} with ${roleNames.join(', ')}; a strong password is generated and shown once.`,
      });
      steps.push({ tool: 'has_privileges', args: { username, ...verify }, checkpoint: false, why: `Verify as ${username} (not as the caller) that the access is in place.` });
      verification = `has_privileges as ${username} (run-as, or the offline evaluator when run-as is not allowed)`;
      break;
    }
    case 'existing_user': {
      const username = who.username as string;
      steps.push({ tool: 'get_user', args: { username }, checkpoint: false, why: `Fetch ${username} first: the role is added to the roles they already have.` });
      steps.push({ tool: 'update_user_roles', args: { username, add: roleNames }, checkpoint: true, why: `Add ${roleNames.join(', ')} to ${username}, keeping every existing role.` });
      steps.push({ tool: 'has_privileges', args: { username, ...verify }, checkpoint: false, why: `Verify as ${username} (not as the caller).` });
      verification = `has_privileges as ${username} (run-as, or the offline evaluator when run-as is not allowed)`;
      break;
    }
    case 'realm': {
      const name = mappingName(req, roleNames[0] ?? 'access');
      if (!who.realm?.name) warnings.push(`No realm name given: the mapping matches ${who.groups?.length ? `group(s) ${who.groups.join(', ')}` : 'these users'} from ANY realm. Add the realm name (e.g. "saml1") to limit it.`);
      if (!who.groups?.length && !who.dn && !who.username) questions.push({ field: 'who', question: 'Which groups, DN or usernames from the identity provider should the mapping match?' });
      steps.push({ tool: 'create_role_mapping', args: { name, roles: roleNames, rules: mappingRules(req), enabled: true }, checkpoint: true, why: `External-realm users get roles from a role mapping, not a native user: map ${who.realm?.type ?? 'realm'} ${who.groups?.length ? `group(s) ${who.groups.join(', ')}` : who.dn ? `DN ${who.dn}` : 'users'} to ${roleNames.join(', ')}.` });
      const mapped = { realm: who.realm?.name ?? `${who.realm?.type ?? 'realm'}1`, groups: who.groups ?? [], ...(who.dn ? { dn: who.dn } : {}), username: who.username ?? 'example-user' };
      steps.push({ tool: 'has_privileges', args: { mapped_user: mapped, ...verify }, checkpoint: false, why: 'Verify what a member would get: the role mappings are evaluated offline for such a user (no external user exists to run as), then their roles by the evaluator.' });
      verification = 'role mappings evaluated offline for a hypothetical member of the group, then has_privileges computed by the evaluator from the roles they would get';
      break;
    }
    case 'serverless_user': {
      const user = who.username ?? who.email ?? 'the user';
      for (const role of roleNames) {
        steps.push({ tool: 'assign_cloud_role', args: { user, role }, checkpoint: true, why: `On Serverless, roles are assigned to people in Elastic Cloud (Organization → Members); es-authz reports this as a manual step.` });
      }
      steps.push({ tool: 'has_privileges', args: { roles: roleNames, ...verify }, checkpoint: false, why: `Verify what a holder of ${roleNames.join(', ')} can do (evaluated offline from the role definitions; the Cloud user cannot be impersonated).` });
      verification = `has_privileges evaluated offline for a holder of ${roleNames.join(', ')}`;
      break;
    }
    case 'unknown':
      verification = 'nothing to verify until the grantee is known';
      break;
  }
  return base(verification);
}

/** The plan as text for a human or a model: numbered steps, questions, warnings, verification. */
export function describePlan(plan: Plan): string[] {
  return [
    ...plan.steps.map((s, i) => `${i + 1}. ${s.checkpoint ? '[confirm] ' : ''}${s.tool} ${JSON.stringify(s.args)} — ${s.why}`),
    ...plan.questions.map((q) => `QUESTION (${q.field}): ${q.question}${q.options ? ` [${q.options.join(' | ')}]` : ''}`),
    ...plan.warnings.map((w) => `WARNING: ${w}`),
    `Verification: ${plan.verification}.`,
  ];
}
