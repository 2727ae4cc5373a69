// Field errors in the interface's language. The server names the field of bad
// input but says what is wrong in English (its zod message); a form that
// knows its fields says it in the user's language instead. Other errors
// (known codes, fields the form does not list) are described as usual.
import { ApiError } from '../api/client';
import type { MessageKey, Translate } from '../i18n';
import { describeError, type ShownError } from './errors';

export type FieldMessages = Readonly<Record<string, MessageKey>>;

export function describeFieldError(
  t: Translate,
  error: unknown,
  messages: FieldMessages = {},
): ShownError {
  if (error instanceof ApiError && error.code === 'validation_failed' && error.field) {
    const root = error.field.split('.')[0]!;
    const key = messages[error.field] ?? messages[root];
    if (key) return { message: t(key), field: error.field };
  }
  return describeError(t, error);
}
