import { errorCodes, type ErrorCode } from './error-codes.ts';

/** One field-level problem, as listed in a problem+json `errors` array. */
export interface FieldIssue {
  /** JSON pointer-like path, e.g. `lines/2/qty`; empty for the whole body. */
  path: string;
  message: string;
}

/**
 * The only error class that carries a stable code to the outside. Anything else thrown
 * reaches a caller as `internal_error`.
 */
export class PatronError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; issues?: FieldIssue[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'PatronError';
    this.code = code;
    this.details = options.details;
    this.issues = options.issues;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  get exitCode(): number {
    return errorCodes[this.code].exit;
  }
}
