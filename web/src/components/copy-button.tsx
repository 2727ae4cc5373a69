// Copies a text (an embed code, an address, a secret) and says whether it worked.
import { useI18n } from '../i18n';
import { toast } from '../state/toasts';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useI18n();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast('success', t('common.copied'));
    } catch {
      toast('error', t('common.copyFailed'));
    }
  }
  return (
    <button type="button" onClick={() => void copy()}>
      {label ?? t('common.copy')}
    </button>
  );
}
