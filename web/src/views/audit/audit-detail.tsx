// One dialog's audit (GET /audit/conversations/:id): each check's outcome,
// the message it refers to with the deciding phrase highlighted (plain text),
// the note, the whole transcript with every check's phrase marked, and the
// reviewer's form.
import { useEffect, useState } from 'react';
import type { AuditDetail } from '../../api/reports';
import type { MessageView } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatDateTime, shortId } from '../../lib/format';
import { formatShare } from '../../lib/report-format';
import { useApi } from '../../lib/use-api';
import { navigate, openConversation } from '../../state/router';
import { loadMessages } from '../conversation/use-conversation';
import { AuditTranscript, segments } from './audit-transcript';
import { ReviewForm } from './review-form';

export function AuditDetailCard({
  conversationId,
  onReviewed,
}: {
  conversationId: string;
  onReviewed?: () => void;
}) {
  const { t, lang } = useI18n();
  const loaded = useApi<AuditDetail>(`/audit/conversations/${conversationId}`);
  const [saved, setSaved] = useState<AuditDetail | null>(null);
  const [messages, setMessages] = useState<Map<string, MessageView>>(new Map());
  const [transcript, setTranscript] = useState<MessageView[]>([]);
  useEffect(() => {
    let live = true;
    setSaved(null);
    // The message texts are context only; the audit shows without them.
    loadMessages(conversationId).then(
      (list) => {
        if (!live) return;
        setMessages(new Map(list.map((m) => [m.id, m])));
        setTranscript(list);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [conversationId]);
  // The previous dialog's audit stays in `loaded` until the new one arrives; never show it under this title.
  const fresh = loaded.data?.conversationId === conversationId ? loaded.data : null;
  const detail = saved?.conversationId === conversationId ? saved : fresh;
  return (
    <section
      className="card wide audit-detail"
      aria-labelledby="audit-detail-title"
      aria-busy={loaded.loading}
    >
      <div className="section-head">
        <h2 id="audit-detail-title">{t('audit.detailTitle', { id: shortId(conversationId) })}</h2>
        <div className="section-tools">
          <a
            href={`/c/${conversationId}`}
            onClick={(e) => {
              e.preventDefault();
              openConversation(conversationId);
            }}
          >
            {t('audit.openConversation')}
          </a>
          <a
            href="/audit"
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: 'audit', conversationId: null });
            }}
          >
            {t('audit.backToLists')}
          </a>
        </div>
      </div>
      {loaded.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, loaded.error).message}
        </p>
      )}
      {detail && (
        <>
          <p>
            {t('audit.detailSummary', {
              score: formatShare(detail.score, lang),
              closedAt: formatDateTime(detail.closedAt, lang),
            })}
          </p>
          <div className="table-scroll">
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.check')}</th>
                  <th scope="col">{t('audit.outcome')}</th>
                  <th scope="col">{t('audit.message')}</th>
                  <th scope="col">{t('audit.note')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.checks.map((c) => {
                  const m = c.messageId ? messages.get(c.messageId) : undefined;
                  return (
                    <tr key={c.check}>
                      <th scope="row">{t(`audit.check.${c.check}`)}</th>
                      <td>
                        <span className={`outcome outcome-${c.outcome}`}>
                          {t(`audit.outcome.${c.outcome}`)}
                        </span>
                      </td>
                      <td className="pre">
                        {m ? (
                          <>
                            <small className="hint">{t(`audit.author.${m.author}`)}: </small>
                            {segments(m.text, [c]).map((seg, i) =>
                              seg.checks.length > 0 ? (
                                // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text
                                <mark key={i} className={`audit-mark outcome-${c.outcome}`}>
                                  {seg.text}
                                </mark>
                              ) : (
                                // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text
                                <span key={i}>{seg.text}</span>
                              ),
                            )}
                          </>
                        ) : c.messageId ? (
                          <small className="hint">{t('audit.messageNotLoaded')}</small>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>{c.note || '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {transcript.length > 0 && (
            <AuditTranscript messages={transcript} checks={detail.checks} />
          )}
          <ReviewForm
            key={detail.conversationId}
            detail={detail}
            onSaved={(d) => {
              setSaved(d);
              onReviewed?.();
            }}
          />
        </>
      )}
    </section>
  );
}
