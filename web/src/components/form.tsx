// Form building blocks with accessible labels and server-error highlighting:
// an ApiError whose `field` names an input marks that input invalid.
import { type ReactNode, useId } from 'react';
import type { ShownError } from '../lib/errors';

export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** The error text for one field, when the server named it (or a nested path under it). */
export function fieldError(error: ShownError | null, field: string): string | null {
  if (!error?.field) return null;
  return error.field === field || error.field.startsWith(`${field}.`) ? error.message : null;
}

/** The error shown at the top of a form when it names no field this form shows. */
export function FormError({ error, fields }: { error: ShownError | null; fields: string[] }) {
  if (!error) return null;
  if (error.field && fields.some((f) => fieldError(error, f))) return null;
  return (
    <p className="form-error" role="alert">
      {error.message}
    </p>
  );
}
