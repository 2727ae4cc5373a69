// An attachment as a download link; images also get a preview. Files are
// served by the API as attachments (never inline HTML), see DESIGN §8.
import type { Attachment } from '../api/types';
import { useI18n } from '../i18n';
import { formatBytes } from '../lib/format';

export function attachmentUrl(a: Attachment): string {
  return `/api/v1/uploads/${encodeURIComponent(a.id)}`;
}

const PREVIEWABLE = /^image\/(png|jpe?g|gif|webp)$/i;

export function AttachmentLink({ attachment: a }: { attachment: Attachment }) {
  const { t } = useI18n();
  return (
    <a
      className="attachment"
      href={attachmentUrl(a)}
      download={a.name}
      aria-label={t('attachment.download', { name: a.name })}
    >
      {PREVIEWABLE.test(a.contentType) && (
        <img src={attachmentUrl(a)} alt="" loading="lazy" className="attachment-preview" />
      )}
      <span className="attachment-name">{a.name}</span>
      <small>{formatBytes(a.size)}</small>
    </a>
  );
}
