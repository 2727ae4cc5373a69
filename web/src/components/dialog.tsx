// A modal dialog on the platform's <dialog> with showModal(): the browser moves
// focus in, keeps it in (the page behind is inert, so shortcuts and clicks do
// not reach it), and turns Escape into `cancel`, which closes through onClose.
// Focus goes back to where it was when the dialog goes away.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n';

/** True while any modal dialog is open: global shortcuts stay quiet behind it. */
export function dialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const box = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = box.current;
    if (!dialog) return;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    // The first field or action, not the × in the corner.
    dialog
      .querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)')
      ?.focus();
    let leaving = false;
    // Chrome closes a dialog by itself on a second Escape in a row: follow it.
    const onNativeClose = () => {
      if (!leaving) close.current();
    };
    dialog.addEventListener('close', onNativeClose);
    return () => {
      leaving = true;
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={box}
      className="dialog"
      aria-labelledby={id}
      onCancel={(e) => {
        // Escape: the owner unmounts the dialog, which restores focus.
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        // Browsers without <dialog> support (and test DOMs) get Escape here.
        if (e.key === 'Escape' && typeof box.current?.showModal !== 'function') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="dialog-head">
        <h2 id={id}>{title}</h2>
        <button
          type="button"
          className="dialog-close icon-button"
          onClick={onClose}
          aria-label={t('common.close')}
        >
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
