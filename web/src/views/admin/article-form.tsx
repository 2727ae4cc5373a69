// One article: Markdown on the left, the preview as the widget shows it (the
// server renders and sanitizes it) beside it.
import { type FormEvent, useEffect, useState } from 'react';
import type { ArticlePreview } from '../../../../src/contract/articles';
import { api } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import type { Article } from './articles-admin';
import { parseList, useSave } from './use-save';

export function ArticleForm({
  article,
  onDone,
}: {
  article: Article | null;
  onDone: (changed: boolean) => void;
}) {
  const { t } = useI18n();
  const save = useSave();
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.body ?? '');
  const [language, setLanguage] = useState<Article['language']>(article?.language ?? 'en');
  const [tags, setTags] = useState(article?.tags.join(', ') ?? '');
  const [published, setPublished] = useState(article?.published ?? false);
  const [preview, setPreview] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => {
      void api
        .post<ArticlePreview>('/articles/preview', { body })
        .then((r) => setPreview(r.html))
        .catch(() => {});
    }, 300);
    return () => clearTimeout(timer);
  }, [body]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const payload = { title, body, language, tags: parseList(tags), published };
    const ok = await save.run(() =>
      article ? api.patch(`/articles/${article.id}`, payload) : api.post('/articles', payload),
    );
    if (ok) onDone(true);
  }

  return (
    <Dialog
      title={article ? t('articles.edit') : t('articles.create')}
      onClose={() => onDone(false)}
    >
      <form className="form article-form" onSubmit={submit} noValidate>
        <FormError error={save.error} fields={['title', 'body', 'language', 'tags']} />
        <Field label={t('articles.title')} error={fieldError(save.error, 'title')}>
          {(p) => (
            <input {...p} required value={title} onChange={(e) => setTitle(e.target.value)} />
          )}
        </Field>
        <Field label={t('articles.language')} error={fieldError(save.error, 'language')}>
          {(p) => (
            <select
              {...p}
              value={language}
              onChange={(e) => setLanguage(e.target.value as Article['language'])}
            >
              <option value="en">English</option>
              <option value="ru">Русский</option>
              <option value="uk">Українська</option>
            </select>
          )}
        </Field>
        <Field
          label={t('articles.tags')}
          hint={t('articles.tagsHint')}
          error={fieldError(save.error, 'tags')}
        >
          {(p) => <input {...p} value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
        <div className="article-editor">
          <Field
            label={t('articles.body')}
            hint={t('articles.bodyHint')}
            error={fieldError(save.error, 'body')}
          >
            {(p) => (
              <textarea {...p} rows={14} value={body} onChange={(e) => setBody(e.target.value)} />
            )}
          </Field>
          <section className="article-preview" aria-label={t('articles.preview')}>
            <h2>{t('articles.preview')}</h2>
            {/* Rendered and sanitized by the server (src/knowledge/markdown.ts). */}
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized HTML from the server */}
            <div className="article-html" dangerouslySetInnerHTML={{ __html: preview }} />
          </section>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={published}
            onChange={(e) => setPublished(e.target.checked)}
          />
          {t('articles.publish')}
        </label>
        <div className="form-actions">
          <button type="button" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {article ? t('common.save') : t('common.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
