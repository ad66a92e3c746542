import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveRoleName, indexPatternWords, kibanaFeatureWord } from '../../src/security/naming.js';
import {
  PASSWORD_DIGITS,
  PASSWORD_LOWER,
  PASSWORD_SYMBOLS,
  PASSWORD_UPPER,
  REDACTED,
  generatePassword,
  hasEveryClass,
  isSecretPath,
  redact,
  redactSecrets,
  redactText,
} from '../../src/security/secrets.js';
import { validateDescription, validateRoleName } from '../../src/security/validators.js';

describe('deriveRoleName', () => {
  it.each([
    [{ indices: ['logs-*', 'metrics-*'], kibanaFeatures: ['dashboard_v2'], level: 'read' }, 'logs-metrics-dashboard-viewer', 'Logs Metrics Dashboard Viewer'],
    [{ indices: ['audit-*'], level: 'read' }, 'audit-reader', 'Audit Reader'],
    [{ indices: ['orders'], level: 'write' }, 'orders-writer', 'Orders Writer'],
    [{ indices: ['.ml-anomalies-*'], level: 'manage' }, 'ml-anomalies-manager', 'ML Anomalies Manager'],
    [{ indices: ['audit-*'] }, 'audit-reader', 'Audit Reader'],
    [{ indices: ['logs-2024.01.*', 'logs-2024.02.*'], level: 'read' }, 'logs-reader', 'Logs Reader'],
    [{ indices: ['filebeat-8.14.0-*'] }, 'filebeat-reader', 'Filebeat Reader'],
    [{ indices: ['logs-nginx.access-default'] }, 'logs-nginx-access-reader', 'Logs Nginx Access Reader'],
    [{ indices: ['prod:logs-*', 'logs-app-*'] }, 'logs-app-reader', 'Logs App Reader'],
    [{ kibanaFeatures: ['discover_v2', 'dashboard_v2', 'dashboards'] }, 'discover-dashboard-viewer', 'Discover Dashboard Viewer'],
    [{ purpose: 'SOC analysts', indices: ['alerts-*'] }, 'soc-analysts-alerts-reader', 'Soc Analysts Alerts Reader'],
    [{ indices: ['metrics-*'], level: 'monitor' }, 'metrics-monitor', 'Metrics Monitor'],
    [{}, 'data-reader', 'Data Reader'],
    [{ indices: ['*'] }, 'data-reader', 'Data Reader'],
    [{ indices: ['test-*'] }, 'test-reader', 'Test Reader'],
  ])('%j → %s', (input, name, displayName) => {
    expect(deriveRoleName(input)).toEqual({ name, displayName });
  });

  it('is not fooled by Object.prototype keys (found by the property test)', () => {
    expect(deriveRoleName({ kibanaFeatures: ['__proto__'], level: 'constructor', indices: ['toString-*'] }).name).toBe('tostring-proto-constructor');
    expect(deriveRoleName({ indices: ['constructor-*'] })).toEqual({ name: 'constructor-reader', displayName: 'Constructor Reader' });
  });

  it('caps the length and keeps whole words', () => {
    const r = deriveRoleName({
      indices: ['alpha-bravo-charlie-*', 'delta-echo-foxtrot-*', 'golf-hotel-india-*', 'juliett-kilo-lima-*'],
      kibanaFeatures: ['securitySolutionCases'],
      level: 'write',
    });
    expect(r.name.length).toBeLessThanOrEqual(50);
    expect(r.name).toMatch(/^alpha-bravo-charlie-delta-echo(-[a-z]+)*-writer$/);
  });

  it('maps Kibana feature ids to words', () => {
    expect(kibanaFeatureWord('dashboard_v2')).toBe('dashboard');
    expect(kibanaFeatureWord('securitySolutionCases')).toBe('cases');
    expect(kibanaFeatureWord('savedObjectsManagement')).toBe('saved-objects');
    expect(kibanaFeatureWord('someNewFeatures')).toBe('some-new-feature');
    expect(indexPatternWords('/logs-[0-9]+/')).toEqual(['logs']);
  });

  it('always yields a name and display name that pass the validators', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9.*_:\- /?]{0,30}$/);
    fc.assert(
      fc.property(
        fc.record(
          {
            indices: fc.array(word, { maxLength: 6 }),
            kibanaFeatures: fc.array(word, { maxLength: 4 }),
            level: fc.oneof(fc.constantFrom('read', 'write', 'manage', 'admin', 'monitor', 'view'), word),
            purpose: word,
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const { name, displayName } = deriveRoleName(input);
          expect(name.length).toBeLessThanOrEqual(50);
          expect(validateRoleName(name, { convention: 'error' })).toEqual({ errors: [], warnings: [] });
          expect(validateDescription(displayName, name)).toEqual({ errors: [], warnings: [] });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('generatePassword', () => {
  const allowed = new Set([...PASSWORD_UPPER, ...PASSWORD_LOWER, ...PASSWORD_DIGITS, ...PASSWORD_SYMBOLS]);

  it('has every class, only safe characters and an alphanumeric first character, over many samples', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(20);
      expect(hasEveryClass(p)).toBe(true);
      expect([...p].every((ch) => allowed.has(ch))).toBe(true);
      expect(p.charAt(0)).toMatch(/[A-Za-z0-9]/);
      seen.add(p);
    }
    expect(seen.size).toBe(2000);
  });

  it('uses symbols that are safe in JSON, shells and URLs', () => {
    for (const bad of ['"', "'", '\\', ' ', '$', '`', '!', '#', '&', ';', '|', '<', '>', '(', ')', '*', '?', '[', ']', '{', '}', '~', '@', ':', '/', '%']) {
      expect(PASSWORD_SYMBOLS).not.toContain(bad);
    }
    expect(JSON.parse(JSON.stringify(PASSWORD_SYMBOLS))).toBe(PASSWORD_SYMBOLS);
    expect(encodeURIComponent(PASSWORD_SYMBOLS.replace(/[+=,]/g, ''))).toBe(PASSWORD_SYMBOLS.replace(/[+=,]/g, ''));
  });

  it('is not biased towards any character', () => {
    const counts = new Map<string, number>();
    const samples = 4000;
    for (let i = 0; i < samples; i++) for (const ch of generatePassword(32).slice(1)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(allowed.size);
    const expected = (samples * 31) / allowed.size;
    for (const [, n] of counts) {
      // ±15 % of ~1824 expected draws per character is ~6 standard deviations: a real bias shows, noise does not.
      expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
    }
  });

  it('accepts 16 to 128 and refuses anything else', () => {
    expect(generatePassword(16)).toHaveLength(16);
    expect(generatePassword(128)).toHaveLength(128);
    for (const bad of [15, 129, 20.5, Number.NaN, -1]) expect(() => generatePassword(bad)).toThrow(/whole number from 16 to 128/);
  });
});

describe('redaction', () => {
  it('never shows the value', () => {
    expect(redact('hunter2')).toBe(REDACTED);
    expect(redact(undefined)).toBe('***');
  });

  it('redacts secret keys deeply and leaves the rest', () => {
    const input = { username: 'jdoe', password: 'p', nested: [{ api_key: 'k', token: 't', name: 'n' }], password_hash: '$2a', auth: { credentials: { a: 1 } } };
    expect(redactSecrets(input)).toEqual({
      username: 'jdoe',
      password: '***',
      nested: [{ api_key: '***', token: '***', name: 'n' }],
      password_hash: '***',
      auth: { credentials: '***' },
    });
    expect(input.password).toBe('p');
  });

  it('redacts known secrets inside text and spots secret paths', () => {
    expect(redactText('login jdoe:S3cret! failed', ['S3cret!', undefined, ''])).toBe('login jdoe:*** failed');
    expect(isSecretPath(['users', 0, 'password'])).toBe(true);
    expect(isSecretPath(['indices', 0, 'names'])).toBe(false);
  });
});
