import { describe, expect, it } from 'vitest';
import {
  TemplateError,
  TemplateRuntimeError,
  TemplateSyntaxError,
  TemplateUnsupportedError,
  javaEqualsIgnoreCase,
  javaNumber,
  javaTrim,
  jsonEscape,
  renderTemplate,
  renderTemplateTraced,
  type TemplateContentType,
} from '../../src/security/mustache.js';

// The model Elasticsearch builds for a role template is a flat map (keys such as "realm.name" and
// "metadata.uid"); params can add anything JSON-like.
const model = {
  username: 'Jo "Q" \\ Public',
  'realm.name': 'saml1',
  groups: ['sre', 'dev'],
  'metadata.uid': 'u-1',
  'metadata.tags': ['p', 1, 2.5, true, null],
  list: [[1, 2], ['a']],
  obj: { k: 'v' },
  zero: 0,
  emptystr: '',
  t: true,
  num: 1.5,
  big: 12345678.9,
  small: 0.0001,
  neg: -3,
  'a.b': 'flat',
  nested: { a: { b: 'deep' } },
};

const json = (source: string, m: Record<string, unknown> = model): string => renderTemplate(source, m, { contentType: 'json' });

describe('renderTemplate: outputs recorded from mustache.java 0.9.10 with Elasticsearch 9.5.3 encoders', () => {
  // [content type, template, expected output] — each expected value was produced by the real
  // mustache.java compiler with Elasticsearch's CustomMustacheFactory semantics and ES's Jackson.
  const cases: [TemplateContentType, string, string][] = [
    ['json', '_user_{{username}}', '_user_Jo \\"Q\\" \\\\ Public'],
    ['text', '_user_{{username}}', '_user_Jo "Q" \\ Public'],
    ['json', '{{{username}}}', 'Jo "Q" \\ Public'],
    ['json', '{{& username}}', 'Jo "Q" \\ Public'],
    ['json', '{{ realm.name }}-{{metadata.uid}}', 'saml1-u-1'],
    ['json', '{{#tojson}}groups{{/tojson}}', '["sre","dev"]'],
    ['json', '{{#toJson}}metadata.tags{{/toJson}}', '["p",1,2.5,true,null]'],
    ['json', '{{#TOJSON}}list{{/TOJSON}}', '[[1,2],["a"]]'],
    ['json', '{{#join}}groups{{/join}}', 'sre,dev'],
    ["json", "{{#join delimiter=' | '}}groups{{/join delimiter=' | '}}", 'sre | dev'],
    // join of a non-list writes its body text; toJson of a scalar writes it unencoded
    ['json', '{{#join}}username{{/join}}', 'username'],
    ['json', '{{#toJson}}username{{/toJson}}', 'Jo "Q" \\ Public'],
    ['json', '{{#toJson}}missing{{/toJson}}|', '|'],
    ['json', '[{{#groups}}"g-{{.}}",{{/groups}}"base"]', '["g-sre","g-dev","base"]'],
    ['json', '{{^dn}}no-dn{{/dn}}', 'no-dn'],
    // a list prints as the CollectionMap Elasticsearch coerces it to
    ['json', '{{metadata.tags}}', '{0=p, 1=1, 2=2.5, 3=true, 4=null}'],
    // "metadata.tags.0": the flat key does not exist and "metadata" is not a key either
    ['json', '{{metadata.tags.0}}', ''],
    ['json', '{{list.1}}', '{0=a}'],
    ['json', '{{list.size}}', '2'],
    ['json', '{{#obj}}{{k}}{{/obj}}', 'v'],
    ['json', '{{obj.k}}{{obj}}', 'v{k=v}'],
    ['json', '{{#zero}}zero is truthy{{/zero}}{{^emptystr}}empty string is falsy{{/emptystr}}', 'zero is truthyempty string is falsy'],
    ['json', '{{num}} {{big}} {{small}} {{neg}}', '1.5 1.23456789E7 1.0E-4 -3'],
    ['json', '{{#url}}a b/é{{username}}{{/url}}', 'a+b%2F%C3%A9Jo+%5C%22Q%5C%22+%5C%5C+Public'],
    // standalone section lines lose their indentation and newline
    ['json', 'a\n  {{#t}}\n  in\n  {{/t}}\nb', 'a\n  in\nb'],
    ['json', 'a\r\nb\rc', 'a\r\nbc'],
    ['json', '{{! comment }}x', 'x'],
    ['json', '{{#missing}}x{{/missing}}{{missing}}', ''],
    ['json', '{{a.b}}', 'flat'],
    ['json', '{{nested.a.b}}', 'deep'],
    ['json', '{{#nested}}{{a.b}}{{/nested}}', 'deep'],
    ['json', '{{#list}}{{#.}}[{{.}}]{{/.}}{{/list}}', '[1][2][a]'],
    ['json', '{{#t}}{{.}}{{/t}}', 'true'],
  ];
  it.each(cases)('%s: %j', (contentType, source, expected) => {
    expect(renderTemplate(source, model, { contentType })).toBe(expected);
  });
});

describe('renderTemplate: lookup, sections and values', () => {
  it('tries the whole dotted name first, then the path; a path that starts but breaks is missing', () => {
    const m = { 'a.b': 'flat', a: { b: 'path', c: 1 }, outer: 'o' };
    expect(json('{{a.b}}', m)).toBe('flat');
    expect(json('{{a.c}}', m)).toBe('1');
    // inside a section over `a`, "outer" falls back to the outer scope ...
    expect(json('{{#a}}{{outer}}{{/a}}', m)).toBe('o');
    // ... but a dotted name whose first segment resolves in an inner scope does not
    expect(json('{{#a}}{{b.x}}|{{a.b}}{{/a}}', { ...m, b: { x: 'outer-b' } })).toBe('|flat');
  });

  it('sections iterate lists, push scalars and maps once, skip null/false/""/empty lists', () => {
    expect(json('{{#l}}<{{.}}>{{/l}}', { l: ['a', 'b'] })).toBe('<a><b>');
    expect(json('{{#s}}<{{.}}>{{/s}}', { s: 'x' })).toBe('<x>');
    expect(json('{{#m}}<{{k}}>{{/m}}', { m: { k: 1 } })).toBe('<1>');
    expect(json('{{#m}}<empty map is truthy>{{/m}}', { m: {} })).toBe('<empty map is truthy>');
    for (const v of [null, false, '', []]) expect(json('{{#v}}x{{/v}}{{^v}}y{{/v}}', { v })).toBe('y');
    expect(json('{{#v}}x{{/v}}{{^v}}y{{/v}}', {})).toBe('y');
  });

  it('a null list element renders the body without pushing it', () => {
    expect(json('{{#l}}[{{k}}]{{/l}}', { l: [null, { k: 1 }], k: 'outer' })).toBe('[outer][1]');
  });

  it('a JS Set is an unordered Java Set: same rendering, order dependence reported', () => {
    const groups = new Set(['sre', 'dev']);
    const opts = { contentType: 'json' as const };
    expect(renderTemplateTraced('{{#tojson}}groups{{/tojson}}', { groups }, opts)).toEqual({ output: '["sre","dev"]', orderDependent: true, urlEncoded: false });
    expect(renderTemplateTraced('{{groups.size}}', { groups }, opts).orderDependent).toBe(false);
    expect(renderTemplateTraced('{{groups.0}}', { groups }, opts).orderDependent).toBe(true);
    expect(renderTemplateTraced('{{#groups}}x{{/groups}}', { groups: new Set(['only']) }, opts).orderDependent).toBe(false);
  });

  it('detect_missing_params fails on a missing {{value}} but not on a null one or a section', () => {
    const opts = { contentType: 'json' as const, detectMissingParams: true };
    expect(() => renderTemplate('{{nope}}', {}, opts)).toThrow(TemplateRuntimeError);
    expect(renderTemplate('{{n}}{{#nope}}x{{/nope}}', { n: null }, opts)).toBe('');
  });

  it('enforces the output size limit', () => {
    expect(() => renderTemplate('{{#l}}xxxxxxxxxx{{/l}}', { l: Array.from({ length: 20 }, () => 1) }, { contentType: 'text', maxOutputChars: 100 })).toThrow(TemplateRuntimeError);
  });
});

describe('renderTemplate: errors', () => {
  it('syntax errors Elasticsearch rejects at compile time', () => {
    for (const bad of ['{{username', '{{#a}}x', '{{#a}}x{{/b}}', '{{#toJson}}{{/toJson}}', '{{}}', '{{{x}}']) {
      expect(() => json(bad), bad).toThrow(TemplateSyntaxError);
    }
  });

  it('runtime errors Elasticsearch hits while rendering', () => {
    expect(() => json('{{list.9}}')).toThrow(TemplateRuntimeError);
    expect(() => json('{{list.-1}}')).toThrow(TemplateRuntimeError);
    expect(() => json('{{#join}}l{{/join}}', { l: ['a', null] })).toThrow(TemplateRuntimeError);
  });

  it('names the construct it cannot evaluate exactly', () => {
    const cases: [string, string, Record<string, unknown>?][] = [
      ['{{>partial}}', '{{>partial}}'],
      ['{{=<% %>=}}', 'set-delimiter'],
      ['{{%IMPLICIT-ITERATOR}}', '{{%pragma}}'],
      ['{{<parent}}{{/parent}}', '{{<}}'],
      ['{{$block}}{{/block}}', '{{$}}'],
      ['{{#toJson}}{{groups}}{{/toJson}}', '{{#toJson}}'],
      ['{{#join}}{{! c }}groups{{/join}}', '{{#join}}'],
      ['{{m}}', 'map iteration order', { m: { a: 1, b: 2 } }],
      ['{{#toJson}}m{{/toJson}}', 'map iteration order', { m: { a: 1, b: 2 } }],
      ['{{x}}', 'number', { x: 5e-324 }],
    ];
    for (const [source, construct, m] of cases) {
      let err: unknown;
      try {
        json(source, m ?? model);
      } catch (e) {
        err = e;
      }
      expect(err, source).toBeInstanceOf(TemplateUnsupportedError);
      expect((err as TemplateUnsupportedError).construct, source).toBe(construct);
      expect(err).toBeInstanceOf(TemplateError);
    }
  });
});

describe('Java formatting helpers', () => {
  it('javaNumber prints like Integer/Long and Double.toString', () => {
    expect([0, -0, 7, -3, 1.5, 0.001, 0.0001, 1234567.5, 12345678.9, 1.25e-5, -2.5e-7, 100.25].map(javaNumber)).toEqual([
      '0',
      '0',
      '7',
      '-3',
      '1.5',
      '0.001',
      '1.0E-4',
      '1234567.5',
      '1.23456789E7',
      '1.25E-5',
      '-2.5E-7',
      '100.25',
    ]);
    // integral beyond 2^53: the JSON digits are lost in JavaScript
    expect(() => javaNumber(1e21)).toThrow(TemplateUnsupportedError);
  });

  it('jsonEscape is Jackson quoteAsString', () => {
    expect(jsonEscape('a"b\\c\n\t\r\b\f\u0001\u001f\u007f/é')).toBe('a\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001F\u007f/é');
  });

  it('javaTrim and javaEqualsIgnoreCase', () => {
    expect(javaTrim('\u0001 x \t\u00a0')).toBe('x \t\u00a0');
    expect(javaEqualsIgnoreCase('CN=Admins', 'cn=admins')).toBe(true);
    expect(javaEqualsIgnoreCase('Straße', 'STRASSE')).toBe(false);
    expect(javaEqualsIgnoreCase('ÉTÉ', 'été')).toBe(true);
  });
});
