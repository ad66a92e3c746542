// The one error catalog: every failure es-authz reports has a stable code, a message saying what
// was wrong, and a hint saying what to do next. Messages never contain secrets.

export const ERROR_CODES = {
  CONFIG_MISSING: 'A required setting is missing.',
  CONFIG_INVALID: 'A setting has an invalid value.',
  ES_UNREACHABLE: 'Elasticsearch could not be reached.',
  ES_AUTH_FAILED: 'Elasticsearch rejected the credentials.',
  ES_FORBIDDEN: 'The credential lacks a privilege this operation needs.',
  ES_REQUEST_FAILED: 'Elasticsearch returned an error.',
  INVALID_INPUT: 'The tool input is invalid.',
  VALIDATION_FAILED: 'The security object failed validation; nothing was written.',
  NOT_FOUND: 'The named object does not exist.',
  ALREADY_EXISTS: 'The object already exists and replacing it was not requested.',
  RESERVED: 'Built-in (reserved) objects cannot be changed.',
  UNSUPPORTED_DEPLOYMENT: 'This operation does not exist on this kind of deployment.',
  KIBANA_UNAVAILABLE: 'Kibana is not configured or not reachable.',
  KIBANA_REQUEST_FAILED: 'Kibana returned an error.',
  VERIFY_FAILED: 'The change was written but reading it back did not show the expected state.',
  USAGE: 'The command line was not understood.',
  NOT_IMPLEMENTED: 'This command is not implemented yet.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class EsAuthzError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'EsAuthzError';
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
  }

  /** One line for a terminal or a log: `[CODE] message. Next: hint` */
  toLine(): string {
    return `[${this.code}] ${this.message}${this.hint ? ` Next: ${this.hint}` : ''}`;
  }
}

export function isEsAuthzError(e: unknown): e is EsAuthzError {
  return e instanceof EsAuthzError;
}
