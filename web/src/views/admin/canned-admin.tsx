import { useState } from 'react';
import { api } from '../../api/client';
import type { CannedResponse } from '../../api/types';
import { useI18n } from '../../i18n';
import { useReference } from '../../lib/use-account';
import { CannedForm } from './canned-form';
import { useSave } from './use-save';

export function CannedAdmin() {
  const { t } = useI18n();
  const { canned } = useReference();
  const save = useSave();
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);

  async function remove(c: CannedResponse) {
    if (!window.confirm(t('common.confirmDelete', { name: `/${c.shortcut}` }))) return;
    await save.run(() => api.del(`/canned-responses/${c.id}`), t('admin.deleted'));
  }

  return (
    <section aria-labelledby="admin-title">
      <div className="section-head">
        <h1 id="admin-title">{t('admin.canned')}</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('canned.create')}
        </button>
      </div>
      <p className="hint">{t('canned.variables')}</p>
      {save.error && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('canned.shortcut')}</th>
            <th scope="col">{t('canned.text')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {canned.map((c) => (
            <tr key={c.id}>
              <th scope="row">/{c.shortcut}</th>
              <td className="pre">{c.text}</td>
              <td className="actions">
                <button
                  type="button"
                  onClick={() => setEditing(c)}
                  aria-label={t('common.editNamed', { name: `/${c.shortcut}` })}
                >
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  className="danger-link"
                  onClick={() => void remove(c)}
                  aria-label={t('common.deleteNamed', { name: `/${c.shortcut}` })}
                >
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <CannedForm canned={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
    </section>
  );
}
