// Role names and display names derived from what a role grants. Pure code: no I/O.
//
//   deriveRoleName({ indices: ['logs-*', 'metrics-*'], kibanaFeatures: ['dashboard_v2'], level: 'read' })
//     → { name: 'logs-metrics-dashboard-viewer', displayName: 'Logs Metrics Dashboard Viewer' }
//   deriveRoleName({ indices: ['audit-*'], level: 'read' }) → { name: 'audit-reader', displayName: 'Audit Reader' }
//
// The result always passes validateRoleName (with the naming convention as an error) and
// validateDescription: lower-case hyphenated words, not generic, not reserved, at most 50 characters.

import { isGenericRoleName, slugify, titleCaseWords, validateDescription, validateRoleName } from './validators.js';

export interface DeriveRoleNameInput {
  /** Index, alias or data stream names or patterns the role grants, e.g. ['logs-*', 'metrics-*']. */
  indices?: readonly string[];
  /** Access level: 'read' | 'write' | 'manage', or another word such as 'monitor'. Defaults to 'read'. */
  level?: 'read' | 'write' | 'manage' | (string & {});
  /** Kibana feature ids the role grants, e.g. ['dashboard_v2', 'discover_v2']. */
  kibanaFeatures?: readonly string[];
  /** Who or what the role is for, e.g. 'SOC analysts'; its words lead the name. */
  purpose?: string;
}

export interface DerivedRoleName {
  /** e.g. 'logs-metrics-dashboard-viewer' */
  name: string;
  /** e.g. 'Logs Metrics Dashboard Viewer' (for the role's description) */
  displayName: string;
}

export const DERIVED_NAME_MAX_LENGTH = 50;
const MAX_TOKENS_PER_PATTERN = 3;
const MAX_PURPOSE_TOKENS = 3;
const MAX_RESOURCE_TOKENS = 5;

/** Words that describe storage, not content: dropped from index-derived names. */
const STORAGE_WORDS = new Set(['index', 'indices', 'idx', 'alias', 'ds', 'default', 'backing', 'restored', 'partial', 'shrink', 'reindexed']);
const STOP_WORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'who', 'that', 'their', 'our', 'by']);

/** Kibana feature ids (as in Kibana 8.x/9.x) → the word used in role names. */
const FEATURE_WORDS: Record<string, string> = {
  dashboard: 'dashboard',
  dashboards: 'dashboard',
  discover: 'discover',
  visualize: 'visualize',
  canvas: 'canvas',
  maps: 'map',
  ml: 'ml',
  graph: 'graph',
  siem: 'security',
  securitysolution: 'security',
  securitysolutioncases: 'cases',
  observabilitycases: 'cases',
  generalcases: 'cases',
  cases: 'cases',
  savedobjectsmanagement: 'saved-objects',
  savedobjectstagging: 'tags',
  advancedsettings: 'settings',
  indexpatterns: 'data-views',
  dev_tools: 'devtools',
  devtools: 'devtools',
  fleet: 'fleet',
  fleetv2: 'fleet',
  infrastructure: 'infra',
  logs: 'logs',
  apm: 'apm',
  uptime: 'uptime',
  slo: 'slo',
  actions: 'connectors',
  stackalerts: 'alerts',
  osquery: 'osquery',
  monitoring: 'monitoring',
  reporting: 'reporting',
  filesmanagement: 'files',
  rulessettings: 'rules',
  maintenancewindow: 'maintenance',
  guidedonboardingfeature: 'onboarding',
};

const LEVEL_SUFFIX: Record<string, 'read' | 'write' | 'manage'> = {
  read: 'read',
  reader: 'read',
  read_only: 'read',
  'read-only': 'read',
  readonly: 'read',
  view: 'read',
  viewer: 'read',
  write: 'write',
  writer: 'write',
  index: 'write',
  ingest: 'write',
  edit: 'write',
  editor: 'write',
  manage: 'manage',
  manager: 'manage',
  admin: 'manage',
  all: 'manage',
};

/** Own-property lookup: user text such as "__proto__" or "constructor" must not reach Object.prototype. */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Words of one index pattern: 'logs-nginx.access-default-*' → ['logs', 'nginx', 'access']. */
export function indexPatternWords(pattern: string): string[] {
  let p = pattern.trim();
  if (p.length >= 2 && p.startsWith('/') && p.endsWith('/')) p = p.slice(1, -1).replace(/\\./g, '-').replace(/[.*+?^${}()|[\]\\]/g, '-');
  const colon = p.lastIndexOf(':');
  if (colon >= 0) p = p.slice(colon + 1);
  return p
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !/^\d+$/.test(w) && !/^v\d+$/.test(w) && !STORAGE_WORDS.has(w))
    .slice(0, MAX_TOKENS_PER_PATTERN);
}

/** The word for a Kibana feature id: 'dashboard_v2' → 'dashboard', 'securitySolutionCases' → 'cases'. */
export function kibanaFeatureWord(featureId: string): string {
  const base = featureId.trim().replace(/(_v\d+|V\d+)$/, '');
  const known = own(FEATURE_WORDS, base.toLowerCase()) ?? own(FEATURE_WORDS, base.toLowerCase().replace(/[_-]/g, ''));
  if (known) return known;
  return slugify(base)
    .split('-')
    .map(singular)
    .join('-');
}

function levelSuffix(level: string | undefined, hasKibana: boolean): string {
  const norm = (level ?? 'read').trim().toLowerCase();
  const kind = own(LEVEL_SUFFIX, norm);
  if (kind === 'read') return hasKibana ? 'viewer' : 'reader';
  if (kind === 'write') return 'writer';
  if (kind === 'manage') return 'manager';
  const slug = slugify(norm);
  return slug === '' ? 'reader' : slug;
}

/** Derives a conventional role name and its display name from what the role grants. */
export function deriveRoleName(input: DeriveRoleNameInput): DerivedRoleName {
  const features = input.kibanaFeatures ?? [];
  const suffixWords = levelSuffix(input.level, features.length > 0).split('-');

  const purposeWords = slugify(input.purpose ?? '')
    .split('-')
    .filter((w) => w !== '' && !STOP_WORDS.has(w) && !/^\d+$/.test(w))
    .slice(0, MAX_PURPOSE_TOKENS);
  const resourceWords = [...(input.indices ?? []).flatMap(indexPatternWords), ...features.flatMap((f) => kibanaFeatureWord(f).split('-'))];

  const seen = new Set<string>(suffixWords.map(singular));
  const words: string[] = [];
  for (const w of [...purposeWords, ...resourceWords]) {
    const key = singular(w);
    if (w === '' || seen.has(key)) continue;
    seen.add(key);
    words.push(w);
  }
  let body = words.slice(0, MAX_PURPOSE_TOKENS + MAX_RESOURCE_TOKENS);
  if (body.length === 0) body = ['data'];

  const suffix = suffixWords.join('-');
  let name = [...body, suffix].join('-');
  while (name.length > DERIVED_NAME_MAX_LENGTH && body.length > 1) {
    body = body.slice(0, -1);
    name = [...body, suffix].join('-');
  }
  if (name.length > DERIVED_NAME_MAX_LENGTH) {
    const room = Math.max(1, DERIVED_NAME_MAX_LENGTH - suffix.length - 1);
    name = `${(body[0] ?? 'data').slice(0, room).replace(/-+$/, '')}-${suffix}`.slice(0, DERIVED_NAME_MAX_LENGTH).replace(/-+$/, '');
  }
  if (!isValidDerived(name)) name = `data-${suffix}`.slice(0, DERIVED_NAME_MAX_LENGTH).replace(/-+$/, '');
  if (!isValidDerived(name)) name = 'data-reader';
  return { name, displayName: titleCaseWords(name.split('-')) };
}

function isValidDerived(name: string): boolean {
  if (isGenericRoleName(name)) return false;
  if (validateRoleName(name, { convention: 'error' }).errors.length > 0) return false;
  return validateDescription(titleCaseWords(name.split('-')), name).errors.length === 0;
}
