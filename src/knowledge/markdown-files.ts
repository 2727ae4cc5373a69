// Articles as Markdown files (docs/bot.md "Import and export"): each article
// is a front-matter block between `---` lines, then its Markdown body. One
// file may hold many articles, one after another:
//
//   ---
//   title: Delivery times
//   language: en
//   tags: delivery, shipping
//   published: true
//   ---
//   We deliver in 2–3 days…
//
// `id` may be given too (an export names each article, so an import back
// replaces them). A body line that is exactly `---` would start the next
// article's block, so the exporter writes it as `***` (both are a rule).

export interface MarkdownArticle {
  id?: string;
  title: string;
  language: string;
  tags: string[];
  published: boolean;
  body: string;
}

export class MarkdownFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

export function parseMarkdownArticles(text: string): MarkdownArticle[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const articles: MarkdownArticle[] = [];
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i += 1;
  while (i < lines.length) {
    if (lines[i]!.trim() !== '---') throw new MarkdownFileError(i + 1, 'expected "---".');
    const start = i + 1;
    i += 1;
    const fields: Record<string, string> = {};
    while (i < lines.length && lines[i]!.trim() !== '---') {
      const m = /^([a-z]+):\s*(.*)$/i.exec(lines[i]!);
      if (!m) throw new MarkdownFileError(i + 1, 'expected "name: value".');
      fields[m[1]!.toLowerCase()] = m[2]!.trim();
      i += 1;
    }
    if (i >= lines.length) throw new MarkdownFileError(start, 'the block has no closing "---".');
    i += 1;
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '---') {
      body.push(lines[i]!);
      i += 1;
    }
    if (!fields.title) throw new MarkdownFileError(start, 'title is missing.');
    articles.push({
      ...(fields.id ? { id: fields.id } : {}),
      title: fields.title,
      language: fields.language ?? 'en',
      tags: (fields.tags ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      published: /^(true|yes|1)$/i.test(fields.published ?? 'false'),
      body: body.join('\n').trim(),
    });
  }
  return articles;
}

export function formatMarkdownArticles(articles: readonly MarkdownArticle[]): string {
  return articles
    .map((a) =>
      [
        '---',
        ...(a.id ? [`id: ${a.id}`] : []),
        `title: ${a.title.replace(/\n/g, ' ')}`,
        `language: ${a.language}`,
        `tags: ${a.tags.join(', ')}`,
        `published: ${a.published}`,
        '---',
        a.body.replace(/^---[ \t]*$/gm, '***'),
        '',
      ].join('\n'),
    )
    .join('\n');
}
