// The privilege catalog is complete and exact for the server we test against:
// GET /_security/privilege/_builtin lists exactly our cluster, index and remote_cluster names.
import { afterAll, describe, expect, it } from 'vitest';
import { CLUSTER_PRIVILEGE_NAMES, INDEX_PRIVILEGE_NAMES, REMOTE_CLUSTER_PRIVILEGE_NAMES } from '../../src/security/privileges.js';
import { adminClient } from '../helpers/es.js';

const admin = adminClient();
afterAll(() => admin.close());

describe('privilege catalog vs the real server', () => {
  it('matches GET /_security/privilege/_builtin exactly', async () => {
    const builtin = await admin.security.getBuiltinPrivileges();
    expect([...CLUSTER_PRIVILEGE_NAMES].sort()).toEqual([...builtin.cluster].sort());
    expect([...INDEX_PRIVILEGE_NAMES].sort()).toEqual([...builtin.index].sort());
    expect([...REMOTE_CLUSTER_PRIVILEGE_NAMES].sort()).toEqual([...((builtin as { remote_cluster?: string[] }).remote_cluster ?? [])].sort());
  });
});
