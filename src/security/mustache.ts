// An exact renderer for the Mustache dialect Elasticsearch uses for role-mapping `role_templates`
// and DLS query templates: mustache.java 0.9.10 (the parser, scoping and iteration rules) with
// Elasticsearch's CustomMustacheFactory / CustomReflectionObjectHandler on top
// (modules/lang-mustache). Anything whose output we cannot reproduce exactly throws
// TemplateUnsupportedError; nothing is approximated.
//
// What Elasticsearch does, and so what this does:
// - Parsing is mustache.java's MustacheParser, ported line for line, including its whitespace rules
//   (a section tag alone on its line drops that line's newline and indentation; "\r" is dropped and
//   re-emitted only before "\n"). `{{name}}` is encoded with the content type's encoder,
//   `{{{name}}}` and `{{&name}}` are raw, `{{! … }}` is a comment. Names are trimmed (Java trim).
// - Encoders (CustomMustacheFactory.ENCODERS): JSON (the default, "application/json") escapes like
//   Jackson's JsonStringEncoder.quoteAsString (", \, control characters; nothing else); "text/plain"
//   writes values unchanged.
// - Lookup (ReflectionObjectHandler.find): for each scope from the innermost out, the whole name is
//   tried as a map key first ("realm.name" finds a flat key "realm.name"), then the dotted path; if
//   the first segment is found in a scope but a later one is not, the lookup stops there ("missing").
//   Only maps have keys (CustomReflectionObjectHandler.findMember always returns null); a list is
//   seen as a map with the keys "size" and "0", "1", … (CollectionMap) and an index outside the
//   list makes rendering fail (Iterables.get throws). `{{.}}` is the current scope.
// - Sections (BaseObjectHandler.iterate): nothing for null/missing, false and ""; a list renders the
//   body once per element with the element pushed (a null element renders the body without pushing);
//   any other value (true, a non-empty string, a number — even 0 —, a map — even empty) renders it
//   once with the value pushed. Inverted sections render when the value is null/missing, false, ""
//   or an empty list.
// - Values are printed with Java's toString: numbers as Integer/Long/Double would print, a list as
//   the CollectionMap it was coerced to ("{0=a, 1=b}"), a map as "{k=v}".
// - Elasticsearch functions: `{{#toJson}}name{{/toJson}}` (case-insensitive) writes a list or map
//   as JSON, any other value with toString, nothing for null — unencoded. `{{#join}}name{{/join}}`
//   and `{{#join delimiter='x'}}name{{/join delimiter='x'}}` join a list's elements (toString) with
//   "," or x; for anything else they write the body text itself (the name). `{{#url}}…{{/url}}`
//   URL-encodes (java.net.URLEncoder, UTF-8) what its body renders.
// - The output is limited to mustache.max_output_size_bytes (default 1mb, counted in characters).
//
// Not supported (TemplateUnsupportedError): partials `{{>x}}`, template inheritance `{{<x}}`,
// `{{$x}}`, `{{?x}}`, set-delimiter tags `{{=<% %>=}}`, pragmas `{{%x}}`, toJson/join whose body is
// not a plain name, and outputs that depend on something Elasticsearch leaves unspecified: the
// iteration order of a map with two or more keys (Java HashMap order), non-integral numbers that
// Java would print differently (subnormals) and values that are not JSON-like.
//
// Unordered collections: a JavaScript Set in the model stands for a Java Set whose iteration order
// is unspecified (role mappings: the user's `groups`). It renders in its JS iteration order, and
// renderTemplateTraced reports whether the output depended on that order.

/** Base class of every error thrown while compiling or rendering a template. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** The template uses something this renderer cannot evaluate exactly; `construct` names it. */
export class TemplateUnsupportedError extends TemplateError {
  override name = 'TemplateUnsupportedError';
  constructor(
    readonly construct: string,
    message: string,
  ) {
    super(message);
  }
}

/** Elasticsearch cannot compile this template (it rejects it when the role mapping or role is stored). */
export class TemplateSyntaxError extends TemplateError {
  override name = 'TemplateSyntaxError';
}

/** Elasticsearch compiles this template but rendering it with this model fails (so does the request that needs it). */
export class TemplateRuntimeError extends TemplateError {
  override name = 'TemplateRuntimeError';
}

export type TemplateContentType = 'json' | 'text';

export interface RenderOptions {
  /** Encoder for `{{name}}`: 'json' (Elasticsearch's default, application/json) or 'text' (text/plain). */
  contentType: TemplateContentType;
  /** The `detect_missing_params` script option: a `{{name}}` that resolves to nothing fails. */
  detectMissingParams?: boolean;
  /** mustache.max_output_size_bytes, in characters (default 1mb = 1048576). */
  maxOutputChars?: number;
}

export interface TracedRender {
  output: string;
  /** The output depended on the iteration order of a Set (of two or more elements) in the model. */
  orderDependent: boolean;
  /** A `{{#url}}` section encoded something. */
  urlEncoded: boolean;
}

/** Render `source` with `model` exactly as Elasticsearch would. Throws a TemplateError subclass otherwise. */
export function renderTemplate(source: string, model: Readonly<Record<string, unknown>>, options: RenderOptions): string {
  return renderTemplateTraced(source, model, options).output;
}

/** {@link renderTemplate}, also reporting whether the output depended on the iteration order of a Set. */
export function renderTemplateTraced(source: string, model: Readonly<Record<string, unknown>>, options: RenderOptions): TracedRender {
  const codes = compileTemplate(source);
  const r = new Renderer(options);
  const out: string[] = [];
  r.run(codes, [model], out);
  const output = out.join('');
  const limit = options.maxOutputChars ?? 1024 * 1024;
  if (output.length > limit) {
    throw new TemplateRuntimeError(`Mustache script result size limit exceeded (${output.length} > ${limit} characters)`);
  }
  return { output, orderDependent: r.orderDependent, urlEncoded: r.urlEncoded };
}

// ---------------------------------------------------------------------------------------------
// Compilation: mustache.java MustacheParser.compile + DefaultMustacheVisitor + ES's visitor
// ---------------------------------------------------------------------------------------------

/** A mustache.java Code: what it renders, then its `appended` text. */
type Code =
  | { kind: 'write'; appended: string }
  | { kind: 'comment'; appended: string }
  | { kind: 'value'; name: string; encoded: boolean; appended: string }
  | { kind: 'section'; name: string; body: Code[]; appended: string }
  | { kind: 'inverted'; name: string; body: Code[]; appended: string }
  | { kind: 'toJson'; variable: string; appended: string }
  | { kind: 'join'; variable: string; delimiter: string; appended: string }
  | { kind: 'url'; body: Code[]; appended: string };

const compiled = new Map<string, Code[]>();

function compileTemplate(source: string): Code[] {
  const hit = compiled.get(source);
  if (hit) return hit;
  const p: ParserState = { src: source, pos: 0, line: 0 };
  const codes = compile(p, null, true);
  if (compiled.size > 500) compiled.clear();
  compiled.set(source, codes);
  return codes;
}

interface ParserState {
  src: string;
  pos: number;
  line: number;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const EQUALS = 0x3d;

function read(p: ParserState): number {
  return p.pos < p.src.length ? p.src.charCodeAt(p.pos++) : -1;
}

/** java.lang.String.trim(): strips leading and trailing characters <= U+0020. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.substring(start, end);
}

function compile(p: ParserState, tag: string | null, startOfLineIn: boolean): Code[] {
  let startOfLine = startOfLineIn;
  const list: Code[] = [];
  const write = (text: string): void => {
    if (text.length === 0) return;
    const last = list[list.length - 1];
    if (last) last.appended += text;
    else list.push({ kind: 'write', appended: text });
  };
  let sawCR = false;
  let onlywhitespace = true;
  let iterable = p.line !== 0;
  if (p.line === 0) p.line = 1;
  let out = '';
  for (;;) {
    let c = read(p);
    if (c === -1) break;
    if (c === CR) {
      sawCR = true;
      continue;
    }
    if (c === LF) {
      p.line++;
      if (!iterable || !onlywhitespace) {
        if (sawCR) out += '\r';
        out += '\n';
      }
      write(out);
      out = '';
      iterable = false;
      onlywhitespace = true;
      startOfLine = true;
      continue;
    }
    sawCR = false;
    if (c === OPEN) {
      const mark = p.pos;
      if (read(p) === OPEN) {
        // Two mustaches: capture the command up to "}}" (or the end of the template).
        let sb = '';
        const afterOpen = p.pos;
        c = read(p);
        if (c === EQUALS) {
          throw new TemplateUnsupportedError('set-delimiter', 'set-delimiter tags ({{=<% %>=}}) are not supported');
        }
        p.pos = afterOpen;
        for (;;) {
          c = read(p);
          if (c === -1) break;
          const afterC = p.pos;
          if (c === CLOSE) {
            if (read(p) === CLOSE) break;
            p.pos = afterC;
          }
          sb += String.fromCharCode(c);
        }
        const command = sb;
        if (command.length === 0) throw new TemplateSyntaxError(`Empty mustache at line ${p.line}`);
        const ch = command.charAt(0);
        const variable = javaTrim(command.substring(1));
        switch (ch) {
          case '#':
          case '^':
          case '<':
          case '?':
          case '$': {
            if (ch !== '#' && ch !== '^') {
              const what = ch === '<' ? 'template inheritance ({{<parent}})' : ch === '$' ? 'blocks ({{$name}})' : 'name checks ({{?name}})';
              throw new TemplateUnsupportedError(`{{${ch}}}`, `${what} are not supported`);
            }
            startOfLine = startOfLine && onlywhitespace;
            const line = p.line;
            const body = compile(p, variable, startOfLine);
            const lines = p.line - line;
            if (!onlywhitespace || lines === 0) write(out);
            out = '';
            list.push(ch === '#' ? sectionCode(variable, body) : { kind: 'inverted', name: variable, body, appended: '' });
            iterable = lines !== 0;
            break;
          }
          case '/': {
            if (!startOfLine || !onlywhitespace) write(out);
            if (variable !== tag) {
              throw new TemplateSyntaxError(`Mismatched start/end tags: ${tag ?? '(none)'} != ${variable} at line ${p.line}`);
            }
            return list;
          }
          case '>':
            throw new TemplateUnsupportedError('{{>partial}}', `partials ({{>${variable}}}) are not supported`);
          case '{': {
            write(out);
            out = '';
            if (read(p) !== CLOSE) throw new TemplateSyntaxError(`Improperly closed variable at line ${p.line}`);
            list.push({ kind: 'value', name: variable, encoded: false, appended: '' });
            break;
          }
          case '&': {
            write(out);
            out = '';
            list.push({ kind: 'value', name: variable, encoded: false, appended: '' });
            break;
          }
          case '%':
            throw new TemplateUnsupportedError('{{%pragma}}', `pragmas ({{%${variable}}}) are not supported`);
          case '!': {
            list.push({ kind: 'comment', appended: '' });
            write(out);
            out = '';
            break;
          }
          default: {
            if (c === -1) throw new TemplateSyntaxError(`Improperly closed variable at line ${p.line}`);
            write(out);
            out = '';
            list.push({ kind: 'value', name: javaTrim(command), encoded: true, appended: '' });
          }
        }
        startOfLine = false;
        continue;
      }
      p.pos = mark;
    }
    onlywhitespace = onlywhitespace && (c === SPACE || c === TAB || c === CR);
    out += String.fromCharCode(c);
  }
  write(out);
  if (tag !== null) throw new TemplateSyntaxError(`Failed to close '${tag}' tag`);
  return list;
}

// Java's `.` (no DOTALL): any character but a line terminator.
const CUSTOM_JOIN = /^join delimiter='([^\n\r\u0085\u2028\u2029]*)'$/;

/** CustomMustacheFactory.CustomMustacheVisitor.iterable: ES's functions take precedence over sections. */
function sectionCode(variable: string, body: Code[]): Code {
  if (javaEqualsIgnoreCase(variable, 'toJson')) return { kind: 'toJson', variable: functionVariable('toJson', body), appended: '' };
  if (javaEqualsIgnoreCase(variable, 'join')) return { kind: 'join', variable: functionVariable('join', body), delimiter: ',', appended: '' };
  const custom = CUSTOM_JOIN.exec(variable);
  if (custom) return { kind: 'join', variable: functionVariable('join', body), delimiter: custom[1] ?? '', appended: '' };
  if (javaEqualsIgnoreCase(variable, 'url')) return { kind: 'url', body, appended: '' };
  return { kind: 'section', name: variable, body, appended: '' };
}

/** CustomCode.extractVariableName: exactly one code, whose text is the variable name (untrimmed). */
function functionVariable(fn: string, body: Code[]): string {
  if (body.length !== 1) throw new TemplateSyntaxError(`Mustache function [${fn}] must contain one and only one identifier`);
  const only = body[0] as Code;
  if (only.kind !== 'write') {
    throw new TemplateUnsupportedError(`{{#${fn}}}`, `the body of {{#${fn}}} must be a plain variable name, e.g. {{#${fn}}}groups{{/${fn}}}`);
  }
  return only.appended;
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

type Lookup = { found: true; value: unknown } | { found: false };
const MISSING: Lookup = { found: false };

class Renderer {
  orderDependent = false;
  urlEncoded = false;
  private readonly encode: (s: string) => string;

  constructor(private readonly options: RenderOptions) {
    this.encode = options.contentType === 'json' ? jsonEscape : (s) => s;
  }

  run(codes: readonly Code[], scopes: unknown[], out: string[]): void {
    for (const code of codes) {
      this.execute(code, scopes, out);
      out.push(code.appended);
    }
  }

  private execute(code: Code, scopes: unknown[], out: string[]): void {
    switch (code.kind) {
      case 'write':
      case 'comment':
        return;
      case 'value': {
        const r = this.get(code.name, scopes);
        if (!r.found && this.options.detectMissingParams) throw new TemplateRuntimeError(`Parameter [${code.name}] is missing`);
        if (r.found && r.value !== null && r.value !== undefined) {
          const s = this.stringify(r.value);
          out.push(code.encoded ? this.encode(s) : s);
        }
        return;
      }
      case 'section': {
        const r = this.get(code.name, scopes);
        if (r.found) this.iterate(r.value, code.body, scopes, out);
        return;
      }
      case 'inverted': {
        const r = this.get(code.name, scopes);
        if (!r.found || isFalsey(r.value)) this.run(code.body, scopes, out);
        return;
      }
      case 'toJson': {
        const r = this.get(code.variable, scopes);
        if (!r.found || r.value === null || r.value === undefined) return;
        const v = r.value;
        if (isList(v)) out.push(this.toJson(v));
        else if (isMapLike(v)) out.push(this.toJson(v));
        else out.push(this.javaToString(v));
        return;
      }
      case 'join': {
        const r = this.get(code.variable, scopes);
        if (r.found && isList(r.value)) {
          const parts = this.elements(r.value).map((e) => {
            if (e === null || e === undefined) throw new TemplateRuntimeError(`{{#join}}: the list ${code.variable} contains null (NullPointerException in Elasticsearch)`);
            return this.javaToString(e);
          });
          out.push(parts.join(code.delimiter));
        } else {
          out.push(code.variable);
        }
        return;
      }
      case 'url': {
        for (const inner of code.body) {
          const capture: string[] = [];
          this.execute(inner, scopes, capture);
          capture.push(inner.appended);
          const s = capture.join('');
          if (s.length > 0) this.urlEncoded = true;
          out.push(urlEncode(s));
        }
        // The body's codes were executed above, each with its own appended text: skip `run`.
        return;
      }
    }
  }

  /** DefaultCode.get: "." is the innermost scope, anything else goes through the binding (find). */
  private get(name: string, scopes: readonly unknown[]): Lookup {
    if (name === '.') return scopes.length === 0 ? MISSING : { found: true, value: scopes[scopes.length - 1] };
    return this.find(name, scopes);
  }

  /** ReflectionObjectHandler.find. */
  private find(name: string, scopes: readonly unknown[]): Lookup {
    next: for (let i = scopes.length - 1; i >= 0; i--) {
      const scope = scopes[i];
      if (scope === null || scope === undefined) continue;
      const simple = this.findIn(scope, name);
      if (simple.found) return simple;
      let current: unknown = scope;
      let subname = name;
      let dotted = false;
      let dot: number;
      while ((dot = subname.indexOf('.')) !== -1) {
        const lookup = subname.substring(0, dot);
        subname = subname.substring(dot + 1);
        dotted = true;
        const r = this.findIn(current, lookup);
        if (!r.found) continue next;
        current = r.value;
        if (current === null || current === undefined) break;
      }
      if (dotted) return this.findIn(current, subname);
    }
    return MISSING;
  }

  /** ReflectionObjectHandler.findWrapper on a (coerced) scope: only maps, and lists as CollectionMap. */
  private findIn(scope: unknown, key: string): Lookup {
    if (scope === null || scope === undefined) return MISSING;
    if (isList(scope)) {
      // CollectionMap.containsKey(key) = get(key) != null
      const v = this.collectionGet(scope, key);
      return v === null || v === undefined ? MISSING : { found: true, value: v };
    }
    if (scope instanceof Map) {
      if (!scope.has(key)) return MISSING;
      const v: unknown = scope.get(key);
      return v === undefined ? MISSING : { found: true, value: v };
    }
    if (isPlainObject(scope)) {
      if (!Object.prototype.hasOwnProperty.call(scope, key)) return MISSING;
      const v = scope[key];
      return v === undefined ? MISSING : { found: true, value: v };
    }
    if (isScalar(scope)) return MISSING;
    throw unsupportedValue(scope);
  }

  /** CustomReflectionObjectHandler.CollectionMap.get. */
  private collectionGet(list: readonly unknown[] | ReadonlySet<unknown>, key: string): unknown {
    const size = list instanceof Set ? list.size : (list as readonly unknown[]).length;
    if (key === 'size') return size;
    const index = javaParseInt(key);
    if (index === undefined) return null;
    if (index < 0) throw new TemplateRuntimeError(`list index [${key}]: position >= 0 (IllegalArgumentException in Elasticsearch)`);
    if (index >= size) throw new TemplateRuntimeError(`list index [${key}] is out of bounds for a list of ${size} (IndexOutOfBoundsException in Elasticsearch)`);
    if (list instanceof Set) {
      if (size > 1) this.orderDependent = true;
      return [...list][index];
    }
    return (list as readonly unknown[])[index];
  }

  /** BaseObjectHandler.iterate. */
  private iterate(value: unknown, body: readonly Code[], scopes: unknown[], out: string[]): void {
    if (value === null || value === undefined || value === false || value === '') return;
    if (isList(value)) {
      for (const e of this.elements(value)) this.next(e, body, scopes, out);
      return;
    }
    if (isScalar(value) || isMapLike(value)) {
      this.next(value, body, scopes, out);
      return;
    }
    throw unsupportedValue(value);
  }

  private next(value: unknown, body: readonly Code[], scopes: unknown[], out: string[]): void {
    const added = value !== null && value !== undefined;
    if (added) scopes.push(value);
    try {
      this.run(body, scopes, out);
    } finally {
      if (added) scopes.pop();
    }
  }

  private elements(list: readonly unknown[] | ReadonlySet<unknown>): unknown[] {
    if (list instanceof Set) {
      if (list.size > 1) this.orderDependent = true;
      return [...list];
    }
    return list as unknown[];
  }

  /** oh.stringify of a bound (coerced) value: a list prints as its CollectionMap. */
  private stringify(value: unknown): string {
    if (isList(value)) {
      return `{${this.elements(value)
        .map((e, i) => `${i}=${this.javaToString(e)}`)
        .join(', ')}}`;
    }
    return this.javaToString(value);
  }

  /** Object.toString of a JSON-like Java value (String, Integer/Long/Double, Boolean, List, Map). */
  private javaToString(value: unknown): string {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return javaNumber(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (isList(value)) return `[${this.elements(value).map((e) => this.javaToString(e)).join(', ')}]`;
    if (isMapLike(value)) {
      return `{${this.entries(value, 'printing a map')
        .map(([k, v]) => `${k}=${this.javaToString(v)}`)
        .join(', ')}}`;
    }
    throw unsupportedValue(value);
  }

  /** XContentBuilder.value(Object) into compact JSON (Jackson escaping and number formatting). */
  private toJson(value: unknown): string {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'string') return `"${jsonEscape(value)}"`;
    if (typeof value === 'number') return javaNumber(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (isList(value)) return `[${this.elements(value).map((e) => this.toJson(e)).join(',')}]`;
    if (isMapLike(value)) {
      return `{${this.entries(value, 'toJson of a map')
        .map(([k, v]) => `"${jsonEscape(k)}":${this.toJson(v)}`)
        .join(',')}}`;
    }
    throw unsupportedValue(value);
  }

  private entries(value: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>, what: string): [string, unknown][] {
    const entries: [string, unknown][] =
      value instanceof Map ? [...(value as ReadonlyMap<string, unknown>).entries()] : Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length > 1) {
      throw new TemplateUnsupportedError(
        'map iteration order',
        `${what} with ${entries.length} keys: Elasticsearch writes the keys in Java HashMap order, which cannot be reproduced`,
      );
    }
    return entries;
  }
}

/** BaseObjectHandler.falsey. */
function isFalsey(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return true;
  if (value instanceof Set) return value.size === 0;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function isList(v: unknown): v is readonly unknown[] | ReadonlySet<unknown> {
  return Array.isArray(v) || v instanceof Set;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isMapLike(v: unknown): v is ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>> {
  return v instanceof Map || isPlainObject(v);
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function unsupportedValue(v: unknown): TemplateUnsupportedError {
  const what = v === null ? 'null' : typeof v === 'object' ? ((v as object).constructor?.name ?? 'object') : typeof v;
  return new TemplateUnsupportedError('model value', `a template model value of type ${what} has no JSON equivalent`);
}

/** Integer.parseInt (radix 10), or undefined where Java throws NumberFormatException. */
function javaParseInt(s: string): number | undefined {
  if (/[^\p{ASCII}]/u.test(s) && /\p{Nd}/u.test(s)) {
    throw new TemplateUnsupportedError('non-ASCII digits', `the key "${s}" uses non-ASCII digits, which Java's Integer.parseInt accepts`);
  }
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  if (n > 2147483647 || n < -2147483648) return undefined;
  return n === 0 ? 0 : n;
}

/** Java's String.equalsIgnoreCase (per code point: equal, or equal upper case, or equal lower case of the upper case). */
export function javaEqualsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  if (a === b) return true;
  const ca = [...a];
  const cb = [...b];
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i] as string;
    const y = cb[i] as string;
    if (x === y) continue;
    const ux = simpleUpper(x);
    const uy = simpleUpper(y);
    if (ux === uy) continue;
    if (simpleLower(ux) === simpleLower(uy)) continue;
    return false;
  }
  return true;
}

/** Character.toUpperCase(int): the simple (one code point) mapping. */
function simpleUpper(cp: string): string {
  const u = cp.toUpperCase();
  return [...u].length === 1 ? u : cp;
}

/** Character.toLowerCase(int): the simple (one code point) mapping. */
function simpleLower(cp: string): string {
  if (cp === '\u0130') return 'i';
  const l = cp.toLowerCase();
  return [...l].length === 1 ? l : cp;
}

/**
 * How Java prints a JSON number that Jackson parsed: integral values as Integer/Long ("5"), others as
 * Double.toString (JDK 19+: the shortest digits that round-trip, "1.5", "1.0E-5", "1.2345678E7").
 * A JSON number written with a fraction or exponent but an integral value ("1.0") is a Double in
 * Java ("1.0") and cannot be told apart from "1" here: integral values print as integers.
 */
export function javaNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TemplateUnsupportedError('number', `${n} is not a JSON number`);
  if (Number.isInteger(n)) {
    if (Math.abs(n) > Number.MAX_SAFE_INTEGER) {
      throw new TemplateUnsupportedError('number', `${n} is beyond 2^53: its exact JSON digits are not known`);
    }
    return n === 0 ? '0' : String(n);
  }
  const abs = Math.abs(n);
  if (abs < 2.2250738585072014e-308) {
    throw new TemplateUnsupportedError('number', `${n} is subnormal: Java's Double.toString may choose other digits`);
  }
  const [mantissa, expPart] = abs.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expPart);
  const sign = n < 0 ? '-' : '';
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.substring(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.substring(exp + 1);
      return `${sign}${intPart}.${frac.length > 0 ? frac : '0'}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return `${sign}${digits.charAt(0)}.${digits.length > 1 ? digits.substring(1) : '0'}E${exp}`;
}

const HEX_UPPER = '0123456789ABCDEF';

/** Jackson JsonStringEncoder.quoteAsString: escapes ", \ and U+0000–U+001F (short forms for \b \t \n \f \r). */
export function jsonEscape(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c < 0x20) {
      if (c === 0x08) rep = '\\b';
      else if (c === 0x09) rep = '\\t';
      else if (c === 0x0a) rep = '\\n';
      else if (c === 0x0c) rep = '\\f';
      else if (c === 0x0d) rep = '\\r';
      else rep = `\\u00${HEX_UPPER[c >> 4]}${HEX_UPPER[c & 0xf]}`;
    }
    if (rep !== undefined) {
      out += s.substring(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.substring(last);
}

const utf8 = new TextEncoder();

/** java.net.URLEncoder.encode(s, UTF-8). */
function urlEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/^[A-Za-z0-9.\-*_]$/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else {
      const cp = ch.codePointAt(0) as number;
      const bytes = cp >= 0xd800 && cp <= 0xdfff ? Uint8Array.of(0x3f) : utf8.encode(ch);
      for (const b of bytes) out += `%${HEX_UPPER[b >> 4]}${HEX_UPPER[b & 0xf]}`;
    }
  }
  return out;
}
