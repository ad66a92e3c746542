/**
 * Exact finite automata over Unicode code points, and a compiler for Elasticsearch's
 * security name patterns (index names, action names, …) that reproduces
 * `org.elasticsearch.xpack.core.security.support.Automatons` of Elasticsearch 9.5.x
 * (Lucene 10.5) language-for-language.
 *
 * Everything here is pure (no I/O). An {@link Automaton} is an immutable, minimal, trimmed
 * deterministic automaton: states are numbered canonically, every state is reachable and can
 * reach an accepting state (there is no dead state: a missing transition rejects), and each
 * state's transitions are sorted, disjoint code-point intervals. Because the form is canonical,
 * two automata with the same language are the same object (they are interned).
 *
 * Semantics reproduced from the Elasticsearch / Lucene sources (read for this file):
 *  - x-pack/plugin/core/.../security/support/Automatons.java (9.5.3, checked against the shipped
 *    jar's bytecode): `pattern(String)`, `patterns(Collection)`, `wildcard(String)`.
 *  - lucene/core/.../util/automaton/RegExp.java (10.x) for the regular-expression syntax.
 *
 * Notable behaviours (all verified against the real ES 9.5.3 jars):
 *  - A pattern starting with `/` must also end with `/` (and be longer than 1 char), else it is an
 *    error. The body is parsed by Lucene `RegExp` with flags `ALL | DEPRECATED_COMPLEMENT`
 *    (0x100FF): `&` intersection, `~` complement (of any expression), `#` empty language,
 *    `@` any string, `<n-m>` numeric intervals, and `<name>` named automata (always an error at
 *    compile time: ES supplies no names).
 *  - Wildcards: `*` any string, `?` any single code point, `\x` the code point x literally
 *    (a trailing lone `\` is a literal backslash), everything else literal. Iteration is by code
 *    point.
 *  - The empty pattern `""` matches nothing (Lucene's concatenation of zero automata is the empty
 *    language), not the empty string.
 *  - A list of patterns is NOT always the plain union of its members: see {@link compilePatterns}.
 */

/** The largest Unicode code point; the alphabet is 0..MAX_CODE_POINT. */
export const MAX_CODE_POINT = 0x10ffff;

// ---------------------------------------------------------------------------------------------
// The automaton type
// ---------------------------------------------------------------------------------------------

let nextId = 1;

/**
 * A minimal, trimmed DFA in canonical form. State 0 is the initial state (when there are states);
 * an automaton with no states accepts nothing. `tr[s]` holds triples `min, max, dest`.
 */
class Dfa {
  /** Unique per distinct language (automata are interned). */
  readonly id: number;
  readonly size: number;
  readonly accept: Uint8Array;
  readonly tr: readonly Int32Array[];
  readonly signature: string;

  constructor(size: number, accept: Uint8Array, tr: readonly Int32Array[], signature: string) {
    this.id = nextId++;
    this.size = size;
    this.accept = accept;
    this.tr = tr;
    this.signature = signature;
  }
}

/**
 * Opaque: a deterministic finite automaton over Unicode code points whose transitions are labelled
 * by disjoint code-point intervals. Immutable and interned: equal languages ⇔ identical objects.
 */
export type Automaton = Dfa;

/** Thrown for a syntactically invalid pattern (bad regular expression, `/` without closing `/`). */
export class PatternSyntaxError extends Error {
  /** The whole pattern as given (including the surrounding slashes of a regex). */
  readonly pattern: string;
  /** UTF-16 index into `pattern` where the problem was detected, when known. */
  readonly position: number | undefined;
  /** The message Elasticsearch/Lucene itself gives for this pattern. */
  readonly esMessage: string;

  constructor(message: string, pattern: string, esMessage: string, position?: number) {
    super(message);
    this.name = 'PatternSyntaxError';
    this.pattern = pattern;
    this.esMessage = esMessage;
    this.position = position;
  }
}

/** Thrown when a pattern's automaton would be unreasonably large (ES would refuse it as well). */
export class PatternTooComplexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternTooComplexError';
  }
}

// Interning table: canonical signature -> automaton. Bounded; clearing only loses sharing.
const INTERN_LIMIT = 50_000;
const interned = new Map<string, Dfa>();

function intern(size: number, accept: Uint8Array, tr: Int32Array[]): Dfa {
  const parts: string[] = [];
  for (let s = 0; s < size; s++) {
    parts.push(accept[s] ? 'A' : 'N');
    const t = tr[s] as Int32Array;
    for (let i = 0; i < t.length; i++) parts.push(String(t[i]));
    parts.push(';');
  }
  const sig = parts.join(' ');
  const hit = interned.get(sig);
  if (hit) return hit;
  if (interned.size >= INTERN_LIMIT) {
    interned.clear();
    for (const p of pinned) interned.set(p.signature, p);
  }
  const d = new Dfa(size, accept, tr, sig);
  interned.set(sig, d);
  return d;
}

/** Automata that stay interned forever (identity checks against them must keep working). */
const pinned: Dfa[] = [];

/** The empty language. */
export const EMPTY: Automaton = intern(0, new Uint8Array(0), []);
/** The language of all strings (including the empty string). */
export const TOTAL: Automaton = intern(1, Uint8Array.of(1), [Int32Array.of(0, MAX_CODE_POINT, 0)]);
pinned.push(EMPTY, TOTAL);

// ---------------------------------------------------------------------------------------------
// Limits (ES refuses overly complex automata too: TooComplexToDeterminizeException)
// ---------------------------------------------------------------------------------------------

const MAX_DFA_STATES = 100_000;
const MAX_NFA_STATES = 1_000_000;
const MAX_DETERMINIZE_EFFORT = 20_000_000;

function tooComplex(what: string): never {
  throw new PatternTooComplexError(
    `${what}: the automaton is too large to evaluate (more than ${MAX_DFA_STATES} states or equivalent work); ` +
      'Elasticsearch would reject it as too complex to determinize as well. Simplify the pattern.',
  );
}

// ---------------------------------------------------------------------------------------------
// Building raw DFAs and bringing them to canonical form
// ---------------------------------------------------------------------------------------------

/** A raw (possibly non-minimal, possibly with dead/unreachable states) DFA under construction. */
interface RawDfa {
  accept: boolean[];
  /** per state: flat triples min,max,dest; need not be sorted or merged, but must be disjoint. */
  tr: number[][];
}

function sortTriples(t: readonly number[]): number[] {
  const n = t.length / 3;
  if (n <= 1) return t.slice();
  const idx: number[] = [];
  for (let i = 0; i < n; i++) idx.push(i);
  idx.sort((x, y) => (t[x * 3] as number) - (t[y * 3] as number));
  const out: number[] = [];
  for (const i of idx) out.push(t[i * 3] as number, t[i * 3 + 1] as number, t[i * 3 + 2] as number);
  return out;
}

/** Trim, minimize (Moore partition refinement), canonicalize and intern a raw DFA (start = 0). */
function finish(raw: RawDfa): Dfa {
  const n = raw.accept.length;
  if (n === 0) return EMPTY;
  // 1. reachable from 0
  const reach = new Uint8Array(n);
  const stack: number[] = [0];
  reach[0] = 1;
  while (stack.length) {
    const s = stack.pop() as number;
    const t = raw.tr[s] as number[];
    for (let i = 2; i < t.length; i += 3) {
      const d = t[i] as number;
      if (!reach[d]) {
        reach[d] = 1;
        stack.push(d);
      }
    }
  }
  // 2. co-reachable (can reach an accepting state)
  const rev: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < n; s++) {
    if (!reach[s]) continue;
    const t = raw.tr[s] as number[];
    for (let i = 2; i < t.length; i += 3) (rev[t[i] as number] as number[]).push(s);
  }
  const live = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    if (reach[s] && raw.accept[s]) {
      live[s] = 1;
      stack.push(s);
    }
  }
  while (stack.length) {
    const s = stack.pop() as number;
    for (const p of rev[s] as number[]) {
      if (!live[p]) {
        live[p] = 1;
        stack.push(p);
      }
    }
  }
  if (!live[0]) return EMPTY;
  // 3. compact live states, sort transitions
  const map = new Int32Array(n).fill(-1);
  const states: number[] = [];
  for (let s = 0; s < n; s++) {
    if (live[s]) {
      map[s] = states.length;
      states.push(s);
    }
  }
  const m = states.length;
  const acc = new Uint8Array(m);
  const tr: number[][] = [];
  for (let i = 0; i < m; i++) {
    const s = states[i] as number;
    acc[i] = raw.accept[s] ? 1 : 0;
    const t = raw.tr[s] as number[];
    const kept: number[] = [];
    for (let j = 0; j < t.length; j += 3) {
      const d = map[t[j + 2] as number] as number;
      if (d >= 0) kept.push(t[j] as number, t[j + 1] as number, d);
    }
    tr.push(sortTriples(kept));
  }
  // 4. Moore refinement: classes by acceptance, then by (class, transitions mapped to classes).
  let cls = new Int32Array(m);
  let count: number;
  {
    const seen = new Map<number, number>();
    for (let s = 0; s < m; s++) {
      const k = acc[s] as number;
      let c = seen.get(k);
      if (c === undefined) {
        c = seen.size;
        seen.set(k, c);
      }
      cls[s] = c;
    }
    count = seen.size;
  }
  for (;;) {
    const seen = new Map<string, number>();
    const next = new Int32Array(m);
    for (let s = 0; s < m; s++) {
      const t = tr[s] as number[];
      let key = String(cls[s]);
      let pmin = -2;
      let pmax = -2;
      let pc = -2;
      for (let j = 0; j < t.length; j += 3) {
        const mn = t[j] as number;
        const mx = t[j + 1] as number;
        const c = cls[t[j + 2] as number] as number;
        if (c === pc && mn === pmax + 1) {
          pmax = mx;
        } else {
          if (pc !== -2) key += `|${pmin},${pmax},${pc}`;
          pmin = mn;
          pmax = mx;
          pc = c;
        }
      }
      if (pc !== -2) key += `|${pmin},${pmax},${pc}`;
      let c = seen.get(key);
      if (c === undefined) {
        c = seen.size;
        seen.set(key, c);
      }
      next[s] = c;
    }
    const changed = seen.size !== count;
    cls = next;
    count = seen.size;
    if (!changed) break;
  }
  // 5. canonical numbering: BFS from the initial state's class, transitions in order.
  const repr = new Int32Array(count).fill(-1);
  for (let s = 0; s < m; s++) if ((repr[cls[s] as number] as number) < 0) repr[cls[s] as number] = s;
  const order = new Int32Array(count).fill(-1);
  const queue: number[] = [cls[0] as number];
  order[cls[0] as number] = 0;
  let nextNo = 1;
  for (let qi = 0; qi < queue.length; qi++) {
    const c = queue[qi] as number;
    const t = tr[repr[c] as number] as number[];
    for (let j = 2; j < t.length; j += 3) {
      const dc = cls[t[j] as number] as number;
      if ((order[dc] as number) < 0) {
        order[dc] = nextNo++;
        queue.push(dc);
      }
    }
  }
  const outAcc = new Uint8Array(count);
  const outTr: Int32Array[] = new Array<Int32Array>(count);
  for (const c of queue) {
    const s = repr[c] as number;
    const no = order[c] as number;
    outAcc[no] = acc[s] as number;
    const t = tr[s] as number[];
    const merged: number[] = [];
    for (let j = 0; j < t.length; j += 3) {
      const mn = t[j] as number;
      const mx = t[j + 1] as number;
      const d = order[cls[t[j + 2] as number] as number] as number;
      const L = merged.length;
      if (L && merged[L - 1] === d && (merged[L - 2] as number) + 1 === mn) merged[L - 2] = mx;
      else merged.push(mn, mx, d);
    }
    outTr[no] = Int32Array.from(merged);
  }
  return intern(count, outAcc, outTr);
}

// ---------------------------------------------------------------------------------------------
// NFA (Thompson) and subset construction
// ---------------------------------------------------------------------------------------------

class Nfa {
  readonly eps: number[][] = [];
  readonly tr: number[][] = [];

  get size(): number {
    return this.eps.length;
  }

  state(): number {
    if (this.eps.length >= MAX_NFA_STATES) tooComplex('pattern');
    this.eps.push([]);
    this.tr.push([]);
    return this.eps.length - 1;
  }

  epsilon(from: number, to: number): void {
    (this.eps[from] as number[]).push(to);
  }

  edge(from: number, min: number, max: number, to: number): void {
    (this.tr[from] as number[]).push(min, max, to);
  }
}

interface Frag {
  start: number;
  end: number;
}

/** Emit a DFA into an NFA as a fragment with a single exit state. */
function emitDfa(nfa: Nfa, a: Dfa): Frag {
  const start = nfa.state();
  const end = nfa.state();
  if (a.size === 0) return { start, end };
  const base: number[] = [];
  for (let s = 0; s < a.size; s++) base.push(nfa.state());
  nfa.epsilon(start, base[0] as number);
  for (let s = 0; s < a.size; s++) {
    const from = base[s] as number;
    const t = a.tr[s] as Int32Array;
    for (let j = 0; j < t.length; j += 3) nfa.edge(from, t[j] as number, t[j + 1] as number, base[t[j + 2] as number] as number);
    if (a.accept[s]) nfa.epsilon(from, end);
  }
  return { start, end };
}

/**
 * Lucene's determinization gives up (TooComplexToDeterminizeException) once the summed size of the
 * NFA state sets it has built exceeds 10 × the work limit; ES uses a work limit of 10,000 when it
 * compiles a pattern. We count the same quantity over the states of our NFA that carry a labelled
 * transition or accept (what Lucene's epsilon-free NFAs consist of). On the patterns we measured
 * (e.g. `/(a|b)*a(a|b){12}/` accepted, `{13}` refused; `/.*a.{0,12}/` accepted, `{0,13}` refused)
 * this lands on the same side of the limit as ES; it is an approximation near the boundary.
 */
const ES_DETERMINIZE_EFFORT_LIMIT = 100_000;

/** Subset construction over interval labels; returns the canonical minimal DFA. */
function determinize(nfa: Nfa, start: number, end: number, esEffortLimit = Infinity): Dfa {
  const n = nfa.size;
  // Dead states (that cannot reach `end`) are ignored, as Lucene removes them (its operations
  // return a state-less automaton for an empty language, so e.g. `x(a&b)` costs nothing).
  const live = new Uint8Array(n);
  {
    const rev: number[][] = Array.from({ length: n }, () => []);
    for (let s = 0; s < n; s++) {
      for (const d of nfa.eps[s] as number[]) (rev[d] as number[]).push(s);
      const t = nfa.tr[s] as number[];
      for (let j = 2; j < t.length; j += 3) (rev[t[j] as number] as number[]).push(s);
    }
    const stack = [end];
    live[end] = 1;
    while (stack.length) {
      for (const p of rev[stack.pop() as number] as number[]) {
        if (!live[p]) {
          live[p] = 1;
          stack.push(p);
        }
      }
    }
  }
  if (!live[start]) return EMPTY;
  const stamp = new Int32Array(n);
  let epoch = 0;
  const closure = (seeds: readonly number[]): number[] => {
    epoch++;
    const out: number[] = [];
    const stack: number[] = [];
    for (const s of seeds) {
      if (stamp[s] !== epoch && live[s]) {
        stamp[s] = epoch;
        stack.push(s);
      }
    }
    while (stack.length) {
      const s = stack.pop() as number;
      out.push(s);
      for (const d of nfa.eps[s] as number[]) {
        if (stamp[d] !== epoch && live[d]) {
          stamp[d] = epoch;
          stack.push(d);
        }
      }
    }
    out.sort((x, y) => x - y);
    return out;
  };
  const raw: RawDfa = { accept: [], tr: [] };
  const index = new Map<string, number>();
  const sets: number[][] = [];
  let effort = 0;
  let esEffort = 0;
  const lookup = (set: number[]): number => {
    const key = set.join(',');
    let id = index.get(key);
    if (id === undefined) {
      id = sets.length;
      if (id >= MAX_DFA_STATES) tooComplex('pattern');
      effort += set.length;
      if (effort > MAX_DETERMINIZE_EFFORT) tooComplex('pattern');
      if (esEffortLimit !== Infinity) {
        for (const x of set) if ((nfa.tr[x] as number[]).length > 0 || x === end) esEffort++;
        if (esEffort > esEffortLimit) {
          throw new PatternTooComplexError(
            'Elasticsearch would refuse this pattern as too complex to determinize (TooComplexToDeterminizeException: ' +
              'it needs more than the 10000 work units ES allows per pattern); bounded repetitions after an unbounded one ' +
              '(like ".*a.{0,20}" or "(a|b)*a(a|b){15}") are the usual cause. Simplify the pattern.',
          );
        }
      }
      index.set(key, id);
      sets.push(set);
      raw.accept.push(set.includes(end));
      raw.tr.push([]);
    }
    return id;
  };
  lookup(closure([start]));
  for (let i = 0; i < sets.length; i++) {
    const set = sets[i] as number[];
    // collect the labelled transitions of the set
    const mins: number[] = [];
    const maxs: number[] = [];
    const dests: number[] = [];
    for (const s of set) {
      const t = nfa.tr[s] as number[];
      for (let j = 0; j < t.length; j += 3) {
        if (!live[t[j + 2] as number]) continue;
        mins.push(t[j] as number);
        maxs.push(t[j + 1] as number);
        dests.push(t[j + 2] as number);
      }
    }
    if (mins.length === 0) continue;
    const pts = new Set<number>();
    for (let j = 0; j < mins.length; j++) {
      pts.add(mins[j] as number);
      pts.add((maxs[j] as number) + 1);
    }
    const points = [...pts].sort((x, y) => x - y);
    const out = raw.tr[i] as number[];
    for (let k = 0; k + 1 < points.length; k++) {
      const lo = points[k] as number;
      const hi = (points[k + 1] as number) - 1;
      const targets: number[] = [];
      for (let j = 0; j < mins.length; j++) {
        if ((mins[j] as number) <= lo && (maxs[j] as number) >= hi) targets.push(dests[j] as number);
      }
      if (targets.length === 0) continue;
      const d = lookup(closure(targets));
      const L = out.length;
      if (L && out[L - 1] === d && (out[L - 2] as number) + 1 === lo) out[L - 2] = hi;
      else out.push(lo, hi, d);
    }
  }
  return finish(raw);
}

// ---------------------------------------------------------------------------------------------
// Product constructions
// ---------------------------------------------------------------------------------------------

/**
 * Walk two sorted disjoint transition lists together, calling `cb` for every maximal interval on
 * which at least one side has a transition (the other side's dest is -1 when it has none).
 */
function sweep(
  ta: Int32Array | undefined,
  tb: Int32Array | undefined,
  cb: (min: number, max: number, da: number, db: number) => void,
): void {
  const na = ta ? ta.length : 0;
  const nb = tb ? tb.length : 0;
  let i = 0;
  let j = 0;
  let cur = 0;
  const INF = MAX_CODE_POINT + 1;
  while (cur <= MAX_CODE_POINT) {
    while (i < na && ((ta as Int32Array)[i + 1] as number) < cur) i += 3;
    while (j < nb && ((tb as Int32Array)[j + 1] as number) < cur) j += 3;
    const aMin = i < na ? ((ta as Int32Array)[i] as number) : INF;
    const bMin = j < nb ? ((tb as Int32Array)[j] as number) : INF;
    const aCov = aMin <= cur;
    const bCov = bMin <= cur;
    if (!aCov && !bCov) {
      cur = Math.min(aMin, bMin);
      continue;
    }
    let end = MAX_CODE_POINT;
    end = Math.min(end, aCov ? ((ta as Int32Array)[i + 1] as number) : aMin - 1);
    end = Math.min(end, bCov ? ((tb as Int32Array)[j + 1] as number) : bMin - 1);
    cb(cur, end, aCov ? ((ta as Int32Array)[i + 2] as number) : -1, bCov ? ((tb as Int32Array)[j + 2] as number) : -1);
    cur = end + 1;
  }
}

type Mode = 'and' | 'or' | 'minus';

function product(a: Dfa, b: Dfa, mode: Mode): Dfa {
  const nb1 = b.size + 1;
  const index = new Map<number, number>();
  const pairs: number[] = [];
  const raw: RawDfa = { accept: [], tr: [] };
  const lookup = (p: number, q: number): number => {
    const key = (p + 1) * nb1 + (q + 1);
    let id = index.get(key);
    if (id === undefined) {
      id = raw.accept.length;
      if (id >= MAX_DFA_STATES) tooComplex('combining patterns');
      index.set(key, id);
      pairs.push(p, q);
      const pa = p >= 0 && a.accept[p] === 1;
      const qb = q >= 0 && b.accept[q] === 1;
      raw.accept.push(mode === 'and' ? pa && qb : mode === 'or' ? pa || qb : pa && !qb);
      raw.tr.push([]);
    }
    return id;
  };
  lookup(a.size ? 0 : -1, b.size ? 0 : -1);
  for (let i = 0; i < raw.accept.length; i++) {
    const p = pairs[2 * i] as number;
    const q = pairs[2 * i + 1] as number;
    const out = raw.tr[i] as number[];
    sweep(p >= 0 ? a.tr[p] : undefined, q >= 0 ? b.tr[q] : undefined, (min, max, da, db) => {
      if (mode === 'and' && (da < 0 || db < 0)) return;
      if (mode === 'minus' && da < 0) return;
      out.push(min, max, lookup(da, db));
    });
  }
  return finish(raw);
}

// ---------------------------------------------------------------------------------------------
// Public operations
// ---------------------------------------------------------------------------------------------

/** L(a) ∪ L(b) ∪ … */
export function union(...as: Automaton[]): Automaton {
  let acc: Dfa = EMPTY;
  for (const a of as) {
    if (a === EMPTY || acc === TOTAL) continue;
    if (acc === EMPTY || a === TOTAL) {
      acc = a;
      continue;
    }
    if (a === acc) continue;
    acc = product(acc, a, 'or');
  }
  return acc;
}

/** L(a) ∩ L(b) */
export function intersection(a: Automaton, b: Automaton): Automaton {
  if (a === EMPTY || b === EMPTY) return EMPTY;
  if (a === TOTAL || a === b) return b;
  if (b === TOTAL) return a;
  return product(a, b, 'and');
}

/** L(a) \ L(b) */
export function minus(a: Automaton, b: Automaton): Automaton {
  if (a === EMPTY || b === TOTAL || a === b) return EMPTY;
  if (b === EMPTY) return a;
  return product(a, b, 'minus');
}

/** The complement: all strings not in L(a). */
export function complement(a: Automaton): Automaton {
  return minus(TOTAL, a);
}

/** Concatenation L(a)·L(b)·… */
export function concatenate(...as: Automaton[]): Automaton {
  if (as.length === 0) return intern(1, Uint8Array.of(1), [new Int32Array(0)]);
  if (as.some((a) => a === EMPTY)) return EMPTY;
  if (as.length === 1) return as[0] as Automaton;
  const nfa = new Nfa();
  const start = nfa.state();
  let cur = start;
  for (const a of as) {
    const f = emitDfa(nfa, a);
    nfa.epsilon(cur, f.start);
    cur = f.end;
  }
  return determinize(nfa, start, cur);
}

/** True if the automaton accepts no string at all. */
export function isEmpty(a: Automaton): boolean {
  return a.size === 0;
}

/** True if the automaton accepts every string. */
export function isTotal(a: Automaton): boolean {
  return a === TOTAL;
}

/** Language equality (automata are canonical and interned, so this is identity). */
export function equivalent(a: Automaton, b: Automaton): boolean {
  return a === b || a.signature === b.signature;
}

const SUBSET_CACHE_LIMIT = 100_000;
const subsetCache = new Map<string, boolean>();

/** L(a) ⊆ L(b) — exact (the same question Lucene's `Operations.subsetOf` answers). */
export function subsetOf(a: Automaton, b: Automaton): boolean {
  if (a === EMPTY || b === TOTAL || a === b) return true;
  if (b === EMPTY) return false;
  const key = `${a.id}:${b.id}`;
  const hit = subsetCache.get(key);
  if (hit !== undefined) return hit;
  const result = subsetWalk(a, b);
  if (subsetCache.size >= SUBSET_CACHE_LIMIT) subsetCache.clear();
  subsetCache.set(key, result);
  return result;
}

function subsetWalk(a: Dfa, b: Dfa): boolean {
  // a is trimmed: every state of a can still reach acceptance, so falling off b is a witness.
  const nb = b.size;
  const visited = new Set<number>();
  const queue: number[] = [0, 0];
  visited.add(0);
  for (let qi = 0; qi < queue.length; qi += 2) {
    const p = queue[qi] as number;
    const q = queue[qi + 1] as number;
    if (a.accept[p] && !b.accept[q]) return false;
    const ta = a.tr[p] as Int32Array;
    const tb = b.tr[q] as Int32Array;
    let ok = true;
    sweep(ta, tb, (_min, _max, da, db) => {
      if (!ok || da < 0) return;
      if (db < 0) {
        ok = false;
        return;
      }
      const key = da * nb + db;
      if (!visited.has(key)) {
        visited.add(key);
        queue.push(da, db);
      }
    });
    if (!ok) return false;
  }
  return true;
}

/** Does the automaton accept `s`? (`s` is read code point by code point; lone surrogates are code points.) */
export function accepts(a: Automaton, s: string): boolean {
  if (a.size === 0) return false;
  let state = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    const t = a.tr[state] as Int32Array;
    // binary search the interval containing cp
    let lo = 0;
    let hi = t.length / 3 - 1;
    let next = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const mn = t[mid * 3] as number;
      const mx = t[mid * 3 + 1] as number;
      if (cp < mn) hi = mid - 1;
      else if (cp > mx) lo = mid + 1;
      else {
        next = t[mid * 3 + 2] as number;
        break;
      }
    }
    if (next < 0) return false;
    state = next;
  }
  return a.accept[state] === 1;
}

/** A readable representative of the interval [min, max]. */
function pickCodePoint(min: number, max: number): number {
  const prefer: Array<[number, number]> = [
    [0x61, 0x7a], // a-z
    [0x30, 0x39], // 0-9
    [0x2d, 0x2d], // -
    [0x5f, 0x5f], // _
    [0x2e, 0x2e], // .
    [0x21, 0x7e], // other printable ASCII
    [0xa1, 0xd7ff], // printable BMP (roughly)
  ];
  for (const [lo, hi] of prefer) {
    const x = Math.max(lo, min);
    if (x <= Math.min(hi, max)) return x;
  }
  return min;
}

/**
 * A shortest string accepted by `a` (readable characters preferred), or `undefined` when the
 * language is empty. Deterministic.
 */
export function exampleString(a: Automaton): string | undefined {
  if (a.size === 0) return undefined;
  const prev = new Int32Array(a.size).fill(-2);
  const via = new Int32Array(a.size);
  prev[0] = -1;
  const queue: number[] = [0];
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi] as number;
    if (a.accept[s]) {
      const cps: number[] = [];
      for (let x = s; (prev[x] as number) >= 0; x = prev[x] as number) cps.push(via[x] as number);
      cps.reverse();
      return String.fromCodePoint(...cps);
    }
    const t = a.tr[s] as Int32Array;
    // visit transitions in the order of their readable representative
    const opts: Array<[number, number]> = [];
    for (let j = 0; j < t.length; j += 3) opts.push([pickCodePoint(t[j] as number, t[j + 1] as number), t[j + 2] as number]);
    opts.sort((x, y) => rank(x[0]) - rank(y[0]) || x[0] - y[0]);
    for (const [cp, d] of opts) {
      if ((prev[d] as number) === -2) {
        prev[d] = s;
        via[d] = cp;
        queue.push(d);
      }
    }
  }
  return undefined;
}

function rank(cp: number): number {
  if (cp >= 0x61 && cp <= 0x7a) return 0;
  if (cp >= 0x30 && cp <= 0x39) return 1;
  if (cp === 0x2d || cp === 0x5f || cp === 0x2e) return 2;
  if (cp >= 0x21 && cp <= 0x7e) return 3;
  return 4;
}

/** The automaton accepting exactly the given strings (read by code point). */
export function fromStrings(strings: Iterable<string>): Automaton {
  const raw: RawDfa = { accept: [false], tr: [[]] };
  const children: Array<Map<number, number>> = [new Map()];
  for (const s of strings) {
    let state = 0;
    for (const ch of s) {
      const cp = ch.codePointAt(0) as number;
      const kids = children[state] as Map<number, number>;
      let next = kids.get(cp);
      if (next === undefined) {
        next = raw.accept.length;
        raw.accept.push(false);
        raw.tr.push([]);
        children.push(new Map());
        kids.set(cp, next);
        (raw.tr[state] as number[]).push(cp, cp, next);
      }
      state = next;
    }
    raw.accept[state] = true;
  }
  return finish(raw);
}

/** The automaton of all single code points in the given sorted, disjoint flat [min,max,…] list. */
function fromIntervals(iv: readonly number[]): Dfa {
  const raw: RawDfa = { accept: [false, true], tr: [[], []] };
  for (let i = 0; i < iv.length; i += 2) (raw.tr[0] as number[]).push(iv[i] as number, iv[i + 1] as number, 1);
  return finish(raw);
}

// ---------------------------------------------------------------------------------------------
// Interval sets (single code points), used for character classes
// ---------------------------------------------------------------------------------------------

/** Normalize a flat [min,max,…] list: sort and merge overlapping/adjacent intervals. */
function normalizeIntervals(iv: readonly number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < iv.length; i += 2) pairs.push([iv[i] as number, iv[i + 1] as number]);
  pairs.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [mn, mx] of pairs) {
    const L = out.length;
    if (L && mn <= (out[L - 1] as number) + 1) out[L - 1] = Math.max(out[L - 1] as number, mx);
    else out.push(mn, mx);
  }
  return out;
}

function complementIntervals(iv: readonly number[]): number[] {
  const n = normalizeIntervals(iv);
  const out: number[] = [];
  let cur = 0;
  for (let i = 0; i < n.length; i += 2) {
    if ((n[i] as number) > cur) out.push(cur, (n[i] as number) - 1);
    cur = (n[i + 1] as number) + 1;
  }
  if (cur <= MAX_CODE_POINT) out.push(cur, MAX_CODE_POINT);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lucene RegExp: parser (faithful to Lucene 10.5's recursive descent, incl. its quirks)
// ---------------------------------------------------------------------------------------------

type Node =
  | { k: 'set'; iv: number[] }
  | { k: 'str'; cps: number[] }
  | { k: 'anystr' }
  | { k: 'empty' }
  | { k: 'union' | 'concat' | 'inter'; a: Node; b: Node }
  | { k: 'opt' | 'star' | 'compl'; a: Node }
  | { k: 'rep'; a: Node; min: number; max: number }
  | { k: 'interval'; min: number; max: number; digits: number }
  | { k: 'named'; name: string };

/** Lucene's own parse error: message text identical to Lucene's, plus the position we attribute. */
class LuceneError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const DIGIT_IV = [0x30, 0x39];
const SPACE_IV = [0x09, 0x0a, 0x0d, 0x0d, 0x20, 0x20];
const WORD_IV = normalizeIntervals([0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a]);

function predefinedClass(c: number): number[] {
  switch (c) {
    case 0x64: // d
      return DIGIT_IV.slice();
    case 0x44: // D
      return complementIntervals(DIGIT_IV);
    case 0x73: // s
      return SPACE_IV.slice();
    case 0x53: // S
      return complementIntervals(SPACE_IV);
    case 0x77: // w
      return WORD_IV.slice();
    default: // W
      return complementIntervals(WORD_IV);
  }
}

const ND_RE = /\p{Nd}/u;

/** Java's Character.digit(ch, 10) for one UTF-16 unit. */
function javaDigit(unit: number): number {
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30;
  if (unit >= 0xd800 && unit <= 0xdfff) return -1;
  if (!ND_RE.test(String.fromCharCode(unit))) return -1;
  // Decimal digits come in runs of ten starting at value 0.
  let start = unit;
  while (start > 0 && ND_RE.test(String.fromCharCode(start - 1))) start--;
  return (unit - start) % 10;
}

/** Java's Integer.parseInt(s) (radix 10); returns undefined where Java throws NumberFormatException. */
function javaParseInt(s: string): number | undefined {
  const len = s.length;
  if (len === 0) return undefined;
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first < 0x30) {
    if (first === 0x2d) negative = true;
    else if (first !== 0x2b) return undefined;
    if (len === 1) return undefined;
    i++;
  }
  let result = 0;
  const limit = negative ? 2147483648 : 2147483647;
  for (; i < len; i++) {
    const d = javaDigit(s.charCodeAt(i));
    if (d < 0) return undefined;
    result = result * 10 + d;
    if (result > limit) return undefined;
  }
  return negative ? -result : result;
}

class RegexParser {
  private pos = 0;
  /** @param complement whether `~` is the (deprecated) complement operator, as in ES's pattern compiler. */
  constructor(
    private readonly s: string,
    private readonly complement = true,
  ) {}

  parse(): Node {
    if (this.s.length === 0) return { k: 'str', cps: [] };
    const e = this.parseUnionExp();
    if (this.pos < this.s.length) throw new LuceneError(`end-of-string expected at position ${this.pos}`, this.pos);
    return e;
  }

  private more(): boolean {
    return this.pos < this.s.length;
  }

  private cur(): number {
    return this.s.codePointAt(this.pos) as number;
  }

  private peek(chars: string): boolean {
    return this.more() && chars.includes(String.fromCodePoint(this.cur()));
  }

  private match(c: number): boolean {
    if (this.pos >= this.s.length) return false;
    if (this.cur() === c) {
      this.pos += c > 0xffff ? 2 : 1;
      return true;
    }
    return false;
  }

  private next(): number {
    if (!this.more()) throw new LuceneError('unexpected end-of-string', this.pos);
    const c = this.cur();
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  private parseUnionExp(): Node {
    let e = this.parseInterExp();
    while (this.match(0x7c /* | */)) e = { k: 'union', a: e, b: this.parseInterExp() };
    return e;
  }

  private parseInterExp(): Node {
    let e = this.parseConcatExp();
    while (this.match(0x26 /* & */)) e = { k: 'inter', a: e, b: this.parseConcatExp() };
    return e;
  }

  private parseConcatExp(): Node {
    let e = this.parseRepeatExp();
    while (this.more() && !this.peek(')|') && !this.peek('&')) e = concatNodes(e, this.parseRepeatExp());
    return e;
  }

  private parseRepeatExp(): Node {
    let e = this.parseComplExp();
    while (this.peek('?*+{')) {
      if (this.match(0x3f)) e = { k: 'opt', a: e };
      else if (this.match(0x2a)) e = { k: 'star', a: e };
      else if (this.match(0x2b)) e = { k: 'rep', a: e, min: 1, max: -1 };
      else if (this.match(0x7b)) {
        let start = this.pos;
        while (this.peek('0123456789')) this.next();
        if (start === this.pos) throw new LuceneError(`integer expected at position ${this.pos}`, this.pos);
        const n = this.parseRepeatInt(this.s.substring(start, this.pos), start);
        let m = -1;
        if (this.match(0x2c /* , */)) {
          start = this.pos;
          while (this.peek('0123456789')) this.next();
          if (start !== this.pos) m = this.parseRepeatInt(this.s.substring(start, this.pos), start);
        } else m = n;
        if (!this.match(0x7d)) throw new LuceneError(`expected '}' at position ${this.pos}`, this.pos);
        if (m !== -1 && n > m) throw new LuceneError(`invalid repetition range(out of order): ${n}..${m}`, this.pos);
        e = { k: 'rep', a: e, min: n, max: m };
      }
    }
    return e;
  }

  private parseRepeatInt(digits: string, at: number): number {
    const v = javaParseInt(digits);
    if (v === undefined) throw new LuceneError(`For input string: "${digits}"`, at);
    return v;
  }

  private parseComplExp(): Node {
    if (this.complement && this.match(0x7e /* ~ */)) return { k: 'compl', a: this.parseComplExp() };
    return this.parseCharClassExp();
  }

  private parseCharClassExp(): Node {
    if (this.match(0x5b /* [ */)) {
      let negate = false;
      if (this.match(0x5e /* ^ */)) negate = true;
      let iv = this.parseCharClasses();
      if (negate) iv = complementIntervals(iv);
      if (!this.match(0x5d)) throw new LuceneError(`expected ']' at position ${this.pos}`, this.pos);
      return { k: 'set', iv };
    }
    return this.parseSimpleExp();
  }

  private parseCharClasses(): number[] {
    const iv = this.parseCharClass();
    while (this.more() && !this.peek(']')) iv.push(...this.parseCharClass());
    return normalizeIntervals(iv);
  }

  private parseCharClass(): number[] {
    const pre = this.matchPredefinedCharacterClass();
    if (pre) return pre.k === 'set' ? pre.iv : [pre.cps[0] as number, pre.cps[0] as number];
    const c = this.parseCharExp();
    if (this.match(0x2d /* - */)) {
      const to = this.parseCharExp();
      if (c > to) throw new LuceneError(`invalid range: from (${c}) cannot be > to (${to})`, this.pos);
      return [c, to];
    }
    return [c, c];
  }

  /** `\d` etc. → set; `\\` → the backslash char; `\<letter>` → error; otherwise consumes `\` and returns undefined. */
  private matchPredefinedCharacterClass(): { k: 'set'; iv: number[] } | { k: 'str'; cps: number[] } | undefined {
    if (this.match(0x5c /* \ */)) {
      if (this.peek('dDwWsS')) return { k: 'set', iv: predefinedClass(this.next()) };
      if (this.peek('\\')) return { k: 'str', cps: [this.next()] };
      if (this.peek('abcefghijklmnopqrtuvxyz') || this.peek('ABCEFGHIJKLMNOPQRTUVXYZ')) {
        const at = this.pos;
        throw new LuceneError(`invalid character class \\${this.next()}`, at);
      }
    }
    return undefined;
  }

  private parseSimpleExp(): Node {
    if (this.match(0x2e /* . */)) return { k: 'set', iv: [0, MAX_CODE_POINT] };
    if (this.match(0x23 /* # */)) return { k: 'empty' };
    if (this.match(0x40 /* @ */)) return { k: 'anystr' };
    if (this.match(0x22 /* " */)) {
      const start = this.pos;
      while (this.more() && !this.peek('"')) this.next();
      if (!this.match(0x22)) throw new LuceneError(`expected '"' at position ${this.pos}`, this.pos);
      return { k: 'str', cps: codePoints(this.s.substring(start, this.pos - 1)) };
    }
    if (this.match(0x28 /* ( */)) {
      if (this.match(0x29)) return { k: 'str', cps: [] };
      const e = this.parseUnionExp();
      if (!this.match(0x29)) throw new LuceneError(`expected ')' at position ${this.pos}`, this.pos);
      return e;
    }
    if (this.match(0x3c /* < */)) {
      const start = this.pos;
      while (this.more() && !this.peek('>')) this.next();
      if (!this.match(0x3e)) throw new LuceneError(`expected '>' at position ${this.pos}`, this.pos);
      const body = this.s.substring(start, this.pos - 1);
      const i = body.indexOf('-');
      if (i === -1) return { k: 'named', name: body };
      const bad = (): never => {
        throw new LuceneError(`interval syntax error at position ${this.pos - 1}`, this.pos - 1);
      };
      if (i === 0 || i === body.length - 1 || i !== body.lastIndexOf('-')) bad();
      const smin = body.substring(0, i);
      const smax = body.substring(i + 1);
      let imin = javaParseInt(smin);
      let imax = javaParseInt(smax);
      if (imin === undefined || imax === undefined) return bad();
      const digits = smin.length === smax.length ? smin.length : 0;
      if (imin > imax) [imin, imax] = [imax, imin];
      return { k: 'interval', min: imin, max: imax, digits };
    }
    const pre = this.matchPredefinedCharacterClass();
    if (pre) return pre;
    return { k: 'str', cps: [this.parseCharExp()] };
  }

  private parseCharExp(): number {
    this.match(0x5c /* \ */);
    return this.next();
  }
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

function concatNodes(a: Node, b: Node): Node {
  if (a.k === 'str' && b.k === 'str') return { k: 'str', cps: [...a.cps, ...b.cps] };
  return { k: 'concat', a, b };
}

// ---------------------------------------------------------------------------------------------
// Regex AST → automaton
// ---------------------------------------------------------------------------------------------

/**
 * Lucene's Automata.makeDecimalInterval: strings of ASCII digits whose value is in [min,max];
 * with `digits > 0` exactly that many digits (zero-padded), otherwise any number of leading zeros.
 */
function decimalInterval(min: number, max: number, digits: number): Dfa {
  const y = String(max);
  if (min > max || (digits > 0 && y.length > digits)) throw new LuceneError('invalid decimal interval', 0);
  // Fixed-length ranges [lo, hi] (same length strings): recursive construction into an NFA.
  const nfa = new Nfa();
  const emitRange = (lo: string, hi: string, from: number, to: number): void => {
    if (lo.length === 0) {
      nfa.epsilon(from, to);
      return;
    }
    if (/^0*$/.test(lo) && /^9*$/.test(hi)) {
      // every string of lo.length digits
      let cur = from;
      for (let i = 1; i < lo.length; i++) {
        const nx = nfa.state();
        nfa.edge(cur, 0x30, 0x39, nx);
        cur = nx;
      }
      nfa.edge(cur, 0x30, 0x39, to);
      return;
    }
    const l0 = lo.charCodeAt(0);
    const h0 = hi.charCodeAt(0);
    const restLo = lo.slice(1);
    const restHi = hi.slice(1);
    if (l0 === h0) {
      const mid = nfa.state();
      nfa.edge(from, l0, l0, mid);
      emitRange(restLo, restHi, mid, to);
      return;
    }
    const nines = '9'.repeat(restLo.length);
    const zeros = '0'.repeat(restLo.length);
    const a = nfa.state();
    nfa.edge(from, l0, l0, a);
    emitRange(restLo, nines, a, to);
    if (l0 + 1 <= h0 - 1) {
      const m = nfa.state();
      nfa.edge(from, l0 + 1, h0 - 1, m);
      emitRange(zeros, nines, m, to);
    }
    const b = nfa.state();
    nfa.edge(from, h0, h0, b);
    emitRange(zeros, restHi, b, to);
  };
  const start = nfa.state();
  const end = nfa.state();
  if (digits > 0) {
    emitRange(String(min).padStart(digits, '0'), y.padStart(digits, '0'), start, end);
  } else {
    // 0* followed by the canonical (no leading zero) representation of a value in range.
    const body = nfa.state();
    nfa.epsilon(start, body);
    nfa.edge(start, 0x30, 0x30, start);
    for (let k = String(min).length; k <= y.length; k++) {
      const lo = k === 1 ? 0 : 10 ** (k - 1);
      const hi = 10 ** k - 1;
      const a = Math.max(min, lo);
      const b = Math.min(max, hi);
      if (a > b) continue;
      emitRange(String(a), String(b), body, end);
    }
  }
  return determinize(nfa, start, end);
}

/** An epsilon-free copy of a fragment (state 0 = start), over the states reached by labelled moves. */
function epsilonFree(nfa: Nfa, f: Frag): { accept: boolean[]; tr: number[][] } {
  const ids = new Map<number, number>();
  const orig: number[] = [];
  const id = (s: number): number => {
    let x = ids.get(s);
    if (x === undefined) {
      x = orig.length;
      ids.set(s, x);
      orig.push(s);
    }
    return x;
  };
  id(f.start);
  const accept: boolean[] = [];
  const tr: number[][] = [];
  for (let i = 0; i < orig.length; i++) {
    const seen = new Set<number>([orig[i] as number]);
    const stack = [orig[i] as number];
    const out: number[] = [];
    let acc = false;
    while (stack.length) {
      const s = stack.pop() as number;
      if (s === f.end) acc = true;
      const t = nfa.tr[s] as number[];
      for (let j = 0; j < t.length; j += 3) out.push(t[j] as number, t[j + 1] as number, id(t[j + 2] as number));
      for (const d of nfa.eps[s] as number[]) {
        if (!seen.has(d)) {
          seen.add(d);
          stack.push(d);
        }
      }
    }
    accept.push(acc);
    tr.push(out);
  }
  return { accept, tr };
}

class RegexCompiler {
  private readonly nfa = new Nfa();

  /** @param esEffortLimit apply ES's determinization work limit (see ES_DETERMINIZE_EFFORT_LIMIT). */
  toDfa(node: Node, esEffortLimit = Infinity): Dfa {
    const f = this.emit(node);
    return determinize(this.nfa, f.start, f.end, esEffortLimit);
  }

  private sub(node: Node, esEffortLimit = Infinity): Dfa {
    return new RegexCompiler().toDfa(node, esEffortLimit);
  }

  private emit(node: Node): Frag {
    const nfa = this.nfa;
    switch (node.k) {
      case 'set': {
        const start = nfa.state();
        const end = nfa.state();
        for (let i = 0; i < node.iv.length; i += 2) nfa.edge(start, node.iv[i] as number, node.iv[i + 1] as number, end);
        return { start, end };
      }
      case 'str': {
        const start = nfa.state();
        let cur = start;
        for (const cp of node.cps) {
          const nx = nfa.state();
          nfa.edge(cur, cp, cp, nx);
          cur = nx;
        }
        return { start, end: cur };
      }
      case 'anystr': {
        const start = nfa.state();
        const end = nfa.state();
        nfa.edge(start, 0, MAX_CODE_POINT, start);
        nfa.epsilon(start, end);
        return { start, end };
      }
      case 'empty':
        return { start: nfa.state(), end: nfa.state() };
      case 'union': {
        const start = nfa.state();
        const end = nfa.state();
        for (const f of [this.emit(node.a), this.emit(node.b)]) {
          nfa.epsilon(start, f.start);
          nfa.epsilon(f.end, end);
        }
        return { start, end };
      }
      case 'concat': {
        const a = this.emit(node.a);
        const b = this.emit(node.b);
        nfa.epsilon(a.end, b.start);
        return { start: a.start, end: b.end };
      }
      case 'opt': {
        const f = this.emit(node.a);
        const start = nfa.state();
        const end = nfa.state();
        nfa.epsilon(start, f.start);
        nfa.epsilon(f.end, end);
        nfa.epsilon(start, end);
        return { start, end };
      }
      case 'star': {
        // Lucene quirk: Operations.repeat() of an automaton with no states (every empty-language
        // sub-automaton ends up with none) returns it unchanged, so `#*` is ∅ rather than {""}.
        const d = this.sub(node.a);
        if (d.size === 0) return { start: nfa.state(), end: nfa.state() };
        return this.star(emitDfa(nfa, d));
      }
      case 'rep': {
        const start = nfa.state();
        let cur = start;
        // Repeated sub-expressions are compiled once to a DFA and then copied.
        const unit = node.min + (node.max < 0 ? 1 : node.max - node.min) > 1 || node.max < 0 ? this.sub(node.a) : undefined;
        // Lucene quirk (see 'star'): an unbounded repeat of the empty language is ∅, even `{0,}`.
        if (node.max < 0 && unit?.size === 0) return { start, end: nfa.state() };
        const piece = (): Frag => (unit ? emitDfa(nfa, unit) : this.emit(node.a));
        for (let i = 0; i < node.min; i++) {
          const f = piece();
          nfa.epsilon(cur, f.start);
          cur = f.end;
        }
        if (node.max < 0) {
          const f = this.star(piece());
          nfa.epsilon(cur, f.start);
          return { start, end: f.end };
        }
        const end = nfa.state();
        nfa.epsilon(cur, end);
        for (let i = node.min; i < node.max; i++) {
          const f = piece();
          nfa.epsilon(cur, f.start);
          nfa.epsilon(f.end, end);
          cur = f.end;
        }
        return { start, end };
      }
      case 'inter':
        return this.intersect(node.a, node.b);
      case 'compl':
        // Lucene determinizes the operand of the (deprecated) complement with ES's work limit too.
        return emitDfa(nfa, complement(this.sub(node.a, ES_DETERMINIZE_EFFORT_LIMIT)));
      case 'interval':
        return emitDfa(nfa, decimalInterval(node.min, node.max, node.digits));
      case 'named':
        throw new LuceneError(`'${node.name}' not found`, -1);
    }
  }

  /**
   * Like Lucene (`Operations.intersection` on NFAs, then `removeDeadStates`), intersect the
   * operands' epsilon-free NFAs and leave determinization to the enclosing expression.
   * Determinizing each operand first can need far more states (e.g. `(.*a.{11})&(.*b.{8})`:
   * 4096 × 512 product states, for a 512-state result).
   */
  private intersect(a: Node, b: Node): Frag {
    const ca = new RegexCompiler();
    const cb = new RegexCompiler();
    const ea = epsilonFree(ca.nfa, ca.emit(a));
    const eb = epsilonFree(cb.nfa, cb.emit(b));
    // product over reachable pairs
    const nb = eb.accept.length;
    const ids = new Map<number, number>();
    const pairs: number[] = [];
    const ptr: number[][] = [];
    const pair = (p: number, q: number): number => {
      const key = p * nb + q;
      let id = ids.get(key);
      if (id === undefined) {
        id = ptr.length;
        if (id >= MAX_NFA_STATES) tooComplex('pattern');
        ids.set(key, id);
        pairs.push(p, q);
        ptr.push([]);
      }
      return id;
    };
    pair(0, 0);
    for (let i = 0; i < ptr.length; i++) {
      const ta = ea.tr[pairs[2 * i] as number] as number[];
      const tb = eb.tr[pairs[2 * i + 1] as number] as number[];
      for (let x = 0; x < ta.length; x += 3) {
        for (let y = 0; y < tb.length; y += 3) {
          const lo = Math.max(ta[x] as number, tb[y] as number);
          const hi = Math.min(ta[x + 1] as number, tb[y + 1] as number);
          if (lo <= hi) (ptr[i] as number[]).push(lo, hi, pair(ta[x + 2] as number, tb[y + 2] as number));
        }
      }
    }
    const acc = (i: number): boolean => ea.accept[pairs[2 * i] as number] === true && eb.accept[pairs[2 * i + 1] as number] === true;
    // keep only pairs that can reach acceptance
    const rev: number[][] = ptr.map(() => []);
    ptr.forEach((t, i) => {
      for (let x = 2; x < t.length; x += 3) (rev[t[x] as number] as number[]).push(i);
    });
    const live = new Uint8Array(ptr.length);
    const stack: number[] = [];
    for (let i = 0; i < ptr.length; i++) {
      if (acc(i)) {
        live[i] = 1;
        stack.push(i);
      }
    }
    while (stack.length) {
      for (const p of rev[stack.pop() as number] as number[]) {
        if (!live[p]) {
          live[p] = 1;
          stack.push(p);
        }
      }
    }
    const nfa = this.nfa;
    const start = nfa.state();
    const end = nfa.state();
    if (!live[0]) return { start, end };
    const map = new Int32Array(ptr.length).fill(-1);
    for (let i = 0; i < ptr.length; i++) if (live[i]) map[i] = nfa.state();
    nfa.epsilon(start, map[0] as number);
    for (let i = 0; i < ptr.length; i++) {
      if (!live[i]) continue;
      const from = map[i] as number;
      const t = ptr[i] as number[];
      for (let x = 0; x < t.length; x += 3) {
        const d = map[t[x + 2] as number] as number;
        if (d >= 0) nfa.edge(from, t[x] as number, t[x + 1] as number, d);
      }
      if (acc(i)) nfa.epsilon(from, end);
    }
    return { start, end };
  }

  private star(f: Frag): Frag {
    const start = this.nfa.state();
    const end = this.nfa.state();
    this.nfa.epsilon(start, f.start);
    this.nfa.epsilon(f.end, f.start);
    this.nfa.epsilon(f.end, end);
    this.nfa.epsilon(start, end);
    return { start, end };
  }
}

/**
 * Parse a Lucene regular expression body without building its automaton, like `new RegExp(body)`
 * (Lucene's default flags: `~` is an ordinary character there) or, with `complement`, like ES's
 * pattern compiler. Returns Lucene's error message and the UTF-16 position in `body`, or undefined.
 */
export function luceneRegexSyntaxError(body: string, complement: boolean): { message: string; position: number } | undefined {
  try {
    new RegexParser(body, complement).parse();
    return undefined;
  } catch (e) {
    if (e instanceof LuceneError) return { message: e.message, position: e.pos };
    throw e;
  }
}

function describeRegexError(pattern: string, err: LuceneError): PatternSyntaxError {
  const body = pattern.slice(1, -1);
  const esMessage = err.message;
  let where = '';
  let position: number | undefined;
  if (err.pos >= 0) {
    const p = Math.min(err.pos, body.length);
    position = p + 1;
    where = ` (at character ${p} of the regular expression: "${body.slice(0, p)}⟨HERE⟩${body.slice(p)}")`;
  }
  return new PatternSyntaxError(
    `Invalid regular expression in pattern "${pattern}": ${esMessage}${where}. ` +
      'Patterns of the form /…/ are Lucene regular expressions (not Java/JS regex): ' +
      'reserved characters . ? + * | { } [ ] ( ) " \\ # @ & < > ~ must be escaped with \\ or put inside "…"; ' +
      'there are no anchors (the whole name must match).',
    pattern,
    esMessage,
    position,
  );
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch patterns
// ---------------------------------------------------------------------------------------------

/**
 * Compile a bare Lucene regular expression (no surrounding slashes), as `new RegExp(body, flags)
 * .toAutomaton()`. With `complement: true` (the default, what ES's pattern compiler uses) `~` is the
 * complement operator; with `false` (Lucene's default flags, used e.g. for system-index descriptor
 * patterns) `~` is an ordinary character. Throws {@link PatternSyntaxError}.
 */
export function compileRegex(body: string, options: { complement?: boolean } = {}): Automaton {
  const complementEnabled = options.complement ?? true;
  const shown = `/${body}/`;
  try {
    return new RegexCompiler().toDfa(new RegexParser(body, complementEnabled).parse());
  } catch (e) {
    if (e instanceof LuceneError) throw describeRegexError(shown, e);
    throw e;
  }
}

function esSlashMessage(pattern: string): string {
  return (
    `invalid pattern [${pattern}]. patterns starting with '/' indicate regular expression pattern and therefore must also end with '/'.` +
    " other patterns (those that do not start with '/') will be treated as simple wildcard patterns"
  );
}

function compileRegexPattern(pattern: string): Dfa {
  if (pattern.length === 1 || !pattern.endsWith('/')) {
    throw new PatternSyntaxError(
      `Invalid pattern "${pattern}": a pattern that starts with "/" is a regular expression and must also end with "/" ` +
        '(e.g. "/logs-[0-9]+/"); index names themselves cannot contain "/".',
      pattern,
      esSlashMessage(pattern),
      pattern.length,
    );
  }
  let ast: Node;
  try {
    ast = new RegexParser(pattern.slice(1, -1)).parse();
  } catch (e) {
    if (e instanceof LuceneError) throw describeRegexError(pattern, e);
    throw e;
  }
  try {
    return new RegexCompiler().toDfa(ast, ES_DETERMINIZE_EFFORT_LIMIT);
  } catch (e) {
    if (e instanceof LuceneError) throw describeRegexError(pattern, e);
    throw e;
  }
}

function compileWildcard(text: string): Dfa {
  const nfa = new Nfa();
  const start = nfa.state();
  let cur = start;
  let items = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i) as number;
    let len = c > 0xffff ? 2 : 1;
    items++;
    if (c === 0x2a /* * */) {
      const loop = nfa.state();
      nfa.epsilon(cur, loop);
      nfa.edge(loop, 0, MAX_CODE_POINT, loop);
      cur = loop;
    } else if (c === 0x3f /* ? */) {
      const nx = nfa.state();
      nfa.edge(cur, 0, MAX_CODE_POINT, nx);
      cur = nx;
    } else {
      let lit = c;
      if (c === 0x5c /* \ */ && i + len < text.length) {
        lit = text.codePointAt(i + len) as number;
        len += lit > 0xffff ? 2 : 1;
      }
      const nx = nfa.state();
      nfa.edge(cur, lit, lit, nx);
      cur = nx;
    }
    i += len;
  }
  // Lucene: the concatenation of no automata is the empty language, so "" matches nothing.
  if (items === 0) return EMPTY;
  return determinize(nfa, start, cur, ES_DETERMINIZE_EFFORT_LIMIT);
}

const CACHE_LIMIT = 20_000;
const patternCache = new Map<string, Dfa>();
const patternsCache = new Map<string, Dfa>();

function cachePut(cache: Map<string, Dfa>, key: string, value: Dfa): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

/**
 * Compile one Elasticsearch name pattern exactly as `Automatons.pattern(String)` does:
 *  - `/…/` → Lucene regular expression (flags ALL | DEPRECATED_COMPLEMENT); `/` alone or `/x`
 *    without a closing slash → error;
 *  - `*` → every string;
 *  - otherwise a wildcard: `*` any string, `?` any one code point, `\c` literal c, rest literal;
 *    `""` matches nothing.
 * Throws {@link PatternSyntaxError} or {@link PatternTooComplexError}. Results are cached.
 */
export function compilePattern(pattern: string): Automaton {
  const hit = patternCache.get(pattern);
  if (hit) return hit;
  let a: Dfa;
  if (pattern.startsWith('/')) a = compileRegexPattern(pattern);
  else if (pattern === '*') a = TOTAL;
  else a = compileWildcard(pattern);
  cachePut(patternCache, pattern, a);
  return a;
}

const utf8 = new TextEncoder();

/** `Automatons.isLiteralPattern`: non-empty, not a regex, no `*`, `?` or `\`. */
function isLiteralPattern(p: string): boolean {
  if (p.length === 0 || p.charCodeAt(0) === 0x2f) return false;
  return !/[*?\\]/.test(p);
}

/** Lone surrogates become U+FFFD when Lucene turns a literal into UTF-8 bytes (BytesRef). */
function viaUtf8(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Elasticsearch `Automatons.buildAutomaton(Collection)`: the prefix/suffix/infix split. */
function buildAutomatonCollection(patterns: readonly string[]): Dfa {
  if (patterns.length === 1) return compilePattern(patterns[0] as string);
  const prefix = new Set<string>();
  const infix = new Set<string>();
  const suffix = new Set<string>();
  const misc = new Set<string>();
  for (const p of patterns) {
    if (p.length <= 1) {
      misc.add(p);
      continue;
    }
    const first = p.charCodeAt(0);
    const last = p.charCodeAt(p.length - 1);
    if (first === 0x2f) misc.add(p);
    else if (first === 0x2a) {
      if (last === 0x2a) infix.add(p.substring(1, p.length - 1));
      else suffix.add(p.substring(1));
    } else if (last === 0x2a && p.indexOf('*') !== p.length - 1) prefix.add(p.substring(0, p.length - 1));
    else misc.add(p);
  }
  const build = (set: Set<string>, origin: (x: string) => string): Dfa =>
    union(
      ...[...set].map((x) => {
        try {
          return compilePattern(x);
        } catch (e) {
          if (e instanceof PatternSyntaxError && origin(x) !== x) {
            throw new PatternSyntaxError(
              `Invalid pattern "${origin(x)}" in a list of several patterns: when a role lists more than one pattern, ` +
                `Elasticsearch strips a leading/trailing "*" and compiles the rest ("${x}") on its own, which fails: ${e.message}`,
              origin(x),
              e.esMessage,
            );
          }
          throw e;
        }
      }),
    );
  const parts: Dfa[] = [];
  if (prefix.size) parts.push(concatenate(build(prefix, (x) => `${x}*`), TOTAL));
  if (suffix.size) parts.push(concatenate(TOTAL, build(suffix, (x) => `*${x}`)));
  if (infix.size) parts.push(concatenate(TOTAL, build(infix, (x) => `*${x}*`), TOTAL));
  if (misc.size) parts.push(build(misc, (x) => x));
  return union(...parts);
}

/**
 * Compile a list of patterns exactly as Elasticsearch's `Automatons.patterns(Collection)` does
 * (this is how a role's `indices[].names` become the group's automaton). Empty list → EMPTY.
 *
 * This is the union of the members EXCEPT for a documented ES quirk: when the (deduplicated) list
 * has more than one non-literal pattern to compile together, ES strips a leading `*` and/or a
 * trailing `*` and compiles the remainder on its own. The language only differs for odd patterns:
 *  - `**` contributes nothing (the remainder `""` matches nothing), e.g. `["**", "x"]` = `{x}`;
 *  - a leading "*" followed by "/" leaves a remainder starting with "/", which becomes a regular
 *    expression (or an error: the list ["*\/", "x"] throws);
 *  - a `\` escaping the trailing `*` (`"a*b\*"`) becomes a literal backslash followed by any string.
 * A single pattern (or a list of literals plus one other pattern) is compiled on its own.
 */
export function compilePatterns(patterns: readonly string[]): Automaton {
  if (patterns.length === 0) return EMPTY;
  const set = [...new Set(patterns)];
  const key = JSON.stringify(set.slice().sort());
  const hit = patternsCache.get(key);
  if (hit) return hit;
  const literals: string[] = [];
  const others: string[] = [];
  for (const p of set) {
    if (isLiteralPattern(p) && utf8.encode(p).length <= 1000) literals.push(p);
    else others.push(p);
  }
  let a: Dfa;
  if (literals.length <= 1) a = buildAutomatonCollection(set);
  else if (others.length === 0) a = fromStrings(literals.map(viaUtf8));
  else a = union(fromStrings(literals.map(viaUtf8)), buildAutomatonCollection(others));
  cachePut(patternsCache, key, a);
  return a;
}

/** The automaton of all single characters given as a flat sorted list of [min,max] code-point pairs. */
export function charClass(intervals: readonly number[]): Automaton {
  return fromIntervals(normalizeIntervals(intervals));
}
