import { describe, expect, it } from 'vitest';
import {
  CLUSTER_PRIVILEGES,
  CLUSTER_PRIVILEGE_NAMES,
  HIDDEN_CLUSTER_PRIVILEGES,
  INDEX_PRIVILEGES,
  INDEX_PRIVILEGE_NAMES,
  REMOTE_CLUSTER_PRIVILEGES,
  UnknownPrivilegeError,
  clusterPrivilegeAutomaton,
  clusterPrivilegeSetImplies,
  clusterPrivilegesGranting,
  clusterPrivilegesImpliedBy,
  clusterPrivilegesImplying,
  describePrivilege,
  editDistance,
  impliesCluster,
  impliesIndex,
  indexPrivilegeAutomaton,
  indexPrivilegeSelector,
  indexPrivilegeSetImplies,
  indexPrivilegesGranting,
  indexPrivilegesImpliedBy,
  indexPrivilegesImplying,
  isEmptyPrivilege,
  isKnownClusterPrivilege,
  isKnownIndexPrivilege,
  isKnownRemoteClusterPrivilege,
  suggestPrivileges,
  validatePrivilegeNames,
} from '../../src/security/privileges.js';
import { accepts } from '../../src/security/automaton.js';

// What GET /_security/privilege/_builtin returns on our Elasticsearch 9.5.3 test cluster.
const BUILTIN_CLUSTER =
  'all cancel_task clone_api_key create_snapshot cross_cluster_replication cross_cluster_search delegate_pki grant_api_key manage manage_api_key manage_autoscaling manage_behavioral_analytics manage_ccr manage_connector manage_data_frame_transforms manage_data_stream_global_retention manage_enrich manage_ilm manage_index_templates manage_inference manage_ingest_pipelines manage_logstash_pipelines manage_ml manage_oidc manage_own_api_key manage_pipeline manage_reindex manage_rollup manage_saml manage_search_application manage_search_query_rules manage_search_synonyms manage_security manage_service_account manage_slm manage_token manage_transform manage_user_profile manage_watcher monitor monitor_connector monitor_data_frame_transforms monitor_data_stream_global_retention monitor_enrich monitor_esql monitor_inference monitor_ml monitor_reindex monitor_rollup monitor_snapshot monitor_stats monitor_text_structure monitor_transform monitor_watcher none post_behavioral_analytics_event read_ccr read_connector_secrets read_fleet_secrets read_ilm read_pipeline read_security read_slm transport_client write_connector_secrets write_fleet_secrets'.split(
    ' ',
  );
const BUILTIN_INDEX =
  'all auto_configure create create_dataset create_doc create_index create_view cross_cluster_replication cross_cluster_replication_internal delete delete_dataset delete_index delete_view index maintenance manage manage_data_stream_lifecycle manage_dataset manage_failure_store manage_follow_index manage_ilm manage_leader_index manage_view monitor none read read_cross_cluster read_dataset_metadata read_failure_store read_view_metadata view_index_metadata write'.split(
    ' ',
  );
const BUILTIN_REMOTE_CLUSTER = ['monitor_enrich', 'monitor_stats'];

/*
 * Ground truth generated from Elasticsearch 9.5.3's own classes (x-pack-core-9.5.3.jar), not from this module:
 *   cluster: ClusterPermission(a).implies(ClusterPermission(b))   (what _has_privileges uses for cluster privileges)
 *   index:   IndicesPermission built from resolveBySelectorAccess(granted) on one index, then
 *            checkResourcePrivileges(index, wanted)                (what _has_privileges uses for index privileges)
 * Each entry lists the other named privileges the key implies. The same run confirmed that every pattern list in
 * privileges.ts equals ES's (cluster: as sets; index: as automata, with the same selector).
 */
const ES_CLUSTER_IMPLIES: Record<string, string> = {
  all: "cancel_task clone_api_key create_snapshot cross_cluster_replication cross_cluster_search delegate_pki grant_api_key manage manage_api_key manage_autoscaling manage_behavioral_analytics manage_ccr manage_connector manage_data_frame_transforms manage_data_stream_global_retention manage_enrich manage_ilm manage_index_templates manage_inference manage_ingest_pipelines manage_logstash_pipelines manage_ml manage_oidc manage_own_api_key manage_pipeline manage_reindex manage_rollup manage_saml manage_search_application manage_search_query_rules manage_search_synonyms manage_security manage_service_account manage_slm manage_token manage_transform manage_user_profile manage_watcher monitor monitor_connector monitor_data_frame_transforms monitor_data_stream_global_retention monitor_enrich monitor_esql monitor_inference monitor_ml monitor_reindex monitor_rollup monitor_snapshot monitor_stats monitor_text_structure monitor_transform monitor_watcher none post_behavioral_analytics_event read_ccr read_connector_secrets read_fleet_secrets read_ilm read_pipeline read_security read_slm transport_client write_connector_secrets write_fleet_secrets",
  cancel_task: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  clone_api_key: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  create_snapshot: "manage_data_stream_global_retention monitor_data_stream_global_retention monitor_snapshot none",
  cross_cluster_replication: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  cross_cluster_search: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  delegate_pki: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  grant_api_key: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage: "cancel_task create_snapshot cross_cluster_replication cross_cluster_search manage_autoscaling manage_behavioral_analytics manage_connector manage_data_frame_transforms manage_data_stream_global_retention manage_enrich manage_ilm manage_index_templates manage_inference manage_ingest_pipelines manage_logstash_pipelines manage_ml manage_pipeline manage_reindex manage_rollup manage_search_application manage_search_query_rules manage_search_synonyms manage_slm manage_transform manage_watcher monitor monitor_connector monitor_data_frame_transforms monitor_data_stream_global_retention monitor_enrich monitor_esql monitor_inference monitor_ml monitor_reindex monitor_rollup monitor_snapshot monitor_stats monitor_text_structure monitor_transform monitor_watcher none post_behavioral_analytics_event read_connector_secrets read_fleet_secrets read_ilm read_pipeline read_slm transport_client write_connector_secrets write_fleet_secrets",
  manage_api_key: "clone_api_key grant_api_key manage_data_stream_global_retention manage_own_api_key monitor_data_stream_global_retention none",
  manage_autoscaling: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_behavioral_analytics: "manage_data_stream_global_retention monitor_data_stream_global_retention none post_behavioral_analytics_event",
  manage_ccr: "manage_data_stream_global_retention monitor_data_stream_global_retention none read_ccr",
  manage_connector: "manage_data_stream_global_retention monitor_connector monitor_data_stream_global_retention none",
  manage_data_frame_transforms: "manage_data_stream_global_retention manage_transform monitor_data_frame_transforms monitor_data_stream_global_retention monitor_transform none",
  manage_data_stream_global_retention: "monitor_data_stream_global_retention none",
  manage_enrich: "manage_data_stream_global_retention monitor_data_stream_global_retention monitor_enrich none",
  manage_ilm: "manage_data_stream_global_retention monitor_data_stream_global_retention none read_ilm",
  manage_index_templates: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_inference: "manage_data_stream_global_retention monitor_data_stream_global_retention monitor_inference none",
  manage_ingest_pipelines: "manage_data_stream_global_retention manage_pipeline monitor_data_stream_global_retention none read_pipeline",
  manage_logstash_pipelines: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_ml: "manage_data_stream_global_retention monitor_data_stream_global_retention monitor_ml none",
  manage_oidc: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_own_api_key: "",
  manage_pipeline: "manage_data_stream_global_retention manage_ingest_pipelines monitor_data_stream_global_retention none read_pipeline",
  manage_reindex: "manage_data_stream_global_retention monitor_data_stream_global_retention monitor_reindex none",
  manage_rollup: "manage_data_stream_global_retention monitor_data_stream_global_retention monitor_rollup none",
  manage_saml: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_search_application: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_search_query_rules: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_search_synonyms: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_security: "clone_api_key grant_api_key manage_api_key manage_data_stream_global_retention manage_oidc manage_own_api_key manage_service_account manage_token manage_user_profile monitor_data_stream_global_retention none read_security",
  manage_service_account: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_slm: "manage_data_stream_global_retention monitor_data_stream_global_retention none read_slm",
  manage_token: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_transform: "manage_data_frame_transforms manage_data_stream_global_retention monitor_data_frame_transforms monitor_data_stream_global_retention monitor_transform none",
  manage_user_profile: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  manage_watcher: "manage_data_stream_global_retention monitor_data_stream_global_retention monitor_watcher none",
  monitor: "manage_data_stream_global_retention monitor_data_frame_transforms monitor_data_stream_global_retention monitor_esql monitor_inference monitor_ml monitor_reindex monitor_rollup monitor_stats monitor_text_structure monitor_transform monitor_watcher none transport_client",
  monitor_connector: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_data_frame_transforms: "manage_data_stream_global_retention monitor_data_stream_global_retention monitor_transform none",
  monitor_data_stream_global_retention: "manage_data_stream_global_retention none",
  monitor_enrich: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_esql: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_inference: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_ml: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_reindex: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_rollup: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_snapshot: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_stats: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_text_structure: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  monitor_transform: "manage_data_stream_global_retention monitor_data_frame_transforms monitor_data_stream_global_retention none",
  monitor_watcher: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  none: "manage_data_stream_global_retention monitor_data_stream_global_retention",
  post_behavioral_analytics_event: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  read_ccr: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  read_connector_secrets: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  read_fleet_secrets: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  read_ilm: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  read_pipeline: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  read_security: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  read_slm: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  transport_client: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  write_connector_secrets: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
  write_fleet_secrets: "manage_data_stream_global_retention monitor_data_stream_global_retention none",
};

const ES_INDEX_IMPLIES: Record<string, string> = {
  all: "auto_configure create create_dataset create_doc create_index create_view cross_cluster_replication cross_cluster_replication_internal delete delete_dataset delete_index delete_view index maintenance manage manage_data_stream_lifecycle manage_dataset manage_failure_store manage_follow_index manage_ilm manage_leader_index manage_view monitor none read read_cross_cluster read_dataset_metadata read_failure_store read_view_metadata view_index_metadata write",
  auto_configure: "none",
  create: "create_doc none",
  create_dataset: "none",
  create_doc: "none",
  create_index: "none",
  create_view: "none",
  cross_cluster_replication: "none",
  cross_cluster_replication_internal: "none",
  delete: "none",
  delete_dataset: "none",
  delete_index: "none",
  delete_view: "none",
  index: "create create_doc none",
  maintenance: "none",
  manage: "auto_configure create_dataset create_index create_view delete_dataset delete_index delete_view maintenance manage_data_stream_lifecycle manage_dataset manage_failure_store manage_follow_index manage_ilm manage_leader_index manage_view monitor none read_dataset_metadata read_view_metadata view_index_metadata",
  manage_data_stream_lifecycle: "none",
  manage_dataset: "create_dataset delete_dataset none read_dataset_metadata",
  manage_failure_store: "",
  manage_follow_index: "none",
  manage_ilm: "none",
  manage_leader_index: "none",
  manage_view: "create_view delete_view none read_view_metadata",
  monitor: "none",
  none: "",
  read: "none read_cross_cluster",
  read_cross_cluster: "none",
  read_dataset_metadata: "none",
  read_failure_store: "",
  read_view_metadata: "none",
  view_index_metadata: "none",
  write: "create create_doc delete index none",
};

const ES_CLUSTER_SET_CASES: readonly (readonly [readonly string[], string, boolean])[] = [
  [["manage_security"], "manage_own_api_key", true],
  [["cluster:admin/xpack/security/api_key/*","cluster:monitor/health","read_ilm"], "manage_api_key", true],
  [["manage_data_frame_transforms","monitor","post_behavioral_analytics_event"], "cluster:monitor/health", true],
  [["all","cluster:monitor/health","manage_search_query_rules"], "manage_api_key", true],
  [["cluster:monitor/*","manage_security","read_security"], "monitor_text_structure", true],
  [["all","cluster:admin/xpack/security/api_key/*","manage_transform"], "read_fleet_secrets", true],
  [["cluster:monitor/*","manage_api_key"], "monitor_esql", true],
  [["cluster:monitor/health","manage_ilm"], "read_ilm", true],
  [["cluster:admin/xpack/security/*","manage_index_templates","manage_slm"], "monitor_data_stream_global_retention", true],
  [["manage","manage_own_api_key","transport_client"], "monitor_connector", true],
  [["cluster:admin/xpack/security/api_key/*","none","post_behavioral_analytics_event"], "manage_own_api_key", true],
  [["cluster:admin/xpack/security/api_key/*","grant_api_key","manage"], "cluster:monitor/health", true],
  [["cluster:monitor/*","manage_inference","read_fleet_secrets"], "monitor_data_frame_transforms", true],
  [["all","cluster:admin/xpack/security/api_key/get","monitor_ml"], "manage_reindex", true],
  [["cluster:monitor/*","manage_logstash_pipelines","monitor_ml"], "monitor_watcher", true],
  [["cluster:admin/xpack/security/*","manage_token","manage_transform"], "read_security", true],
  [["all","manage_reindex"], "cluster:admin/xpack/security/api_key/*", true],
  [["cluster:monitor/*"], "cluster:monitor/*", true],
  [["all","create_snapshot"], "monitor_esql", true],
  [["read_security"], "read_security", true],
  [["read_slm"], "manage_data_stream_global_retention", true],
  [["manage","read_ilm"], "manage_index_templates", true],
  [["all"], "manage_service_account", true],
  [["clone_api_key","manage_autoscaling","monitor_inference"], "none", true],
  [["all","manage","manage_inference"], "read_fleet_secrets", true],
  [["all","write_fleet_secrets"], "monitor", true],
  [["cross_cluster_search","manage"], "manage_ingest_pipelines", true],
  [["manage_service_account"], "manage_data_stream_global_retention", true],
  [["all","none"], "manage_api_key", true],
  [["clone_api_key","monitor_esql","monitor_snapshot"], "monitor_data_stream_global_retention", true],
  [["monitor_text_structure"], "none", true],
  [["manage_ilm"], "manage_ilm", true],
  [["all"], "manage_data_frame_transforms", true],
  [["clone_api_key","manage_ilm","monitor_transform"], "read_ilm", true],
  [["cross_cluster_replication","manage_token"], "cross_cluster_replication", true],
  [["manage","manage_security","write_connector_secrets"], "monitor_stats", true],
  [["monitor"], "monitor_text_structure", true],
  [["manage_ccr","monitor_data_stream_global_retention","read_ilm"], "read_ilm", true],
  [["all","cross_cluster_replication"], "monitor_esql", true],
  [["manage_ccr","monitor_esql","none"], "none", true],
  [["manage_transform","monitor_inference"], "monitor_data_stream_global_retention", true],
  [["manage_ingest_pipelines","monitor_text_structure","read_security"], "manage_ingest_pipelines", true],
  [["all","manage_data_frame_transforms","manage_search_synonyms"], "manage_rollup", true],
  [["manage","monitor_watcher"], "manage_search_application", true],
  [["all"], "monitor_transform", true],
  [["indices:admin/template/get","manage_inference","read_fleet_secrets"], "manage_search_query_rules", false],
  [["cancel_task","cluster:admin/xpack/security/api_key/*","manage_logstash_pipelines"], "manage_rollup", false],
  [["manage_logstash_pipelines","manage_own_api_key","monitor_esql"], "monitor_connector", false],
  [["cluster:admin/xpack/security/*","manage_search_synonyms","monitor_inference"], "read_slm", false],
  [["manage_search_query_rules","monitor","monitor_enrich"], "indices:admin/template/get", false],
  [["manage_watcher","read_pipeline"], "cluster:admin/xpack/security/api_key/*", false],
  [["clone_api_key","cluster:monitor/*","manage_token"], "monitor_snapshot", false],
  [["cluster:admin/xpack/security/*","manage_security","manage_watcher"], "read_connector_secrets", false],
  [["cluster:admin/xpack/security/api_key/get"], "manage_reindex", false],
  [["manage_pipeline","manage_search_application","monitor_esql"], "cluster:monitor/health", false],
  [["manage_token","monitor_reindex"], "cluster:admin/xpack/security/api_key/*", false],
  [["cluster:admin/xpack/security/api_key/*","manage_logstash_pipelines"], "monitor_snapshot", false],
  [["cluster:admin/xpack/security/api_key/*","manage_data_frame_transforms","manage_data_stream_global_retention"], "monitor_inference", false],
  [["cluster:admin/xpack/security/api_key/*","manage_enrich","write_connector_secrets"], "manage_ilm", false],
  [["cluster:admin/xpack/security/api_key/*","monitor_reindex"], "read_pipeline", false],
  [["cluster:admin/xpack/security/api_key/*","monitor_data_stream_global_retention","read_fleet_secrets"], "manage_ingest_pipelines", false],
  [["manage_index_templates","manage_own_api_key","read_slm"], "cluster:admin/xpack/security/api_key/*", false],
  [["clone_api_key","manage_logstash_pipelines"], "cluster:monitor/health", false],
  [["manage_watcher","monitor"], "manage_own_api_key", false],
  [["cluster:monitor/health","manage_ingest_pipelines","monitor_watcher"], "cluster:admin/xpack/security/api_key/get", false],
  [["indices:admin/template/get","manage_service_account","monitor_inference"], "manage_ingest_pipelines", false],
  [["cancel_task","cluster:monitor/health","manage_oidc"], "read_ccr", false],
  [["none"], "indices:admin/template/get", false],
  [["indices:admin/template/get","monitor_connector","monitor_snapshot"], "manage_user_profile", false],
  [["manage_search_synonyms","monitor_data_stream_global_retention"], "cluster:admin/xpack/security/api_key/get", false],
  [["manage_service_account","manage_transform"], "cluster:admin/xpack/security/api_key/*", false],
  [["indices:admin/template/get","manage_reindex","read_pipeline"], "delegate_pki", false],
  [["cluster:admin/xpack/security/api_key/*"], "monitor_text_structure", false],
  [["cluster:admin/xpack/security/*"], "manage_ilm", false],
  [["cross_cluster_replication","manage_own_api_key","read_ccr"], "all", false],
  [["manage_own_api_key","manage_rollup","transport_client"], "monitor_ml", false],
  [["manage_own_api_key"], "write_connector_secrets", false],
  [["cluster:admin/xpack/security/api_key/*","manage_reindex"], "manage_saml", false],
  [["manage_slm"], "cluster:monitor/*", false],
  [["cluster:admin/xpack/security/api_key/*"], "manage_ilm", false],
  [["manage_ingest_pipelines","monitor_ml","monitor_snapshot"], "cluster:admin/xpack/security/api_key/*", false],
  [["cluster:admin/xpack/security/api_key/get","monitor"], "write_fleet_secrets", false],
  [["cluster:monitor/health","manage_slm"], "manage_search_synonyms", false],
  [["cluster:monitor/*","post_behavioral_analytics_event"], "indices:admin/template/get", false],
  [["manage_slm"], "cluster:admin/xpack/security/*", false],
  [["cluster:admin/xpack/security/api_key/*","monitor_snapshot","write_connector_secrets"], "cancel_task", false],
  [["indices:admin/template/get","manage_data_stream_global_retention","monitor_rollup"], "manage_user_profile", false],
  [["cluster:monitor/health"], "manage_saml", false],
  [["indices:admin/template/get","manage_transform","monitor_connector"], "manage_api_key", false],
  [["cluster:admin/xpack/security/api_key/get","manage_enrich","read_ccr"], "manage_slm", false],
];

const ES_INDEX_SET_CASES: readonly (readonly [readonly string[], string, boolean])[] = [
  [["all","indices:data/write/index","manage_view"], "index", true],
  [["all","indices:admin/esql/view/get"], "none", true],
  [["all","delete_index"], "manage_leader_index", true],
  [["all","indices:admin/esql/view/get","manage_data_stream_lifecycle"], "index", true],
  [["manage","write"], "manage_data_stream_lifecycle", true],
  [["manage"], "manage", true],
  [["cross_cluster_replication_internal","manage","manage_dataset"], "view_index_metadata", true],
  [["manage","manage_failure_store","read_dataset_metadata"], "manage_dataset", true],
  [["create_dataset","internal:transport/proxy/indices:data/read/search"], "none", true],
  [["cross_cluster_replication","indices:data/read/*","manage_dataset"], "read_dataset_metadata", true],
  [["indices:admin/mappings/get","read_dataset_metadata","read_failure_store"], "none", true],
  [["create_index","maintenance","manage"], "view_index_metadata", true],
  [["read"], "indices:data/read/*", true],
  [["indices:admin/mappings/get","manage","manage_ilm"], "manage_data_stream_lifecycle", true],
  [["all","read_failure_store","read_view_metadata"], "delete_index", true],
  [["indices:admin/esql/view/get","manage_data_stream_lifecycle"], "none", true],
  [["manage_view","none","read_cross_cluster"], "indices:admin/esql/view/get", true],
  [["all","delete_index","internal:transport/proxy/indices:data/read/search"], "delete", true],
  [["all","cross_cluster_replication","manage_ilm"], "monitor", true],
  [["all","delete","delete_index"], "delete", true],
  [["read_cross_cluster"], "internal:transport/proxy/indices:data/read/search", true],
  [["read"], "indices:data/read/*", true],
  [["create_doc","internal:transport/proxy/indices:data/read/search"], "create_doc", true],
  [["indices:data/read/search","manage_data_stream_lifecycle"], "manage_data_stream_lifecycle", true],
  [["create_view","manage","read"], "manage_ilm", true],
  [["manage","view_index_metadata"], "read_dataset_metadata", true],
  [["all","delete"], "manage_view", true],
  [["all","create_view","cross_cluster_replication_internal"], "manage_data_stream_lifecycle", true],
  [["all"], "indices:data/write/index", true],
  [["index","manage_data_stream_lifecycle","manage_failure_store"], "index", true],
  [["delete_index","manage","manage_ilm"], "manage_dataset", true],
  [["all","indices:data/write/index","maintenance"], "monitor", true],
  [["create_dataset","internal:transport/proxy/indices:data/read/search","manage_ilm"], "manage_ilm", true],
  [["all"], "delete_dataset", true],
  [["all","manage_leader_index","none"], "delete_dataset", true],
  [["all","create_index","manage"], "all", true],
  [["create","internal:transport/proxy/indices:data/read/search","manage_failure_store"], "create_doc", true],
  [["delete_dataset","indices:admin/mappings/get","monitor"], "monitor", true],
  [["delete_view","indices:data/read/search"], "delete_view", true],
  [["all","indices:admin/mappings/get"], "read_dataset_metadata", true],
  [["all","create_view"], "write", true],
  [["indices:admin/esql/view/get","maintenance","manage_leader_index"], "none", true],
  [["manage_failure_store","manage_leader_index","write"], "write", true],
  [["manage"], "none", true],
  [["indices:data/read/search","manage_dataset"], "none", true],
  [["all","auto_configure"], "create_dataset", true],
  [["delete_view","indices:admin/esql/view/get","read_dataset_metadata"], "delete_view", true],
  [["all"], "manage_leader_index", true],
  [["manage","monitor"], "manage_view", true],
  [["create","cross_cluster_replication_internal","maintenance"], "indices:data/write/index", true],
  [["manage","manage_leader_index","manage_view"], "create_dataset", true],
  [["delete","manage","manage_failure_store"], "manage_leader_index", true],
  [["all","create","manage_data_stream_lifecycle"], "indices:data/read/*", true],
  [["all","write"], "read_failure_store", true],
  [["create","indices:data/read/search","none"], "create_doc", true],
  [["manage"], "manage", true],
  [["all","write"], "indices:admin/mappings/get", true],
  [["create_index","manage","read"], "indices:data/read/*", true],
  [["all","cross_cluster_replication","indices:admin/esql/view/get"], "auto_configure", true],
  [["create_dataset","read_cross_cluster"], "internal:transport/proxy/indices:data/read/search", true],
  [["create_doc"], "manage_failure_store", false],
  [["create","manage_data_stream_lifecycle"], "indices:data/read/search", false],
  [["indices:admin/esql/view/get"], "read_dataset_metadata", false],
  [["indices:admin/mappings/get","monitor","read_failure_store"], "read_cross_cluster", false],
  [["indices:admin/esql/view/get","indices:data/read/search","manage_dataset"], "auto_configure", false],
  [["indices:data/write/index","internal:transport/proxy/indices:data/read/search","view_index_metadata"], "cross_cluster_replication_internal", false],
  [["manage_ilm"], "internal:transport/proxy/indices:data/read/search", false],
  [["indices:admin/mappings/get"], "index", false],
  [["indices:admin/esql/view/get"], "internal:transport/proxy/indices:data/read/search", false],
  [["indices:admin/mappings/get"], "create_view", false],
  [["manage_view"], "read_failure_store", false],
  [["delete_dataset","indices:data/write/index","manage_data_stream_lifecycle"], "maintenance", false],
  [["indices:data/write/index"], "manage_data_stream_lifecycle", false],
  [["indices:data/write/index","manage_ilm"], "indices:data/read/search", false],
  [["indices:data/read/search"], "manage_ilm", false],
  [["indices:data/read/search","manage_follow_index"], "create", false],
  [["indices:admin/mappings/get","internal:transport/proxy/indices:data/read/search"], "read_cross_cluster", false],
  [["internal:transport/proxy/indices:data/read/search"], "indices:admin/mappings/get", false],
  [["indices:admin/mappings/get","indices:data/write/index","manage_failure_store"], "read_view_metadata", false],
  [["indices:data/read/*"], "manage_failure_store", false],
  [["create_dataset"], "indices:admin/mappings/get", false],
  [["create_dataset","manage_leader_index"], "all", false],
  [["indices:admin/mappings/get","maintenance","view_index_metadata"], "auto_configure", false],
  [["create_doc","delete_dataset","manage_dataset"], "internal:transport/proxy/indices:data/read/search", false],
  [["delete","delete_view","indices:admin/mappings/get"], "delete_index", false],
  [["manage"], "read_failure_store", false],
  [["read","read_failure_store"], "indices:admin/mappings/get", false],
  [["indices:data/read/*"], "manage_ilm", false],
  [["manage_failure_store"], "read_dataset_metadata", false],
  [["indices:data/read/search","manage_data_stream_lifecycle"], "indices:data/write/index", false],
  [["cross_cluster_replication_internal","manage_failure_store","read"], "monitor", false],
  [["create_dataset","indices:data/read/search","read"], "maintenance", false],
  [["delete_index","indices:data/read/*"], "cross_cluster_replication_internal", false],
  [["delete_dataset","read_failure_store"], "write", false],
  [["read_cross_cluster","read_failure_store"], "delete_dataset", false],
  [["indices:data/read/*","read_dataset_metadata"], "all", false],
  [["maintenance","manage","manage_ilm"], "create_doc", false],
  [["auto_configure","indices:admin/mappings/get"], "create_view", false],
  [["create_dataset"], "read_failure_store", false],
  [["index","indices:data/read/search","manage_data_stream_lifecycle"], "indices:admin/esql/view/get", false],
  [["indices:data/write/index"], "delete_index", false],
  [["manage_failure_store","manage_ilm"], "create", false],
  [["indices:admin/mappings/get","none"], "read_cross_cluster", false],
  [["read_failure_store"], "delete_view", false],
  [["create_doc","indices:admin/esql/view/get"], "manage_ilm", false],
  [["manage_failure_store","read","view_index_metadata"], "manage_leader_index", false],
  [["manage_ilm","read","view_index_metadata"], "indices:data/write/index", false],
  [["manage_dataset","manage_failure_store","manage_follow_index"], "cross_cluster_replication", false],
  [["indices:data/read/*","maintenance","monitor"], "indices:admin/esql/view/get", false],
  [["manage_leader_index","read_failure_store"], "create_index", false],
  [["indices:admin/esql/view/get","read_cross_cluster"], "read_dataset_metadata", false],
  [["auto_configure","manage_follow_index","view_index_metadata"], "indices:admin/esql/view/get", false],
  [["delete","indices:data/write/index"], "internal:transport/proxy/indices:data/read/search", false],
  [["cross_cluster_replication","delete","view_index_metadata"], "indices:data/read/search", false],
  [["cross_cluster_replication_internal","manage_follow_index","write"], "indices:data/read/search", false],
  [["delete_dataset","manage_leader_index"], "indices:data/read/search", false],
  [["create","indices:data/read/search","read_cross_cluster"], "manage_failure_store", false],
  [["delete_index","indices:admin/esql/view/get","manage_leader_index"], "read_dataset_metadata", false],
  [["manage_failure_store"], "indices:admin/mappings/get", false],
  [["auto_configure","internal:transport/proxy/indices:data/read/search","read_failure_store"], "monitor", false],
];

function esImplied(table: Record<string, string>, name: string): string[] {
  const v = table[name];
  if (v === undefined) throw new Error(`no ground truth for ${name}`);
  return v.split(' ').filter((s) => s.length > 0);
}

describe('catalog', () => {
  it('has exactly the cluster privileges ES 9.5.3 lists in _builtin', () => {
    expect([...CLUSTER_PRIVILEGE_NAMES].sort()).toEqual([...BUILTIN_CLUSTER].sort());
    expect(Object.keys(CLUSTER_PRIVILEGES).sort()).toEqual([...BUILTIN_CLUSTER].sort());
    for (const n of BUILTIN_CLUSTER) expect(isKnownClusterPrivilege(n)).toBe(true);
  });
  it('has exactly the index privileges ES 9.5.3 lists in _builtin', () => {
    expect([...INDEX_PRIVILEGE_NAMES].sort()).toEqual([...BUILTIN_INDEX].sort());
    expect(Object.keys(INDEX_PRIVILEGES).sort()).toEqual([...BUILTIN_INDEX].sort());
    for (const n of BUILTIN_INDEX) expect(isKnownIndexPrivilege(n)).toBe(true);
  });
  it('has exactly the remote_cluster privileges, with the same actions as the cluster privileges', () => {
    expect(Object.keys(REMOTE_CLUSTER_PRIVILEGES).sort()).toEqual(BUILTIN_REMOTE_CLUSTER);
    for (const n of BUILTIN_REMOTE_CLUSTER) {
      expect(isKnownRemoteClusterPrivilege(n)).toBe(true);
      expect(REMOTE_CLUSTER_PRIVILEGES[n as keyof typeof REMOTE_CLUSTER_PRIVILEGES].actions).toEqual(
        CLUSTER_PRIVILEGES[n as keyof typeof CLUSTER_PRIVILEGES].actions,
      );
    }
    expect(isKnownRemoteClusterPrivilege('monitor')).toBe(false);
  });
  it('keeps the cross-project-only privileges out of the offered catalog', () => {
    for (const n of Object.keys(HIDDEN_CLUSTER_PRIVILEGES)) {
      expect(isKnownClusterPrivilege(n)).toBe(false);
      // ES still resolves them in roles, so the automaton is available.
      expect(isEmptyPrivilege('cluster', n)).toBe(false);
    }
  });
  it('is strict about names (canonical, own properties only)', () => {
    for (const n of ['READ', 'Read', ' read', 'toString', 'constructor', '__proto__', 'hasOwnProperty', '']) {
      expect(isKnownIndexPrivilege(n)).toBe(false);
      expect(isKnownClusterPrivilege(n)).toBe(false);
    }
    expect(isKnownClusterPrivilege('read')).toBe(false);
    expect(isKnownIndexPrivilege('manage_security')).toBe(false);
  });
  it('describes every privilege in one line', () => {
    const all = [
      ...Object.values(CLUSTER_PRIVILEGES),
      ...Object.values(INDEX_PRIVILEGES),
      ...Object.values(REMOTE_CLUSTER_PRIVILEGES),
      ...Object.values(HIDDEN_CLUSTER_PRIVILEGES),
    ];
    for (const d of all) {
      expect(d.description.length).toBeGreaterThan(10);
      expect(d.description).not.toContain('\n');
    }
    expect(describePrivilege('index', 'read')).toContain('search');
    expect(describePrivilege('index', 'nope')).toBeUndefined();
    expect(describePrivilege('cluster', 'constructor')).toBeUndefined();
  });
  it('records selectors and special cases', () => {
    expect(INDEX_PRIVILEGES.all.selector).toBe('all');
    expect(INDEX_PRIVILEGES.manage.selector).toBe('data_and_failures');
    expect(INDEX_PRIVILEGES.manage_data_stream_lifecycle.selector).toBe('data_and_failures');
    expect(INDEX_PRIVILEGES.read_failure_store.selector).toBe('failures');
    expect(INDEX_PRIVILEGES.manage_failure_store.selector).toBe('failures');
    expect(INDEX_PRIVILEGES.read.selector).toBe('data');
    expect(CLUSTER_PRIVILEGES.manage_own_api_key.special).toBe('own_api_keys');
    expect(CLUSTER_PRIVILEGES.manage.except).toEqual(['cluster:admin/xpack/security/*']);
    expect(CLUSTER_PRIVILEGES.manage_security.except).toEqual(['cluster:admin/xpack/security/delegate_pki']);
    expect(isEmptyPrivilege('cluster', 'none')).toBe(true);
    expect(isEmptyPrivilege('cluster', 'manage_data_stream_global_retention')).toBe(true);
    expect(isEmptyPrivilege('cluster', 'monitor_data_stream_global_retention')).toBe(true);
    expect(isEmptyPrivilege('index', 'none')).toBe(true);
    expect(isEmptyPrivilege('index', 'read')).toBe(false);
  });
});

describe('automata', () => {
  it('match action names like ES', () => {
    const monitor = clusterPrivilegeAutomaton('monitor');
    expect(accepts(monitor, 'cluster:monitor/health')).toBe(true);
    expect(accepts(monitor, 'indices:admin/index_template/get')).toBe(true);
    expect(accepts(monitor, 'cluster:admin/settings/update')).toBe(false);
    const manage = clusterPrivilegeAutomaton('manage');
    expect(accepts(manage, 'cluster:admin/settings/update')).toBe(true);
    expect(accepts(manage, 'cluster:admin/xpack/security/user/put')).toBe(false);
    const sec = clusterPrivilegeAutomaton('manage_security');
    expect(accepts(sec, 'cluster:admin/xpack/security/user/put')).toBe(true);
    expect(accepts(sec, 'cluster:admin/xpack/security/delegate_pki')).toBe(false);
    const createDoc = indexPrivilegeAutomaton('create_doc');
    expect(accepts(createDoc, 'indices:data/write/index:op_type/create')).toBe(true);
    expect(accepts(createDoc, 'indices:data/write/index[s]')).toBe(true);
    expect(accepts(createDoc, 'indices:data/write/index:op_type/index')).toBe(false);
    expect(accepts(indexPrivilegeAutomaton('read'), 'indices:data/read/search')).toBe(true);
    expect(accepts(indexPrivilegeAutomaton('read'), 'indices:admin/mappings/get')).toBe(false);
  });
  it('accept raw action patterns where ES does (name + "*", case-insensitive)', () => {
    const raw = clusterPrivilegeAutomaton('cluster:monitor/health');
    expect(accepts(raw, 'cluster:monitor/health')).toBe(true);
    expect(accepts(raw, 'cluster:monitor/health[n]')).toBe(true);
    expect(accepts(raw, 'cluster:monitor/state')).toBe(false);
    expect(accepts(clusterPrivilegeAutomaton('indices:admin/template/put'), 'indices:admin/template/put')).toBe(true);
    expect(accepts(clusterPrivilegeAutomaton('MONITOR'), 'cluster:monitor/health')).toBe(true);
    expect(() => clusterPrivilegeAutomaton('indices:admin/create')).toThrow(UnknownPrivilegeError);
    expect(() => clusterPrivilegeAutomaton('internal:foo')).toThrow(UnknownPrivilegeError);
    expect(accepts(indexPrivilegeAutomaton('indices:data/read/search'), 'indices:data/read/search[phase/query]')).toBe(true);
    expect(accepts(indexPrivilegeAutomaton('internal:transport/proxy/indices:data/read/*'), 'internal:transport/proxy/indices:data/read/get')).toBe(true);
    expect(indexPrivilegeSelector('indices:data/read/search')).toBe('data');
    expect(() => indexPrivilegeAutomaton('cluster:monitor/health')).toThrow(UnknownPrivilegeError);
    expect(() => indexPrivilegeAutomaton('/indices:.*/')).toThrow(UnknownPrivilegeError);
    expect(() => indexPrivilegeAutomaton('reed')).toThrow(/unknown index privilege 'reed'/);
  });
  it('are cached', () => {
    expect(clusterPrivilegeAutomaton('monitor')).toBe(clusterPrivilegeAutomaton('monitor'));
    expect(indexPrivilegeAutomaton('read')).toBe(indexPrivilegeAutomaton('read'));
  });
});

describe('implication (facts)', () => {
  it('cluster: all ⊇ manage ⊇ monitor', () => {
    expect(impliesCluster('all', 'manage')).toBe(true);
    expect(impliesCluster('manage', 'monitor')).toBe(true);
    expect(impliesCluster('all', 'monitor')).toBe(true);
    expect(impliesCluster('monitor', 'manage')).toBe(false);
    expect(impliesCluster('manage', 'all')).toBe(false);
  });
  it('cluster: manage_security ⊇ manage_api_key ⊇ manage_own_api_key, manage_security ⊇ read_security', () => {
    expect(impliesCluster('manage_security', 'manage_api_key')).toBe(true);
    expect(impliesCluster('manage_api_key', 'manage_own_api_key')).toBe(true);
    expect(impliesCluster('manage_security', 'manage_own_api_key')).toBe(true);
    expect(impliesCluster('manage_security', 'read_security')).toBe(true);
    expect(impliesCluster('manage_own_api_key', 'manage_api_key')).toBe(false);
    expect(impliesCluster('read_security', 'manage_security')).toBe(false);
    expect(impliesCluster('manage_security', 'delegate_pki')).toBe(false);
  });
  it('cluster: manage does not imply manage_security (nor any security privilege)', () => {
    expect(impliesCluster('manage', 'manage_security')).toBe(false);
    expect(impliesCluster('manage', 'read_security')).toBe(false);
    expect(impliesCluster('manage', 'manage_api_key')).toBe(false);
    expect(impliesCluster('manage', 'manage_own_api_key')).toBe(false);
  });
  it('cluster: manage_own_api_key is a request-predicate privilege', () => {
    // Only plain privileges covering api_key/* imply it ...
    expect(clusterPrivilegesImplying('manage_own_api_key')).toEqual(['manage_api_key', 'manage_security', 'all']);
    // ... and on its own it implies nothing else, not even none (ES: ManageOwnClusterPermissionCheck.doImplies).
    expect(clusterPrivilegesImpliedBy('manage_own_api_key')).toEqual([]);
    expect(impliesCluster('manage_own_api_key', 'none')).toBe(false);
    expect(impliesCluster('manage_own_api_key', 'manage_own_api_key')).toBe(true);
    expect(impliesCluster('manage_own_api_key', 'cluster:admin/xpack/security/api_key/get')).toBe(false);
    expect(impliesCluster('cluster:admin/xpack/security/api_key/*', 'manage_own_api_key')).toBe(true);
    expect(clusterPrivilegeSetImplies(['manage_own_api_key', 'monitor'], 'none')).toBe(true);
    expect(clusterPrivilegeSetImplies(['manage_own_api_key', 'monitor'], 'manage_own_api_key')).toBe(true);
  });
  it('cluster: none is implied by everything (except the request-predicate manage_own_api_key)', () => {
    for (const n of CLUSTER_PRIVILEGE_NAMES) expect(impliesCluster(n, 'none')).toBe(n !== 'manage_own_api_key');
    expect(clusterPrivilegesImpliedBy('none')).toEqual(['manage_data_stream_global_retention', 'monitor_data_stream_global_retention']);
  });
  it('cluster: aliases are equivalent', () => {
    for (const [a, b] of [
      ['manage_pipeline', 'manage_ingest_pipelines'],
      ['manage_transform', 'manage_data_frame_transforms'],
      ['monitor_transform', 'monitor_data_frame_transforms'],
      ['none', 'manage_data_stream_global_retention'],
    ] as const) {
      expect(impliesCluster(a, b)).toBe(true);
      expect(impliesCluster(b, a)).toBe(true);
    }
  });
  it('index: write ⊇ index ⊇ create_doc, create ⊇ create_doc', () => {
    expect(impliesIndex('write', 'index')).toBe(true);
    expect(impliesIndex('index', 'create_doc')).toBe(true);
    expect(impliesIndex('write', 'create_doc')).toBe(true);
    expect(impliesIndex('create', 'create_doc')).toBe(true);
    expect(impliesIndex('create_doc', 'create')).toBe(false);
    expect(impliesIndex('index', 'write')).toBe(false);
    expect(impliesIndex('index', 'delete')).toBe(false);
  });
  it('index: read does not imply view_index_metadata (nor the reverse)', () => {
    expect(impliesIndex('read', 'view_index_metadata')).toBe(false);
    expect(impliesIndex('view_index_metadata', 'read')).toBe(false);
    expect(impliesIndex('read', 'read_cross_cluster')).toBe(true);
    expect(impliesIndex('manage', 'view_index_metadata')).toBe(true);
    expect(impliesIndex('manage', 'read')).toBe(false);
  });
  it('index: all implies every index privilege, including the failure-store ones', () => {
    for (const n of INDEX_PRIVILEGE_NAMES) expect(impliesIndex('all', n)).toBe(true);
  });
  it('index: failure-store privileges are selector-scoped', () => {
    expect(impliesIndex('read', 'read_failure_store')).toBe(false);
    expect(impliesIndex('read_failure_store', 'read')).toBe(false);
    expect(impliesIndex('manage', 'manage_failure_store')).toBe(true); // manage grants data and failures
    expect(impliesIndex('manage_failure_store', 'manage')).toBe(false);
    expect(impliesIndex('manage', 'read_failure_store')).toBe(false);
    expect(impliesIndex('manage_failure_store', 'read_failure_store')).toBe(false);
    expect(impliesIndex('manage_failure_store', 'monitor')).toBe(false);
    expect(clusterPrivilegesImplying('none').length).toBe(CLUSTER_PRIVILEGE_NAMES.length - 2);
    expect(indexPrivilegesImplying('read_failure_store')).toEqual(['all']);
    expect(indexPrivilegesImplying('manage_failure_store')).toEqual(['manage', 'all']);
    // With `all` in the set, every granted name applies to every selector (IndexPrivilege.resolveBySelectorAccess).
    expect(indexPrivilegeSetImplies(['read', 'read_failure_store'], 'all')).toBe(false);
    expect(indexPrivilegeSetImplies(['manage', 'read_failure_store'], 'manage_failure_store')).toBe(true);
    expect(indexPrivilegeSetImplies(['read', 'read_failure_store'], 'read_failure_store')).toBe(true);
  });
  it('index: none is implied by everything except the failure-store-only privileges', () => {
    for (const n of INDEX_PRIVILEGE_NAMES) {
      expect(impliesIndex(n, 'none')).toBe(n !== 'read_failure_store' && n !== 'manage_failure_store');
    }
  });
  it('accepts raw action patterns in implication, like _has_privileges', () => {
    expect(impliesIndex('read', 'indices:data/read/search')).toBe(true);
    expect(impliesIndex('indices:data/read/*', 'read')).toBe(false);
    expect(impliesIndex('indices:data/write/*', 'create_doc')).toBe(true); // the raw pattern becomes indices:data/write/**
    expect(impliesIndex('indices:data/write/*', 'write')).toBe(false); // write also has indices:admin/mapping/auto_put
    expect(impliesCluster('cluster:monitor/*', 'monitor')).toBe(false);
    expect(impliesCluster('monitor', 'cluster:monitor/health')).toBe(true);
    expect(impliesCluster('cluster:admin/xpack/security/*', 'manage_security')).toBe(true);
  });
  it('rejects unknown names', () => {
    expect(() => impliesCluster('superuser', 'monitor')).toThrow(UnknownPrivilegeError);
    expect(() => impliesIndex('read', 'reed')).toThrow(UnknownPrivilegeError);
    expect(() => clusterPrivilegesImpliedBy('cluster:monitor/health')).toThrow(UnknownPrivilegeError);
    expect(() => indexPrivilegesImplying('READ')).toThrow(UnknownPrivilegeError);
  });
});

describe('implication matches Elasticsearch 9.5.3 exactly', () => {
  it('cluster: every ordered pair', () => {
    for (const a of CLUSTER_PRIVILEGE_NAMES) {
      expect({ [a]: clusterPrivilegesImpliedBy(a).sort() }).toEqual({ [a]: esImplied(ES_CLUSTER_IMPLIES, a).sort() });
    }
  });
  it('index: every ordered pair', () => {
    for (const a of INDEX_PRIVILEGE_NAMES) {
      expect({ [a]: indexPrivilegesImpliedBy(a).sort() }).toEqual({ [a]: esImplied(ES_INDEX_IMPLIES, a).sort() });
    }
  });
  it('cluster: sets of granted privileges (with raw actions)', () => {
    for (const [granted, wanted, expected] of ES_CLUSTER_SET_CASES) {
      expect({ granted, wanted, implied: clusterPrivilegeSetImplies(granted, wanted) }).toEqual({ granted, wanted, implied: expected });
    }
  });
  it('index: sets of granted privileges (with raw actions and failure-store selectors)', () => {
    for (const [granted, wanted, expected] of ES_INDEX_SET_CASES) {
      expect({ granted, wanted, implied: indexPrivilegeSetImplies(granted, wanted) }).toEqual({ granted, wanted, implied: expected });
    }
  });
  it('listing helpers are ordered least powerful first', () => {
    const implying = indexPrivilegesImplying('create_doc');
    expect(implying[implying.length - 1]).toBe('all');
    expect(implying).toEqual(['create', 'index', 'write', 'all']);
    const byMonitor = clusterPrivilegesImpliedBy('monitor');
    expect(byMonitor).toContain('monitor_ml');
    expect(byMonitor).not.toContain('read_ccr');
  });
});

describe('suggestions', () => {
  it('computes edit distance with transpositions', () => {
    expect(editDistance('read', 'read')).toBe(0);
    expect(editDistance('reed', 'read')).toBe(1);
    expect(editDistance('raed', 'read')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests close names', () => {
    expect(suggestPrivileges('index', 'reed')[0]).toBe('read');
    expect(suggestPrivileges('index', 'wirte')[0]).toBe('write');
    expect(suggestPrivileges('index', 'READ')[0]).toBe('read');
    expect(suggestPrivileges('index', 'create-doc')[0]).toBe('create_doc');
    expect(suggestPrivileges('index', 'view_metadata')).toContain('view_index_metadata');
    expect(suggestPrivileges('cluster', 'manage_apikey')[0]).toBe('manage_api_key');
    expect(suggestPrivileges('cluster', 'monitr')[0]).toBe('monitor');
    expect(suggestPrivileges('cluster', 'manage_securty')[0]).toBe('manage_security');
    expect(suggestPrivileges('cluster', 'manage_ingest')).toContain('manage_ingest_pipelines');
    expect(suggestPrivileges('remote_cluster', 'monitor_stat')).toEqual(['monitor_stats']);
    expect(suggestPrivileges('index', 'xyzzy')).toEqual([]);
    expect(suggestPrivileges('index', '')).toEqual([]);
    expect(suggestPrivileges('index', 'reed').length).toBeLessThanOrEqual(5);
  });
  it('suggests the named privileges covering an internal action, smallest first', () => {
    expect(suggestPrivileges('index', 'indices:data/read/search')[0]).toBe('read');
    expect(suggestPrivileges('index', 'indices:data/read/search')).not.toContain('read_failure_store');
    expect(suggestPrivileges('index', 'indices:admin/mappings/get')[0]).toBe('view_index_metadata');
    expect(suggestPrivileges('index', 'indices:data/write/index:op_type/create')[0]).toBe('create_doc');
    expect(suggestPrivileges('index', 'indices:data/write/update')[0]).toBe('index');
    expect(suggestPrivileges('cluster', 'cluster:monitor/health')[0]).toBe('monitor');
    expect(suggestPrivileges('cluster', 'cluster:admin/xpack/security/api_key/create')[0]).toBe('manage_own_api_key');
    expect(suggestPrivileges('cluster', 'cluster:admin/xpack/security/user/put')).toEqual(['manage_security', 'all']);
    expect(suggestPrivileges('cluster', 'cluster:monitor/*')[0]).toBe('monitor');
    expect(indexPrivilegesGranting('indices:data/read/search', { selector: 'failures' })).toEqual(['read_failure_store', 'all']);
    expect(clusterPrivilegesGranting('cluster:admin/settings/update')).toEqual(['manage', 'all']);
  });
});

describe('validatePrivilegeNames', () => {
  it('accepts canonical names', () => {
    expect(validatePrivilegeNames('index', ['read', 'view_index_metadata', 'read_failure_store'])).toEqual({ ok: true });
    expect(validatePrivilegeNames('cluster', ['monitor', 'manage_own_api_key'])).toEqual({ ok: true });
    expect(validatePrivilegeNames('remote_cluster', ['monitor_enrich'])).toEqual({ ok: true });
    expect(validatePrivilegeNames('index', [])).toEqual({ ok: true });
  });
  it('explains unknown names with suggestions', () => {
    const r = validatePrivilegeNames('index', ['read', 'reed']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0];
    expect(e?.name).toBe('reed');
    expect(e?.message).toMatch(/^unknown index privilege 'reed'; valid names include read, /);
    expect(e?.message).toContain("did you mean 'read'");
    expect(e?.suggestions[0]).toBe('read');
  });
  it('rejects internal action names and points at the named privilege', () => {
    const r = validatePrivilegeNames('index', ['indices:data/read/search']);
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          name: 'indices:data/read/search',
          message: "'indices:data/read/search' is an internal action name; use a named privilege such as 'read'",
          suggestions: ['read', 'all'],
        },
      ],
    });
    const c = validatePrivilegeNames('cluster', ['cluster:monitor/health', 'monitor']);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.errors).toHaveLength(1);
    expect(c.errors[0]?.message).toMatch(/^'cluster:monitor\/health' is an internal action name; use a named privilege such as 'monitor'/);
    const wrongKind = validatePrivilegeNames('index', ['cluster:monitor/health']);
    expect(wrongKind.ok).toBe(false);
    if (wrongKind.ok) return;
    expect(wrongKind.errors[0]?.message).toBe(
      "'cluster:monitor/health' is an internal cluster action name, not an index action; grant the cluster privilege 'monitor' in the role's cluster section instead",
    );
  });
  it('explains names that belong to the other section, wrong casing, hidden and empty names', () => {
    const r = validatePrivilegeNames('index', ['manage_security', 'READ', '']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.name)).toEqual(['manage_security', 'READ', '']);
    expect(r.errors[0]?.message).toContain("'manage_security' is a cluster privilege, not an index privilege");
    expect(r.errors[1]?.message).toContain("use 'read'");
    expect(r.errors[1]?.suggestions).toEqual(['read']);
    expect(r.errors[2]?.message).toContain('empty index privilege name');
    const h = validatePrivilegeNames('cluster', ['read_project_routing']);
    expect(h.ok).toBe(false);
    if (h.ok) return;
    expect(h.errors[0]?.message).toContain('cross-project');
    const rc = validatePrivilegeNames('remote_cluster', ['monitor']);
    expect(rc.ok).toBe(false);
    if (rc.ok) return;
    expect(rc.errors[0]?.message).toContain("'monitor' is a cluster and index privilege, not a remote_cluster privilege");
  });
});
