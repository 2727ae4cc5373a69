// Field errors in the interface's language. The server names the field of bad
// input and the rule it broke (`reason`, lib/errors.ts words the known ones);
// for a rule without a wording of its own, a form that knows its fields says
// what is wrong in the user's language instead of the validator's English.
// Other errors (known codes, fields the form does not list) are described as usual.
import { ApiError } from '../api/client';
import { isMessageKey, type MessageKey, type Translate } from '../i18n';
import { describeError, type ShownError } from './errors';

export type FieldMessages = Readonly<Record<string, MessageKey>>;

export function describeFieldError(
  t: Translate,
  error: unknown,
  messages: FieldMessages = {},
): ShownError {
  if (error instanceof ApiError && error.code === 'validation_failed' && error.field) {
    const rule = `invalid.${error.reason ?? 'invalid'}`;
    const worded = isMessageKey(rule) && rule !== 'invalid.invalid';
    const root = error.field.split('.')[0]!;
    const key = messages[error.field] ?? messages[root];
    if (key && !worded) return { message: t(key), field: error.field };
  }
  return describeError(t, error);
}
