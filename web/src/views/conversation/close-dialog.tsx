// Close with a category (required when the account says so), target /
// non-target and a note. Afterwards the next waiting conversation opens.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { ConversationView } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { nextConversation, orderMine } from '../../lib/mine-order';
import { useMe, useReference } from '../../lib/use-account';
import { openConversation } from '../../state/router';
import { toast } from '../../state/toasts';
import { clocks, mine } from '../../state/workspace';

type Targeted = 'unset' | 'target' | 'nontarget';

export function CloseDialog({
  conversation,
  onDone,
}: {
  conversation: ConversationView;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const { categories } = useReference();
  const required = me.account.settings.categoryRequired;
  const [categoryId, setCategoryId] = useState(conversation.categoryId ?? '');
  const [targeted, setTargeted] = useState<Targeted>(
    conversation.targeted === null ? 'unset' : conversation.targeted ? 'target' : 'nontarget',
  );
  // A closed conversation (the client ended it) gets its category and note afterwards.
  const after = conversation.state === 'closed';
  const [note, setNote] = useState(conversation.closeNote ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (required && !categoryId) {
      setError({ message: t('error.category_required'), field: 'categoryId' });
      return;
    }
    setBusy(true);
    setError(null);
    const next = nextConversation(orderMine(mine.get().values(), clocks.get()), conversation.id);
    try {
      if (after) {
        await api.patch(`/conversations/${conversation.id}/category`, {
          categoryId: categoryId || null,
          targeted: targeted === 'unset' ? null : targeted === 'target',
          note: note.trim() || null,
        });
        toast('success', t('after.saved'));
        onDone();
        return;
      }
      await api.post(`/conversations/${conversation.id}/close`, {
        categoryId: categoryId || null,
        targeted: targeted === 'unset' ? null : targeted === 'target',
        note: note.trim() || null,
      });
      toast('success', t('close.done'));
      onDone();
      openConversation(next);
    } catch (err) {
      setError(describeError(t, err));
      setBusy(false);
    }
  }

  const targets: [Targeted, string][] = [
    ['unset', t('close.targetUnset')],
    ['target', t('close.target')],
    ['nontarget', t('close.nonTarget')],
  ];

  return (
    <Dialog title={after ? t('after.title') : t('close.title')} onClose={onDone}>
      <form onSubmit={submit} className="form" noValidate>
        <FormError error={error} fields={['categoryId', 'targeted', 'note']} />
        <Field
          label={required ? t('close.categoryRequired') : t('close.category')}
          error={fieldError(error, 'categoryId')}
        >
          {(p) => (
            <select
              {...p}
              name="categoryId"
              required={required}
              value={categoryId}
              onChange={(e) => setCategoryId(e.target.value)}
            >
              <option value="">{t('common.none')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="radio-row">
          <legend>{t('close.result')}</legend>
          {targets.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="targeted"
                checked={targeted === value}
                onChange={() => setTargeted(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <Field label={t('close.note')} error={fieldError(error, 'note')}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {after ? t('common.save') : t('close.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
