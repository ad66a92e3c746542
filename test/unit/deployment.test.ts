import { describe, expect, it } from 'vitest';
import { classifyDeployment, knowsRestrictedIndices } from '../../src/es/deployment.js';

describe('deployment detection', () => {
  it('classifies serverless, Elastic Cloud Hosted and self-managed', () => {
    expect(classifyDeployment('https://x.es.us-east-1.aws.elastic.cloud', { version: '9.5.0', buildFlavor: 'serverless', clusterName: 'c', source: 'root' }).kind).toBe('serverless');
    expect(classifyDeployment('https://abc.us-central1.gcp.cloud.es.io:443', { version: '9.5.0', buildFlavor: 'default', clusterName: 'c', source: 'root' }).kind).toBe('ech');
    expect(classifyDeployment('http://127.0.0.1:9200', { version: '9.5.3', buildFlavor: 'default', clusterName: 'c', source: 'nodes' }).kind).toBe('self-managed');
    expect(classifyDeployment('http://127.0.0.1:9200', undefined).kind).toBe('unknown');
  });
  it('knows the restricted-index list only for the core+security distribution', () => {
    expect(knowsRestrictedIndices({ modules: ['apm', 'transport-netty4', 'x-pack-core', 'x-pack-security'] })).toBe(true);
    expect(knowsRestrictedIndices({ modules: ['x-pack-core', 'x-pack-security', 'x-pack-ml'] })).toBe(false);
    expect(knowsRestrictedIndices({ modules: undefined })).toBe(false);
    expect(knowsRestrictedIndices(undefined)).toBe(false);
  });
});
