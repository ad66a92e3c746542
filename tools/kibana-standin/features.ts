// STAND-IN for Kibana, used only in tests. This is NOT Kibana and never ships in es-authz.
//
// The Kibana feature registry the stand-in knows, and the Elasticsearch application privileges
// (with their action lists) it registers for `kibana-.kibana`, the way Kibana does on start.
//
// Modelled on Kibana's source (read, not copied):
// - feature definitions: x-pack/platform/plugins/shared/features/server/oss_features.ts (discover,
//   dashboard, visualize + their _v2 replacements, dev_tools, advancedSettings, indexPatterns,
//   savedObjectsManagement, savedQueryManagement) and the solution plugins' feature registrations
//   (ml, maps, canvas, graph, logs, infrastructure, apm, uptime, siem, fleet, stackAlerts). This is a
//   curated subset with shortened action lists ("realistic but small"), not Kibana's full registry.
// - privilege assembly: x-pack/platform/packages/private/security/authorization_core/src/privileges/
//   privileges.ts (global/space base privileges are the union of every feature's actions; each
//   feature gets all, read, minimal_all, minimal_read and its sub-feature privileges; every feature
//   privilege starts with `login:`; deprecated privileges also get the UI actions of what replaces them).
// - action formats: .../authorization_core/src/actions/ (`login:`, `api:<tag>`, `app:<id>`,
//   `ui:<featureId>/<capability>`, `ui:catalogue/<id>`, `ui:navLinks/<app>`,
//   `ui:management/<section>/<id>`, `saved_object:<type>/<operation>`, `space:manage`) and
//   .../feature_privilege_builder/saved_object.ts (the read and write operation lists).
// - serialisation: x-pack/platform/plugins/shared/security/server/authorization/privilege_serializer.ts
//   (`all`/`read` global, `space_all`/`space_read`, `feature_<id>.<privilege>`, `reserved_<id>`).
// Kibana 9.x no longer emits a `version:<kibana version>` action (older 7.x privileges did), so
// none is registered here.

export const KIBANA_APPLICATION = 'kibana-.kibana';
export const RESERVED_PRIVILEGES_APPLICATION_WILDCARD = 'kibana-*';
export const PRIVILEGES_ALL_WILDCARD = '*';
export const GLOBAL_RESOURCE = '*';

export interface PrivilegeReference {
  feature: string;
  privileges: string[];
}

/** A top-level (`all` / `read`) feature privilege, as in Kibana's FeatureKibanaPrivileges. */
export interface FeaturePrivilegeDef {
  app?: string[];
  api?: string[];
  catalogue?: string[];
  management?: Record<string, string[]>;
  savedObject: { all: string[]; read: string[] };
  ui: string[];
  requireAllSpaces?: boolean;
  disabled?: boolean;
  /** Set on deprecated features: what replaces this privilege (default = full, minimal = minimal_*). */
  replacedBy?: { default: PrivilegeReference[]; minimal: PrivilegeReference[] };
}

export interface SubFeaturePrivilegeDef extends Omit<FeaturePrivilegeDef, 'replacedBy' | 'requireAllSpaces'> {
  id: string;
  name: string;
  includeIn: 'all' | 'read' | 'none';
  replacedBy?: PrivilegeReference[];
}

export interface SubFeatureDef {
  name: string;
  requireAllSpaces?: boolean;
  privilegeGroups: Array<{ groupType: 'independent' | 'mutually_exclusive'; privileges: SubFeaturePrivilegeDef[] }>;
}

export interface FeatureDef {
  id: string;
  name: string;
  order: number;
  category: { id: string; label: string };
  app: string[];
  catalogue?: string[];
  management?: Record<string, string[]>;
  privileges: { all: FeaturePrivilegeDef; read: FeaturePrivilegeDef };
  subFeatures: SubFeatureDef[];
  deprecated?: { notice: string; replacedBy: string[] };
  hidden?: boolean;
}

const KIBANA = { id: 'kibana', label: 'Analytics' };
const MANAGEMENT = { id: 'management', label: 'Management' };
const OBSERVABILITY = { id: 'observability', label: 'Observability' };
const SECURITY = { id: 'securitySolution', label: 'Security' };

const none = { all: [] as string[], read: [] as string[] };

const shortUrl = (replacedByFeature?: string): SubFeatureDef => ({
  name: 'Short URLs',
  privilegeGroups: [
    {
      groupType: 'independent',
      privileges: [
        {
          id: 'url_create',
          name: 'Create Short URLs',
          includeIn: 'all',
          savedObject: { all: ['url'], read: [] },
          ui: ['createShortUrl'],
          ...(replacedByFeature ? { replacedBy: [{ feature: replacedByFeature, privileges: ['url_create'] }] } : {}),
        },
      ],
    },
  ],
});

const searchSessions = (replacedByFeature?: string): SubFeatureDef => ({
  name: 'Store Search Sessions',
  privilegeGroups: [
    {
      groupType: 'independent',
      privileges: [
        {
          id: 'store_search_session',
          name: 'Store Search Sessions',
          includeIn: 'all',
          savedObject: { all: ['search-session'], read: [] },
          ui: ['storeSearchSession'],
          management: { kibana: ['search_sessions'] },
          api: ['store_search_session'],
          ...(replacedByFeature ? { replacedBy: [{ feature: replacedByFeature, privileges: ['store_search_session'] }] } : {}),
        },
      ],
    },
  ],
});

/** discover / dashboard / visualize exist as a deprecated v1 and a current v2 (Kibana 9.x). */
function versioned(
  v: 'v1' | 'v2',
  base: Omit<FeatureDef, 'id' | 'order' | 'deprecated' | 'subFeatures'> & { subFeatures: (replacement?: string) => SubFeatureDef[] },
  id: string,
  order: number,
): FeatureDef {
  const v2 = `${id}_v2`;
  const all = structuredClone(base.privileges.all);
  const read = structuredClone(base.privileges.read);
  if (v === 'v1') {
    // v1 also manages saved queries; v2 moved that to the savedQueryManagement feature.
    all.api = [...(all.api ?? []), 'savedQuery:manage', 'savedQuery:read'];
    all.savedObject.all = [...all.savedObject.all, 'query'];
    all.ui = [...all.ui, 'saveQuery'];
    read.api = [...(read.api ?? []), 'savedQuery:read'];
    read.savedObject.read = [...read.savedObject.read, 'query'];
    all.replacedBy = {
      default: [{ feature: v2, privileges: ['all'] }, { feature: 'savedQueryManagement', privileges: ['all'] }],
      minimal: [{ feature: v2, privileges: ['minimal_all'] }, { feature: 'savedQueryManagement', privileges: ['minimal_all'] }],
    };
    read.replacedBy = {
      default: [{ feature: v2, privileges: ['read'] }, { feature: 'savedQueryManagement', privileges: ['read'] }],
      minimal: [{ feature: v2, privileges: ['minimal_read'] }, { feature: 'savedQueryManagement', privileges: ['minimal_read'] }],
    };
  }
  return {
    id: v === 'v1' ? id : v2,
    order: v === 'v1' ? order : order + 1,
    name: base.name,
    category: base.category,
    app: base.app,
    ...(base.catalogue ? { catalogue: base.catalogue } : {}),
    ...(base.management ? { management: base.management } : {}),
    privileges: { all, read },
    subFeatures: base.subFeatures(v === 'v1' ? v2 : undefined),
    ...(v === 'v1'
      ? { deprecated: { notice: `The ${base.name} V1 privilege has been deprecated and replaced with a ${base.name} V2 privilege.`, replacedBy: [v2] } }
      : {}),
  };
}

const discoverBase = {
  name: 'Discover',
  category: KIBANA,
  app: ['discover', 'kibana'],
  catalogue: ['discover'],
  management: { kibana: ['search_sessions'] },
  privileges: {
    all: {
      app: ['discover', 'kibana'],
      api: ['fileUpload:analyzeFile'],
      catalogue: ['discover'],
      savedObject: { all: ['search'], read: ['index-pattern'] },
      ui: ['show', 'save'],
    },
    read: {
      app: ['discover', 'kibana'],
      catalogue: ['discover'],
      savedObject: { all: [], read: ['index-pattern', 'search'] },
      ui: ['show'],
    },
  },
  subFeatures: (r?: string) => [shortUrl(r), searchSessions(r)],
};

const dashboardBase = {
  name: 'Dashboard',
  category: KIBANA,
  app: ['dashboards', 'kibana'],
  catalogue: ['dashboard'],
  management: { kibana: ['search_sessions'] },
  privileges: {
    all: {
      app: ['dashboards', 'kibana'],
      api: ['bulkGetUserProfiles', 'dashboardUsageStats'],
      catalogue: ['dashboard'],
      savedObject: { all: ['dashboard'], read: ['index-pattern', 'search', 'visualization', 'lens', 'map', 'tag'] },
      ui: ['createNew', 'show', 'showWriteControls'],
    },
    read: {
      app: ['dashboards', 'kibana'],
      api: ['bulkGetUserProfiles', 'dashboardUsageStats'],
      catalogue: ['dashboard'],
      savedObject: { all: [], read: ['index-pattern', 'search', 'visualization', 'lens', 'map', 'dashboard', 'tag'] },
      ui: ['show'],
    },
  },
  subFeatures: (r?: string) => [shortUrl(r), searchSessions(r)],
};

const visualizeBase = {
  name: 'Visualize library',
  category: KIBANA,
  app: ['visualize', 'lens', 'kibana'],
  catalogue: ['visualize'],
  privileges: {
    all: {
      app: ['visualize', 'lens', 'kibana'],
      catalogue: ['visualize'],
      savedObject: { all: ['visualization', 'lens'], read: ['index-pattern', 'search', 'tag'] },
      ui: ['show', 'delete', 'save'],
    },
    read: {
      app: ['visualize', 'lens', 'kibana'],
      catalogue: ['visualize'],
      savedObject: { all: [], read: ['index-pattern', 'search', 'visualization', 'lens', 'tag'] },
      ui: ['show'],
    },
  },
  subFeatures: (r?: string) => [shortUrl(r)],
};

/** Two-level feature with no sub-features: `all` writes `types`, `read` reads them. */
function simple(opts: {
  id: string;
  name: string;
  order: number;
  category: { id: string; label: string };
  app: string[];
  catalogue?: string[];
  management?: Record<string, string[]>;
  types: string[];
  readTypes?: string[];
  allUi: string[];
  readUi: string[];
  allApi?: string[];
  readApi?: string[];
  requireAllSpaces?: boolean;
  subFeatures?: SubFeatureDef[];
}): FeatureDef {
  const common = {
    app: opts.app,
    ...(opts.catalogue ? { catalogue: opts.catalogue } : {}),
    ...(opts.management ? { management: opts.management } : {}),
  };
  return {
    id: opts.id,
    name: opts.name,
    order: opts.order,
    category: opts.category,
    app: opts.app,
    ...(opts.catalogue ? { catalogue: opts.catalogue } : {}),
    ...(opts.management ? { management: opts.management } : {}),
    privileges: {
      all: {
        ...common,
        ...(opts.allApi ? { api: opts.allApi } : {}),
        savedObject: { all: opts.types, read: opts.readTypes ?? [] },
        ui: opts.allUi,
        ...(opts.requireAllSpaces ? { requireAllSpaces: true } : {}),
      },
      read: {
        ...common,
        ...(opts.readApi ? { api: opts.readApi } : {}),
        savedObject: { all: [], read: [...opts.types, ...(opts.readTypes ?? [])] },
        ui: opts.readUi,
        ...(opts.requireAllSpaces ? { requireAllSpaces: true } : {}),
      },
    },
    subFeatures: opts.subFeatures ?? [],
  };
}

/** The registry. Ordered by `order`, as Kibana's features API lists them. */
export const FEATURES: readonly FeatureDef[] = [
  versioned('v1', discoverBase, 'discover', 100),
  versioned('v2', discoverBase, 'discover', 100),
  versioned('v1', dashboardBase, 'dashboard', 200),
  versioned('v2', dashboardBase, 'dashboard', 200),
  simple({
    id: 'canvas', name: 'Canvas', order: 300, category: KIBANA, app: ['canvas', 'kibana'], catalogue: ['canvas'],
    types: ['canvas-workpad', 'canvas-element'], readTypes: ['index-pattern'], allUi: ['save', 'show'], readUi: ['show'],
    subFeatures: [shortUrl()],
  }),
  simple({
    id: 'maps', name: 'Maps', order: 400, category: KIBANA, app: ['maps', 'kibana'], catalogue: ['maps'],
    types: ['map'], readTypes: ['index-pattern', 'tag'], allUi: ['save', 'show', 'saveQuery'], readUi: ['show'],
  }),
  {
    id: 'ml',
    name: 'Machine Learning',
    order: 500,
    category: KIBANA,
    app: ['ml', 'kibana'],
    catalogue: ['ml', 'ml_file_data_visualizer'],
    management: { insightsAndAlerting: ['jobsListLink'] },
    privileges: {
      all: {
        app: ['ml', 'kibana'],
        api: ['ml:canGetJobs', 'ml:canCreateJob', 'ml:canStartStopDatafeed', 'ml:canDeleteJob'],
        catalogue: ['ml', 'ml_file_data_visualizer'],
        management: { insightsAndAlerting: ['jobsListLink', 'triggersActions'] },
        savedObject: { all: ['ml-job', 'ml-trained-model', 'ml-module'], read: ['index-pattern', 'search'] },
        ui: ['isADEnabled', 'isDFAEnabled', 'isNLPEnabled', 'canCreateJob', 'canDeleteJob', 'canGetJobs'],
      },
      read: {
        app: ['ml', 'kibana'],
        api: ['ml:canGetJobs'],
        catalogue: ['ml', 'ml_file_data_visualizer'],
        management: { insightsAndAlerting: ['jobsListLink'] },
        savedObject: { all: [], read: ['ml-job', 'ml-trained-model', 'ml-module', 'index-pattern', 'search'] },
        ui: ['isADEnabled', 'isDFAEnabled', 'isNLPEnabled', 'canGetJobs'],
      },
    },
    subFeatures: [],
  },
  simple({
    id: 'graph', name: 'Graph', order: 600, category: KIBANA, app: ['graph', 'kibana'], catalogue: ['graph'],
    types: ['graph-workspace'], readTypes: ['index-pattern'], allUi: ['save', 'delete', 'show'], readUi: ['show'],
  }),
  versioned('v1', visualizeBase, 'visualize', 700),
  versioned('v2', visualizeBase, 'visualize', 700),
  simple({
    id: 'logs', name: 'Logs', order: 800, category: OBSERVABILITY, app: ['logs', 'kibana', 'observability-logs-explorer'],
    catalogue: ['infralogging', 'logs'], types: ['infrastructure-ui-source', 'infrastructure-monitoring-log-view'],
    allUi: ['show', 'configureSource', 'save'], readUi: ['show'], allApi: ['infra', 'rac'], readApi: ['infra', 'rac'],
  }),
  simple({
    id: 'infrastructure', name: 'Infrastructure', order: 900, category: OBSERVABILITY, app: ['infra', 'metrics', 'kibana'],
    catalogue: ['infraops', 'metrics'], types: ['infrastructure-ui-source'], readTypes: ['index-pattern'],
    allUi: ['show', 'configureSource', 'save'], readUi: ['show'], allApi: ['infra', 'rac'], readApi: ['infra', 'rac'],
  }),
  simple({
    id: 'apm', name: 'APM and User Experience', order: 1000, category: OBSERVABILITY, app: ['apm', 'ux', 'kibana'],
    catalogue: ['apm'], management: { insightsAndAlerting: ['triggersActions'] }, types: [], readTypes: ['apm-indices'],
    allUi: ['show', 'save', 'alerting:show', 'alerting:save'], readUi: ['show', 'alerting:show'],
    allApi: ['apm', 'apm_write', 'rac'], readApi: ['apm', 'rac'],
  }),
  simple({
    id: 'uptime', name: 'Synthetics and Uptime', order: 1100, category: OBSERVABILITY, app: ['uptime', 'kibana', 'synthetics'],
    catalogue: ['uptime'], types: ['uptime-dynamic-settings', 'synthetics-monitor', 'synthetics-param'],
    allUi: ['save', 'configureSettings', 'show', 'alerting:save'], readUi: ['show', 'alerting:save'],
    allApi: ['uptime-read', 'uptime-write', 'rac'], readApi: ['uptime-read', 'rac'],
  }),
  {
    id: 'siem',
    name: 'Security',
    order: 1200,
    category: SECURITY,
    app: ['securitySolution', 'kibana'],
    catalogue: ['securitySolution'],
    management: { insightsAndAlerting: ['triggersActions'] },
    privileges: {
      all: {
        app: ['securitySolution', 'kibana'],
        api: ['securitySolution', 'lists-all', 'lists-read', 'rac'],
        catalogue: ['securitySolution'],
        management: { insightsAndAlerting: ['triggersActions'] },
        savedObject: { all: ['alert', 'exception-list', 'siem-ui-timeline', 'siem-detection-engine-rule-actions'], read: [] },
        ui: ['show', 'crud'],
      },
      read: {
        app: ['securitySolution', 'kibana'],
        api: ['securitySolution', 'lists-read', 'rac'],
        catalogue: ['securitySolution'],
        management: { insightsAndAlerting: ['triggersActions'] },
        savedObject: { all: [], read: ['alert', 'exception-list', 'siem-ui-timeline', 'siem-detection-engine-rule-actions'] },
        ui: ['show'],
      },
    },
    subFeatures: [
      {
        // Kibana marks endpoint-management sub-features requireAllSpaces.
        name: 'Endpoint List',
        requireAllSpaces: true,
        privilegeGroups: [
          {
            groupType: 'mutually_exclusive',
            privileges: [
              { id: 'endpoint_list_all', name: 'All', includeIn: 'none', api: ['securitySolution-writeEndpointList', 'securitySolution-readEndpointList'], savedObject: none, ui: ['writeEndpointList', 'readEndpointList'] },
              { id: 'endpoint_list_read', name: 'Read', includeIn: 'none', api: ['securitySolution-readEndpointList'], savedObject: none, ui: ['readEndpointList'] },
            ],
          },
        ],
      },
    ],
  },
  simple({
    id: 'dev_tools', name: 'Dev Tools', order: 1300, category: MANAGEMENT, app: ['dev_tools', 'kibana'],
    catalogue: ['console', 'searchprofiler', 'grokdebugger'], types: [], allUi: ['show', 'save'], readUi: ['show'],
    allApi: ['console'], readApi: ['console'],
  }),
  {
    id: 'fleet',
    name: 'Integrations',
    order: 1400,
    category: MANAGEMENT,
    app: ['integrations'],
    catalogue: ['fleet'],
    privileges: {
      all: { app: ['integrations'], api: ['integrations-read', 'integrations-all'], catalogue: ['fleet'], savedObject: none, ui: ['read', 'all'] },
      read: { app: ['integrations'], api: ['integrations-read'], catalogue: ['fleet'], savedObject: none, ui: ['read'] },
    },
    subFeatures: [],
  },
  simple({
    // Fleet (agents and policies): its privileges require all spaces, as in Kibana's fleet plugin.
    id: 'fleetv2', name: 'Fleet', order: 1401, category: MANAGEMENT, app: ['fleet'], catalogue: ['fleet'],
    types: ['ingest-agent-policies', 'ingest-package-policies', 'fleet-fleet-server-host'], allUi: ['read', 'all'], readUi: ['read'],
    allApi: ['fleet-read', 'fleet-all'], readApi: ['fleet-read'], requireAllSpaces: true,
  }),
  simple({
    id: 'advancedSettings', name: 'Advanced Settings', order: 1500, category: MANAGEMENT, app: ['kibana'],
    catalogue: ['advanced_settings'], management: { kibana: ['settings'] }, types: ['config'], allUi: ['save'], readUi: [],
    allApi: ['manage_advanced_settings'],
  }),
  simple({
    id: 'indexPatterns', name: 'Data View Management', order: 1600, category: MANAGEMENT, app: ['kibana'],
    catalogue: ['indexPatterns'], management: { kibana: ['indexPatterns'] }, types: ['index-pattern'], allUi: ['save'], readUi: [],
    allApi: ['indexPatterns:manage'],
  }),
  simple({
    id: 'savedObjectsManagement', name: 'Saved Objects Management', order: 1700, category: MANAGEMENT, app: ['kibana'],
    catalogue: ['saved_objects'], management: { kibana: ['objects'] },
    types: ['config', 'url', 'index-pattern', 'query', 'tag', 'search', 'visualization', 'lens', 'dashboard', 'map', 'canvas-workpad', 'graph-workspace'],
    allUi: ['read', 'edit', 'delete', 'copyIntoSpace', 'shareIntoSpace'], readUi: ['read'],
    allApi: ['copySavedObjectsToSpaces'], readApi: ['copySavedObjectsToSpaces'],
  }),
  simple({
    id: 'savedQueryManagement', name: 'Saved Query Management', order: 1750, category: MANAGEMENT, app: ['kibana'],
    types: ['query'], allUi: ['showQueries', 'saveQuery'], readUi: ['showQueries'],
    allApi: ['savedQuery:manage', 'savedQuery:read'], readApi: ['savedQuery:read'],
  }),
  simple({
    id: 'stackAlerts', name: 'Stack Rules', order: 1800, category: MANAGEMENT, app: [],
    management: { insightsAndAlerting: ['triggersActions'] }, types: [], allUi: [], readUi: [],
    allApi: ['rac'], readApi: ['rac'],
  }),
];

// ---------------------------------------------------------------------------------------------
// Privilege ids per feature

export function getMinimalPrivilegeId(privilegeId: 'all' | 'read'): string {
  return `minimal_${privilegeId}`;
}

export function isMinimalPrivilegeId(privilegeId: string): boolean {
  return privilegeId === 'minimal_all' || privilegeId === 'minimal_read';
}

export function subFeaturePrivileges(feature: FeatureDef): SubFeaturePrivilegeDef[] {
  return feature.subFeatures.flatMap((s) => s.privilegeGroups.flatMap((g) => g.privileges));
}

/** Every privilege id a role may name for `feature`: all, read, minimal_*, sub-feature ids. */
export function featurePrivilegeIds(feature: FeatureDef): string[] {
  const top = (['all', 'read'] as const).filter((p) => !feature.privileges[p].disabled);
  return [...top, ...top.map(getMinimalPrivilegeId), ...subFeaturePrivileges(feature).filter((p) => !p.disabled).map((p) => p.id)];
}

export function findFeature(id: string, features: readonly FeatureDef[] = FEATURES): FeatureDef | undefined {
  return features.find((f) => f.id === id && !f.hidden);
}

/** The privilege definition behind `privilegeId` of `feature` (top-level, minimal or sub-feature). */
export function getPrivilegeById(feature: FeatureDef, privilegeId: string): FeaturePrivilegeDef | SubFeaturePrivilegeDef | undefined {
  for (const top of ['all', 'read'] as const) {
    if (privilegeId === top || privilegeId === getMinimalPrivilegeId(top)) return feature.privileges[top];
  }
  return subFeaturePrivileges(feature).find((p) => p.id === privilegeId);
}

/** What a deprecated privilege is replaced by (Kibana's getReplacedByForPrivilege). */
export function getReplacedBy(privilegeId: string, privilege: FeaturePrivilegeDef | SubFeaturePrivilegeDef): PrivilegeReference[] | undefined {
  const r = privilege.replacedBy;
  if (!r) return undefined;
  if (Array.isArray(r)) return r;
  return isMinimalPrivilegeId(privilegeId) ? r.minimal : r.default;
}

// ---------------------------------------------------------------------------------------------
// Actions (Kibana's Actions + feature privilege builders)

const SAVED_OBJECT_READ_OPS = ['bulk_get', 'get', 'find', 'open_point_in_time', 'close_point_in_time'];
const SAVED_OBJECT_WRITE_OPS = ['create', 'bulk_create', 'update', 'bulk_update', 'delete', 'bulk_delete', 'share_to_space'];

export const actions = {
  login: 'login:',
  api: (tag: string) => `api:${tag}`,
  app: (id: string) => `app:${id}`,
  ui: (featureId: string, ...capability: string[]) => `ui:${featureId}/${capability.join('/')}`,
  savedObject: (type: string, operation: string) => `saved_object:${type}/${operation}`,
  spaceManage: 'space:manage',
};

type AnyPrivilege = Omit<FeaturePrivilegeDef, 'replacedBy'>;

/** The actions one privilege definition grants, in Kibana's builder order (api, app, catalogue, management, navlinks, saved objects, ui). */
function privilegeActions(def: AnyPrivilege, feature: FeatureDef): string[] {
  const out: string[] = [];
  for (const tag of def.api ?? []) out.push(actions.api(tag));
  for (const app of def.app ?? []) out.push(actions.app(app));
  for (const c of def.catalogue ?? []) out.push(actions.ui('catalogue', c));
  for (const [section, ids] of Object.entries(def.management ?? {})) for (const id of ids) out.push(actions.ui('management', section, id));
  for (const app of def.app ?? []) out.push(actions.ui('navLinks', app));
  for (const type of def.savedObject.all) for (const op of [...SAVED_OBJECT_READ_OPS, ...SAVED_OBJECT_WRITE_OPS]) out.push(actions.savedObject(type, op));
  for (const type of def.savedObject.read) for (const op of SAVED_OBJECT_READ_OPS) out.push(actions.savedObject(type, op));
  for (const cap of def.ui) out.push(actions.ui(feature.id, cap));
  return [...new Set(out)];
}

export interface RawKibanaPrivileges {
  global: Record<string, string[]>;
  space: Record<string, string[]>;
  features: Record<string, Record<string, string[]>>;
  reserved: Record<string, string[]>;
}

/** Reserved privileges used by built-in ES roles (`kibana-*` application). A small subset of Kibana's. */
const RESERVED: Record<string, string[]> = {
  monitoring: [actions.login, actions.app('monitoring'), actions.ui('catalogue', 'monitoring'), actions.ui('navLinks', 'monitoring')],
  ml_user: [actions.login, actions.api('ml:canGetJobs'), actions.ui('ml', 'canGetJobs')],
  ml_admin: [actions.login, actions.api('ml:canGetJobs'), actions.api('ml:canCreateJob'), actions.ui('ml', 'canGetJobs'), actions.ui('ml', 'canCreateJob')],
};

/** Build the privilege → actions map for `features`, as Kibana's privileges service does. */
export function buildKibanaPrivileges(features: readonly FeatureDef[] = FEATURES): RawKibanaPrivileges {
  const featurePrivileges: Record<string, Record<string, string[]>> = {};
  const allSet = new Set<string>();
  const readSet = new Set<string>();
  const composable: Array<{ featureId: string; privilegeId: string; refs: PrivilegeReference[] }> = [];

  for (const feature of features) {
    const map: Record<string, string[]> = {};
    const subs = subFeaturePrivileges(feature);
    for (const top of ['all', 'read'] as const) {
      const def = feature.privileges[top];
      if (def.disabled) continue;
      const own = privilegeActions(def, feature);
      // full privilege = own actions + sub-feature privileges included in it
      const included = subs.filter((s) => s.includeIn === top || (top === 'all' && s.includeIn === 'read'));
      const full = [...new Set([...own, ...included.flatMap((s) => privilegeActions(s, feature))])];
      map[top] = [actions.login, ...full];
      map[getMinimalPrivilegeId(top)] = [actions.login, ...own];
      if (!feature.hidden) {
        for (const a of full) {
          allSet.add(a);
          if (top === 'read') readSet.add(a);
        }
      }
      for (const id of [top, getMinimalPrivilegeId(top)]) {
        const refs = getReplacedBy(id, def);
        if (refs) composable.push({ featureId: feature.id, privilegeId: id, refs });
      }
    }
    for (const sub of subs) {
      if (sub.disabled) continue;
      map[sub.id] = [actions.login, ...privilegeActions(sub, feature)];
      const refs = getReplacedBy(sub.id, sub);
      if (refs) composable.push({ featureId: feature.id, privilegeId: sub.id, refs });
    }
    featurePrivileges[feature.id] = map;
  }

  // A deprecated privilege also grants the UI capabilities of the privileges replacing it.
  for (const c of composable) {
    const target = featurePrivileges[c.featureId];
    const current = target?.[c.privilegeId];
    if (!target || !current) continue;
    const uiActions = c.refs.flatMap((r) => r.privileges.flatMap((p) => featurePrivileges[r.feature]?.[p] ?? [])).filter((a) => a.startsWith('ui:'));
    target[c.privilegeId] = [...new Set([...current, ...uiActions])];
    for (const a of uiActions) {
      allSet.add(a);
      if (c.privilegeId === 'read') readSet.add(a);
    }
  }

  for (const feature of features) if (feature.hidden) delete featurePrivileges[feature.id];

  const allActions = [...allSet];
  const readActions = [...readSet];
  return {
    features: featurePrivileges,
    global: {
      all: [
        actions.login,
        actions.api('read_decryptedTelemetry'),
        actions.api('read_features'),
        actions.api('manage_taskManager'),
        actions.api('manage_spaces'),
        actions.spaceManage,
        actions.ui('spaces', 'manage'),
        actions.ui('management', 'kibana', 'spaces'),
        actions.ui('catalogue', 'spaces'),
        actions.ui('globalSettings', 'save'),
        actions.ui('globalSettings', 'show'),
        ...allActions,
      ],
      read: [actions.login, actions.api('read_decryptedTelemetry'), actions.ui('globalSettings', 'show'), ...readActions],
    },
    space: {
      all: [actions.login, ...allActions],
      read: [actions.login, ...readActions],
    },
    reserved: RESERVED,
  };
}

export interface EsApplicationPrivilege {
  actions: string[];
  metadata: Record<string, unknown>;
}

/** The body of `PUT /_security/privilege` for `application` (Kibana's serializePrivileges). */
export function serializePrivileges(application: string, raw: RawKibanaPrivileges): Record<string, Record<string, EsApplicationPrivilege>> {
  const out: Record<string, EsApplicationPrivilege> = {};
  const put = (name: string, acts: string[]) => {
    if (out[name]) throw new Error(`Detected duplicate privilege name: ${name}`);
    out[name] = { actions: acts, metadata: {} };
  };
  for (const [name, acts] of Object.entries(raw.global)) put(name, acts);
  for (const [name, acts] of Object.entries(raw.space)) put(`space_${name}`, acts);
  for (const [featureId, privs] of Object.entries(raw.features)) {
    for (const [name, acts] of Object.entries(privs)) put(`feature_${featureId}.${name}`, acts);
  }
  for (const [name, acts] of Object.entries(raw.reserved)) put(`reserved_${name}`, acts);
  return { [application]: out };
}

/** The features API view of the registry (GET /api/features): Kibana's KibanaFeatureConfig shape. */
export function featuresForApi(features: readonly FeatureDef[] = FEATURES): unknown[] {
  return [...features]
    .filter((f) => !f.hidden)
    .sort((a, b) => a.order - b.order)
    .map((f) => ({
      id: f.id,
      name: f.name,
      order: f.order,
      category: f.category,
      app: f.app,
      catalogue: f.catalogue ?? [],
      ...(f.management ? { management: f.management } : {}),
      ...(f.deprecated ? { deprecated: f.deprecated } : {}),
      privileges: f.privileges,
      subFeatures: f.subFeatures,
    }));
}
