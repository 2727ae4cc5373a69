// Runs an admin change: shows the server's error next to its field, and on
// success reloads the reference data so the change shows everywhere at once.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import { describeFieldError, type FieldMessages } from '../../lib/field-errors';
import { loadReference } from '../../state/reference';
import { toast } from '../../state/toasts';

/** `fieldMessages`: the form's own words for bad input at each field (lib/field-errors.ts). */
export function useSave(fieldMessages?: FieldMessages) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  async function run(action: () => Promise<unknown>, successText?: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      await loadReference().catch(() => {});
      toast('success', successText ?? t('admin.saved'));
      return true;
    } catch (err) {
      setError(describeFieldError(t, err, fieldMessages));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}

/** "en, ru" → ["en", "ru"]; the server validates each code. */
export function parseList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** Seconds in the form, milliseconds in the API; empty means "not set". */
export function secondsToMs(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n * 1000) : Number.NaN;
}

export function msToSeconds(ms: unknown): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? String(ms / 1000) : '';
}
