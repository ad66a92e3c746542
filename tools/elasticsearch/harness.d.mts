// Types for harness.mjs (plain ESM so it runs without a build step).

/** What tests need to mint tokens for the test cluster's JWT realm (HS256, client auth none). */
export interface EsJwtRealm {
  /** realm name, e.g. `jwt1` (what `authentication_realm.name` and `realm.name` rules see) */
  realm: string;
  /** the `iss` the realm accepts */
  issuer: string;
  /** an `aud` the realm accepts */
  audience: string;
  /** per-run HMAC key; ES uses its UTF-8 bytes. Secret: never print or log it. */
  hmacKey: string;
}

export interface EsHandle {
  url: string;
  username: string;
  password: string;
  version: string;
  distribution: string;
  pid: number;
  runDir: string;
  home: string;
  startSeconds: number;
  jwt: EsJwtRealm;
}
export const REPO_ROOT: string;
export function prepare(version?: string): Promise<{ home: string; version: string; javaHome: string; root: string }>;
export function start(opts?: { version?: string; heap?: string }): Promise<EsHandle>;
export function stop(handle: { pid: number; runDir: string }, opts?: { keepRunDir?: boolean }): Promise<void>;
export function describe(handle: EsHandle): string;
export function freePort(): Promise<number>;
export function findJavaHome(version: string): string;
export function cacheRoot(): string;
export function stateFile(): string;
export function saveState(handle: EsHandle): void;
export function loadState(): EsHandle | undefined;
export function clearState(): void;
