import { describe, expect, it } from 'vitest';
import { loadEsConfig, unknownEsVariables } from '../../src/es/config.js';
import { EsAuthzError } from '../../src/errors.js';

function err(env: Record<string, string>): EsAuthzError {
  try {
    loadEsConfig(env);
  } catch (e) {
    if (e instanceof EsAuthzError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('loadEsConfig', () => {
  it('reads ES_* and ELASTICSEARCH_* aliases', () => {
    expect(loadEsConfig({ ES_URL: 'http://h:9200/', ES_API_KEY: 'k' })).toMatchObject({ url: 'http://h:9200', auth: { kind: 'apiKey', apiKey: 'k' } });
    expect(loadEsConfig({ ELASTICSEARCH_URL: 'https://h', ELASTICSEARCH_USERNAME: 'u', ELASTICSEARCH_PASSWORD: 'p' }).auth).toEqual({
      kind: 'basic',
      username: 'u',
      password: 'p',
    });
  });
  it('names the missing variable and what to do', () => {
    const e = err({});
    expect(e.code).toBe('CONFIG_MISSING');
    expect(e.message).toContain('ES_URL');
    expect(e.hint).toContain('ES_API_KEY');
    expect(err({ ES_URL: 'http://h' }).message).toContain('ES_API_KEY');
    expect(err({ ES_URL: 'http://h', ES_USERNAME: 'u' }).message).toContain('ES_PASSWORD');
  });
  it('rejects bad URLs and never echoes embedded credentials', () => {
    expect(err({ ES_URL: 'nope', ES_API_KEY: 'k' }).code).toBe('CONFIG_INVALID');
    expect(err({ ES_URL: 'ftp://h', ES_API_KEY: 'k' }).message).toContain('http or https');
    const e = err({ ES_URL: 'http://u:s3cret@h', ES_API_KEY: 'k' });
    expect(e.message).not.toContain('s3cret');
    expect(e.toLine()).not.toContain('s3cret');
  });
  it('validates booleans', () => {
    expect(loadEsConfig({ ES_URL: 'http://h', ES_API_KEY: 'k', ES_SSL_SKIP_VERIFY: 'true' }).skipTlsVerify).toBe(true);
    expect(err({ ES_URL: 'http://h', ES_API_KEY: 'k', ES_SSL_SKIP_VERIFY: 'maybe' }).message).toContain('ES_SSL_SKIP_VERIFY');
  });
  it('warns about unknown ES_ variables', () => {
    expect(unknownEsVariables({ ES_URL: 'x', ES_APIKEY: 'typo', HOME: '/' })).toEqual(['ES_APIKEY']);
  });
});
