// The error catalog: every error the API returns has a stable code, an HTTP
// status and, for bad input, the field it concerns. docs/api.md lists them all
// (a test checks that the list is complete).
export const ERROR_CATALOG = {
  validation_failed: { status: 400, message: 'The request is invalid.' },
  unauthenticated: { status: 401, message: 'Log in or send a valid token.' },
  invalid_credentials: { status: 401, message: 'E-mail or password is wrong.' },
  csrf_failed: { status: 403, message: 'Missing or wrong CSRF token.' },
  forbidden: { status: 403, message: 'Your role does not allow this.' },
  not_found: { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'This conflicts with existing data.' },
  conversation_already_taken: {
    status: 409,
    message: 'Another operator already took this conversation.',
  },
  operator_at_limit: {
    status: 409,
    message: 'The operator is at their limit of open conversations.',
  },
  operator_has_history: {
    status: 409,
    message: 'The operator has conversations, messages or audit results; deactivate them instead.',
  },
  password_link_invalid: {
    status: 410,
    message: 'This link has expired or was already used. Ask for a new one.',
  },
  operator_not_online: { status: 409, message: 'The operator is not online.' },
  conversation_closed: { status: 409, message: 'The conversation is closed.' },
  conversation_not_found: {
    status: 404,
    message: 'No audited conversation with this id in your account.',
  },
  conversation_not_queued: {
    status: 409,
    message: 'The conversation is not waiting in the queue.',
  },
  conversation_not_with_bot: {
    status: 409,
    message: 'The bot no longer has this conversation: it was handed over or closed.',
  },
  contact_blocked: { status: 403, message: 'This contact is blocked.' },
  category_required: { status: 400, message: 'Choose a category before closing.' },
  origin_not_allowed: { status: 403, message: 'This site may not use the channel.' },
  payload_too_large: { status: 413, message: 'The upload is too large.' },
  period_too_large: {
    status: 422,
    message:
      'The report takes too long for this period. Choose a shorter period, or narrow it to a channel, team or operator.',
  },
  unsupported_media_type: { status: 415, message: 'This file type is not allowed.' },
  rate_limited: {
    status: 429,
    message: 'Too many requests, please slow down and try again shortly.',
  },
  internal: { status: 500, message: 'Something went wrong on our side.' },
  database_unavailable: {
    status: 503,
    message: 'The database cannot be reached right now; nothing was saved. Try again shortly.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** For bad input: the rule it broke, so a client can say it in its own language. */
export interface ErrorReason {
  reason: string;
  params?: Record<string, number>;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
    readonly detail?: ErrorReason,
  ) {
    super(message ?? ERROR_CATALOG[code].message);
    this.status = ERROR_CATALOG[code].status;
  }
}

export const invalid = (field: string, message: string, detail?: ErrorReason) =>
  new AppError('validation_failed', message, field, detail);
export const notFound = (what: string) => new AppError('not_found', `${what} not found.`);

/**
 * A unique index refused the write (PostgreSQL's 23505): two
 * writers raced for one name. The action answers with its own conflict.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
