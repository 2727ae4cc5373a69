// Server errors shown in the UI language: a known code has a translation;
// validation errors keep the server's specific message (it names the rule).
import { ApiError } from '../api/client';
import { isMessageKey, type Translate } from '../i18n';

export interface ShownError {
  message: string;
  field: string | null;
}

export function describeError(t: Translate, error: unknown): ShownError {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    const message =
      error.code !== 'validation_failed' && isMessageKey(key) ? t(key) : error.message;
    return { message, field: error.field };
  }
  const body = error as { code?: unknown; message?: unknown; field?: unknown } | null;
  if (body && typeof body.code === 'string') {
    const key = `error.${body.code}`;
    return {
      message:
        body.code !== 'validation_failed' && isMessageKey(key)
          ? t(key)
          : String(body.message ?? ''),
      field: typeof body.field === 'string' ? body.field : null,
    };
  }
  return { message: t('error.internal'), field: null };
}
