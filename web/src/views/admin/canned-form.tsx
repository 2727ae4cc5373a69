import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { CannedResponse } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { useSave } from './use-save';

export function CannedForm({
  canned,
  onDone,
}: {
  canned: CannedResponse | null;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const save = useSave();
  const [shortcut, setShortcut] = useState(canned?.shortcut ?? '');
  const [text, setText] = useState(canned?.text ?? '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { shortcut: shortcut.trim().replace(/^\//, ''), text };
    const ok = await save.run(() =>
      canned
        ? api.patch(`/canned-responses/${canned.id}`, body)
        : api.post('/canned-responses', body),
    );
    if (ok) onDone();
  }

  return (
    <Dialog title={canned ? t('canned.edit') : t('canned.create')} onClose={onDone}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={save.error} fields={['shortcut', 'text']} />
        <Field
          label={t('canned.shortcut')}
          hint={t('canned.shortcutHint')}
          error={fieldError(save.error, 'shortcut')}
        >
          {(p) => (
            <input {...p} required value={shortcut} onChange={(e) => setShortcut(e.target.value)} />
          )}
        </Field>
        <Field
          label={t('canned.text')}
          hint={t('canned.variables')}
          error={fieldError(save.error, 'text')}
        >
          {(p) => (
            <textarea
              {...p}
              required
              rows={5}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {canned ? t('common.save') : t('common.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
