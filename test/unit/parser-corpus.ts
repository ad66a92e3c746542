// English access requests and the essentials the parser must read from them (not the wording of
// questions or warnings). Used by parser.test.ts; also a catalogue of the phrasing es-authz understands.
//
// Conventions:
// - `questions` lists the `field` of every question expected (as a set); omitted = no question at all.
// - lists (indices, groups, roles, features, spaces, fields) are compared as sets.
// - `kibana: null` / `fields: null` = must be absent; omitted = not checked.
// - `warnings` are substrings (case-insensitive) that must appear in some warning.

import type { Action, Deployment, DocumentScope, Level, RealmType, WhoKind } from '../../src/planner/model.js';

export interface ExpectedWho {
  kind: WhoKind;
  username?: string;
  email?: string;
  full_name?: string;
  groups?: string[];
  realmType?: RealmType | null;
  realmName?: string;
  dn?: string;
  metadata?: Record<string, string | number | boolean>;
}

export interface CorpusCase {
  /** what the case exercises */
  topic: string;
  text: string;
  /** parse option: the connected cluster's deployment */
  deployment?: Deployment;
  expect: {
    who: ExpectedWho;
    action?: Action;
    additive?: boolean;
    indices?: string[];
    roles?: string[];
    cluster?: string[];
    privileges?: { index?: string[]; cluster?: string[] } | null;
    level?: Level;
    kibana?: { features: Record<string, string>; spaces: string[]; base?: 'read' | 'all' } | null;
    documents?: DocumentScope;
    fields?: { grant?: string[]; except?: string[] } | null;
    deployment?: Deployment;
    roleName?: string;
    questions?: string[];
    warnings?: string[];
  };
}

export const CORPUS: CorpusCase[] = [
  // ---------------------------------------------------------------------------------------------
  // Seed examples (issue 5)
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'seed 1: new user, two patterns, Kibana dashboards',
    text: 'Create a user analyst who can read logs-* and metrics-* and view them in Kibana dashboards',
    expect: {
      who: { kind: 'new_user', username: 'analyst' },
      action: 'grant',
      additive: false,
      indices: ['logs-*', 'metrics-*'],
      level: 'read',
      kibana: { features: { dashboard_v2: 'read' }, spaces: ['default'] },
      documents: { kind: 'all' },
      fields: null,
      warnings: ['default space'],
    },
  },
  {
    topic: 'seed 2: existing user, read-only',
    text: 'Give joe read-only access to logs-*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, action: 'grant', additive: false, indices: ['logs-*'], level: 'read', kibana: null },
  },
  {
    // "access" without a verb: ask for the level; "in addition" → additive
    topic: 'seed 3: additive, level unknown',
    text: 'Give Alice access to apm-* in addition to what she already has',
    expect: { who: { kind: 'existing_user', username: 'Alice' }, action: 'grant', additive: true, indices: ['apm-*'], kibana: null, questions: ['level'] },
  },
  {
    topic: 'seed 4: DLS values + FLS except',
    text: 'Create a user hr_analyst who can only read hr-employees documents where department is HR and must never see the ssn and salary fields',
    expect: {
      who: { kind: 'new_user', username: 'hr_analyst' },
      indices: ['hr-employees'],
      level: 'read',
      documents: { kind: 'values', field: 'department', values: ['HR'] },
      fields: { except: ['ssn', 'salary'] },
    },
  },
  {
    topic: 'seed 5: Serverless user, Discover, named space',
    text: 'On serverless, let jane@acme.io use Discover on logs-* in the marketing space',
    expect: {
      who: { kind: 'serverless_user', username: 'jane@acme.io', email: 'jane@acme.io' },
      deployment: 'serverless',
      indices: ['logs-*'],
      level: 'read',
      kibana: { features: { discover_v2: 'read' }, spaces: ['marketing'] },
      warnings: ['"use"'],
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Native users: new and existing
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'new user, "new user X"',
    text: 'new user joe with read access to metrics-*',
    expect: { who: { kind: 'new_user', username: 'joe' }, indices: ['metrics-*'], level: 'read' },
  },
  {
    topic: 'new user with full name and email',
    text: 'Create a user named mia with full name Mia Wong and email mia@corp.com who can read logs-*',
    expect: { who: { kind: 'new_user', username: 'mia', full_name: 'Mia Wong', email: 'mia@corp.com' }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'existing user with details in parentheses',
    text: 'user bob (Bob Smith, bob@corp.com) needs to read audit-*',
    expect: { who: { kind: 'existing_user', username: 'bob', full_name: 'Bob Smith', email: 'bob@corp.com' }, indices: ['audit-*'], level: 'read' },
  },
  {
    topic: 'existing user named by e-mail after "for"',
    text: 'For alice@example.com, read access to logs-*',
    expect: { who: { kind: 'existing_user', username: 'alice@example.com', email: 'alice@example.com' }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'grantee after "to"',
    text: 'Grant read on logs-* to bob',
    expect: { who: { kind: 'existing_user', username: 'bob' }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'subject phrasing',
    text: 'Bob needs to search the orders index',
    expect: { who: { kind: 'existing_user', username: 'Bob' }, indices: ['orders'], level: 'read' },
  },
  {
    topic: 'create X as a user',
    text: 'Create carol as a new user and let her query sales-2024-*',
    expect: { who: { kind: 'new_user', username: 'carol' }, indices: ['sales-2024-*'], level: 'read' },
  },
  {
    topic: 'new user with metadata for ABAC',
    text: 'Create user ana with metadata department=hr and let her read hr-* documents of her own department',
    expect: {
      who: { kind: 'new_user', username: 'ana', metadata: { department: 'hr' } },
      indices: ['hr-*'],
      level: 'read',
      documents: { kind: 'user_attribute', field: 'department', attribute: 'department' },
    },
  },
  {
    topic: 'new user without a name: ask',
    text: 'Create a user who can read logs-*',
    expect: { who: { kind: 'new_user' }, indices: ['logs-*'], level: 'read', questions: ['who'] },
  },

  {
    topic: 'new user named later in the sentence',
    text: 'I need a new account for the intern, username intern01, read-only on logs-*',
    expect: { who: { kind: 'new_user', username: 'intern01' }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'service user',
    text: 'Create a service user beats_writer that can ingest into metrics-* and logs-*',
    expect: { who: { kind: 'new_user', username: 'beats_writer' }, indices: ['metrics-*', 'logs-*'], level: 'write' },
  },
  {
    topic: 'a password in the text is not taken, with a warning',
    text: 'Create the user ops1 with password changeme and role viewer',
    expect: { who: { kind: 'new_user', username: 'ops1' }, roles: ['viewer'], warnings: ['password'] },
  },
  {
    topic: 'grantee after a role',
    text: 'Add joe to the editor role',
    expect: { who: { kind: 'existing_user', username: 'joe' }, roles: ['editor'], action: 'grant', additive: true, warnings: ['editor'] },
  },
  {
    topic: 'grantee at the end, "service account"',
    text: 'Give read-only access to metrics-* to the service account metricbeat',
    expect: { who: { kind: 'existing_user', username: 'metricbeat' }, indices: ['metrics-*'], level: 'read' },
  },

  // ---------------------------------------------------------------------------------------------
  // External realms
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'SAML group, all spaces',
    text: 'Give the SAML group sre read access to logs-* and Dashboards in all spaces',
    expect: {
      who: { kind: 'realm', realmType: 'saml', groups: ['sre'] },
      indices: ['logs-*'],
      level: 'read',
      kibana: { features: { dashboard_v2: 'read' }, spaces: ['*'] },
      warnings: ['every space'],
    },
  },
  {
    topic: 'SAML group named before the word group, realm name',
    text: 'Give the sre SAML group read on logs-* in realm saml1',
    expect: { who: { kind: 'realm', realmType: 'saml', realmName: 'saml1', groups: ['sre'] }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'Okta group: SAML or OIDC? ask',
    text: 'Give members of the okta group analysts read access to metrics-*',
    expect: { who: { kind: 'realm', realmType: null, groups: ['analysts'] }, indices: ['metrics-*'], level: 'read', questions: ['who'] },
  },
  {
    topic: 'OIDC group in a named realm',
    text: 'Let the OIDC group data-team in realm oidc1 read audit-*',
    expect: { who: { kind: 'realm', realmType: 'oidc', realmName: 'oidc1', groups: ['data-team'] }, indices: ['audit-*'], level: 'read' },
  },
  {
    topic: 'LDAP group DN',
    text: 'Give everyone in LDAP group cn=analysts,ou=groups,dc=corp,dc=com read access to logs-*',
    expect: { who: { kind: 'realm', realmType: 'ldap', groups: ['cn=analysts,ou=groups,dc=corp,dc=com'] }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'Active Directory group DN',
    text: 'AD group CN=Finance,OU=Groups,DC=corp,DC=local needs read-only access to finance-*',
    expect: { who: { kind: 'realm', realmType: 'active_directory', groups: ['CN=Finance,OU=Groups,DC=corp,DC=local'] }, indices: ['finance-*'], level: 'read' },
  },
  {
    topic: 'Active Directory spelled out, DN with a space',
    text: 'Members of the Active Directory group "CN=Domain Users,CN=Users,DC=corp,DC=local" may view dashboards in the ops space',
    expect: {
      who: { kind: 'realm', realmType: 'active_directory', groups: ['CN=Domain Users,CN=Users,DC=corp,DC=local'] },
      level: 'read',
      kibana: { features: { dashboard_v2: 'read' }, spaces: ['ops'] },
    },
  },
  {
    topic: 'PKI DN pattern',
    text: 'Give users whose certificate DN is CN=svc-*,OU=services,O=corp write access to metrics-*',
    expect: { who: { kind: 'realm', realmType: 'pki', dn: 'CN=svc-*,OU=services,O=corp' }, indices: ['metrics-*'], level: 'write' },
  },
  {
    topic: 'JWT group',
    text: 'JWT users in group ops can read logs-*',
    expect: { who: { kind: 'realm', realmType: 'jwt', groups: ['ops'] }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'LDAP user by username',
    text: 'Let the LDAP user jdoe search audit-*',
    expect: { who: { kind: 'realm', realmType: 'ldap', username: 'jdoe' }, indices: ['audit-*'], level: 'read' },
  },
  {
    topic: 'Kerberos principal',
    text: 'Kerberos principal alice@CORP.COM needs read access to logs-*',
    expect: { who: { kind: 'realm', realmType: 'kerberos', username: 'alice@CORP.COM' }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'Azure AD is not Active Directory: ask for the protocol',
    text: 'Give Azure AD group finance read on finance-*',
    expect: { who: { kind: 'realm', realmType: null, groups: ['finance'] }, indices: ['finance-*'], level: 'read', questions: ['who'] },
  },
  {
    topic: 'SAML group with several groups',
    text: 'SAML groups sre and ops should be able to read logs-* and metrics-*',
    expect: { who: { kind: 'realm', realmType: 'saml', groups: ['sre', 'ops'] }, indices: ['logs-*', 'metrics-*'], level: 'read' },
  },
  {
    topic: 'realm without a group: ask which users',
    text: 'Give the LDAP realm users read access to logs-*',
    expect: { who: { kind: 'realm', realmType: 'ldap' }, indices: ['logs-*'], level: 'read', questions: ['who'] },
  },
  {
    topic: 'DN group with a realm name',
    text: 'users in group cn=ops,ou=groups,dc=corp,dc=com from ldap1 need to see metrics-*',
    expect: { who: { kind: 'realm', realmType: null, realmName: 'ldap1', groups: ['cn=ops,ou=groups,dc=corp,dc=com'] }, indices: ['metrics-*'], level: 'read' },
  },
  {
    topic: 'IdP and protocol both named',
    text: "Give read access to logs-* for the group 'Data Engineers' from Okta via SAML",
    expect: { who: { kind: 'realm', realmType: 'saml', groups: ['Data Engineers'] }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'PKI: certificates matching a DN',
    text: 'Users with certificates matching CN=*.svc.corp,O=corp may write to metrics-*',
    expect: { who: { kind: 'realm', realmType: 'pki', dn: 'CN=*.svc.corp,O=corp' }, indices: ['metrics-*'], level: 'write' },
  },
  {
    topic: 'realm group with ABAC on a team attribute',
    text: 'Give the SAML group hr read access to hr-* documents matching the user\'s team attribute',
    expect: {
      who: { kind: 'realm', realmType: 'saml', groups: ['hr'] },
      indices: ['hr-*'],
      level: 'read',
      documents: { kind: 'user_attribute', field: 'team', attribute: 'team' },
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Serverless
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'Serverless user by e-mail',
    text: 'on serverless, give jane@acme.io read access to logs-*',
    expect: { who: { kind: 'serverless_user', username: 'jane@acme.io', email: 'jane@acme.io' }, deployment: 'serverless', indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'Serverless from the detected deployment',
    text: 'give jane@acme.io read access to traces-*',
    deployment: 'serverless',
    expect: { who: { kind: 'serverless_user', username: 'jane@acme.io' }, deployment: 'serverless', indices: ['traces-*'], level: 'read' },
  },
  {
    topic: 'Serverless "create a user": an invitation, with a warning',
    text: 'On Elastic Cloud Serverless, create a user sam@acme.io who can read metrics-*',
    expect: { who: { kind: 'serverless_user', username: 'sam@acme.io' }, deployment: 'serverless', indices: ['metrics-*'], level: 'read', warnings: ['invited'] },
  },

  // ---------------------------------------------------------------------------------------------
  // What: indices, roles, privileges
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'bare words + "indices" → patterns',
    text: 'Give joe read access to the logs and metrics indices',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['logs-*', 'metrics-*'], level: 'read' },
  },
  {
    topic: 'all indices → * with a warning',
    text: 'Give joe read access to all indices',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['*'], level: 'read', warnings: ['every index'] },
  },
  {
    topic: 'backing indices pattern',
    text: 'Let ops-bot view .ds-logs-* and view_index_metadata on them',
    expect: { who: { kind: 'existing_user', username: 'ops-bot' }, indices: ['.ds-logs-*'], level: 'read', privileges: { index: ['view_index_metadata'] } },
  },
  {
    topic: 'data stream by name',
    text: 'Give the user shipper write access to the data stream logs-nginx.access-default',
    expect: { who: { kind: 'existing_user', username: 'shipper' }, indices: ['logs-nginx.access-default'], level: 'write' },
  },
  {
    topic: 'alias by name',
    text: 'Let dana search the alias sales',
    expect: { who: { kind: 'existing_user', username: 'dana' }, indices: ['sales'], level: 'read' },
  },
  {
    topic: 'bare index name after "access to"',
    text: 'Give alice read-write access to orders',
    expect: { who: { kind: 'existing_user', username: 'alice' }, indices: ['orders'], level: 'write', privileges: { index: ['read'] } },
  },
  {
    topic: 'upper-case index name is lower-cased with a warning',
    text: 'Give joe read access to HR-Employees',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['hr-employees'], level: 'read', warnings: ['lower-case'] },
  },
  {
    topic: 'existing role',
    text: 'give joe the viewer role',
    expect: { who: { kind: 'existing_user', username: 'joe' }, roles: ['viewer'], indices: [], kibana: null },
  },
  {
    topic: 'two existing roles',
    text: 'Assign the monitoring_user and reporting_user roles to maria',
    expect: { who: { kind: 'existing_user', username: 'maria' }, roles: ['monitoring_user', 'reporting_user'], indices: [] },
  },
  {
    topic: 'superuser is high risk',
    text: 'make alice a superuser',
    expect: { who: { kind: 'existing_user', username: 'alice' }, roles: ['superuser'], warnings: ['superuser'] },
  },
  {
    topic: 'custom role name',
    text: 'Create a role called logs-reader that can read logs-* and give it to joe',
    expect: { who: { kind: 'existing_user', username: 'joe' }, roleName: 'logs-reader', indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'explicit index privileges',
    text: 'Give joe view_index_metadata and read on logs-*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['logs-*'], level: 'explicit', privileges: { index: ['view_index_metadata', 'read'] } },
  },
  {
    topic: 'explicit privileges after "with"',
    text: 'Let carl access metrics-* with view_index_metadata and read',
    expect: { who: { kind: 'existing_user', username: 'carl' }, indices: ['metrics-*'], level: 'explicit', privileges: { index: ['view_index_metadata', 'read'] } },
  },
  {
    topic: 'explicit index privileges with the word',
    text: 'Give joe index privileges read and monitor on logs-*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['logs-*'], level: 'explicit', privileges: { index: ['read', 'monitor'] } },
  },
  {
    topic: 'cluster privilege only',
    text: 'give ops-bot the monitor cluster privilege',
    expect: { who: { kind: 'existing_user', username: 'ops-bot' }, indices: [], cluster: ['monitor'], level: 'explicit', privileges: { cluster: ['monitor'] } },
  },
  {
    topic: 'read plus a cluster privilege',
    text: 'Give alice read access to logs-* and the monitor cluster privilege',
    expect: { who: { kind: 'existing_user', username: 'alice' }, indices: ['logs-*'], cluster: ['monitor'], level: 'read', privileges: { cluster: ['monitor'] } },
  },
  {
    topic: 'dangerous cluster privilege',
    text: 'Give the user secadmin the manage_security cluster privilege',
    expect: { who: { kind: 'existing_user', username: 'secadmin' }, cluster: ['manage_security'], level: 'explicit', warnings: ['manage_security'] },
  },

  // ---------------------------------------------------------------------------------------------
  // Levels
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'write',
    text: 'Let ingest-bot write to logs-app-*',
    expect: { who: { kind: 'existing_user', username: 'ingest-bot' }, indices: ['logs-app-*'], level: 'write', privileges: null },
  },
  {
    topic: 'ingest',
    text: 'The beats user needs to ingest into metrics-system-*',
    expect: { who: { kind: 'existing_user', username: 'beats' }, indices: ['metrics-system-*'], level: 'write' },
  },
  {
    topic: 'index documents',
    text: 'allow etl-svc to index documents into orders-*',
    expect: { who: { kind: 'existing_user', username: 'etl-svc' }, indices: ['orders-*'], level: 'write' },
  },
  {
    topic: 'manage',
    text: 'Allow bob to manage the audit-* indices',
    expect: { who: { kind: 'existing_user', username: 'bob' }, indices: ['audit-*'], level: 'manage', warnings: ['manage'] },
  },
  {
    topic: 'administer',
    text: 'zoe should administer tenant-a-*',
    expect: { who: { kind: 'existing_user', username: 'zoe' }, indices: ['tenant-a-*'], level: 'manage' },
  },
  {
    topic: 'negated write stays read',
    text: 'joe can read but not write logs-*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'look at → read',
    text: 'Let priya look at the payments-* indices',
    expect: { who: { kind: 'existing_user', username: 'priya' }, indices: ['payments-*'], level: 'read' },
  },
  {
    topic: 'write on a broad pattern is high risk',
    text: 'Give loader write access to *-prod',
    expect: { who: { kind: 'existing_user', username: 'loader' }, indices: ['*-prod'], level: 'write', warnings: ['high risk'] },
  },

  // ---------------------------------------------------------------------------------------------
  // Kibana
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'Kibana apps, two spaces, no level verb: ask',
    text: 'Give joe Discover and Dashboards in spaces sales and marketing',
    expect: {
      who: { kind: 'existing_user', username: 'joe' },
      kibana: { features: { discover_v2: 'read', dashboard_v2: 'read' }, spaces: ['sales', 'marketing'] },
      questions: ['level'],
    },
  },
  {
    topic: 'edit dashboards = all; read indices stays read',
    text: 'let joe edit dashboards and read logs-* in the ops space',
    expect: {
      who: { kind: 'existing_user', username: 'joe' },
      indices: ['logs-*'],
      level: 'read',
      kibana: { features: { dashboard_v2: 'all' }, spaces: ['ops'] },
    },
  },
  {
    topic: 'many Kibana apps',
    text: 'Let sara view Maps, Canvas, Lens visualizations and the Uptime app in the noc space',
    expect: {
      who: { kind: 'existing_user', username: 'sara' },
      level: 'read',
      kibana: { features: { maps: 'read', canvas: 'read', visualize_v2: 'read', uptime: 'read' }, spaces: ['noc'] },
    },
  },
  {
    topic: 'ML, Dev Tools, Alerts',
    text: 'Give tom read access to ml-results-* and let him use Machine Learning, Dev Tools and Alerts in the data space',
    expect: {
      who: { kind: 'existing_user', username: 'tom' },
      indices: ['ml-results-*'],
      level: 'read',
      kibana: { features: { ml: 'read', dev_tools: 'read', stackAlerts: 'read' }, spaces: ['data'] },
    },
  },
  {
    topic: 'Logs, Metrics, APM apps in a Kibana context',
    text: 'Let ana use the Logs, Metrics and APM apps in Kibana in all spaces',
    expect: {
      who: { kind: 'existing_user', username: 'ana' },
      level: 'read',
      kibana: { features: { logs: 'read', infrastructure: 'read', apm: 'read' }, spaces: ['*'] },
    },
  },
  {
    topic: 'create dashboards → all',
    text: 'user lee can create dashboards and visualizations in the finance space',
    expect: {
      who: { kind: 'existing_user', username: 'lee' },
      kibana: { features: { dashboard_v2: 'all', visualize_v2: 'all' }, spaces: ['finance'] },
    },
  },
  {
    topic: 'one dashboard: Kibana grants the app, not an index named after it',
    text: 'Give jill access to the sales dashboard',
    expect: { who: { kind: 'existing_user', username: 'jill' }, indices: [], kibana: { features: { dashboard_v2: 'read' }, spaces: ['default'] } },
  },
  {
    topic: 'Kibana base privilege all, all spaces',
    text: 'Give joe full access to Kibana in all spaces',
    expect: { who: { kind: 'existing_user', username: 'joe' }, kibana: { features: {}, spaces: ['*'], base: 'all' }, warnings: ['base privilege "all"'] },
  },
  {
    topic: 'Kibana without an app: ask which',
    text: 'Give joe Kibana access',
    expect: { who: { kind: 'existing_user', username: 'joe' }, kibana: null, questions: ['kibana'] },
  },
  {
    topic: 'space named but no app: ask',
    text: 'Give joe read access to logs-* in the security space',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['logs-*'], level: 'read', kibana: null, questions: ['kibana'] },
  },

  // ---------------------------------------------------------------------------------------------
  // Scope: DLS, ABAC, FLS
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'DLS values with or',
    text: 'Let bob see only documents in sales-* where region is eu or us',
    expect: { who: { kind: 'existing_user', username: 'bob' }, indices: ['sales-*'], level: 'read', documents: { kind: 'values', field: 'region', values: ['eu', 'us'] } },
  },
  {
    topic: 'DLS values in parentheses',
    text: "Give carol read access to orders-* but only their region's documents (eu, us)",
    expect: { who: { kind: 'existing_user', username: 'carol' }, indices: ['orders-*'], documents: { kind: 'values', field: 'region', values: ['eu', 'us'] } },
  },
  {
    topic: 'DLS values: number',
    text: 'Let ivan read tickets-* documents where priority is 1',
    expect: { who: { kind: 'existing_user', username: 'ivan' }, indices: ['tickets-*'], documents: { kind: 'values', field: 'priority', values: [1] } },
  },
  {
    topic: 'DLS: two conditions → query',
    text: 'Give joe read on sales-* where region is eu and channel is web',
    expect: {
      who: { kind: 'existing_user', username: 'joe' },
      indices: ['sales-*'],
      documents: { kind: 'query', query: { bool: { filter: [{ terms: { region: ['eu'] } }, { terms: { channel: ['web'] } }] } } },
    },
  },
  {
    topic: 'ABAC seed: own department from user metadata',
    text: "each analyst sees only their own department's documents in hr-*, based on the department in their user metadata",
    expect: {
      who: { kind: 'unknown' },
      indices: ['hr-*'],
      level: 'read',
      documents: { kind: 'user_attribute', field: 'department', attribute: 'department' },
      questions: ['who'],
    },
  },
  {
    topic: 'ABAC: from user metadata',
    text: 'Let the SAML group analysts read hr-* but only their own department from user metadata',
    expect: {
      who: { kind: 'realm', realmType: 'saml', groups: ['analysts'] },
      indices: ['hr-*'],
      documents: { kind: 'user_attribute', field: 'department', attribute: 'department' },
    },
  },
  {
    topic: 'ABAC: field differs from the metadata key',
    text: 'Give joe read on tickets-* where the org_id field matches the user\'s org metadata',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['tickets-*'], documents: { kind: 'user_attribute', field: 'org_id', attribute: 'org' } },
  },
  {
    topic: 'ABAC on username',
    text: 'Give dave read access to people-* where owner is their username',
    expect: { who: { kind: 'existing_user', username: 'dave' }, indices: ['people-*'], documents: { kind: 'user_attribute', field: 'owner', attribute: 'username' } },
  },
  {
    topic: 'ABAC on the email: neither username nor metadata, ask',
    text: 'Give dave read access to people-* where owner_email is their email',
    expect: { who: { kind: 'existing_user', username: 'dave' }, indices: ['people-*'], documents: { kind: 'user_attribute', field: 'owner_email', attribute: 'email' }, questions: ['scope'] },
  },
  {
    topic: '"their own documents" without a field: ask',
    text: 'Let rita read notes-* but only her own documents',
    expect: { who: { kind: 'existing_user', username: 'rita' }, indices: ['notes-*'], documents: { kind: 'all' }, questions: ['scope'] },
  },
  {
    topic: 'FLS: hide',
    text: 'Give joe read on hr-* and hide ssn',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['hr-*'], fields: { except: ['ssn'] } },
  },
  {
    topic: 'FLS: without the field',
    text: 'joe can read customers-* without the ssn field',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['customers-*'], fields: { except: ['ssn'] } },
  },
  {
    topic: 'FLS: never see fields X and Y',
    text: 'Let the auditors group in realm ldap1 read payroll-* but they must never see fields salary and ssn',
    expect: { who: { kind: 'realm', realmName: 'ldap1', groups: ['auditors'] }, indices: ['payroll-*'], fields: { except: ['salary', 'ssn'] } },
  },
  {
    topic: 'FLS: grant only some fields',
    text: 'mia can read customers-* but only the fields name and email',
    expect: { who: { kind: 'existing_user', username: 'mia' }, indices: ['customers-*'], fields: { grant: ['name', 'email'] } },
  },
  {
    topic: 'FLS: only X and Y fields, dotted',
    text: 'Let kim query people-* and only see the user.name and user.email fields',
    expect: { who: { kind: 'existing_user', username: 'kim' }, indices: ['people-*'], fields: { grant: ['user.name', 'user.email'] } },
  },

  // ---------------------------------------------------------------------------------------------
  // Actions: additive, revoke, disable, enable, delete
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'additive: also',
    text: 'Also let joe read traces-*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['traces-*'], level: 'read', action: 'grant', additive: true },
  },
  {
    topic: 'additive: in addition to her current access',
    text: 'Give maria write access to events-* in addition to her current access',
    expect: { who: { kind: 'existing_user', username: 'maria' }, indices: ['events-*'], level: 'write', action: 'grant', additive: true },
  },
  {
    topic: 'additive: too',
    text: 'Let ben read audit-* too',
    expect: { who: { kind: 'existing_user', username: 'ben' }, indices: ['audit-*'], action: 'grant', additive: true },
  },
  {
    topic: 'revoke: take away write access',
    text: "Take away alice's write access to logs-*",
    expect: { who: { kind: 'existing_user', username: 'alice' }, action: 'revoke', additive: false, indices: ['logs-*'], level: 'write' },
  },
  {
    topic: 'revoke: a role',
    text: 'remove joe from the viewer role',
    expect: { who: { kind: 'existing_user', username: 'joe' }, action: 'revoke', roles: ['viewer'] },
  },
  {
    topic: 'revoke: all access to an index',
    text: "revoke bob's access to audit-*",
    expect: { who: { kind: 'existing_user', username: 'bob' }, action: 'revoke', indices: ['audit-*'], level: 'none' },
  },
  {
    topic: 'revoke: no longer',
    text: 'carol should no longer see finance-*',
    expect: { who: { kind: 'existing_user', username: 'carol' }, action: 'revoke', indices: ['finance-*'], level: 'read' },
  },
  {
    topic: "revoke: can't … anymore",
    text: "Make sure bob can't read hr-* anymore",
    expect: { who: { kind: 'existing_user', username: 'bob' }, action: 'revoke', indices: ['hr-*'], level: 'read' },
  },
  {
    topic: 'revoke for a realm group: remove mappings',
    text: 'remove access for the SAML group sre',
    expect: { who: { kind: 'realm', realmType: 'saml', groups: ['sre'] }, action: 'revoke', indices: [], warnings: ['role mapping'] },
  },
  {
    topic: 'disable',
    text: 'Disable joe',
    expect: { who: { kind: 'existing_user', username: 'joe' }, action: 'disable', level: 'none', indices: [] },
  },
  {
    topic: 'disable: block',
    text: 'block alice',
    expect: { who: { kind: 'existing_user', username: 'alice' }, action: 'disable' },
  },
  {
    topic: 'disable: lock out',
    text: 'lock bob out',
    expect: { who: { kind: 'existing_user', username: 'bob' }, action: 'disable' },
  },
  {
    topic: 'disable: remove access with no resource',
    text: 'remove access for carol',
    expect: { who: { kind: 'existing_user', username: 'carol' }, action: 'disable', warnings: ['disabling'] },
  },
  {
    topic: 'disable: the user X',
    text: 'Please disable the user contractor7, the contract ended',
    expect: { who: { kind: 'existing_user', username: 'contractor7' }, action: 'disable' },
  },
  {
    topic: 'enable',
    text: 're-enable joe',
    expect: { who: { kind: 'existing_user', username: 'joe' }, action: 'enable', level: 'none' },
  },
  {
    topic: 'enable: the user X',
    text: 'enable the user mia',
    expect: { who: { kind: 'existing_user', username: 'mia' }, action: 'enable' },
  },
  {
    topic: 'enable X to … is a grant',
    text: 'Enable joe to read logs-*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, action: 'grant', indices: ['logs-*'], level: 'read' },
  },
  {
    topic: 'delete',
    text: 'Delete the user joe',
    expect: { who: { kind: 'existing_user', username: 'joe' }, action: 'delete', level: 'none' },
  },
  {
    topic: "delete: X's account",
    text: "delete olga's account, she left the company",
    expect: { who: { kind: 'existing_user', username: 'olga' }, action: 'delete' },
  },
  {
    topic: 'delete documents is write, not delete',
    text: 'let bob delete documents in tmp-*',
    expect: { who: { kind: 'existing_user', username: 'bob' }, action: 'grant', indices: ['tmp-*'], level: 'write' },
  },

  // ---------------------------------------------------------------------------------------------
  // Deployment
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'Elastic Cloud Hosted',
    text: 'Give joe read access to logs-* on Elastic Cloud',
    expect: { who: { kind: 'existing_user', username: 'joe' }, deployment: 'ech', indices: ['logs-*'] },
  },
  {
    topic: 'ECH abbreviation',
    text: 'On our ECH deployment, let joe read metrics-*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, deployment: 'ech', indices: ['metrics-*'] },
  },
  {
    topic: 'self-managed',
    text: 'on-prem cluster: give joe read access to logs-*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, deployment: 'self-managed', indices: ['logs-*'] },
  },
  {
    topic: 'deployment from the option',
    text: 'give joe read access to logs-*',
    deployment: 'self-managed',
    expect: { who: { kind: 'existing_user', username: 'joe' }, deployment: 'self-managed' },
  },
  {
    topic: 'deployment in the text contradicts the cluster: ask',
    text: 'On serverless, give jane@acme.io read access to logs-*',
    deployment: 'ech',
    expect: { who: { kind: 'existing_user', username: 'jane@acme.io' }, deployment: 'ech', indices: ['logs-*'], questions: ['deployment'] },
  },

  // ---------------------------------------------------------------------------------------------
  // Ambiguous: questions, no guesses
  // ---------------------------------------------------------------------------------------------
  {
    topic: 'team without a realm, and no level',
    text: 'Give the finance team access to billing-*',
    expect: { who: { kind: 'unknown' }, indices: ['billing-*'], questions: ['who', 'level'] },
  },
  {
    topic: 'everyone in X',
    text: 'Give everyone in finance read access to billing-*',
    expect: { who: { kind: 'unknown' }, indices: ['billing-*'], level: 'read', questions: ['who'] },
  },
  {
    topic: 'plural people noun',
    text: 'The data scientists need to read features-*',
    expect: { who: { kind: 'unknown' }, indices: ['features-*'], level: 'read', questions: ['who'] },
  },
  {
    topic: 'no resource',
    text: 'grant read access to bob',
    expect: { who: { kind: 'existing_user', username: 'bob' }, indices: [], questions: ['what'] },
  },
  {
    topic: 'no grantee',
    text: 'read access to logs-*',
    expect: { who: { kind: 'unknown' }, indices: ['logs-*'], level: 'read', questions: ['who'] },
  },
  {
    topic: 'admin of what?',
    text: 'make joe an admin',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: [], questions: ['what'] },
  },
  {
    topic: 'nothing but a name',
    text: 'joe',
    expect: { who: { kind: 'unknown' }, questions: ['who', 'what'] },
  },

  {
    topic: 'different levels for different indices: ask',
    text: 'Alice should be able to read logs-* and write to scratch-alice-*',
    expect: { who: { kind: 'existing_user', username: 'Alice' }, indices: ['logs-*', 'scratch-alice-*'], level: 'write', questions: ['level'] },
  },
  {
    topic: 'different levels for bare index names: ask',
    text: 'Give bob write access to orders and read access to customers',
    expect: { who: { kind: 'existing_user', username: 'bob' }, indices: ['orders', 'customers'], questions: ['level'] },
  },
  {
    topic: "someone's team: ask",
    text: "Give Bob's team read on ops-*",
    expect: { who: { kind: 'unknown' }, indices: ['ops-*'], level: 'read', questions: ['who'] },
  },
  {
    topic: 'everyone: ask',
    text: 'Give everyone read access to logs-*',
    expect: { who: { kind: 'unknown' }, indices: ['logs-*'], level: 'read', questions: ['who'] },
  },
  {
    topic: 'a sentence that is a complaint, not a request: level is asked',
    text: "joe can't read logs-*, please fix",
    expect: { who: { kind: 'existing_user', username: 'joe' }, action: 'grant', indices: ['logs-*'], questions: ['level'] },
  },
  {
    topic: 'a restriction that is not understood is asked about, never dropped',
    text: 'Give joe read on logs-* in the EU region only',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['logs-*'], level: 'read', documents: { kind: 'all' }, questions: ['scope'] },
  },
  {
    topic: 'temporary access: warned that roles do not expire',
    text: 'Our auditors (LDAP group auditors) need read-only access to audit-* for 30 days',
    expect: { who: { kind: 'realm', realmType: 'ldap', groups: ['auditors'] }, indices: ['audit-*'], level: 'read', warnings: ['do not expire'] },
  },
  {
    topic: 'data described in words, grantee a team: ask both',
    text: 'Set up read access to the nginx logs for the web team',
    expect: { who: { kind: 'unknown' }, indices: [], documents: { kind: 'all' }, questions: ['who', 'what'] },
  },
  {
    topic: 'subject with "from <team>"',
    text: 'Joe from marketing needs to see the marketing dashboards in the marketing space',
    expect: { who: { kind: 'existing_user', username: 'Joe' }, level: 'read', kibana: { features: { dashboard_v2: 'read' }, spaces: ['marketing'] } },
  },
  {
    topic: 'revoke: grantee after "from"',
    text: 'Remove write from bob on orders-*',
    expect: { who: { kind: 'existing_user', username: 'bob' }, action: 'revoke', indices: ['orders-*'], level: 'write' },
  },
  {
    topic: 'index exclusions cannot be expressed: ask',
    text: 'Give dan read access to logs-* but not to logs-secure-*',
    expect: { who: { kind: 'existing_user', username: 'dan' }, indices: ['logs-*'], level: 'read', questions: ['what'] },
  },
  {
    topic: 'all indices except system ones: ask',
    text: 'Give joe read access to all indices except .security*',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['*'], level: 'read', questions: ['what'], warnings: ['every index'] },
  },
  {
    topic: 'stop X from accessing anything → disable',
    text: 'Stop bob from accessing anything',
    expect: { who: { kind: 'existing_user', username: 'bob' }, action: 'disable', indices: [] },
  },
  {
    topic: 'remove everything → disable, "everything" is not a user or an index',
    text: 'remove everything from joe',
    expect: { who: { kind: 'existing_user', username: 'joe' }, action: 'disable', indices: [] },
  },
  {
    topic: 'write privileges named explicitly',
    text: 'Grant write privileges on logs-custom-* to the fluentd user',
    expect: { who: { kind: 'existing_user', username: 'fluentd' }, indices: ['logs-custom-*'], level: 'explicit', privileges: { index: ['write'] } },
  },
  {
    topic: 'FLS: the field X only',
    text: 'Give the user joe read access to logs-* for the field host.name only',
    expect: { who: { kind: 'existing_user', username: 'joe' }, indices: ['logs-*'], fields: { grant: ['host.name'] } },
  },
  {
    topic: 'revoke a built-in role',
    text: 'Revoke superuser from alice',
    expect: { who: { kind: 'existing_user', username: 'alice' }, action: 'revoke', roles: ['superuser'] },
  },
  // ---------------------------------------------------------------------------------------------
  // Nonsense and empty input: no throw, ask
  // ---------------------------------------------------------------------------------------------
  { topic: 'empty', text: '', expect: { who: { kind: 'unknown' }, indices: [], questions: ['who', 'what'] } },
  { topic: 'blank', text: '   \n\t ', expect: { who: { kind: 'unknown' }, indices: [], questions: ['who', 'what'] } },
  { topic: 'gibberish', text: 'asdf qwerty zxcv', expect: { who: { kind: 'unknown' }, indices: [], questions: ['who', 'what'] } },
  { topic: 'prototype key', text: '__proto__ constructor toString', expect: { who: { kind: 'unknown' }, indices: [], questions: ['who', 'what'] } },
  { topic: 'punctuation only', text: '?!.,;:()[]{}', expect: { who: { kind: 'unknown' }, indices: [], questions: ['who', 'what'] } },
  { topic: 'emoji', text: '🙂 please 🙏', expect: { who: { kind: 'unknown' }, indices: [], questions: ['who', 'what'] } },
];
