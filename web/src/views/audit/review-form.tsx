// A reviewer's verdict on all nine checks plus a comment
// (PUT /audit/conversations/:id/review), stored beside the automatic result.
import { useState } from 'react';
import { AUDIT_CHECKS } from '../../../../src/domain/audit/types';
import { api } from '../../api/client';
import type { AuditCheckId, AuditDetail, AuditOutcome } from '../../api/reports';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { toast } from '../../state/toasts';

const OUTCOMES: readonly AuditOutcome[] = ['pass', 'fail', 'na'];
export const COMMENT_MAX = 2000;

function initialVerdicts(detail: AuditDetail): Record<AuditCheckId, AuditOutcome> {
  // Start from the automatic outcomes: the reviewer changes only what they disagree with.
  // A review made before a check existed lacks its verdict: the automatic outcome fills it.
  const byCheck = new Map(detail.checks.map((c) => [c.check, c.outcome]));
  const saved = detail.review?.verdicts ?? {};
  return Object.fromEntries(
    AUDIT_CHECKS.map((c) => [c, saved[c] ?? byCheck.get(c) ?? 'na']),
  ) as Record<AuditCheckId, AuditOutcome>;
}

export function ReviewForm({
  detail,
  onSaved,
}: {
  detail: AuditDetail;
  onSaved: (d: AuditDetail) => void;
}) {
  const { t, lang } = useI18n();
  const [verdicts, setVerdicts] = useState(() => initialVerdicts(detail));
  const [comment, setComment] = useState(detail.review?.comment ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { verdicts, ...(comment.trim() ? { comment } : {}) };
      const saved = await api.put<AuditDetail>(
        `/audit/conversations/${detail.conversationId}/review`,
        body,
      );
      onSaved(saved);
      toast('success', t('audit.reviewSaved'));
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form review-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="review-title"
    >
      <h3 id="review-title">{t('audit.review')}</h3>
      {detail.review && (
        <p className="hint">
          {t('audit.reviewedBy', {
            name: detail.review.reviewerName,
            at: formatDateTime(detail.review.reviewedAt, lang),
          })}
        </p>
      )}
      <FormError error={error} fields={['verdicts', 'comment']} />
      <div className="verdicts">
        {AUDIT_CHECKS.map((c) => (
          <fieldset key={c} aria-invalid={Boolean(fieldError(error, `verdicts.${c}`))}>
            <legend>{t(`audit.check.${c}`)}</legend>
            <div className="radio-row">
              {OUTCOMES.map((o) => (
                <label key={o}>
                  <input
                    type="radio"
                    name={`verdict-${c}`}
                    value={o}
                    checked={verdicts[c] === o}
                    onChange={() => setVerdicts((v) => ({ ...v, [c]: o }))}
                  />
                  {t(`audit.outcome.${o}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      <Field
        label={t('audit.comment')}
        hint={t('audit.commentHint', { n: COMMENT_MAX - comment.length })}
        error={fieldError(error, 'comment')}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={COMMENT_MAX}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {detail.review ? t('audit.updateReview') : t('audit.saveReview')}
        </button>
      </div>
    </form>
  );
}
