// Server errors shown in the UI language: a known code has a translation, and
// bad input is worded by the rule it broke (`reason`, docs/api.md), so a
// Russian admin never sees the validator's English.
import { ApiError } from '../api/client';
import { isMessageKey, type Translate } from '../i18n';
import { en } from '../i18n/en';

export interface ShownError {
  message: string;
  field: string | null;
}

interface ErrorLike {
  code: string;
  message: string;
  field: string | null;
  reason?: string | null;
  params?: Record<string, number>;
}

export function describeError(t: Translate, error: unknown): ShownError {
  if (error instanceof ApiError) return describeBody(t, error);
  const body = error as { code?: unknown; message?: unknown; field?: unknown } | null;
  if (body && typeof body.code === 'string') {
    const b = body as Partial<ErrorLike> & { code: string };
    return describeBody(t, {
      code: b.code,
      message: String(b.message ?? ''),
      field: typeof b.field === 'string' ? b.field : null,
      reason: typeof b.reason === 'string' ? b.reason : null,
      ...(b.params ? { params: b.params } : {}),
    });
  }
  return { message: t('error.internal'), field: null };
}

function describeBody(t: Translate, e: ErrorLike): ShownError {
  if (e.code === 'validation_failed') {
    const key = `invalid.${e.reason ?? 'invalid'}`;
    const known = isMessageKey(key) && key !== 'invalid.invalid';
    // A rule without a wording of its own: in English the server's text is
    // the most specific; other languages get the general wording.
    const english = t('invalid.invalid') === en['invalid.invalid'];
    if (!known && english && e.message) return { message: e.message, field: e.field };
    return { message: t(known ? key : 'invalid.invalid', e.params), field: e.field };
  }
  const key = `error.${e.code}`;
  return { message: isMessageKey(key) ? t(key) : e.message, field: e.field };
}
