import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY,
  MAX_CODE_POINT,
  PatternSyntaxError,
  PatternTooComplexError,
  TOTAL,
  accepts,
  charClass,
  compilePattern,
  compilePatterns,
  compileRegex,
  complement,
  concatenate,
  equivalent,
  exampleString,
  fromStrings,
  intersection,
  isEmpty,
  isTotal,
  minus,
  subsetOf,
  union,
} from '../../src/security/automaton.js';

// The expected values in the tables below were produced by the real Elasticsearch 9.5.3 code
// (Automatons.patterns / Automatons.predicate / Automatons.subsetOf, Lucene 10.5.1) run on the
// given inputs; they pin down ES's exact semantics, quirks included.
// [patterns, name, ES 9.5.3 Automatons.predicate(patterns).test(name)]
const ES_MATCH_CASES: Array<[string[], string, boolean]> = [
  [["/~(x.*)/"], "~x", true],
  [["/~(x.*)/"], "xa", false],
  [["/~(x.*)/"], "y", true],
  [["/<1-10>/"], "010", true],
  [["/<1-10>/"], "7", true],
  [["/<1-10>/"], "11", false],
  [["/<01-10>/"], "7", false],
  [["/<01-10>/"], "07", true],
  [["/<0-5>/"], "00", false],
  [["/<9-10>/"], "09", true],
  [["/<+5-+7>/"], "06", true],
  [["/<\u0663-\u0665>/"], "4", true],
  [["\ud83d\ude00*"], "\ud83d\ude00x", true],
  [["?"], "\ud83d\ude00", true],
  [["??"], "\ud83d\ude00", false],
  [["//"], "", true],
  [["a\\"], "a\\", true],
  [["a\\*b"], "a*b", true],
  [["a\\*b"], "axb", false],
  [["a\\b"], "ab", true],
  [["*/foo/*", "x"], "afoob", true],
  [["*/foo/*"], "afoob", false],
  [["*/foo/*"], "a/foo/b", true],
  [["a*b\\*", "q"], "axb\\zz", true],
  [["a*b\\*"], "axb\\zz", false],
  [["a*b\\*"], "axb*", true],
  [["**", "x"], "abc", false],
  [["**"], "abc", true],
  [["a", "b", "*/x/*"], "x", false],
  [["a", "*/x/*"], "x", true],
  [["\ud83d", "x"], "\ufffd", true],
  [["\ud83d", "x"], "\ud83d", false],
  [["\ud83d"], "\ud83d", true],
  [["/(|a)/"], "|a", true],
  [["/a||b/"], "|b", true],
  [["/)/"], ")", true],
  [["/*/"], "*", true],
  [["/**/"], "**", true],
  [["/[]a]/"], "]", true],
  [["/[a-c-e]/"], "-", true],
  [["/[a-c-e]/"], "d", false],
  [["/#*/"], "", false],
  [["/#{0,2}/"], "", true],
  [["/(#*)?/"], "", true],
  [["/(a&b)*/"], "", false],
  [["/a~b/"], "ac", true],
  [["/a~b/"], "ab", false],
  [["/~a*/"], "a", false],
  [["/~a*/"], "aa", true],
  [["/\\s/"], "\u000b", false],
  [["/\\S/"], "\u000b", true],
  [["/[^a]/"], "\ud83d\ude00", true],
  [["/./"], "\ud83d\ude00", true],
  [["/[\ud83d\ude00-\ud83d\ude02]/"], "\ud83d\ude01", true],
  [["/a&&b/"], "a", false],
  [["/.*&a.*/"], "ab", true],
  [[""], "", false],
  [["", "x"], "", false],
  [["/\"a.b\"/"], "a.b", true],
  [["/\"a.b\"/"], "axb", false],
  [["/a{2}{3}/"], "aaaaaa", true],
  [["/a{2}{3}/"], "aaaa", false],
  [["/[a-\\d]/"], "c", true],
  [["/[\\w-z]/"], "-", true],
];
// [pattern, ES 9.5.3 error message]
const ES_ERROR_CASES: Array<[string, string]> = [
  ["/foo", "invalid pattern [/foo]. patterns starting with '/' indicate regular expression pattern and therefore must also end with '/'. other patterns (those that do not start with '/') will be treated as simple wildcard patterns"],
  ["/", "invalid pattern [/]. patterns starting with '/' indicate regular expression pattern and therefore must also end with '/'. other patterns (those that do not start with '/') will be treated as simple wildcard patterns"],
  ["/a)/", "end-of-string expected at position 1"],
  ["/[a-]/", "invalid range: from (97) cannot be > to (93)"],
  ["/[]/", "expected ']' at position 2"],
  ["/\\q/", "invalid character class \\113"],
  ["/a{2,1}/", "invalid repetition range(out of order): 2..1"],
  ["/a{99999999999}/", "For input string: \"99999999999\""],
  ["/<1-99999999999>/", "interval syntax error at position 14"],
  ["/[z-a]/", "invalid range: from (122) cannot be > to (97)"],
  ["/a&/", "unexpected end-of-string"],
  ["/a|/", "unexpected end-of-string"],
  ["/(/", "unexpected end-of-string"],
  ["/\"abc/", "expected '\"' at position 4"],
  ["/<1-/", "expected '>' at position 3"],
  ["/<-1>/", "interval syntax error at position 3"],
  ["/\\/", "unexpected end-of-string"],
  ["/~/", "unexpected end-of-string"],
  ["/a~/", "unexpected end-of-string"],
  ["/<foo>/", "'foo' not found"],
  ["/a{,3}/", "integer expected at position 2"],
  ["/<1 -5>/", "interval syntax error at position 5"],
  ["/[a/", "expected ']' at position 2"],
  ["/a{1/", "expected '}' at position 3"],
  ["/a{x}/", "integer expected at position 2"],
  ["/<\ud835\udfcf-\ud835\udfd7>/", "interval syntax error at position 6"],
  ["/[a-\\\\]/", "invalid range: from (97) cannot be > to (92)"],
  ["/\\B/", "invalid character class \\66"],
  ["/</", "expected '>' at position 1"],
];
// [a, b, ES 9.5.3 subsetOf(patterns(a), patterns(b))]
const ES_SUBSET_CASES: Array<[string[], string[], boolean]> = [
  [["logs-*"], ["logs-app-*"], false],
  [["logs-app-*"], ["logs-*"], true],
  [["/logs-[0-9]+/"], ["logs-*"], true],
  [["logs-*"], ["/logs-[0-9]+/"], false],
  [["/logs-.*/"], ["logs-*"], true],
  [["logs-*"], ["/logs-.*/"], true],
  [["logs-?"], ["/logs-./"], true],
  [["/logs-./"], ["logs-?"], true],
  [["*"], ["/@/"], true],
  [["/~(\\.security.*)/"], ["*"], true],
  [["logs-*", "metrics-*"], ["/(logs|metrics)-.*/"], true],
  [["/(logs|metrics)-.*/"], ["logs-*", "metrics-*"], true],
  [["a*"], ["**", "a"], false],
  [["**", "a"], ["a*"], true],
  [["/<1-10>/"], ["/[0-9]+/"], true],
  [["/[0-9]+/"], ["/<1-10>/"], false],
  [["/<0-2147483647>/"], ["/0*[0-9]{1,10}/"], true],
];

const m = (pattern: string, s: string): boolean => accepts(compilePattern(pattern), s);
const sub = (a: string, b: string): boolean => subsetOf(compilePattern(a), compilePattern(b));

describe('automaton operations', () => {
  it('EMPTY and TOTAL', () => {
    expect(isEmpty(EMPTY)).toBe(true);
    expect(isTotal(EMPTY)).toBe(false);
    expect(isTotal(TOTAL)).toBe(true);
    expect(isEmpty(TOTAL)).toBe(false);
    expect(accepts(TOTAL, '')).toBe(true);
    expect(accepts(TOTAL, '\u{10ffff}\u0000x')).toBe(true);
    expect(accepts(EMPTY, '')).toBe(false);
    expect(exampleString(EMPTY)).toBeUndefined();
    expect(exampleString(TOTAL)).toBe('');
  });

  it('union, intersection, minus, complement', () => {
    const a = fromStrings(['a', 'ab', 'abc']);
    const b = fromStrings(['ab', 'x']);
    expect(accepts(union(a, b), 'x')).toBe(true);
    expect(accepts(union(), 'x')).toBe(false);
    expect(isEmpty(union())).toBe(true);
    expect(equivalent(intersection(a, b), fromStrings(['ab']))).toBe(true);
    expect(equivalent(minus(a, b), fromStrings(['a', 'abc']))).toBe(true);
    expect(isTotal(union(a, complement(a)))).toBe(true);
    expect(isEmpty(intersection(a, complement(a)))).toBe(true);
    expect(isEmpty(minus(a, a))).toBe(true);
    expect(minus(TOTAL, EMPTY)).toBe(TOTAL);
    expect(intersection(TOTAL, a)).toBe(a);
  });

  it('is canonical: equal languages give the same object', () => {
    expect(compilePattern('logs-*')).toBe(compilePattern('/logs-.*/'));
    expect(compilePattern('a?c')).toBe(compilePattern('/a.c/'));
    expect(union(compilePattern('a*'), compilePattern('b*'))).toBe(compilePattern('/[ab].*/'));
    expect(compilePattern('**')).toBe(TOTAL);
    expect(compilePattern('/@/')).toBe(TOTAL);
  });

  it('subsetOf answers exactly', () => {
    expect(subsetOf(EMPTY, EMPTY)).toBe(true);
    expect(subsetOf(EMPTY, fromStrings(['a']))).toBe(true);
    expect(subsetOf(fromStrings(['']), EMPTY)).toBe(false);
    expect(subsetOf(TOTAL, compilePattern('*'))).toBe(true);
    expect(sub('logs-app-*', 'logs-*')).toBe(true);
    expect(sub('logs-*', 'logs-app-*')).toBe(false);
    expect(sub('a?', 'a*')).toBe(true);
    expect(sub('a*', 'a?')).toBe(false);
    // the whole alphabet: '?' is every code point, so '??' is not covered by a BMP class
    expect(sub('?', '/[\u0000-\uffff]/')).toBe(false);
    expect(subsetOf(compilePattern('?'), charClass([0, MAX_CODE_POINT]))).toBe(true);
  });

  it('exampleString gives a shortest accepted string, readable when possible', () => {
    expect(exampleString(compilePattern('logs-*'))).toBe('logs-');
    expect(exampleString(compilePattern('/[0-9]{3}x/'))).toBe('000x');
    expect(exampleString(minus(compilePattern('logs-*'), compilePattern('logs-app-*')))).toBe('logs-');
    expect(exampleString(minus(compilePattern('*'), compilePattern('/.+/')))).toBe('');
    const w = exampleString(minus(compilePattern('a*'), compilePattern('a/[^b].*/')));
    expect(w).toBe('a');
    expect(exampleString(compilePattern('/\u0001/'))).toBe('\u0001');
    expect(() => compilePattern('/\\u0001/')).toThrow(/invalid character class/); // Lucene has no \u escapes
  });

  it('concatenate', () => {
    expect(equivalent(concatenate(fromStrings(['a', 'b']), TOTAL), compilePattern('/[ab].*/'))).toBe(true);
    expect(isEmpty(concatenate(TOTAL, EMPTY))).toBe(true);
    expect(accepts(concatenate(), '')).toBe(true);
  });
});

describe('wildcard patterns (Automatons.wildcard)', () => {
  it('exact names', () => {
    expect(m('logs', 'logs')).toBe(true);
    expect(m('logs', 'logs2')).toBe(false);
    expect(m('logs', 'log')).toBe(false);
    expect(m('.security-7', '.security-7')).toBe(true);
  });

  it('* is any string, ? exactly one code point', () => {
    expect(isTotal(compilePattern('*'))).toBe(true);
    expect(m('logs-*', 'logs-')).toBe(true);
    expect(m('logs-*', 'logs-2024.01.01')).toBe(true);
    expect(m('logs-*', 'logs')).toBe(false);
    expect(m('*-prod', 'a-prod')).toBe(true);
    expect(m('a*b*c', 'abc')).toBe(true);
    expect(m('a*b*c', 'axxbyyc')).toBe(true);
    expect(m('a*b*c', 'acb')).toBe(false);
    expect(m('logs-?', 'logs-1')).toBe(true);
    expect(m('logs-?', 'logs-')).toBe(false);
    expect(m('logs-?', 'logs-12')).toBe(false);
    expect(m('?', '\u{1F600}')).toBe(true); // one code point, two UTF-16 units
    expect(m('??', '\u{1F600}')).toBe(false);
  });

  it('\\ escapes the next character; a trailing \\ is literal', () => {
    expect(m('a\\*b', 'a*b')).toBe(true);
    expect(m('a\\*b', 'axb')).toBe(false);
    expect(m('a\\?', 'a?')).toBe(true);
    expect(m('a\\?', 'ab')).toBe(false);
    expect(m('a\\\\b', 'a\\b')).toBe(true);
    expect(m('a\\b', 'ab')).toBe(true);
    expect(m('a\\', 'a\\')).toBe(true);
    expect(m('\\\u{1F600}x', '\u{1F600}x')).toBe(true);
  });

  it('empty-string cases: "" matches nothing, "*" matches ""', () => {
    expect(isEmpty(compilePattern(''))).toBe(true);
    expect(m('', '')).toBe(false);
    expect(m('*', '')).toBe(true);
    expect(m('?', '')).toBe(false);
    expect(m('//', '')).toBe(true);
    expect(m('//', 'a')).toBe(false);
  });

  it('unicode names', () => {
    expect(m('日志-*', '日志-2024')).toBe(true);
    expect(m('\u{1F600}*', '\u{1F600}x')).toBe(true);
    expect(m('é', 'e\u0301')).toBe(false); // no normalization
    expect(m('*', '\ud83d')).toBe(true); // lone surrogates are code points too
  });
});

describe('regular expression patterns (Lucene RegExp, flags ALL | DEPRECATED_COMPLEMENT)', () => {
  it('basic syntax', () => {
    expect(m('/logs-[0-9]+/', 'logs-2024')).toBe(true);
    expect(m('/logs-[0-9]+/', 'logs-')).toBe(false);
    expect(m('/logs-[0-9]+/', 'logs-12a')).toBe(false);
    expect(m('/a|b/', 'a')).toBe(true);
    expect(m('/a|b/', 'ab')).toBe(false);
    expect(m('/(ab)+/', 'abab')).toBe(true);
    expect(m('/ab?c/', 'ac')).toBe(true);
    expect(m('/a{2,3}/', 'aaa')).toBe(true);
    expect(m('/a{2,3}/', 'aaaa')).toBe(false);
    expect(m('/a{2,}/', 'aaaaa')).toBe(true);
    expect(m('/a{2}/', 'aa')).toBe(true);
    expect(m('/.*/', '')).toBe(true);
  });

  it('anchoring: the whole name must match', () => {
    expect(m('/logs/', 'my-logs')).toBe(false);
    expect(m('/.*logs.*/', 'my-logs-1')).toBe(true);
  });

  it('character classes and escapes', () => {
    expect(m('/[a-c]x/', 'bx')).toBe(true);
    expect(m('/[^a-c]x/', 'dx')).toBe(true);
    expect(m('/[^a-c]x/', 'bx')).toBe(false);
    expect(m('/[^a]/', '\u{10ffff}')).toBe(true);
    expect(m('/\\d\\w\\s/', '1_ ')).toBe(true);
    expect(m('/\\D/', 'x')).toBe(true);
    expect(m('/\\W/', '-')).toBe(true);
    expect(m('/a\\.b/', 'a.b')).toBe(true);
    expect(m('/a\\.b/', 'axb')).toBe(false);
    expect(m('/a.b/', 'axb')).toBe(true);
    expect(m('/[.]/', 'x')).toBe(false);
  });

  it('"strings", @ (any string), # (empty language), & (intersection), ~ (complement)', () => {
    expect(m('/"a.b*"/', 'a.b*')).toBe(true);
    expect(m('/x@/', 'xanything')).toBe(true);
    expect(isTotal(compilePattern('/@/'))).toBe(true);
    expect(isEmpty(compilePattern('/#/'))).toBe(true);
    expect(m('/a|#/', 'a')).toBe(true);
    expect(m('/.*a.*&.*b.*/', 'xbxa')).toBe(true);
    expect(m('/.*a.*&.*b.*/', 'xxa')).toBe(false);
    expect(m('/~(x.*)/', 'y')).toBe(true);
    expect(m('/~(x.*)/', 'xy')).toBe(false);
    expect(m('/~(x.*)/', '')).toBe(true);
    expect(m('/~(\\.security.*)/', '.security-7')).toBe(false);
    expect(m('/~(\\.security.*)/', 'logs')).toBe(true);
  });

  it('<n-m> numeric intervals', () => {
    expect(m('/<1-10>/', '1')).toBe(true);
    expect(m('/<1-10>/', '10')).toBe(true);
    expect(m('/<1-10>/', '0')).toBe(false);
    expect(m('/<1-10>/', '11')).toBe(false);
    expect(m('/<1-10>/', '0010')).toBe(true); // different widths: any number of leading zeros
    expect(m('/<01-10>/', '01')).toBe(true); // same width: exactly that many digits
    expect(m('/<01-10>/', '1')).toBe(false);
    expect(m('/logs-<2020-2024>/', 'logs-2022')).toBe(true);
    expect(m('/logs-<2020-2024>/', 'logs-2025')).toBe(false);
    expect(m('/<10-1>/', '5')).toBe(true); // bounds are swapped
    expect(m('/<0-2147483647>/', '2147483647')).toBe(true);
    expect(m('/<0-2147483647>/', '2147483648')).toBe(false);
  });

  it('Lucene quirk: the star of an empty language is empty', () => {
    expect(isEmpty(compilePattern('/#*/'))).toBe(true);
    expect(isEmpty(compilePattern('/(a&b)*/'))).toBe(true);
    expect(m('/#?/', '')).toBe(true);
  });

  it('compileRegex without complement treats ~ literally (Lucene default flags)', () => {
    expect(accepts(compileRegex('~a', { complement: false }), '~a')).toBe(true);
    expect(accepts(compileRegex('~a'), '~a')).toBe(true);
    expect(accepts(compileRegex('~a'), 'a')).toBe(false);
  });

  it('regex vs wildcard covers, both directions', () => {
    expect(sub('/logs-[0-9]+/', 'logs-*')).toBe(true);
    expect(sub('logs-*', '/logs-[0-9]+/')).toBe(false);
    expect(sub('logs-*', '/logs-.*/')).toBe(true);
    expect(sub('/logs-.*/', 'logs-*')).toBe(true);
    expect(sub('logs-?', '/logs-./')).toBe(true);
    expect(sub('/(a|b)-.*/', '?-*')).toBe(true);
    expect(sub('?-*', '/(a|b)-.*/')).toBe(false);
  });
});

describe('invalid patterns', () => {
  it.each(ES_ERROR_CASES)('%s → %s', (pattern, esMessage) => {
    let err: unknown;
    try {
      compilePattern(pattern);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PatternSyntaxError);
    const e = err as PatternSyntaxError;
    expect(e.esMessage).toBe(esMessage);
    expect(e.pattern).toBe(pattern);
    expect(e.message).toContain(pattern);
  });

  it('explains what is wrong and where', () => {
    try {
      compilePattern('/logs-[0-9/');
      expect.unreachable();
    } catch (e) {
      const err = e as PatternSyntaxError;
      expect(err.esMessage).toBe('expected \']\' at position 9');
      expect(err.position).toBe(10);
      expect(err.message).toMatch(/logs-\[0-9⟨HERE⟩/);
      expect(err.message).toMatch(/Lucene regular expressions/);
    }
  });

  it('refuses patterns ES cannot determinize (TooComplexToDeterminizeException)', () => {
    expect(() => compilePattern('/(a|b)*a(a|b){12}/')).not.toThrow();
    expect(() => compilePattern('/(a|b)*a(a|b){13}/')).toThrow(PatternTooComplexError);
    expect(() => compilePattern('/.*a.{0,12}/')).not.toThrow();
    expect(() => compilePattern('/.*a.{0,13}/')).toThrow(PatternTooComplexError);
    expect(() => compilePattern('/(.*a.{11})&(.*b.{8})/')).not.toThrow();
    expect(() => compilePattern('/a{1000}/')).not.toThrow();
  });
});

describe('ES 9.5.3 reference cases', () => {
  it.each(ES_MATCH_CASES)('%j ∋ %j: %s', (patterns, name, expected) => {
    expect(accepts(compilePatterns(patterns), name)).toBe(expected);
  });

  it.each(ES_SUBSET_CASES)('%j ⊆ %j: %s', (a, b, expected) => {
    expect(subsetOf(compilePatterns(a), compilePatterns(b))).toBe(expected);
  });
});

describe('compilePatterns (Automatons.patterns(Collection))', () => {
  it('empty list is the empty language; duplicates do not matter', () => {
    expect(compilePatterns([])).toBe(EMPTY);
    expect(compilePatterns(['a*', 'a*'])).toBe(compilePattern('a*'));
  });

  it('is the union of its patterns for ordinary lists', () => {
    const list = ['logs-*', 'metrics-*', '/x[0-9]+/', 'exact', 'other', 'a?c'];
    expect(compilePatterns(list)).toBe(union(...list.map((p) => compilePattern(p))));
  });

  it('reproduces the prefix/suffix/infix split quirks', () => {
    expect(accepts(compilePatterns(['**', 'x']), 'abc')).toBe(false);
    expect(accepts(compilePatterns(['**']), 'abc')).toBe(true);
    expect(() => compilePatterns(['*/', 'x'])).toThrow(PatternSyntaxError);
    expect(() => compilePattern('*/')).not.toThrow();
    expect(accepts(compilePatterns(['*/foo/*', 'x']), 'afoob')).toBe(true);
    expect(accepts(compilePatterns(['a', 'b', '*/foo/*']), 'afoob')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based checks against independent references
// ---------------------------------------------------------------------------------------------

/** Reference matcher for a wildcard pattern, built as a JS RegExp (code-point mode). */
function globToRegExp(glob: string): RegExp {
  let src = '';
  const cps = [...glob];
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i] as string;
    if (c === '*') src += '[^]*';
    else if (c === '?') src += '[^]';
    else {
      let lit = c;
      if (c === '\\' && i + 1 < cps.length) lit = cps[++i] as string;
      src += lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return new RegExp(`^(?:${src})$`, 'u');
}

/** All strings over `alphabet` of length ≤ max. */
function allStrings(alphabet: readonly string[], max: number): string[] {
  const out = [''];
  let layer = [''];
  for (let n = 1; n <= max; n++) {
    const next: string[] = [];
    for (const s of layer) for (const c of alphabet) next.push(s + c);
    out.push(...next);
    layer = next;
  }
  return out;
}

const GLOB_CHARS = ['a', 'b', '*', '?', '\\'];
const STRINGS = allStrings(['a', 'b', 'c', '*'], 6);
const glob = fc.array(fc.constantFrom(...GLOB_CHARS), { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));

describe('property: wildcard automata agree with a reference implementation', () => {
  it('accepts() agrees with a RegExp built from the glob', () => {
    fc.assert(
      fc.property(glob, (g) => {
        const a = compilePattern(g);
        const re = globToRegExp(g);
        for (const s of STRINGS) if (accepts(a, s) !== re.test(s)) return false;
        return true;
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });

  it('subsetOf() agrees with brute-force enumeration, and non-inclusion comes with a verified witness', () => {
    fc.assert(
      fc.property(glob, glob, (g1, g2) => {
        const a = compilePattern(g1);
        const b = compilePattern(g2);
        const r1 = globToRegExp(g1);
        const r2 = globToRegExp(g2);
        const bruteCounterexample = STRINGS.find((s) => r1.test(s) && !r2.test(s));
        const result = subsetOf(a, b);
        if (bruteCounterexample !== undefined) return result === false;
        if (result) return true;
        // No short counterexample: the automaton must produce one and both references must agree.
        const w = exampleString(minus(a, b));
        return w !== undefined && r1.test(w) && !r2.test(w);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('boolean operations agree with set operations on enumerated strings', () => {
    fc.assert(
      fc.property(glob, glob, (g1, g2) => {
        const a = compilePattern(g1);
        const b = compilePattern(g2);
        const r1 = globToRegExp(g1);
        const r2 = globToRegExp(g2);
        const u = union(a, b);
        const i = intersection(a, b);
        const d = minus(a, b);
        const c = complement(a);
        for (const s of STRINGS) {
          const x = r1.test(s);
          const y = r2.test(s);
          if (accepts(u, s) !== (x || y) || accepts(i, s) !== (x && y) || accepts(d, s) !== (x && !y) || accepts(c, s) !== !x) return false;
        }
        return partitionsBack(i, d, a);
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});

/** L(a) = (L(a) ∩ L(b)) ∪ (L(a) \ L(b)) */
function partitionsBack(i: ReturnType<typeof compilePattern>, d: ReturnType<typeof compilePattern>, a: ReturnType<typeof compilePattern>): boolean {
  return equivalent(union(i, d), a);
}

// Simple Lucene regexes that mean the same as a JS regex (anchored, code-point mode).
type Rx = { lucene: string; js: string };
const rxAtom: fc.Arbitrary<Rx> = fc.constantFrom<Rx>(
  { lucene: 'a', js: 'a' },
  { lucene: 'b', js: 'b' },
  { lucene: '.', js: '[^]' },
  { lucene: '[ab]', js: '[ab]' },
  { lucene: '[^a]', js: '[^a]' },
  { lucene: '"ab"', js: 'ab' },
  { lucene: '()', js: '' },
  { lucene: '\\*', js: '\\*' },
);
const rx: fc.Arbitrary<Rx> = fc.letrec<{ r: Rx }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    rxAtom,
    fc.tuple(tie('r'), tie('r')).map(([x, y]) => ({ lucene: x.lucene + y.lucene, js: x.js + y.js })),
    fc.tuple(tie('r'), tie('r')).map(([x, y]) => ({ lucene: `(${x.lucene}|${y.lucene})`, js: `(?:${x.js}|${y.js})` })),
    fc
      .tuple(tie('r'), fc.constantFrom('*', '+', '?', '{2}', '{0,2}', '{1,}'))
      .map(([x, op]) => ({ lucene: `(${x.lucene})${op}`, js: `(?:${x.js})${op}` })),
  ),
})).r;

describe('property: regex automata agree with JS RegExp on the common syntax', () => {
  it('accepts() agrees', () => {
    fc.assert(
      fc.property(rx, (r) => {
        const a = compilePattern(`/${r.lucene}/`);
        const re = new RegExp(`^(?:${r.js})$`, 'u');
        for (const s of STRINGS) if (accepts(a, s) !== re.test(s)) return false;
        return true;
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});
