/**
 * The index-pattern engine: how Elasticsearch 9.5 matches, compares and validates the index name
 * patterns of roles (`indices[].names`) and of `_has_privileges` requests. Pure, no I/O.
 *
 * All answers are exact automaton computations (see ./automaton.ts), reproducing ES's own:
 *  - a role's index group: `IndicesPermission.Group` builds `Automatons.patterns(names)` and, unless
 *    `allow_restricted_indices` is true, subtracts the restricted-names automaton
 *    (`Automatons.minusAndMinimize(patterns, restrictedIndices.getAutomaton())`);
 *  - a `_has_privileges` index entry: `IndicesPermission.checkResourcePrivileges` compiles EACH
 *    requested name on its own (`Automatons.patterns(forIndexPattern)`), subtracts the restricted
 *    automaton unless the request says `allow_restricted_indices: true` or the name is a *concrete*
 *    restricted name (no `*`, not a `/regex/`, and itself restricted), answers `false` for every
 *    privilege when what is left is empty, and otherwise asks `subsetOf(requested, group)`.
 *    (ES 9.5's RBACEngine calls it with `combineIndexGroups = false`: groups are only merged when
 *    they have the very same privileges.)
 *  - request-time matching of a concrete name (`Group.checkIndex`): `StringMatcher.of(names)`
 *    — a name without `/` prefix, `*` or `?` is compared by string equality, others by automaton —
 *    and, unless `allow_restricted_indices`, the name must not be restricted.
 *
 * Sources read (elastic/elasticsearch, 9.x, checked against the 9.5.3 jars' bytecode):
 *  x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/security/authz/permission/IndicesPermission.java
 *  x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/security/authz/RestrictedIndices.java
 *  x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/security/support/StringMatcher.java
 *  x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/security/action/role/RoleDescriptorRequestValidator.java
 *  server/src/main/java/org/elasticsearch/indices/SystemIndices.java, SystemIndexDescriptor.java
 */

import type { Automaton } from './automaton.js';
import {
  PatternSyntaxError,
  PatternTooComplexError,
  accepts,
  compilePattern,
  compilePatterns,
  compileRegex,
  exampleString,
  intersection,
  isEmpty,
  luceneRegexSyntaxError,
  minus,
  subsetOf,
  union,
} from './automaton.js';

// ---------------------------------------------------------------------------------------------
// Restricted indices
// ---------------------------------------------------------------------------------------------

/** One system index descriptor: its index pattern (SystemIndexDescriptor syntax) and alias. */
export interface SystemIndexDescriptorSpec {
  /** The plugin feature that registers it (informational). */
  readonly feature: string;
  /** Descriptor pattern: `*` means any string, `.` is literal, the rest is Lucene regex syntax. */
  readonly indexPattern: string;
  readonly aliasName?: string;
}

/** A system data stream: its name and the pattern of its backing indices (descriptor syntax). */
export interface SystemDataStreamSpec {
  readonly feature: string;
  readonly name: string;
  readonly backingIndexPattern: string;
}

/**
 * The system indices of an Elasticsearch 9.5 cluster whose only plugins are x-pack core and
 * security (the `integ-test-zip` distribution this project tests against: modules apm,
 * transport-netty4, x-pack-core, x-pack-security).
 *
 * Where the set comes from: `RestrictedIndices` wraps `IndexNameExpressionResolver
 * .getSystemNameAutomaton()` = `SystemIndices.getSystemNameAutomaton()`, the union of every
 * registered system index descriptor (index pattern + alias), every system data stream name and
 * its backing indices. The descriptors are the server's own features (`tasks`; `synonyms`, on
 * since the synonyms API left its feature flag) plus those of each loaded `SystemIndexPlugin`.
 * In this distribution only `Security` is a SystemIndexPlugin (`XPackPlugin` is not, and
 * `.async-search*`, `.fleet-*`, `.kibana*`, `.ml-*`, `.watches`, `.transform-internal-*`, … are
 * registered by modules that are absent here), and there are no system data streams.
 * This list was dumped from a real 9.5.3 `SystemIndices` built with those features.
 *
 * A default-distribution cluster has many more system indices: pass its own descriptors to
 * {@link buildRestrictedIndexAutomaton} and the result to the functions taking `restricted`.
 */
export const ES_9_CORE_SECURITY_SYSTEM_INDICES: readonly SystemIndexDescriptorSpec[] = [
  { feature: 'security', indexPattern: '.security-[0-9]+*', aliasName: '.security' },
  { feature: 'security', indexPattern: '.security-tokens-[0-9]+*', aliasName: '.security-tokens' },
  { feature: 'security', indexPattern: '.security-profile-[0-9]+*', aliasName: '.security-profile' },
  { feature: 'synonyms', indexPattern: '.synonyms-*', aliasName: '.synonyms' },
  { feature: 'tasks', indexPattern: '.tasks*' },
];

/** `SystemIndexDescriptor.patternToRegex` + `new RegExp(…).toAutomaton()` (Lucene default flags). */
function descriptorPatternAutomaton(pattern: string): Automaton {
  return compileRegex(pattern.replaceAll('.', '\\.').replaceAll('*', '.*'), { complement: false });
}

/** Build the restricted-names automaton from system index descriptors and data streams, as ES does. */
export function buildRestrictedIndexAutomaton(
  indices: readonly SystemIndexDescriptorSpec[],
  dataStreams: readonly SystemDataStreamSpec[] = [],
): Automaton {
  const parts: Automaton[] = [];
  for (const d of indices) {
    parts.push(descriptorPatternAutomaton(d.indexPattern));
    if (d.aliasName !== undefined) parts.push(descriptorPatternAutomaton(d.aliasName));
  }
  for (const ds of dataStreams) {
    parts.push(descriptorPatternAutomaton(ds.name), descriptorPatternAutomaton(ds.backingIndexPattern));
  }
  return union(...parts);
}

/** Names ES treats as restricted in a core+security 9.5 cluster (see {@link ES_9_CORE_SECURITY_SYSTEM_INDICES}). */
export const RESTRICTED_INDEX_AUTOMATON: Automaton = buildRestrictedIndexAutomaton(ES_9_CORE_SECURITY_SYSTEM_INDICES);

/** Is this concrete index/alias/data stream name restricted (a system name)? */
export function isRestrictedIndexName(name: string, restricted: Automaton = RESTRICTED_INDEX_AUTOMATON): boolean {
  return accepts(restricted, name);
}

/** `Automatons.isLuceneRegex`: longer than one char, starts and ends with `/`. */
export function isLuceneRegex(p: string): boolean {
  return p.length > 1 && p.startsWith('/') && p.endsWith('/');
}

/**
 * `IndicesPermission.isConcreteRestrictedIndex`: the requested name contains no `*` (note: a `?`
 * does not count — ES uses `Regex.isSimpleMatchPattern`, which only looks for `*`), is not a
 * `/regex/`, and the string itself is a restricted name.
 */
export function isConcreteRestrictedIndex(pattern: string, restricted: Automaton = RESTRICTED_INDEX_AUTOMATON): boolean {
  if (pattern.includes('*') || isLuceneRegex(pattern)) return false;
  return accepts(restricted, pattern);
}

/**
 * The automaton of the names a role's index group grants, exactly as `IndicesPermission.Group`
 * builds it: `Automatons.patterns(names)`, minus the restricted names unless
 * `allowRestrictedIndices`. Throws {@link PatternSyntaxError} for invalid patterns (ES then fails to
 * authorize anything with that role).
 */
export function effectiveIndexAutomaton(
  names: readonly string[],
  allowRestrictedIndices: boolean,
  restricted: Automaton = RESTRICTED_INDEX_AUTOMATON,
): Automaton {
  const a = compilePatterns(names);
  return allowRestrictedIndices ? a : minus(a, restricted);
}

/**
 * The automaton `_has_privileges` checks for ONE requested index name/pattern: the pattern on its
 * own, minus the restricted names unless `allowRestrictedIndices` (the request's flag, default
 * false) or the pattern is a concrete restricted name. EMPTY means ES answers `false` for every
 * requested privilege on it, whatever the role.
 */
export function requestedIndexAutomaton(
  pattern: string,
  allowRestrictedIndices: boolean,
  restricted: Automaton = RESTRICTED_INDEX_AUTOMATON,
): Automaton {
  const a = compilePattern(pattern);
  if (allowRestrictedIndices || isConcreteRestrictedIndex(pattern, restricted)) return a;
  return minus(a, restricted);
}

/**
 * Does one role index group (names + allow_restricted_indices) cover one `_has_privileges`
 * requested index entry (name + its allow_restricted_indices), as far as index names go?
 * (Privileges are checked separately.) Exact reproduction of ES's per-group check.
 */
export function groupCoversRequestedIndex(
  groupNames: readonly string[],
  groupAllowRestricted: boolean,
  requested: string,
  requestAllowRestricted: boolean,
  restricted: Automaton = RESTRICTED_INDEX_AUTOMATON,
): boolean {
  const check = requestedIndexAutomaton(requested, requestAllowRestricted, restricted);
  if (isEmpty(check)) return false;
  return subsetOf(check, effectiveIndexAutomaton(groupNames, groupAllowRestricted, restricted));
}

// ---------------------------------------------------------------------------------------------
// Matching, covering, overlapping
// ---------------------------------------------------------------------------------------------

/** Which kind of pattern this is, by ES's own rule (StringMatcher / Automatons). */
export function classifyPattern(p: string): 'exact' | 'wildcard' | 'regex' {
  if (p.startsWith('/')) return 'regex';
  if (p.includes('*') || p.includes('?')) return 'wildcard';
  return 'exact';
}

/**
 * Does `pattern` match the name `indexName`, by the pattern's automaton (the semantics of
 * `Automatons.predicate` / `_has_privileges`)? An invalid pattern matches nothing (ES cannot
 * authorize anything through it). Pure restricted-index rules are NOT applied here: see
 * {@link indexGroupMatches}.
 *
 * Note: at request time ES compares a pattern without `/` prefix, `*` and `?` by plain string
 * equality (StringMatcher), so such a pattern containing `\` (e.g. `a\b`) matches `ab` here (and in
 * `_has_privileges`) but only the impossible index name `a\b` at request time.
 */
export function matches(pattern: string, indexName: string): boolean {
  if (pattern.length === 0) return false; // "" compiles to the empty language in ES
  if (!/^\/|[*?\\]/.test(pattern)) return pattern === indexName;
  let a: Automaton;
  try {
    a = compilePattern(pattern);
  } catch (e) {
    if (e instanceof PatternSyntaxError || e instanceof PatternTooComplexError) return false;
    throw e;
  }
  return accepts(a, indexName);
}

/** ES's `StringMatcher.of(patterns).test(name)`: exact patterns by equality, the others by automaton. */
export function stringMatcherMatches(patterns: readonly string[], name: string): boolean {
  const exact = new Set<string>();
  const others: string[] = [];
  for (const p of patterns) {
    if (p.startsWith('/') || p.includes('*') || p.includes('?')) others.push(p);
    else exact.add(p);
  }
  if (exact.has(name)) return true;
  if (others.length === 0) return false;
  if (others.includes('*')) return true;
  try {
    return accepts(compilePatterns(others), name);
  } catch (e) {
    if (e instanceof PatternSyntaxError || e instanceof PatternTooComplexError) return false;
    throw e;
  }
}

/**
 * Request-time check of one concrete index/alias/data-stream name against one role index group
 * (`IndicesPermission.Group.checkIndex`): StringMatcher match and, unless the group allows
 * restricted indices, the name is not restricted.
 */
export function indexGroupMatches(
  groupNames: readonly string[],
  allowRestrictedIndices: boolean,
  indexName: string,
  restricted: Automaton = RESTRICTED_INDEX_AUTOMATON,
): boolean {
  if (!stringMatcherMatches(groupNames, indexName)) return false;
  return allowRestrictedIndices || !accepts(restricted, indexName);
}

const asList = (x: string | readonly string[]): readonly string[] => (typeof x === 'string' ? [x] : x);

/** Each of `b` compiled on its own (as `_has_privileges` compiles each requested name), united. */
function requestedUnion(b: string | readonly string[]): Automaton {
  return union(...asList(b).map((p) => compilePattern(p)));
}

/**
 * Exact: is every name matched by any pattern of `b` matched by `a`? `a` is compiled as a role's
 * name list (`Automatons.patterns(a)`), each pattern of `b` on its own (as `_has_privileges` does
 * with requested names). No restricted-index rules (see {@link groupCoversRequestedIndex}).
 * Throws {@link PatternSyntaxError} / {@link PatternTooComplexError} for invalid patterns.
 *
 * `covers('logs-*', 'logs-app-*')` is true; the reverse is false.
 */
export function covers(a: string | readonly string[], b: string | readonly string[]): boolean {
  return subsetOf(requestedUnion(b), compilePatterns(asList(a)));
}

/**
 * Exact: is there a name matched both by `a` (compiled as a name list) and by some pattern of `b`?
 * Throws for invalid patterns. `overlaps('logs-*', '*-prod')` is true (e.g. `logs-prod`).
 */
export function overlaps(a: string | readonly string[], b: string | readonly string[]): boolean {
  return !isEmpty(intersection(compilePatterns(asList(a)), requestedUnion(b)));
}

/** A shortest name matched by `b` but not by `a` (why `a` does not cover `b`), if any. */
export function uncoveredExample(a: string | readonly string[], b: string | readonly string[]): string | undefined {
  return exampleString(minus(requestedUnion(b), compilePatterns(asList(a))));
}

/** A shortest name matched by both, if any. */
export function overlapExample(a: string | readonly string[], b: string | readonly string[]): string | undefined {
  return exampleString(intersection(compilePatterns(asList(a)), requestedUnion(b)));
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export type PatternValidation = { ok: true; warnings?: string[] } | { ok: false; message: string };

// Characters Elasticsearch never allows in index, alias or data stream names
// (MetadataCreateIndexService.validateIndexOrAliasName: \ / * ? " < > | space , #; and ':').
const INVALID_NAME_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':'];

/** The literal characters of a wildcard pattern (escapes resolved, `*`/`?` dropped). */
function wildcardLiterals(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; ) {
    const c = p.codePointAt(i) as number;
    let len = c > 0xffff ? 2 : 1;
    if (c === 0x2a || c === 0x3f) {
      // wildcards: no literal text
    } else if (c === 0x5c && i + len < p.length) {
      const n = p.codePointAt(i + len) as number;
      len += n > 0xffff ? 2 : 1;
      out += String.fromCodePoint(n);
    } else out += String.fromCodePoint(c);
    i += len;
  }
  return out;
}

/**
 * Validate one pattern for a role's `indices[].names` the way Elasticsearch 9.5 does when the role
 * is created (RoleDescriptorRequestValidator), plus the failures ES only hits later, when it
 * compiles the role to authorize a request (those make every request using the role fail):
 *  - `::` (selectors) is rejected;
 *  - a pattern starting with `/` must end with `/` and be a valid Lucene regular expression;
 *  - a non-regex pattern must not contain `,`;
 *  - at authorization time: named automata `<name>` and `~` (complement) misuse fail; overly
 *    complex regexes are refused.
 * Patterns ES accepts but that cannot do what was probably meant produce `warnings`: matching
 * nothing, uppercase (index and data stream names are lowercase), characters no index name can
 * contain, `~` meaning complement, and — when `options.allowRestrictedIndices` is not true —
 * patterns that only cover restricted (system) indices and therefore grant nothing.
 */
export function validateIndexPattern(p: string, options: { allowRestrictedIndices?: boolean } = {}): PatternValidation {
  const quoted = JSON.stringify(p);
  if (p.includes('::')) {
    return {
      ok: false,
      message: `Index pattern ${quoted} contains "::": selectors (e.g. "::failures") are not allowed in role index names; grant the "read_failure_store" privilege instead.`,
    };
  }
  const warnings: string[] = [];
  let automaton: Automaton;
  if (p.startsWith('/')) {
    if (p.length === 1 || !p.endsWith('/')) {
      return {
        ok: false,
        message:
          `Index pattern ${quoted} starts with "/" so Elasticsearch treats it as a regular expression, which must also end with "/" ` +
          '(e.g. "/logs-[0-9]+/"). For a plain name or wildcard, remove the leading "/" (index names cannot contain "/").',
      };
    }
    const body = p.slice(1, -1);
    const atCreate = luceneRegexSyntaxError(body, false);
    if (atCreate) {
      return { ok: false, message: regexMessage(p, body, atCreate, 'Elasticsearch rejects the role') };
    }
    const atAuthz = luceneRegexSyntaxError(body, true);
    if (atAuthz) {
      return {
        ok: false,
        message: regexMessage(
          p,
          body,
          atAuthz,
          'Elasticsearch would store the role but fail every authorization that uses it, because its authorization compiler treats "~" as the complement operator',
        ),
      };
    }
    try {
      automaton = compilePattern(p);
    } catch (e) {
      if (e instanceof PatternSyntaxError) {
        const named = /^'(.*)' not found$/.exec(e.esMessage);
        return {
          ok: false,
          message: named
            ? `Index pattern ${quoted} uses "<${named[1]}>", a Lucene named automaton; Elasticsearch defines none, so it would store the role but fail every authorization that uses it. For a numeric range use "<1-10>"; for a literal "<" write "\\<".`
            : e.message,
        };
      }
      if (e instanceof PatternTooComplexError) return { ok: false, message: `Index pattern ${quoted}: ${e.message}` };
      throw e;
    }
    if (body.includes('~')) {
      warnings.push(
        `In ${quoted}, "~" is the complement operator ("~(x)" = every string except x), e.g. "/~(\\.security.*)/" matches all names not starting with ".security"; write "\\~" for a literal "~".`,
      );
    }
  } else {
    if (p.includes(',')) {
      return {
        ok: false,
        message: `Index pattern ${quoted} contains ",": list the names as separate entries of "names" instead of a comma-separated string.`,
      };
    }
    try {
      automaton = compilePattern(p);
    } catch (e) {
      if (e instanceof PatternTooComplexError) return { ok: false, message: `Index pattern ${quoted}: ${e.message}` };
      throw e;
    }
    const literals = wildcardLiterals(p);
    const bad = INVALID_NAME_CHARS.filter((c) => literals.includes(c));
    if (bad.length) {
      warnings.push(
        `${quoted} contains ${bad.map((c) => JSON.stringify(c)).join(', ')} as literal text, which no index, alias or data stream name can contain, so that part can never match (newer Elasticsearch versions reject such patterns).`,
      );
    }
    if (classifyPattern(p) === 'exact' && p.includes('\\')) {
      warnings.push(
        `${quoted} has no wildcard but contains "\\": Elasticsearch compares such names literally at request time (matching the impossible name ${quoted}) while _has_privileges unescapes it (${JSON.stringify(literals)}); write the name without "\\".`,
      );
    }
    if (literals !== literals.toLowerCase()) {
      warnings.push(
        `${quoted} contains uppercase letters: index and data stream names are always lowercase, so it can only match aliases (newer Elasticsearch versions reject uppercase patterns).`,
      );
    }
    if (classifyPattern(p) === 'exact' && /^[-_+]/.test(p)) {
      warnings.push(`${quoted} starts with "${p[0]}", which index names cannot start with.`);
    }
  }
  if (isEmpty(automaton)) {
    warnings.push(
      p === '' ? 'The empty pattern "" matches no index at all.' : `${quoted} matches no name at all (its language is empty).`,
    );
  } else if (!options.allowRestrictedIndices && isEmpty(minus(automaton, RESTRICTED_INDEX_AUTOMATON))) {
    warnings.push(
      `${quoted} only matches restricted (system) indices such as ${JSON.stringify(exampleString(automaton))}; without "allow_restricted_indices": true it grants nothing.`,
    );
  }
  return warnings.length ? { ok: true, warnings } : { ok: true };
}

function regexMessage(p: string, body: string, err: { message: string; position: number }, consequence: string): string {
  const at = err.position >= 0 ? ` at character ${Math.min(err.position, body.length)} ("${body.slice(0, err.position)}⟨HERE⟩${body.slice(err.position)}")` : '';
  return (
    `Index pattern ${JSON.stringify(p)} is not a valid Lucene regular expression: ${err.message}${at}. ${consequence}. ` +
    'Lucene regex syntax differs from Java/JS: reserved characters . ? + * | { } [ ] ( ) " \\ # @ & < > ~ must be escaped with \\, ' +
    'and there are no anchors (^ $): the whole name must match.'
  );
}

/**
 * Validate a whole `indices[].names` list: each pattern, plus the list-level behaviour of
 * `Automatons.patterns(list)` (which strips leading/trailing `*` before compiling when several
 * patterns are compiled together: `["**", "x"]` drops `**`, `["*\/", "x"]` fails).
 */
export function validateIndexPatternList(
  names: readonly string[],
  options: { allowRestrictedIndices?: boolean } = {},
): PatternValidation {
  if (names.length === 0) return { ok: false, message: 'The list of index names is empty: a role index entry needs at least one name or pattern.' };
  const warnings: string[] = [];
  for (const n of names) {
    const r = validateIndexPattern(n, options);
    if (!r.ok) return r;
    if (r.warnings) warnings.push(...r.warnings);
  }
  let list: Automaton;
  try {
    list = compilePatterns(names);
  } catch (e) {
    if (e instanceof PatternSyntaxError || e instanceof PatternTooComplexError) return { ok: false, message: e.message };
    throw e;
  }
  const separately = union(...names.map((n) => compilePattern(n)));
  if (list !== separately) {
    const lost = exampleString(minus(separately, list));
    const gained = exampleString(minus(list, separately));
    warnings.push(
      'Elasticsearch compiles this list of patterns differently from the patterns one by one (it strips a leading/trailing "*" and compiles the rest on its own)' +
        (lost !== undefined ? `; e.g. ${JSON.stringify(lost)} is NOT matched by the list although one pattern alone matches it` : '') +
        (gained !== undefined ? `; e.g. ${JSON.stringify(gained)} IS matched by the list although no pattern alone matches it` : '') +
        '. Avoid "**", "*/…" and "\\*" at the end of patterns.',
    );
  }
  if (!options.allowRestrictedIndices && !isEmpty(list) && isEmpty(minus(list, RESTRICTED_INDEX_AUTOMATON))) {
    warnings.push('These names only cover restricted (system) indices; without "allow_restricted_indices": true the entry grants nothing.');
  }
  return warnings.length ? { ok: true, warnings: [...new Set(warnings)] } : { ok: true };
}

