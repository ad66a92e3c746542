/**
 * The built-in privilege catalog of Elasticsearch 9.5.3, with exact implication.
 *
 * Source of truth (read from the 9.5.3 distribution's x-pack-core classes and the matching source in
 * elastic/elasticsearch, x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/security/authz/):
 *   - privilege/ClusterPrivilegeResolver.java   (cluster privileges: action patterns + excluded patterns)
 *   - privilege/ActionClusterPrivilege.java     (allowed/excluded action pattern sets)
 *   - privilege/ManageOwnApiKeyClusterPrivilege.java (request-predicate privilege: `manage_own_api_key`)
 *   - privilege/IndexPrivilege.java             (index privileges: action automata + selector predicate)
 *   - privilege/IndexComponentSelectorPredicate.java (data / failures / data+failures / all selectors)
 *   - permission/ClusterPermission.java         (`implies`: automaton checks vs request-predicate checks)
 *   - permission/IndicesPermission.java         (`checkResourcePrivileges`: per-selector subset checks)
 *   - permission/RemoteClusterPermissions.java  (remote_cluster privileges: monitor_enrich, monitor_stats)
 *
 * Semantics reproduced here (what `_has_privileges` answers):
 *   - Cluster: a privilege is a set of action-name patterns minus excluded patterns. A granted set implies a
 *     wanted privilege when the wanted automaton is a subset of the union of the granted automata.
 *     `manage_own_api_key` is a request-predicate check (ownership of the API key): it is implied by any
 *     plain privilege whose automaton covers `cluster:admin/xpack/security/api_key/*` (e.g. manage_api_key,
 *     manage_security, all), but on its own it implies only itself (ES: ManageOwnClusterPermissionCheck
 *     `doImplies` accepts only another ManageOwnClusterPermissionCheck) — not even `none`.
 *   - Index: each privilege also carries a selector predicate. Most grant the `data` component; `read_failure_store`
 *     and `manage_failure_store` grant only `::failures`; `manage` and `manage_data_stream_lifecycle` grant both;
 *     `all` grants every selector. A wanted privilege is implied when, for every selector it applies to, its
 *     automaton is a subset of the union of the granted automata whose selector accepts that component.
 *   - Raw action names are accepted by ES in role descriptors (name + "*" becomes the pattern, lower-cased):
 *     cluster privileges matching `cluster:*`, `indices:admin/template/*` or `indices:admin/index_template/*`;
 *     index privileges matching `indices:*` or `internal:transport/proxy/indices:*` (data selector).
 *     The automaton/implication functions accept them; `validatePrivilegeNames` (what es-authz writes) rejects them.
 *
 * Pure module: no I/O.
 */

import type { Automaton } from './automaton.js';
import { EMPTY, accepts, compilePattern, compilePatterns, isEmpty, minus, subsetOf, union } from './automaton.js';

// ---------------------------------------------------------------------------------------------------------------------
// Types

export type PrivilegeKind = 'cluster' | 'index' | 'remote_cluster';

/**
 * - `own_api_keys`: request-predicate privilege (`manage_own_api_key`): the actions only apply to API keys owned by
 *   the caller; implication is special (see module comment).
 * - `no_op`: deprecated, grants no actions at all (equivalent to `none`).
 * - `deprecated`: deprecated alias; see `replacement`.
 * - `cross_cluster_internal`: meant for cross-cluster API keys / remote-cluster plumbing, not for ordinary roles.
 */
export type ClusterPrivilegeSpecial = 'own_api_keys' | 'no_op' | 'deprecated' | 'cross_cluster_internal';

export interface ClusterPrivilegeDefinition {
  /** ES action-name patterns (wildcards `*`/`?`), exactly as in ES 9.5.3. */
  readonly actions: readonly string[];
  /** Patterns subtracted from `actions` (ES `excludedActionPatterns`). */
  readonly except?: readonly string[];
  /** One line, for an administrator or a model. */
  readonly description: string;
  readonly special?: ClusterPrivilegeSpecial;
  /** For deprecated privileges: the privilege to use instead. */
  readonly replacement?: string;
}

/** Which index components (selectors) a privilege grants access to (ES IndexComponentSelectorPredicate). */
export type IndexSelectorAccess = 'data' | 'failures' | 'data_and_failures' | 'all';

/**
 * - `failure_store`: applies only to the `::failures` component of data streams.
 * - `deprecated`: deprecated; see `replacement`.
 * - `cross_cluster_internal`: meant for cross-cluster API keys / remote indices, not for ordinary roles.
 */
export type IndexPrivilegeSpecial = 'failure_store' | 'deprecated' | 'cross_cluster_internal';

export interface IndexPrivilegeDefinition {
  readonly actions: readonly string[];
  readonly except?: readonly string[];
  readonly description: string;
  /** The selectors this privilege grants (ES 9.x failure-store support). */
  readonly selector: IndexSelectorAccess;
  readonly special?: IndexPrivilegeSpecial;
  readonly replacement?: string;
}

export class UnknownPrivilegeError extends Error {
  readonly kind: PrivilegeKind;
  readonly privilege: string;
  constructor(kind: PrivilegeKind, privilege: string) {
    super(`unknown ${kindLabel(kind)} privilege '${privilege}'`);
    this.name = 'UnknownPrivilegeError';
    this.kind = kind;
    this.privilege = privilege;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Data: cluster privileges (ES 9.5.3 ClusterPrivilegeResolver; the names GET /_security/privilege/_builtin returns)

const ALL_CLUSTER_PATTERN = ['cluster:*', 'indices:admin/template/*', 'indices:admin/index_template/*'] as const;
const ALL_SECURITY_PATTERN = ['cluster:admin/xpack/security/*'] as const;
const MANAGE_TRANSFORM_PATTERN = [
  'cluster:admin/data_frame/*',
  'cluster:monitor/data_frame/*',
  'cluster:monitor/transform/*',
  'cluster:admin/transform/*',
] as const;
const MONITOR_TRANSFORM_PATTERN = ['cluster:monitor/data_frame/*', 'cluster:monitor/transform/*'] as const;
const MANAGE_INGEST_PIPELINE_PATTERN = ['cluster:admin/ingest/pipeline/*'] as const;
const MONITOR_ENRICH_PATTERN = ['cluster:monitor/xpack/enrich/*', 'cluster:admin/xpack/enrich/get'] as const;
const MONITOR_STATS_PATTERN = ['cluster:monitor/stats*'] as const;
const REMOTE_CLUSTER_INFRA = [
  'cluster:internal/remote_cluster/handshake',
  'cluster:internal/remote_cluster/nodes',
  'cluster:internal/admin/tasks/ban',
  'cluster:internal/admin/tasks/cancel_child',
  'cluster:monitor/xpack/info',
] as const;

export const CLUSTER_PRIVILEGES = {
  all: {
    actions: ALL_CLUSTER_PATTERN,
    description:
      'Every cluster action, including security administration (users, roles, API keys) and node/settings management; superuser-level cluster access.',
  },
  cancel_task: {
    actions: ['cluster:admin/tasks/cancel*'],
    description: 'Cancel running tasks (also used to cancel/delete async searches).',
  },
  clone_api_key: {
    actions: ['cluster:admin/xpack/security/api_key/clone*'],
    description: 'Use the clone API key API (cluster:admin/xpack/security/api_key/clone).',
  },
  create_snapshot: {
    actions: [
      'cluster:admin/snapshot/create',
      'cluster:admin/snapshot/status*',
      'cluster:admin/snapshot/get',
      'cluster:admin/snapshot/status',
      'cluster:admin/repository/get',
    ],
    description:
      'Create snapshots in existing repositories and view snapshots/repositories; cannot create repositories, delete or restore.',
  },
  cross_cluster_replication: {
    actions: [...REMOTE_CLUSTER_INFRA, 'cluster:monitor/state'],
    description:
      'Internal (cross-cluster API keys): lets a remote cluster connect for cross-cluster replication (handshake, nodes, cluster state).',
    special: 'cross_cluster_internal',
  },
  cross_cluster_search: {
    actions: [
      ...REMOTE_CLUSTER_INFRA,
      'cluster:monitor/xpack/enrich/esql/resolve_policy',
      'cluster:internal:data/read/esql/open_exchange',
      'cluster:internal:data/read/esql/exchange',
      'cluster:monitor/stats/remote',
      'cluster:monitor/stats',
      'cluster:monitor/stats[n]',
    ],
    description:
      'Internal (cross-cluster API keys): lets a remote cluster connect for cross-cluster search and ES|QL (handshake, nodes, task cancellation, enrich policy resolution).',
    special: 'cross_cluster_internal',
  },
  delegate_pki: {
    actions: ['cluster:admin/xpack/security/delegate_pki', 'cluster:admin/xpack/security/token/invalidate'],
    description: 'Delegate PKI authentication: exchange a client certificate chain for an access token (used by Kibana PKI login).',
  },
  grant_api_key: {
    actions: ['cluster:admin/xpack/security/api_key/grant*'],
    description: 'Create API keys on behalf of other users (grant API key API).',
  },
  manage: {
    actions: ALL_CLUSTER_PATTERN,
    except: ALL_SECURITY_PATTERN,
    description:
      'All cluster administration (settings, nodes, snapshots, templates, pipelines, ILM, ML, transforms, ...) except security actions (cluster:admin/xpack/security/*).',
  },
  manage_api_key: {
    actions: ['cluster:admin/xpack/security/api_key/*'],
    description: "Create, view, update and invalidate any user's API keys (implies manage_own_api_key).",
  },
  manage_autoscaling: {
    actions: ['cluster:admin/autoscaling/*'],
    description: 'Manage autoscaling policies and view autoscaling capacity.',
  },
  manage_behavioral_analytics: {
    actions: ['cluster:admin/xpack/application/analytics/*'],
    description: 'Manage behavioral analytics collections (and post events to them).',
  },
  manage_ccr: {
    actions: ['cluster:admin/xpack/ccr/*', 'cluster:monitor/state', 'cluster:admin/xpack/security/user/has_privileges'],
    description:
      'Manage cross-cluster replication (follow/auto-follow patterns, CCR stats) plus reading cluster state and checking privileges.',
  },
  manage_connector: {
    actions: ['cluster:admin/xpack/connector/*'],
    except: [
      'cluster:admin/xpack/connector/secret/get',
      'cluster:admin/xpack/connector/secret/delete',
      'cluster:admin/xpack/connector/secret/post',
      'cluster:admin/xpack/connector/secret/put',
    ],
    description: 'Manage Elastic connectors and connector sync jobs (but not connector secrets).',
  },
  manage_data_frame_transforms: {
    actions: MANAGE_TRANSFORM_PATTERN,
    description: 'Deprecated alias of manage_transform: create, start, stop, update, delete and view transforms.',
    special: 'deprecated',
    replacement: 'manage_transform',
  },
  manage_data_stream_global_retention: {
    actions: [],
    description: 'Deprecated no-op: grants no actions (data stream global retention is configured through cluster settings).',
    special: 'no_op',
  },
  manage_enrich: {
    actions: ['cluster:admin/xpack/enrich/*', 'cluster:monitor/xpack/enrich/*'],
    description: 'Manage enrich policies (put, execute, delete, get) and view enrich stats.',
  },
  manage_ilm: {
    actions: ['cluster:admin/ilm/*'],
    description: 'Manage index lifecycle policies and ILM itself (put/get/delete policies, start/stop, status).',
  },
  manage_index_templates: {
    actions: ['indices:admin/template/*', 'indices:admin/index_template/*', 'cluster:admin/component_template/*'],
    description: 'Create, update, delete and view legacy, composable and component index templates.',
  },
  manage_inference: {
    actions: [
      'cluster:admin/xpack/inference/*',
      'cluster:monitor/xpack/inference*',
      'cluster:admin/xpack/ml/trained_models/deployment/start',
      'cluster:admin/xpack/ml/trained_models/deployment/stop',
      'cluster:monitor/xpack/ml/trained_models/deployment/infer',
    ],
    description: 'Manage inference endpoints (create, update, delete), run inference, and start/stop trained model deployments.',
  },
  manage_ingest_pipelines: {
    actions: MANAGE_INGEST_PIPELINE_PATTERN,
    description: 'Create, update, delete, view and simulate ingest pipelines.',
  },
  manage_logstash_pipelines: {
    actions: ['cluster:admin/logstash/pipeline/*'],
    description: 'Manage centrally-managed Logstash pipelines.',
  },
  manage_ml: {
    actions: ['cluster:admin/xpack/ml/*', 'cluster:monitor/xpack/ml/*'],
    description: 'All machine learning operations (anomaly jobs, datafeeds, data frame analytics, trained models), including monitor_ml.',
  },
  manage_oidc: {
    actions: ['cluster:admin/xpack/security/oidc/*'],
    description: 'OpenID Connect realm APIs (prepare, authenticate, logout), as used by Kibana for OIDC login.',
  },
  manage_own_api_key: {
    actions: ['cluster:admin/xpack/security/api_key/*'],
    description:
      "API key actions restricted to keys owned by the caller (create, view, update, invalidate own keys); implied by manage_api_key.",
    special: 'own_api_keys',
  },
  manage_pipeline: {
    actions: MANAGE_INGEST_PIPELINE_PATTERN,
    description: 'Same actions as manage_ingest_pipelines: all ingest pipeline operations.',
  },
  manage_reindex: {
    actions: ['cluster:admin/reindex/*', 'cluster:monitor/reindex/*'],
    description: 'Administer reindex operations (cluster:admin/reindex/*) and view their status (includes monitor_reindex).',
  },
  manage_rollup: {
    actions: ['cluster:admin/xpack/rollup/*', 'cluster:monitor/xpack/rollup/*'],
    description: 'Manage rollup jobs (create, start, stop, delete) and view rollup jobs and capabilities.',
  },
  manage_saml: {
    actions: [
      'cluster:admin/xpack/security/saml/*',
      'cluster:admin/xpack/security/token/invalidate',
      'cluster:admin/xpack/security/token/refresh',
      'cluster:monitor/xpack/security/saml/metadata',
    ],
    description: 'SAML realm APIs (prepare, authenticate, logout, invalidate, SP metadata) and token refresh/invalidate, as used by Kibana.',
  },
  manage_search_application: {
    actions: ['cluster:admin/xpack/application/search_application/*'],
    description: 'Manage search applications (put, get, list, delete, search).',
  },
  manage_search_query_rules: {
    actions: ['cluster:admin/xpack/query_rules/*'],
    description: 'Manage query rulesets and query rules.',
  },
  manage_search_synonyms: {
    actions: ['cluster:admin/synonyms/*', 'cluster:admin/synonyms_sets/*', 'cluster:admin/synonym_rules/*'],
    description: 'Manage synonym sets and synonym rules.',
  },
  manage_security: {
    actions: ALL_SECURITY_PATTERN,
    except: ['cluster:admin/xpack/security/delegate_pki'],
    description:
      'All security administration (users, roles, role mappings, API keys, tokens, privileges, realms, profiles) except PKI delegation; effectively superuser, since it can grant any role.',
  },
  manage_service_account: {
    actions: ['cluster:admin/xpack/security/service_account/*'],
    description: 'Manage service accounts and their tokens (create, delete, list credentials).',
  },
  manage_slm: {
    actions: ['cluster:admin/slm/*', 'cluster:admin/ilm/start', 'cluster:admin/ilm/stop', 'cluster:admin/ilm/operation_mode/get'],
    description: 'Manage snapshot lifecycle policies (put, execute, delete), start/stop SLM, and ILM start/stop/status.',
  },
  manage_token: {
    actions: ['cluster:admin/xpack/security/token/*'],
    description: 'Create, refresh and invalidate security access/refresh tokens.',
  },
  manage_transform: {
    actions: MANAGE_TRANSFORM_PATTERN,
    description: 'Create, start, stop, update, delete and view transforms.',
  },
  manage_user_profile: {
    actions: ['cluster:admin/xpack/security/profile/*'],
    description: 'Manage user profiles (activate, get, suggest, update data, enable/disable, has-privileges).',
  },
  manage_watcher: {
    actions: ['cluster:admin/xpack/watcher/*', 'cluster:monitor/xpack/watcher/*'],
    description: 'Manage Watcher (put, delete, execute, activate watches; start/stop) and view watches and stats.',
  },
  monitor: {
    actions: [
      'cluster:monitor/*',
      'indices:admin/template/get',
      'cluster:admin/component_template/get',
      'indices:admin/index_template/get',
    ],
    description:
      'Read-only cluster monitoring: health, state, stats, node info, pending tasks, plus reading index and component templates.',
  },
  monitor_connector: {
    actions: [
      'cluster:admin/xpack/connector/get',
      'cluster:admin/xpack/connector/list',
      'cluster:admin/xpack/connector/sync_job/get',
      'cluster:admin/xpack/connector/sync_job/list',
    ],
    description: 'View connectors and connector sync jobs (get and list).',
  },
  monitor_data_frame_transforms: {
    actions: MONITOR_TRANSFORM_PATTERN,
    description: 'Deprecated alias of monitor_transform: view transforms and their stats.',
    special: 'deprecated',
    replacement: 'monitor_transform',
  },
  monitor_data_stream_global_retention: {
    actions: [],
    description: 'Deprecated no-op: grants no actions.',
    special: 'no_op',
  },
  monitor_enrich: {
    actions: MONITOR_ENRICH_PATTERN,
    description: 'View enrich policies and enrich stats.',
  },
  monitor_esql: {
    actions: ['cluster:monitor/xpack/esql/*'],
    description: 'ES|QL monitoring actions (cluster:monitor/xpack/esql/*), e.g. listing running ES|QL queries and stats.',
  },
  monitor_inference: {
    actions: ['cluster:monitor/xpack/inference*', 'cluster:monitor/xpack/ml/trained_models/deployment/infer'],
    description: 'View inference endpoints and run inference with them; cannot create or delete endpoints.',
  },
  monitor_ml: {
    actions: ['cluster:monitor/xpack/ml/*'],
    description: 'Read-only machine learning: view jobs, datafeeds, trained models, their stats and results.',
  },
  monitor_reindex: {
    actions: ['cluster:monitor/reindex/*'],
    description: 'View reindex operations and their status (cluster:monitor/reindex/*).',
  },
  monitor_rollup: {
    actions: ['cluster:monitor/xpack/rollup/*'],
    description: 'View rollup jobs and rollup capabilities.',
  },
  monitor_snapshot: {
    actions: [
      'cluster:admin/snapshot/status*',
      'cluster:admin/snapshot/get',
      'cluster:admin/snapshot/status',
      'cluster:admin/repository/get',
    ],
    description: 'Read-only snapshots: list snapshots and repositories and view snapshot status.',
  },
  monitor_stats: {
    actions: MONITOR_STATS_PATTERN,
    description: 'View cluster stats (cluster:monitor/stats*, including remote cluster stats).',
  },
  monitor_text_structure: {
    actions: ['cluster:monitor/text_structure/*'],
    description: 'Use the find-structure APIs (text, field and message structure).',
  },
  monitor_transform: {
    actions: MONITOR_TRANSFORM_PATTERN,
    description: 'View transforms and their stats.',
  },
  monitor_watcher: {
    actions: ['cluster:monitor/xpack/watcher/*'],
    description: 'View watches and Watcher stats.',
  },
  none: {
    actions: [],
    description: 'No cluster privileges.',
  },
  post_behavioral_analytics_event: {
    actions: ['cluster:admin/xpack/application/analytics/post_event'],
    description: 'Post events to behavioral analytics collections.',
  },
  read_ccr: {
    actions: ['cluster:monitor/state', 'cluster:admin/xpack/security/user/has_privileges'],
    description: 'Read cluster state and check privileges: the leader-cluster side of cross-cluster replication.',
  },
  read_connector_secrets: {
    actions: ['cluster:admin/xpack/connector/secret/get'],
    description: 'Read connector secrets.',
  },
  read_fleet_secrets: {
    actions: ['cluster:admin/fleet/secrets/get'],
    description: 'Read Fleet secrets (used by Fleet Server).',
  },
  read_ilm: {
    actions: ['cluster:admin/ilm/get', 'cluster:admin/ilm/operation_mode/get'],
    description: 'View ILM policies and ILM status.',
  },
  read_pipeline: {
    actions: ['cluster:admin/ingest/pipeline/get', 'cluster:admin/ingest/pipeline/simulate'],
    description: 'View and simulate ingest pipelines (read-only).',
  },
  read_security: {
    actions: [
      'cluster:admin/xpack/security/api_key/get',
      'cluster:admin/xpack/security/api_key/query',
      'cluster:admin/xpack/security/privilege/builtin/get',
      'cluster:admin/xpack/security/privilege/get',
      'cluster:admin/xpack/security/profile/get',
      'cluster:admin/xpack/security/profile/has_privileges',
      'cluster:admin/xpack/security/profile/suggest',
      'cluster:admin/xpack/security/role/get',
      'cluster:admin/xpack/security/role/query',
      'cluster:admin/xpack/security/role_mapping/get',
      'cluster:admin/xpack/security/service_account/get',
      'cluster:admin/xpack/security/service_account/credential/get*',
      'cluster:admin/xpack/security/user/get',
      'cluster:admin/xpack/security/user/query',
      'cluster:admin/xpack/security/user/list_privileges',
      'cluster:admin/xpack/security/user/has_privileges',
      'cluster:admin/xpack/security/settings/get',
    ],
    description:
      'Read-only security: view users, roles, role mappings, privileges, API keys, service accounts, user profiles and security settings; run has-privileges checks.',
  },
  read_slm: {
    actions: ['cluster:admin/slm/status', 'cluster:admin/slm/get', 'cluster:admin/ilm/operation_mode/get'],
    description: 'View snapshot lifecycle policies and SLM/ILM status.',
  },
  transport_client: {
    actions: ['cluster:monitor/nodes/liveness', 'cluster:monitor/state'],
    description: 'What a transport client needs to connect: node liveness and cluster state.',
  },
  write_connector_secrets: {
    actions: [
      'cluster:admin/xpack/connector/secret/delete',
      'cluster:admin/xpack/connector/secret/post',
      'cluster:admin/xpack/connector/secret/put',
    ],
    description: 'Create, update and delete connector secrets.',
  },
  write_fleet_secrets: {
    actions: ['cluster:admin/fleet/secrets/post', 'cluster:admin/fleet/secrets/delete'],
    description: 'Create and delete Fleet secrets (used by Fleet Server).',
  },
} as const satisfies Record<string, ClusterPrivilegeDefinition>;

export type ClusterPrivilegeName = keyof typeof CLUSTER_PRIVILEGES;

/**
 * Cluster privileges that ES 9.5.3 resolves in role descriptors but hides from `GET /_security/privilege/_builtin`
 * unless cross-project search is enabled (RestGetBuiltinPrivilegesAction filters them). Not offered by es-authz.
 */
export const HIDDEN_CLUSTER_PRIVILEGES = {
  read_project_routing: {
    actions: ['cluster:monitor/project/*', 'cluster:monitor/project_routing/*'],
    description: 'Cross-project search only: view project metadata and project routing.',
  },
  manage_project_routing: {
    actions: ['cluster:monitor/project/*', 'cluster:monitor/project_routing/*', 'cluster:admin/project_routing/*'],
    description: 'Cross-project search only: view and manage project routing.',
  },
} as const satisfies Record<string, ClusterPrivilegeDefinition>;

/**
 * Privileges usable in a role's `remote_cluster` section (ES RemoteClusterPermissions.getSupportedRemoteClusterPermissions).
 * They resolve to the same cluster privileges, evaluated on the remote cluster.
 */
export const REMOTE_CLUSTER_PRIVILEGES = {
  monitor_enrich: {
    actions: MONITOR_ENRICH_PATTERN,
    description: 'On the remote cluster: view enrich policies (needed for ES|QL ENRICH across clusters).',
  },
  monitor_stats: {
    actions: MONITOR_STATS_PATTERN,
    description: 'On the remote cluster: view cluster stats.',
  },
} as const satisfies Record<string, ClusterPrivilegeDefinition>;

export type RemoteClusterPrivilegeName = keyof typeof REMOTE_CLUSTER_PRIVILEGES;

// ---------------------------------------------------------------------------------------------------------------------
// Data: index privileges (ES 9.5.3 IndexPrivilege)

const READ_PATTERN = [
  'indices:data/read/*',
  'internal:transport/proxy/indices:data/read/*',
  'indices:admin/resolve/index',
  'indices:admin/resolve/cluster',
  'indices:admin/inference/fields/get',
  'indices:admin/shards/search_shards',
  'indices:admin/search/search_shards',
] as const;
const MANAGE_PATTERN = [
  'indices:monitor/*',
  'indices:admin/*',
  'indices:data/read/field_caps*',
  'indices:data/read/xpack/rollup/get/index/caps*',
] as const;
const TELEMETRY_INGEST = ['indices:data/write/otlp/*', 'indices:data/write/prometheus/*'] as const;

export const INDEX_PRIVILEGES = {
  all: {
    actions: ['indices:*', 'internal:transport/proxy/indices:*'],
    description: 'Every index action on the matching indices, for both data and the failure store (::failures).',
    selector: 'all',
  },
  auto_configure: {
    actions: ['indices:admin/mapping/auto_put', 'indices:admin/auto_create', 'indices:admin/data_stream/auto_create_past_tsdb'],
    description: 'Let writes auto-create indices/data streams and auto-update mappings, without other admin rights.',
    selector: 'data',
  },
  create: {
    actions: [
      'indices:data/write/index*',
      'indices:data/write/bulk*',
      'indices:data/write/simulate/bulk*',
      ...TELEMETRY_INGEST,
    ],
    description: 'Index documents (index/bulk, may overwrite by id) plus OTLP/Prometheus ingest; no update or delete.',
    selector: 'data',
  },
  create_dataset: {
    actions: ['indices:admin/esql/dataset/put'],
    description: 'Create ES|QL datasets.',
    selector: 'data',
  },
  create_doc: {
    actions: [
      'indices:data/write/index',
      'indices:data/write/index[*',
      'indices:data/write/index:op_type/create',
      'indices:data/write/bulk*',
      'indices:data/write/simulate/bulk*',
      ...TELEMETRY_INGEST,
    ],
    description: 'Only create new documents (op_type=create, bulk create) plus OTLP/Prometheus ingest; cannot overwrite, update or delete.',
    selector: 'data',
  },
  create_index: {
    actions: [
      'indices:admin/create',
      'indices:admin/auto_create',
      'indices:admin/data_stream/create',
      'indices:admin/data_stream/auto_create_past_tsdb',
    ],
    description: 'Create indices and data streams.',
    selector: 'data',
  },
  create_view: {
    actions: ['indices:admin/esql/view/put'],
    description: 'Create ES|QL views.',
    selector: 'data',
  },
  cross_cluster_replication: {
    actions: [
      'indices:data/read/xpack/ccr/shard_changes*',
      'indices:monitor/stats*',
      'indices:admin/seq_no/add_retention_lease*',
      'indices:admin/seq_no/remove_retention_lease*',
      'indices:admin/seq_no/renew_retention_lease*',
    ],
    description: 'Internal (cross-cluster API keys / remote_indices): leader-side CCR reads of shard changes and retention leases.',
    selector: 'data',
    special: 'cross_cluster_internal',
  },
  cross_cluster_replication_internal: {
    actions: [
      'indices:internal/admin/ccr/restore/session/clear*',
      'indices:internal/admin/ccr/restore/file_chunk/get*',
      'indices:internal/admin/ccr/restore/session/put*',
      'internal:transport/proxy/indices:internal/admin/ccr/restore/session/clear*',
      'internal:transport/proxy/indices:internal/admin/ccr/restore/file_chunk/get*',
    ],
    description: 'Internal (cross-cluster API keys): CCR restore-session actions used to bootstrap followers.',
    selector: 'data',
    special: 'cross_cluster_internal',
  },
  delete: {
    actions: ['indices:data/write/delete*', 'indices:data/write/bulk*'],
    description: 'Delete documents (delete and bulk APIs).',
    selector: 'data',
  },
  delete_dataset: {
    actions: ['indices:admin/esql/dataset/delete'],
    description: 'Delete ES|QL datasets.',
    selector: 'data',
  },
  delete_index: {
    actions: ['indices:admin/delete', 'indices:admin/data_stream/delete'],
    description: 'Delete indices and data streams.',
    selector: 'data',
  },
  delete_view: {
    actions: ['indices:admin/esql/view/delete'],
    description: 'Delete ES|QL views.',
    selector: 'data',
  },
  index: {
    actions: [
      'indices:data/write/index*',
      'indices:data/write/bulk*',
      'indices:data/write/update*',
      'indices:data/write/simulate/bulk*',
      ...TELEMETRY_INGEST,
    ],
    description: 'Index and update documents (index, update, bulk) plus OTLP/Prometheus ingest; no delete.',
    selector: 'data',
  },
  maintenance: {
    actions: ['indices:admin/refresh*', 'indices:admin/flush*', 'indices:admin/synced_flush', 'indices:admin/forcemerge*'],
    description: 'Refresh, flush and force-merge.',
    selector: 'data',
  },
  manage: {
    actions: MANAGE_PATTERN,
    description:
      'All index administration (indices:admin/* and indices:monitor/*: mappings, settings, aliases, create/delete, rollover, ...) on data and failure store; no document read/write.',
    selector: 'data_and_failures',
  },
  manage_data_stream_lifecycle: {
    actions: ['indices:admin/data_stream/lifecycle/*'],
    description: 'Manage data stream lifecycle (put, get, delete, explain), for data and failure store.',
    selector: 'data_and_failures',
  },
  manage_dataset: {
    actions: ['indices:admin/esql/dataset/*'],
    description: 'All ES|QL dataset actions (create, get, delete).',
    selector: 'data',
  },
  manage_failure_store: {
    actions: MANAGE_PATTERN,
    description: 'Index administration (same actions as manage) on the failure store (::failures) only.',
    selector: 'failures',
    special: 'failure_store',
  },
  manage_follow_index: {
    actions: [
      'indices:admin/xpack/ccr/put_follow',
      'indices:admin/xpack/ccr/unfollow',
      'indices:admin/close*',
      'indices:admin/data_stream/promote',
      'indices:admin/rollover',
    ],
    description: 'Turn indices into / out of CCR followers: put-follow, unfollow, close, promote data stream, rollover.',
    selector: 'data',
  },
  manage_ilm: {
    actions: ['indices:admin/ilm/*'],
    description: 'Index lifecycle operations on indices: explain, move to step, retry, remove policy.',
    selector: 'data',
  },
  manage_leader_index: {
    actions: ['indices:admin/xpack/ccr/forget_follower*'],
    description: 'Remove follower retention leases from a CCR leader index (forget follower).',
    selector: 'data',
  },
  manage_view: {
    actions: ['indices:admin/esql/view*'],
    description: 'All ES|QL view actions (create, get, delete).',
    selector: 'data',
  },
  monitor: {
    actions: ['indices:monitor/*'],
    description: 'Index monitoring: stats, segments, recovery, shard stores, settings (indices:monitor/*).',
    selector: 'data',
  },
  none: {
    actions: [],
    description: 'No index privileges.',
    selector: 'data',
  },
  read: {
    actions: READ_PATTERN,
    description:
      'Read documents: search, get, mget, scroll, count, field caps, ES|QL, plus resolve-index and search shards; data only, not the failure store.',
    selector: 'data',
  },
  read_cross_cluster: {
    actions: [
      'internal:transport/proxy/indices:data/read/*',
      'indices:admin/shards/search_shards',
      'indices:admin/search/search_shards',
      'indices:admin/resolve/cluster',
      'indices:data/read/esql',
      'indices:data/read/esql/compute',
    ],
    description: 'Deprecated: cross-cluster read actions; fully covered by read.',
    selector: 'data',
    special: 'deprecated',
    replacement: 'read',
  },
  read_dataset_metadata: {
    actions: ['indices:admin/esql/dataset/get'],
    description: 'View ES|QL dataset definitions.',
    selector: 'data',
  },
  read_failure_store: {
    actions: READ_PATTERN,
    description: 'Read documents in the failure store (the ::failures selector) only; does not grant reading data.',
    selector: 'failures',
    special: 'failure_store',
  },
  read_view_metadata: {
    actions: ['indices:admin/esql/view/get'],
    description: 'View ES|QL view definitions.',
    selector: 'data',
  },
  view_index_metadata: {
    actions: [
      'indices:admin/aliases/get',
      'indices:admin/get',
      'indices:admin/mappings/fields/get*',
      'indices:admin/mappings/get',
      'indices:admin/shards/search_shards',
      'indices:admin/search/search_shards',
      'indices:admin/validate/query*',
      'indices:monitor/settings/get',
      'indices:admin/ilm/explain',
      'indices:admin/data_stream/lifecycle/get',
      'indices:admin/data_stream/lifecycle/explain',
      'indices:admin/data_stream/get',
      'indices:admin/resolve/index',
      'indices:admin/resolve/cluster',
      'indices:data/read/field_caps*',
      'indices:data/read/xpack/rollup/get/index/caps*',
      'indices:monitor/transform/checkpoint*',
      'indices:monitor/get/metering/stats',
      'indices:admin/get/metering/stats',
    ],
    description:
      'Read index metadata: get index, mappings, settings, aliases, data streams, ILM/lifecycle explain, field caps, validate query; no document access.',
    selector: 'data',
  },
  write: {
    actions: ['indices:data/write/*', 'indices:admin/mapping/auto_put'],
    description: 'All document writes (index, create, update, delete, bulk) plus automatic mapping updates.',
    selector: 'data',
  },
} as const satisfies Record<string, IndexPrivilegeDefinition>;

export type IndexPrivilegeName = keyof typeof INDEX_PRIVILEGES;

const CLUSTER_DEFS: Readonly<Record<string, ClusterPrivilegeDefinition>> = CLUSTER_PRIVILEGES;
const HIDDEN_CLUSTER_DEFS: Readonly<Record<string, ClusterPrivilegeDefinition>> = HIDDEN_CLUSTER_PRIVILEGES;
const REMOTE_CLUSTER_DEFS: Readonly<Record<string, ClusterPrivilegeDefinition>> = REMOTE_CLUSTER_PRIVILEGES;
const INDEX_DEFS: Readonly<Record<string, IndexPrivilegeDefinition>> = INDEX_PRIVILEGES;

export const CLUSTER_PRIVILEGE_NAMES: readonly ClusterPrivilegeName[] = Object.keys(CLUSTER_PRIVILEGES).sort() as ClusterPrivilegeName[];
export const INDEX_PRIVILEGE_NAMES: readonly IndexPrivilegeName[] = Object.keys(INDEX_PRIVILEGES).sort() as IndexPrivilegeName[];
export const REMOTE_CLUSTER_PRIVILEGE_NAMES: readonly RemoteClusterPrivilegeName[] = Object.keys(
  REMOTE_CLUSTER_PRIVILEGES,
).sort() as RemoteClusterPrivilegeName[];

// ---------------------------------------------------------------------------------------------------------------------
// Name lookups

function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** Exact (canonical, lower-case) built-in cluster privilege name, as listed by `_builtin`. */
export function isKnownClusterPrivilege(name: string): name is ClusterPrivilegeName {
  return hasOwn(CLUSTER_PRIVILEGES, name);
}

/** Exact (canonical, lower-case) built-in index privilege name. */
export function isKnownIndexPrivilege(name: string): name is IndexPrivilegeName {
  return hasOwn(INDEX_PRIVILEGES, name);
}

/** Exact privilege name accepted in a role's `remote_cluster` section. */
export function isKnownRemoteClusterPrivilege(name: string): name is RemoteClusterPrivilegeName {
  return hasOwn(REMOTE_CLUSTER_PRIVILEGES, name);
}

/** ES accepts a raw cluster action (pattern) as a cluster privilege when it matches these (ClusterPrivilegeResolver.isClusterAction). */
export function isRawClusterActionPattern(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('cluster:') || n.startsWith('indices:admin/template/') || n.startsWith('indices:admin/index_template/');
}

/** ES accepts a raw index action (pattern) as an index privilege when it matches these (IndexPrivilege.ACTION_MATCHER). */
export function isRawIndexActionPattern(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('indices:') || n.startsWith('internal:transport/proxy/indices:');
}

function looksLikeActionName(name: string): boolean {
  return /^[a-z_]+:/i.test(name.trim());
}

// ---------------------------------------------------------------------------------------------------------------------
// Automata

const clusterAutomatonCache = new Map<string, Automaton>();
const indexAutomatonCache = new Map<string, Automaton>();

function buildAutomaton(def: { readonly actions: readonly string[]; readonly except?: readonly string[] }): Automaton {
  if (def.actions.length === 0) return EMPTY;
  const allowed = compilePatterns(def.actions);
  if (def.except === undefined || def.except.length === 0) return allowed;
  return minus(allowed, compilePatterns(def.except));
}

function clusterDefinition(lowerName: string): ClusterPrivilegeDefinition | undefined {
  if (hasOwn(CLUSTER_DEFS, lowerName)) return CLUSTER_DEFS[lowerName];
  if (hasOwn(HIDDEN_CLUSTER_DEFS, lowerName)) return HIDDEN_CLUSTER_DEFS[lowerName];
  return undefined;
}

/**
 * The action automaton of a cluster privilege, as ES resolves it (case-insensitive; raw cluster action patterns
 * such as `cluster:monitor/health` become `cluster:monitor/health*`). For `manage_own_api_key` this is the action
 * set only; the ownership restriction is not representable as an automaton (see `impliesCluster`).
 * @throws UnknownPrivilegeError
 */
export function clusterPrivilegeAutomaton(name: string): Automaton {
  const key = name.toLowerCase();
  const cached = clusterAutomatonCache.get(key);
  if (cached !== undefined) return cached;
  let automaton: Automaton;
  // ES checks for a raw action first (ClusterPrivilegeResolver.resolve).
  if (isRawClusterActionPattern(key)) automaton = compilePattern(`${key}*`);
  else {
    const def = clusterDefinition(key);
    if (def === undefined) throw new UnknownPrivilegeError('cluster', name);
    automaton = buildAutomaton(def);
  }
  clusterAutomatonCache.set(key, automaton);
  return automaton;
}

/**
 * The action automaton of an index privilege, as ES resolves it (case-insensitive; raw index action patterns such
 * as `indices:data/read/search` become `indices:data/read/search*`). Which index components (data / failure store)
 * the automaton applies to is given by `indexPrivilegeSelector`.
 * @throws UnknownPrivilegeError
 */
export function indexPrivilegeAutomaton(name: string): Automaton {
  const key = name.toLowerCase();
  const cached = indexAutomatonCache.get(key);
  if (cached !== undefined) return cached;
  let automaton: Automaton;
  if (isRawIndexActionPattern(key)) automaton = compilePattern(`${key}*`);
  else {
    const def = hasOwn(INDEX_DEFS, key) ? INDEX_DEFS[key] : undefined;
    if (def === undefined) throw new UnknownPrivilegeError('index', name);
    automaton = buildAutomaton(def);
  }
  indexAutomatonCache.set(key, automaton);
  return automaton;
}

/** Selector access of an index privilege; raw index actions grant the data component (ES resolveBySelectorAccess). */
export function indexPrivilegeSelector(name: string): IndexSelectorAccess {
  const key = name.toLowerCase();
  if (isRawIndexActionPattern(key)) return 'data';
  const def = hasOwn(INDEX_DEFS, key) ? INDEX_DEFS[key] : undefined;
  if (def === undefined) throw new UnknownPrivilegeError('index', name);
  return def.selector;
}

function selectorHasData(s: IndexSelectorAccess): boolean {
  return s !== 'failures';
}

function selectorHasFailures(s: IndexSelectorAccess): boolean {
  return s !== 'data';
}

// ---------------------------------------------------------------------------------------------------------------------
// Implication

function isOwnApiKeys(lowerName: string): boolean {
  return lowerName === 'manage_own_api_key';
}

/**
 * Does holding all of `granted` (cluster privileges of one role) imply `wanted`, as `_has_privileges` answers it?
 * Mirrors ClusterPermission.Builder (plain privileges merge into one automaton check) and ClusterPermission.implies.
 * Names are resolved like ES (case-insensitive, raw cluster action patterns allowed).
 * @throws UnknownPrivilegeError
 */
export function clusterPrivilegeSetImplies(granted: readonly string[], wanted: string): boolean {
  const wantedKey = wanted.toLowerCase();
  const wantedAutomaton = clusterPrivilegeAutomaton(wantedKey);
  let hasOwnCheck = false;
  const plain: Automaton[] = [];
  for (const g of granted) {
    const key = g.toLowerCase();
    const automaton = clusterPrivilegeAutomaton(key);
    if (!isRawClusterActionPattern(key) && isOwnApiKeys(key)) hasOwnCheck = true;
    else plain.push(automaton);
  }
  if (!isRawClusterActionPattern(wantedKey) && isOwnApiKeys(wantedKey)) {
    // A request-predicate check is implied by another one of the same privilege, or by a plain automaton check
    // covering its actions.
    if (hasOwnCheck) return true;
  }
  if (plain.length === 0) return false;
  return subsetOf(wantedAutomaton, plain.length === 1 ? (plain[0] as Automaton) : union(...plain));
}

/** Does cluster privilege `a` imply `b` (ES semantics, including manage_own_api_key)? @throws UnknownPrivilegeError */
export function impliesCluster(a: string, b: string): boolean {
  return clusterPrivilegeSetImplies([a], b);
}

/**
 * Does holding all of `granted` (index privileges of one role on the same indices) imply `wanted`?
 * Mirrors IndexPrivilege.resolveBySelectorAccess + IndicesPermission.checkResourcePrivileges: the wanted automaton
 * must be covered, for each index component (data, failures) the wanted privilege applies to, by the granted
 * privileges that apply to that component. `all` in the granted set extends every granted name to all components.
 * @throws UnknownPrivilegeError
 */
export function indexPrivilegeSetImplies(granted: readonly string[], wanted: string): boolean {
  const wantedAutomaton = indexPrivilegeAutomaton(wanted);
  const wantedSelector = indexPrivilegeSelector(wanted);
  const keys = granted.map((g) => g.toLowerCase());
  const containsAll = keys.some((k) => !isRawIndexActionPattern(k) && k === 'all');
  const data: Automaton[] = [];
  const failures: Automaton[] = [];
  for (const key of keys) {
    const automaton = indexPrivilegeAutomaton(key);
    const selector: IndexSelectorAccess = containsAll ? 'all' : indexPrivilegeSelector(key);
    if (selectorHasData(selector)) data.push(automaton);
    if (selectorHasFailures(selector)) failures.push(automaton);
  }
  const covered = (parts: Automaton[]): boolean =>
    parts.length > 0 && subsetOf(wantedAutomaton, parts.length === 1 ? (parts[0] as Automaton) : union(...parts));
  if (selectorHasData(wantedSelector) && !covered(data)) return false;
  if (selectorHasFailures(wantedSelector) && !covered(failures)) return false;
  return true;
}

/** Does index privilege `a` imply `b` (ES semantics, including failure-store selectors)? @throws UnknownPrivilegeError */
export function impliesIndex(a: string, b: string): boolean {
  return indexPrivilegeSetImplies([a], b);
}

// Pairwise matrices over the named privileges, computed once on demand.
let clusterMatrix: Map<string, Set<string>> | undefined;
let indexMatrix: Map<string, Set<string>> | undefined;

function computeMatrix(names: readonly string[], implies: (a: string, b: string) => boolean): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const a of names) {
    const s = new Set<string>();
    for (const b of names) if (a !== b && implies(a, b)) s.add(b);
    m.set(a, s);
  }
  return m;
}

function clusterImplications(): Map<string, Set<string>> {
  clusterMatrix ??= computeMatrix(CLUSTER_PRIVILEGE_NAMES, impliesCluster);
  return clusterMatrix;
}

function indexImplications(): Map<string, Set<string>> {
  indexMatrix ??= computeMatrix(INDEX_PRIVILEGE_NAMES, impliesIndex);
  return indexMatrix;
}

/** ES "access level" ordering: fewer implied privileges first, then by name (Privilege.sortByAccessLevel). */
function byAccessLevel(matrix: Map<string, Set<string>>): (a: string, b: string) => number {
  return (a, b) => (matrix.get(a)?.size ?? 0) - (matrix.get(b)?.size ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
}

function impliedBy(matrix: Map<string, Set<string>>, name: string): string[] {
  return [...(matrix.get(name) ?? [])].sort(byAccessLevel(matrix));
}

function implying(matrix: Map<string, Set<string>>, name: string): string[] {
  const out: string[] = [];
  for (const [a, implied] of matrix) if (implied.has(name)) out.push(a);
  return out.sort(byAccessLevel(matrix));
}

function requireKnown(kind: 'cluster' | 'index', name: string): void {
  const known = kind === 'cluster' ? isKnownClusterPrivilege(name) : isKnownIndexPrivilege(name);
  if (!known) throw new UnknownPrivilegeError(kind, name);
}

/** Named cluster privileges that `name` implies (excluding itself), least powerful first. */
export function clusterPrivilegesImpliedBy(name: string): string[] {
  requireKnown('cluster', name);
  return impliedBy(clusterImplications(), name);
}

/** Named cluster privileges that imply `name` (excluding itself), least powerful first. */
export function clusterPrivilegesImplying(name: string): string[] {
  requireKnown('cluster', name);
  return implying(clusterImplications(), name);
}

/** Named index privileges that `name` implies (excluding itself), least powerful first. */
export function indexPrivilegesImpliedBy(name: string): string[] {
  requireKnown('index', name);
  return impliedBy(indexImplications(), name);
}

/** Named index privileges that imply `name` (excluding itself), least powerful first. */
export function indexPrivilegesImplying(name: string): string[] {
  requireKnown('index', name);
  return implying(indexImplications(), name);
}

function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

function coversAction(automaton: Automaton, action: string): boolean {
  return hasWildcard(action) ? subsetOf(compilePattern(action), automaton) : accepts(automaton, action);
}

/**
 * Named cluster privileges that grant `action` (an action name, or a wildcard pattern that must be fully covered),
 * least powerful first (like ES ClusterPrivilegeResolver.findPrivilegesThatGrant, without request checks).
 * `manage_own_api_key` is included for API-key actions (it grants them for the caller's own keys).
 */
export function clusterPrivilegesGranting(action: string): string[] {
  const a = action.trim().toLowerCase();
  return CLUSTER_PRIVILEGE_NAMES.filter((n) => coversAction(clusterPrivilegeAutomaton(n), a)).sort(
    byAccessLevel(clusterImplications()),
  );
}

/**
 * Named index privileges that grant `action` on the data component (ES IndexPrivilege.findPrivilegesThatGrant),
 * least powerful first. With `{ selector: 'failures' }`, those that grant it on the failure store.
 */
export function indexPrivilegesGranting(action: string, options: { selector?: 'data' | 'failures' } = {}): string[] {
  const a = action.trim().toLowerCase();
  const want = options.selector ?? 'data';
  return INDEX_PRIVILEGE_NAMES.filter((n) => {
    const s = INDEX_DEFS[n]?.selector ?? 'data';
    if (want === 'data' ? !selectorHasData(s) : !selectorHasFailures(s)) return false;
    return coversAction(indexPrivilegeAutomaton(n), a);
  }).sort(byAccessLevel(indexImplications()));
}

/** True when the privilege grants no action at all (`none`, the deprecated no-op privileges). */
export function isEmptyPrivilege(kind: 'cluster' | 'index', name: string): boolean {
  return isEmpty(kind === 'cluster' ? clusterPrivilegeAutomaton(name) : indexPrivilegeAutomaton(name));
}

// ---------------------------------------------------------------------------------------------------------------------
// Suggestions and validation

function kindLabel(kind: PrivilegeKind): string {
  return kind === 'remote_cluster' ? 'remote_cluster' : kind;
}

function namesOf(kind: PrivilegeKind): readonly string[] {
  if (kind === 'cluster') return CLUSTER_PRIVILEGE_NAMES;
  if (kind === 'index') return INDEX_PRIVILEGE_NAMES;
  return REMOTE_CLUSTER_PRIVILEGE_NAMES;
}

function isKnown(kind: PrivilegeKind, name: string): boolean {
  if (kind === 'cluster') return isKnownClusterPrivilege(name);
  if (kind === 'index') return isKnownIndexPrivilege(name);
  return isKnownRemoteClusterPrivilege(name);
}

/** Optimal-string-alignment edit distance (Levenshtein plus adjacent transposition). */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2: number[] = new Array<number>(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur: number[] = new Array<number>(m + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m] ?? 0;
}

function normalizeForMatch(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function tokens(s: string): string[] {
  return s.split('_').filter((t) => t.length > 0);
}

function nameScore(input: string, candidate: string): number | undefined {
  if (input === candidate) return 0;
  const d = editDistance(input, candidate);
  const maxDistance = input.length <= 4 ? 1 : input.length <= 8 ? 2 : 3;
  let best: number | undefined = d <= maxDistance ? 1 + d : undefined;
  const consider = (s: number): void => {
    if (best === undefined || s < best) best = s;
  };
  if (input.length >= 3) {
    if (candidate.startsWith(input)) consider(2);
    else if (input.startsWith(candidate) || candidate.includes(input) || input.includes(candidate)) consider(3);
  }
  const inTokens = tokens(input);
  const candTokens = tokens(candidate);
  if (
    inTokens.length > 0 &&
    inTokens.every((t) => candTokens.some((c) => c === t || (t.length >= 3 && (c.startsWith(t) || editDistance(t, c) <= 1))))
  ) {
    consider(3);
  }
  return best;
}

const MAX_SUGGESTIONS = 5;

function actionSuggestions(kind: PrivilegeKind, action: string): string[] {
  try {
    if (kind === 'index') return isRawIndexActionPattern(action) ? indexPrivilegesGranting(action) : [];
    if (kind === 'cluster') return isRawClusterActionPattern(action) ? clusterPrivilegesGranting(action) : [];
    return isRawClusterActionPattern(action)
      ? REMOTE_CLUSTER_PRIVILEGE_NAMES.filter((n) => coversAction(clusterPrivilegeAutomaton(n), action.toLowerCase()))
      : [];
  } catch {
    return [];
  }
}

/**
 * Closest valid privilege names for `input` (best first, at most 5). For an internal action name such as
 * `indices:data/read/search`, the named privileges that grant it, least powerful first (e.g. `read`).
 */
export function suggestPrivileges(kind: PrivilegeKind, input: string): string[] {
  const raw = input.trim();
  if (raw.length === 0) return [];
  if (looksLikeActionName(raw)) return actionSuggestions(kind, raw).slice(0, MAX_SUGGESTIONS);
  const norm = normalizeForMatch(raw);
  const scored: { name: string; score: number; distance: number }[] = [];
  for (const name of namesOf(kind)) {
    const score = nameScore(norm, name);
    if (score !== undefined) scored.push({ name, score, distance: editDistance(norm, name) });
  }
  scored.sort((x, y) => x.score - y.score || x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.name);
}

export interface PrivilegeNameError {
  readonly name: string;
  readonly message: string;
  readonly suggestions: string[];
}

export type PrivilegeValidationResult = { ok: true } | { ok: false; errors: PrivilegeNameError[] };

const COMMON_NAMES: Readonly<Record<PrivilegeKind, readonly string[]>> = {
  cluster: ['monitor', 'manage', 'manage_security', 'read_security', 'manage_api_key', 'manage_own_api_key', 'manage_index_templates', 'manage_ilm', 'all'],
  index: ['read', 'write', 'create_doc', 'index', 'delete', 'view_index_metadata', 'monitor', 'manage', 'all'],
  remote_cluster: REMOTE_CLUSTER_PRIVILEGE_NAMES,
};

function validNamesPhrase(kind: PrivilegeKind): string {
  const all = namesOf(kind);
  const common = COMMON_NAMES[kind];
  const more = all.length - common.length;
  return `valid names include ${common.join(', ')}${more > 0 ? ` (${all.length} in total)` : ''}`;
}

function otherKinds(kind: PrivilegeKind, name: string): PrivilegeKind[] {
  return (['cluster', 'index', 'remote_cluster'] as const).filter((k) => k !== kind && isKnown(k, name));
}

function explain(kind: PrivilegeKind, name: string): PrivilegeNameError {
  const label = kindLabel(kind);
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    return { name, message: `empty ${label} privilege name; ${validNamesPhrase(kind)}`, suggestions: [] };
  }
  if (looksLikeActionName(trimmed)) {
    const suggestions = actionSuggestions(kind, trimmed).slice(0, MAX_SUGGESTIONS);
    const lower = trimmed.toLowerCase();
    const first = suggestions[0];
    if (first !== undefined) {
      return { name, message: `'${name}' is an internal action name; use a named privilege such as '${first}'`, suggestions };
    }
    const otherKind: PrivilegeKind | undefined =
      kind === 'index' && isRawClusterActionPattern(lower)
        ? 'cluster'
        : kind !== 'index' && isRawIndexActionPattern(lower)
          ? 'index'
          : undefined;
    if (otherKind !== undefined) {
      const elsewhere = actionSuggestions(otherKind, trimmed)[0];
      const grant = elsewhere !== undefined ? `grant the ${otherKind} privilege '${elsewhere}' in the role's ${otherKind === 'index' ? 'indices' : 'cluster'} section instead` : `use the role's ${otherKind === 'index' ? 'indices' : 'cluster'} section`;
      return {
        name,
        message: `'${name}' is an internal ${otherKind} action name, not a${kind === 'index' ? 'n' : ''} ${label} action; ${grant}`,
        suggestions: [],
      };
    }
    return {
      name,
      message: `'${name}' is an internal action name and no named ${label} privilege grants it; ${validNamesPhrase(kind)}`,
      suggestions: [],
    };
  }
  const norm = normalizeForMatch(trimmed);
  if (norm !== trimmed && isKnown(kind, norm)) {
    return {
      name,
      message: `${label} privilege names are lower-case with underscores; use '${norm}'`,
      suggestions: [norm],
    };
  }
  if (kind === 'cluster' && hasOwn(HIDDEN_CLUSTER_DEFS, norm)) {
    return {
      name,
      message: `'${name}' is only offered by Elasticsearch in cross-project search mode and is not supported here; ${validNamesPhrase(kind)}`,
      suggestions: [],
    };
  }
  const suggestions = suggestPrivileges(kind, trimmed);
  const elsewhere = otherKinds(kind, norm);
  const elsewhereNote =
    elsewhere.length > 0 ? `; '${norm}' is a ${elsewhere.map(kindLabel).join(' and ')} privilege, not a${kind === 'index' ? 'n' : ''} ${label} privilege` : '';
  const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.slice(0, 3).map((s) => `'${s}'`).join(' or ')}?` : '';
  return {
    name,
    message: `unknown ${label} privilege '${name}'${elsewhereNote}; ${validNamesPhrase(kind)}${didYouMean}`,
    suggestions,
  };
}

/**
 * Validates privilege names es-authz is about to write into a role. Only canonical built-in names are accepted:
 * raw action names (which ES would accept) are rejected with the named privileges that cover them.
 */
export function validatePrivilegeNames(kind: PrivilegeKind, names: readonly string[]): PrivilegeValidationResult {
  const errors: PrivilegeNameError[] = [];
  for (const name of names) if (!isKnown(kind, name)) errors.push(explain(kind, name));
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

/** One-line description of a privilege (for admin/model-facing output). */
export function describePrivilege(kind: PrivilegeKind, name: string): string | undefined {
  if (kind === 'cluster') return hasOwn(CLUSTER_DEFS, name) ? CLUSTER_DEFS[name]?.description : undefined;
  if (kind === 'index') return hasOwn(INDEX_DEFS, name) ? INDEX_DEFS[name]?.description : undefined;
  return hasOwn(REMOTE_CLUSTER_DEFS, name) ? REMOTE_CLUSTER_DEFS[name]?.description : undefined;
}
