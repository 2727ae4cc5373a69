// English strings of the knowledge base and the bot in the admin console and
// the reports (issue 17), merged by en.ts.
export const enKnowledge = {
  'admin.articles': 'Knowledge base',
  'articles.intro':
    'Articles the bot offers to clients and the website chat can search before a chat starts. Written in Markdown; only published ones are shown to clients.',
  'articles.create': 'New article',
  'articles.edit': 'Change article',
  'articles.search': 'Search articles',
  'articles.empty': 'No articles.',
  'articles.title': 'Title',
  'articles.language': 'Language',
  'articles.tags': 'Tags',
  'articles.tagsHint': 'Separated by commas, e.g. delivery, payment',
  'articles.body': 'Text (Markdown)',
  'articles.bodyHint': '**bold**, *italic*, [link](https://…), lists with -',
  'articles.preview': 'Preview',
  'articles.publish': 'Published: clients can see it',
  'articles.published': 'Published',
  'articles.yes': 'yes',
  'articles.draft': 'draft',
  'articles.exportJson': 'Export JSON',
  'articles.exportMarkdown': 'Export Markdown',
  'articles.import': 'Import a file…',
  'articles.imported': 'Imported.',
};
