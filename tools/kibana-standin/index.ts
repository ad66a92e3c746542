// STAND-IN for Kibana, used only in tests. This is NOT Kibana and never ships in es-authz.
//
// Entry point for test set-up code (e.g. a vitest globalSetup):
//
//   const kibana = await startKibanaStandIn({ esUrl, esAuth: { username, password } });
//   // ... point es-authz at kibana.url (KIBANA_URL) ...
//   await kibana.close();
//
// See server.ts for the contract it follows and roles.ts / features.ts for Kibana's rules.
export { startKibanaStandIn, type EsAuth, type KibanaStandIn, type KibanaStandInOptions } from './server.js';
export { FEATURES, KIBANA_APPLICATION, buildKibanaPrivileges, serializePrivileges, type FeatureDef } from './features.js';
export {
  ValidationError,
  checkKnownFeatures,
  kibanaPrivilegesToApplications,
  toElasticsearchRole,
  toKibanaRole,
  validateKibanaPrivileges,
  validatePutPayload,
  type KibanaPrivilegeEntry,
  type KibanaRole,
  type RolePayload,
} from './roles.js';
