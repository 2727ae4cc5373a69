import { useI18n } from '../../i18n';
import type { DraftFile } from './use-uploads';

export function DraftFiles({
  files,
  onRemove,
}: {
  files: readonly DraftFile[];
  onRemove: (localId: string) => void;
}) {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul className="draft-files" aria-label={t('composer.files')}>
      {files.map((f) => (
        <li key={f.localId} className={`draft-file draft-${f.status}`}>
          <span>{f.name}</span>
          {f.status === 'uploading' && <small>{t('composer.uploading')}</small>}
          {f.status === 'failed' && (
            <small className="field-error" role="alert">
              {f.error}
            </small>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t('composer.remove', { name: f.name })}
            onClick={() => onRemove(f.localId)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
