// The whole transcript of an audited dialog with the phrase each check turned
// on highlighted (issue 19), so a reviewer can agree or disagree at a glance.
// Text is rendered as text: highlighting splits it, never parses it.
import type { AuditDetailCheck } from '../../api/reports';
import type { MessageView } from '../../api/types';
import { useI18n } from '../../i18n';

export interface Segment {
  text: string;
  /** The checks whose deciding phrase covers this piece of text. */
  checks: AuditDetailCheck[];
}

/** Splits a message's text at every highlight boundary; overlapping highlights share a segment. */
export function segments(text: string, marks: readonly AuditDetailCheck[]): Segment[] {
  const spans = marks
    .filter((m) => m.span)
    .map((m) => ({
      check: m,
      start: Math.max(0, Math.min(text.length, m.span![0])),
      end: Math.max(0, Math.min(text.length, m.span![1])),
    }))
    .filter((s) => s.end > s.start);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  const out: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const checks = spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.check);
    out.push({ text: text.slice(from, to), checks });
  }
  return out;
}

export function AuditTranscript({
  messages,
  checks,
}: {
  messages: readonly MessageView[];
  checks: readonly AuditDetailCheck[];
}) {
  const { t } = useI18n();
  return (
    <section className="audit-transcript" aria-labelledby="audit-transcript-title">
      <h3 id="audit-transcript-title">{t('audit.transcript')}</h3>
      <p className="hint">{t('audit.transcriptHint')}</p>
      <ol className="transcript">
        {messages.map((m) => {
          const marks = checks.filter((c) => c.messageId === m.id);
          const whole = marks.filter((c) => !c.span);
          return (
            <li key={m.id} className={`transcript-line author-${m.author}`} data-message-id={m.id}>
              <small className="hint">{t(`audit.author.${m.author}`)}</small>
              <p className="pre">
                {segments(m.text, marks).map((s, i) =>
                  s.checks.length === 0 ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text
                    <span key={i}>{s.text}</span>
                  ) : (
                    <mark
                      // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text
                      key={i}
                      className={`audit-mark outcome-${worst(s.checks)}`}
                      data-checks={s.checks.map((c) => c.check).join(' ')}
                      title={s.checks
                        .map(
                          (c) =>
                            `${t(`audit.check.${c.check}`)}: ${t(`audit.outcome.${c.outcome}`)}`,
                        )
                        .join('; ')}
                    >
                      {s.text}
                    </mark>
                  ),
                )}
              </p>
              {marks.length > 0 && (
                <ul className="mark-legend">
                  {marks.map((c) => (
                    <li key={c.check} className={`outcome-${c.outcome}`}>
                      {t(`audit.check.${c.check}`)}: {t(`audit.outcome.${c.outcome}`)}
                      {whole.includes(c) ? ` (${t('audit.wholeMessage')})` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A highlight shared by several checks shows the worst outcome among them. */
function worst(checks: readonly AuditDetailCheck[]): string {
  if (checks.some((c) => c.outcome === 'fail')) return 'fail';
  return checks.some((c) => c.outcome === 'pass') ? 'pass' : 'na';
}
