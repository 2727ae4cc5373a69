import { useI18n } from '../i18n';
import { useStore } from '../state/store';
import { dismiss, toasts } from '../state/toasts';

export function Toasts() {
  const { t } = useI18n();
  const list = useStore(toasts, (x) => x);
  return (
    <div className="toasts" aria-live="polite">
      {list.map((x) => (
        <div
          key={x.id}
          className={`toast toast-${x.kind}`}
          role={x.kind === 'error' ? 'alert' : 'status'}
        >
          <span>{x.text}</span>
          {x.action && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                x.action?.run();
                dismiss(x.id);
              }}
            >
              {x.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.dismiss')}
            onClick={() => dismiss(x.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
