// The knowledge base (issue 17): articles in Markdown, searched as the bot
// searches them, imported and exported as JSON or Markdown files.
import { useCallback, useEffect, useState } from 'react';
import type {
  ArticleImport,
  ArticleList,
  ArticleView,
  RankedArticleList,
} from '../../../../src/contract/articles';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { ArticleForm } from './article-form';
import { useSave } from './use-save';

/** An article as listed, or found by search (then with its rank). */
export type Article = ArticleView & { rank?: number };

export function ArticlesAdmin() {
  const { t } = useI18n();
  const save = useSave();
  const [articles, setArticles] = useState<Article[] | null>(null);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Article | 'new' | null>(null);

  const load = useCallback(async () => {
    const path = q.trim() ? `/articles/search?q=${encodeURIComponent(q.trim())}` : '/articles';
    const body = await api.get<ArticleList | RankedArticleList>(path);
    setArticles(body.articles);
  }, [q]);

  useEffect(() => {
    void load().catch(() => setArticles([]));
  }, [load]);

  async function remove(a: Article) {
    if (!window.confirm(t('common.confirmDelete', { name: a.title }))) return;
    if (await save.run(() => api.del(`/articles/${a.id}`), t('admin.deleted'))) await load();
  }

  async function importFile(file: File) {
    const text = await file.text();
    const markdown = !file.name.toLowerCase().endsWith('.json');
    const ok = await save.run(async () => {
      const body = markdown
        ? { format: 'markdown', text }
        : { format: 'json', articles: importable(JSON.parse(text)) };
      const done = await api.post<ArticleImport>('/articles/import', body);
      return done;
    }, t('articles.imported'));
    if (ok) await load();
  }

  return (
    <section aria-labelledby="admin-title">
      <div className="section-head">
        <h1 id="admin-title">{t('admin.articles')}</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('articles.create')}
        </button>
      </div>
      <p className="hint">{t('articles.intro')}</p>
      <div className="row-actions">
        <input
          type="search"
          aria-label={t('articles.search')}
          placeholder={t('articles.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <a className="button" href="/api/v1/articles/export?format=json" download>
          {t('articles.exportJson')}
        </a>
        <a className="button" href="/api/v1/articles/export?format=markdown" download>
          {t('articles.exportMarkdown')}
        </a>
        <label className="button">
          {t('articles.import')}
          <input
            type="file"
            accept=".json,.md,.markdown,text/markdown,application/json"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      {save.error && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      {articles?.length === 0 && <p className="muted">{t('articles.empty')}</p>}
      {articles && articles.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('articles.title')}</th>
              <th scope="col">{t('articles.language')}</th>
              <th scope="col">{t('articles.tags')}</th>
              <th scope="col">{t('articles.published')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.title}</th>
                <td>{a.language}</td>
                <td>{a.tags.join(', ')}</td>
                <td>{a.published ? t('articles.yes') : t('articles.draft')}</td>
                <td className="actions">
                  <button
                    type="button"
                    onClick={() => setEditing(a)}
                    aria-label={t('common.editNamed', { name: a.title })}
                  >
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="danger-link"
                    onClick={() => void remove(a)}
                    aria-label={t('common.deleteNamed', { name: a.title })}
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <ArticleForm
          article={editing === 'new' ? null : editing}
          onDone={(changed) => {
            setEditing(null);
            if (changed) void load();
          }}
        />
      )}
    </section>
  );
}

/** An export's articles without the fields the import does not take. */
function importable(json: unknown): unknown[] {
  const list = (json as { articles?: unknown[] })?.articles ?? json;
  if (!Array.isArray(list)) return [];
  return list.map((a) => {
    const { createdAt: _c, updatedAt: _u, rank: _r, ...rest } = a as Record<string, unknown>;
    return rest;
  });
}
