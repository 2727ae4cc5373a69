import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { useReference } from '../../lib/use-account';
import { useSave } from './use-save';

export function CategoriesAdmin() {
  const { t } = useI18n();
  const { categories } = useReference();
  const save = useSave();
  const [name, setName] = useState('');
  // One category at a time is renamed in place; its errors stay with it.
  const renameSave = useSave();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (await save.run(() => api.post('/categories', { name: name.trim() }))) setName('');
  }

  async function rename(e: FormEvent) {
    e.preventDefault();
    if (!renaming) return;
    const { id, name: newName } = renaming;
    if (await renameSave.run(() => api.patch(`/categories/${id}`, { name: newName.trim() })))
      setRenaming(null);
  }

  function startRenaming(id: string, current: string) {
    renameSave.setError(null);
    setRenaming({ id, name: current });
  }

  async function remove(id: string, label: string) {
    if (!window.confirm(t('common.confirmDelete', { name: label }))) return;
    await save.run(() => api.del(`/categories/${id}`), t('admin.deleted'));
  }

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.categories')}</h1>
      <form className="inline-form" onSubmit={create} noValidate>
        <FormError error={save.error} fields={['name']} />
        <Field label={t('categories.new')} error={fieldError(save.error, 'name')}>
          {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" disabled={save.busy || !name.trim()}>
          {t('common.add')}
        </button>
      </form>
      {categories.length === 0 ? (
        <p className="empty">{t('categories.empty')}</p>
      ) : (
        <ul className="plain-list">
          {categories.map((c) =>
            renaming?.id === c.id ? (
              <li key={c.id}>
                <form className="inline-form" onSubmit={rename} noValidate>
                  <FormError error={renameSave.error} fields={['name']} />
                  <Field
                    label={t('categories.renameNamed', { name: c.name })}
                    error={fieldError(renameSave.error, 'name')}
                  >
                    {(p) => (
                      <input
                        {...p}
                        required
                        // biome-ignore lint/a11y/noAutofocus: the admin just asked to rename this one
                        autoFocus
                        value={renaming.name}
                        onChange={(e) => setRenaming({ id: c.id, name: e.target.value })}
                      />
                    )}
                  </Field>
                  <button
                    type="submit"
                    className="primary"
                    disabled={renameSave.busy || !renaming.name.trim()}
                  >
                    {t('common.save')}
                  </button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    {t('common.cancel')}
                  </button>
                </form>
              </li>
            ) : (
              <li key={c.id}>
                <span>{c.name}</span>
                <button
                  type="button"
                  onClick={() => startRenaming(c.id, c.name)}
                  aria-label={t('categories.renameNamed', { name: c.name })}
                >
                  {t('categories.rename')}
                </button>
                <button
                  type="button"
                  className="danger-link"
                  onClick={() => void remove(c.id, c.name)}
                  aria-label={t('common.deleteNamed', { name: c.name })}
                >
                  {t('common.delete')}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
