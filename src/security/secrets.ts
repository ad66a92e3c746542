// Secrets: password generation and redaction. Pure code: no I/O (node:crypto only supplies randomness).
//
// Passwords are drawn with crypto.randomInt, which is unbiased for every range. To guarantee one
// character of each class without skewing the distribution, a whole candidate is drawn uniformly and
// rejected unless it has every class (rejection sampling keeps the result uniform over all valid
// passwords; the expected number of draws is below 1.4 for any allowed length).

import { randomInt } from 'node:crypto';

export const REDACTED = '***';

export const PASSWORD_MIN_LENGTH = 16;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_DEFAULT_LENGTH = 20;

export const PASSWORD_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const PASSWORD_LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const PASSWORD_DIGITS = '0123456789';
/**
 * Symbols that need no escaping in JSON strings, in unquoted POSIX shell words (bash, zsh, dash) when
 * not the first character, in .env files and in YAML plain scalars: no quotes, no backslash, no space,
 * no `$` or backtick (expansion), no `!` (history), no `#` (comment), no `&;|<>()` (control), no glob
 * characters `*?[]{}`, no `~` (tilde expansion), no `@:/%` (they break credentials embedded in URLs).
 */
export const PASSWORD_SYMBOLS = '-_.,+=';

const ALNUM = PASSWORD_UPPER + PASSWORD_LOWER + PASSWORD_DIGITS;
const ALL = ALNUM + PASSWORD_SYMBOLS;
const MAX_DRAWS = 10_000;

/**
 * A random password of `length` characters (16–128, default 20) with at least one upper-case letter,
 * one lower-case letter, one digit and one symbol from {@link PASSWORD_SYMBOLS}. The first character
 * is always a letter or digit so the value is never mistaken for a command-line option.
 */
export function generatePassword(length: number = PASSWORD_DEFAULT_LENGTH): string {
  if (!Number.isInteger(length) || length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new RangeError(
      `password length must be a whole number from ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} (got ${String(length)}); ` +
        `call generatePassword() for the default of ${PASSWORD_DEFAULT_LENGTH} characters.`,
    );
  }
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const chars: string[] = [pick(ALNUM)];
    for (let i = 1; i < length; i++) chars.push(pick(ALL));
    const candidate = chars.join('');
    if (hasEveryClass(candidate)) return candidate;
  }
  // Unreachable in practice: the chance that 10,000 uniform draws all miss a class is below 1e-5000.
  throw new Error('could not generate a password with every character class; try again.');
}

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

/** True when `value` has an upper-case letter, a lower-case letter, a digit and a {@link PASSWORD_SYMBOLS} symbol. */
export function hasEveryClass(value: string): boolean {
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const c of value) {
    if (PASSWORD_UPPER.includes(c)) upper = true;
    else if (PASSWORD_LOWER.includes(c)) lower = true;
    else if (PASSWORD_DIGITS.includes(c)) digit = true;
    else if (PASSWORD_SYMBOLS.includes(c)) symbol = true;
  }
  return upper && lower && digit && symbol;
}

/** The placeholder shown instead of a secret. Nothing of the value (not even its length) is kept. */
export function redact(_value: unknown): string {
  return REDACTED;
}

const SECRET_KEY = /password|passwd|passphrase|^pass$|secret|token|api[_-]?key|credential|authorization|private[_-]?key|(^|_)hash$/i;

/** True for object keys whose values are secrets (`password`, `password_hash`, `api_key`, `token`, …). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** True when any segment of a JSON path names a secret, e.g. `["users", 0, "password"]`. */
export function isSecretPath(path: readonly PropertyKey[]): boolean {
  return path.some((p) => typeof p === 'string' && isSecretKey(p));
}

/**
 * A deep copy of `value` with every secret-named key's value replaced by {@link REDACTED}. Arrays and
 * plain objects are copied; other values are returned as they are. Cycles are cut with REDACTED.
 */
export function redactSecrets<T>(value: T): T {
  return redactInner(value, new WeakSet()) as T;
}

function redactInner(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return REDACTED;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactInner(v, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && v !== undefined && v !== null ? REDACTED : redactInner(v, seen);
  }
  return out;
}

/** Replaces every occurrence of each non-empty secret in `text` with {@link REDACTED}. */
export function redactText(text: string, secrets: readonly (string | undefined | null)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s) out = out.split(s).join(REDACTED);
  }
  return out;
}
