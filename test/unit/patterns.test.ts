import { describe, expect, it } from 'vitest';
import { accepts, compilePatterns, isEmpty, isTotal, minus } from '../../src/security/automaton.js';
import {
  ES_9_CORE_SECURITY_SYSTEM_INDICES,
  RESTRICTED_INDEX_AUTOMATON,
  buildRestrictedIndexAutomaton,
  classifyPattern,
  covers,
  effectiveIndexAutomaton,
  groupCoversRequestedIndex,
  indexGroupMatches,
  isConcreteRestrictedIndex,
  isLuceneRegex,
  isRestrictedIndexName,
  matches,
  overlapExample,
  overlaps,
  requestedIndexAutomaton,
  stringMatcherMatches,
  uncoveredExample,
  validateIndexPattern,
  validateIndexPatternList,
} from '../../src/security/patterns.js';

// Answers of the real Elasticsearch 9.5.3 code (IndicesPermission.checkResourcePrivileges' per-group
// index check, with the restricted-names automaton of a core+security node) for these inputs.
// [groupNames, groupAllowRestricted, requested, requestAllowRestricted, ES 9.5.3 answer]
const HAS_PRIVILEGES_CASES: Array<[string[], boolean, string, boolean, boolean]> = [
  [["*"], false, "logs-1", false, true],
  [["*"], false, ".security", false, false],
  [["*"], false, ".security", true, false],
  [["*"], true, ".security", false, true],
  [["*"], true, ".security", true, true],
  [["*"], false, "*", false, true],
  [["*"], false, "*", true, false],
  [["*"], true, "*", true, true],
  [["*"], false, ".security-*", false, true],
  [["*"], true, ".security-*", false, true],
  [["*"], false, ".s*", false, true],
  [["*"], false, ".s*", true, false],
  [["*"], false, ".security-?", false, true],
  [["*"], false, ".tasks?", false, false],
  [["*"], true, ".tasks?", false, true],
  [[".tasks*"], false, ".tasks", false, false],
  [[".tasks*"], true, ".tasks", false, true],
  [[".security*"], true, ".security-7", true, true],
  [[".security*"], false, ".security-x", false, true],
  [["logs-*"], false, "logs-app-*", false, true],
  [["logs-app-*"], false, "logs-*", false, false],
  [["/\\.security.*/"], true, ".security", false, true],
  [["/~(\\.security.*)/"], false, "*", false, false],
  [["/~(\\.security.*)/"], false, ".tasks", true, false],
  [["*"], false, "/\\.tasks.*/", false, false],
  [["*"], false, "/\\.tasks/", false, false],
  [[".tasks"], true, "/\\.tasks/", false, false],
  [[".synonyms*"], false, ".synonyms2", false, true],
  [["**", "logs"], false, "x", false, false],
  [["*", "logs"], false, "x", false, true],
  [[".security-7"], false, ".security-7", false, false],
  [["?security"], false, ".security", false, false],
  [[".kibana*"], false, ".kibana_1", false, true],
  [["*"], false, ".async-search", false, true],
];

describe('matches', () => {
  it('exact names, wildcards and regexes', () => {
    expect(matches('logs', 'logs')).toBe(true);
    expect(matches('logs', 'logs-1')).toBe(false);
    expect(matches('logs-*', 'logs-1')).toBe(true);
    expect(matches('logs-?', 'logs-12')).toBe(false);
    expect(matches('*', '')).toBe(true);
    expect(matches('/logs-[0-9]+/', 'logs-42')).toBe(true);
    expect(matches('/logs-[0-9]+/', 'logs-4x')).toBe(false);
    expect(matches('a\\*', 'a*')).toBe(true);
    expect(matches('a\\*', 'ab')).toBe(false);
  });

  it('invalid and empty patterns match nothing', () => {
    expect(matches('', '')).toBe(false);
    expect(matches('/logs-[/', 'logs-[')).toBe(false);
    expect(matches('/foo', '/foo')).toBe(false);
    expect(matches('/<x>/', 'x')).toBe(false);
  });

  it('unicode', () => {
    expect(matches('données-*', 'données-2024')).toBe(true);
    expect(matches('?', '\u{1F600}')).toBe(true);
  });
});

describe('covers / overlaps', () => {
  it('logs-* covers logs-app-*, not vice versa', () => {
    expect(covers('logs-*', 'logs-app-*')).toBe(true);
    expect(covers('logs-app-*', 'logs-*')).toBe(false);
    expect(uncoveredExample('logs-app-*', 'logs-*')).toBe('logs-');
    expect(uncoveredExample('logs-*', 'logs-app-*')).toBeUndefined();
  });

  it('logs-* and *-prod overlap but neither covers the other', () => {
    expect(overlaps('logs-*', '*-prod')).toBe(true);
    expect(covers('logs-*', '*-prod')).toBe(false);
    expect(covers('*-prod', 'logs-*')).toBe(false);
    expect(overlapExample('logs-*', '*-prod')).toBe('logs-prod');
    expect(overlaps('logs-*', 'metrics-*')).toBe(false);
    expect(overlapExample('logs-*', 'metrics-*')).toBeUndefined();
  });

  it('lists: a is a role name list, b a set of requested patterns', () => {
    expect(covers(['logs-*', 'metrics-*'], ['logs-a', 'metrics-b'])).toBe(true);
    expect(covers(['logs-*', 'metrics-*'], ['logs-a', 'traces-b'])).toBe(false);
    expect(covers(['a', 'b'], '?')).toBe(false);
    expect(covers(['a', 'b'], '/a|b/')).toBe(true);
    expect(covers([], [])).toBe(true);
    expect(covers([], 'x')).toBe(false);
    expect(overlaps(['x', 'y'], ['z', 'y*'])).toBe(true);
  });

  it('regex vs wildcard in both directions', () => {
    expect(covers('logs-*', '/logs-[0-9]+/')).toBe(true);
    expect(covers('/logs-[0-9]+/', 'logs-*')).toBe(false);
    expect(covers('/logs-.*/', 'logs-*')).toBe(true);
    expect(covers('logs-*', '/logs-.*/')).toBe(true);
    expect(covers('/logs-<1-12>/', 'logs-?')).toBe(false);
    expect(covers('logs-?', '/logs-<1-9>/')).toBe(true);
    expect(covers('*', '/@/')).toBe(true);
    expect(covers('/~(\\.security.*)/', 'logs-*')).toBe(true);
    expect(covers('/~(\\.security.*)/', '.sec*')).toBe(false);
    expect(uncoveredExample('/~(\\.security.*)/', '.sec*')).toBe('.security');
  });

  it('empty-string cases', () => {
    expect(covers('*', '//')).toBe(true);
    expect(covers('?*', '//')).toBe(false);
    expect(covers('x', '')).toBe(true); // "" matches nothing
    expect(overlaps('*', '')).toBe(false);
  });

  it('throws for invalid patterns', () => {
    expect(() => covers('*', '/[/')).toThrow(/Invalid regular expression/);
    expect(() => overlaps('/(/', '*')).toThrow();
  });
});

describe('classifyPattern / isLuceneRegex', () => {
  it('classifies like ES', () => {
    expect(classifyPattern('logs')).toBe('exact');
    expect(classifyPattern('a\\b')).toBe('exact');
    expect(classifyPattern('logs-*')).toBe('wildcard');
    expect(classifyPattern('log?')).toBe('wildcard');
    expect(classifyPattern('a\\*')).toBe('wildcard');
    expect(classifyPattern('/logs.*/')).toBe('regex');
    expect(classifyPattern('/logs')).toBe('regex'); // invalid, but ES reads it as a regex attempt
    expect(isLuceneRegex('/a/')).toBe(true);
    expect(isLuceneRegex('/')).toBe(false);
    expect(isLuceneRegex('//')).toBe(true);
  });
});

describe('restricted indices', () => {
  it.each([
    ['.security', true],
    ['.security-7', true],
    ['.security-7-reindexed-for-8', true],
    ['.security-8x', true],
    ['.security-tokens', true],
    ['.security-tokens-7', true],
    ['.security-profile', true],
    ['.security-profile-8', true],
    ['.tasks', true],
    ['.tasks-anything', true],
    ['.synonyms', true],
    ['.synonyms-2', true],
    ['.security-', false],
    ['.security-x', false],
    ['.security-tokens-', false],
    ['.synonyms2', false],
    ['.async-search', false],
    ['.kibana', false],
    ['.fleet-agents', false],
    ['security', false],
    ['logs', false],
  ])('%s restricted: %s', (name, expected) => {
    expect(isRestrictedIndexName(name)).toBe(expected);
  });

  it('concrete restricted names: no "*", not a regex, and restricted (a "?" does not count)', () => {
    expect(isConcreteRestrictedIndex('.security')).toBe(true);
    expect(isConcreteRestrictedIndex('.security*')).toBe(false);
    expect(isConcreteRestrictedIndex('/\\.security/')).toBe(false);
    expect(isConcreteRestrictedIndex('.tasks?')).toBe(true); // the string ".tasks?" matches .tasks*
    expect(isConcreteRestrictedIndex('logs')).toBe(false);
  });

  it('effectiveIndexAutomaton removes restricted names unless allowed', () => {
    const plain = effectiveIndexAutomaton(['*'], false);
    expect(accepts(plain, 'logs')).toBe(true);
    expect(accepts(plain, '.security-7')).toBe(false);
    expect(accepts(plain, '.kibana')).toBe(true);
    const allowed = effectiveIndexAutomaton(['*'], true);
    expect(isTotal(allowed)).toBe(true);
    expect(isEmpty(effectiveIndexAutomaton(['.security*'], false))).toBe(false); // .security-x is not restricted
    expect(isEmpty(effectiveIndexAutomaton(['.security-7', '.tasks*'], false))).toBe(true);
    expect(isEmpty(effectiveIndexAutomaton([], true))).toBe(true);
  });

  it('requestedIndexAutomaton follows _has_privileges', () => {
    expect(accepts(requestedIndexAutomaton('*', false), '.security')).toBe(false);
    expect(accepts(requestedIndexAutomaton('*', true), '.security')).toBe(true);
    expect(accepts(requestedIndexAutomaton('.security', false), '.security')).toBe(true); // concrete name kept
    expect(isEmpty(requestedIndexAutomaton('/\\.security/', false))).toBe(true);
    expect(isEmpty(requestedIndexAutomaton('.tasks*', false))).toBe(true);
  });

  it.each(HAS_PRIVILEGES_CASES)('group %j (allow %s) covers %j (allow %s): %s', (names, groupAllow, requested, requestAllow, expected) => {
    expect(groupCoversRequestedIndex(names, groupAllow, requested, requestAllow)).toBe(expected);
  });

  it('the restricted automaton is built from the system index descriptors', () => {
    expect(buildRestrictedIndexAutomaton(ES_9_CORE_SECURITY_SYSTEM_INDICES)).toBe(RESTRICTED_INDEX_AUTOMATON);
    const withKibana = buildRestrictedIndexAutomaton(
      [...ES_9_CORE_SECURITY_SYSTEM_INDICES, { feature: 'kibana', indexPattern: '.kibana_*', aliasName: '.kibana' }],
      [{ feature: 'fleet', name: '.fleet-actions-results', backingIndexPattern: '.ds-.fleet-actions-results-*' }],
    );
    for (const n of ['.kibana', '.kibana_8.0.0_001', '.fleet-actions-results', '.ds-.fleet-actions-results-2024', '.security']) {
      expect(accepts(withKibana, n)).toBe(true);
    }
    expect(accepts(withKibana, '.kibanax')).toBe(false);
    expect(isRestrictedIndexName('.kibana', withKibana)).toBe(true);
    expect(accepts(effectiveIndexAutomaton(['*'], false, withKibana), '.kibana')).toBe(false);
  });
});

describe('request-time matching (StringMatcher)', () => {
  it('exact patterns compare literally, others by automaton', () => {
    expect(stringMatcherMatches(['a\\b'], 'ab')).toBe(false);
    expect(stringMatcherMatches(['a\\b'], 'a\\b')).toBe(true);
    expect(matches('a\\b', 'ab')).toBe(true); // what _has_privileges uses
    expect(stringMatcherMatches(['logs-*', 'x'], 'logs-1')).toBe(true);
    expect(stringMatcherMatches(['logs-*', 'x'], 'x')).toBe(true);
    expect(stringMatcherMatches(['logs-*', 'x'], 'y')).toBe(false);
    expect(stringMatcherMatches([], 'y')).toBe(false);
    expect(stringMatcherMatches(['**', 'x'], 'abc')).toBe(true); // the exact "x" is not compiled with "**"
    expect(stringMatcherMatches(['**', '?'], 'abc')).toBe(false); // ... but "?" is
  });

  it('indexGroupMatches excludes restricted names unless allowed', () => {
    expect(indexGroupMatches(['*'], false, '.security-7')).toBe(false);
    expect(indexGroupMatches(['*'], true, '.security-7')).toBe(true);
    expect(indexGroupMatches(['.security-7'], false, '.security-7')).toBe(false);
    expect(indexGroupMatches(['logs-*'], false, 'logs-1')).toBe(true);
  });
});

describe('validateIndexPattern', () => {
  it.each(['logs', 'logs-*', '*', '*-prod', 'logs-????.??.??', '/logs-[0-9]{4}/', '/.*/', '/*/', '.kibana*', 'données'])('accepts %s', (p) => {
    expect(validateIndexPattern(p)).toEqual({ ok: true });
  });

  it('rejects what ES rejects when the role is created', () => {
    const cases: Array<[string, RegExp]> = [
      ['logs::failures', /selectors/],
      ['/logs', /must also end with "\/"/],
      ['/', /must also end with "\/"/],
      ['/[invalid/', /expected '\]' at position 8/],
      ['/(/', /unexpected end-of-string/],
      ['/[a-/', /not a valid Lucene regular expression/],
      ['logs,metrics', /separate entries/],
    ];
    for (const [p, re] of cases) {
      const r = validateIndexPattern(p);
      expect(r.ok, p).toBe(false);
      if (!r.ok) {
        expect(r.message).toMatch(re);
        expect(r.message).toContain(JSON.stringify(p));
      }
    }
  });

  it('rejects regexes ES stores but cannot compile when authorizing', () => {
    for (const [p, re] of [
      ['/~/', /complement/],
      ['/a~/', /complement/],
      ['/<foo>/', /named automaton/],
      ['/(a|b)*a(a|b){16}/', /too complex/],
    ] as const) {
      const r = validateIndexPattern(p);
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.message).toMatch(re);
    }
  });

  it('warns about patterns that cannot do what was meant', () => {
    const warn = (p: string, opts?: { allowRestrictedIndices?: boolean }): string => {
      const r = validateIndexPattern(p, opts);
      expect(r.ok, p).toBe(true);
      return r.ok ? (r.warnings ?? []).join('\n') : '';
    };
    expect(warn('')).toMatch(/matches no index/);
    expect(warn('Logs-*')).toMatch(/uppercase/);
    expect(warn('my index')).toMatch(/" "/);
    expect(warn('a\\b')).toMatch(/compares such names literally/);
    expect(warn('/~(\\.security.*)/')).toMatch(/complement/);
    expect(warn('.security*')).toBe(''); // .security-x is a possible ordinary name
    expect(warn('.security-7')).toMatch(/allow_restricted_indices/);
    expect(warn('.security-7', { allowRestrictedIndices: true })).toBe('');
    expect(warn('/#/')).toMatch(/matches no name/);
    expect(warn('_private')).toMatch(/cannot start with/);
  });
});

describe('validateIndexPatternList', () => {
  it('checks each name and the list-level compilation', () => {
    expect(validateIndexPatternList(['logs-*', 'metrics-*'])).toEqual({ ok: true });
    expect(validateIndexPatternList([]).ok).toBe(false);
    const bad = validateIndexPatternList(['logs-*', '/[/']);
    expect(bad.ok).toBe(false);
    const split = validateIndexPatternList(['*/', 'x']);
    expect(split.ok).toBe(false);
    if (!split.ok) expect(split.message).toMatch(/more than one pattern/);
    const star = validateIndexPatternList(['**', 'x']);
    expect(star.ok).toBe(true);
    if (star.ok) expect(star.warnings?.join('\n')).toMatch(/NOT matched by the list/);
    const restricted = validateIndexPatternList(['.security', '.tasks']);
    expect(restricted.ok && restricted.warnings?.some((w) => /grants nothing/.test(w))).toBe(true);
  });

  it('agrees with compilePatterns on ordinary lists', () => {
    const names = ['logs-*', 'metrics-*', 'exact'];
    expect(isEmpty(minus(compilePatterns(names), effectiveIndexAutomaton(names, true)))).toBe(true);
  });
});
