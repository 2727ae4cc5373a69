// Russian strings of the knowledge base and the bot (issue 17), merged by ru.ts.
import type { enKnowledge } from './en-knowledge';

export const ruKnowledge: Record<keyof typeof enKnowledge, string> = {
  'admin.articles': 'База знаний',
  'articles.intro':
    'Статьи, которые бот предлагает клиентам и в которых чат на сайте ищет до начала разговора. Пишутся в Markdown; клиенты видят только опубликованные.',
  'articles.create': 'Новая статья',
  'articles.edit': 'Изменить статью',
  'articles.search': 'Поиск по статьям',
  'articles.empty': 'Статей нет.',
  'articles.title': 'Заголовок',
  'articles.language': 'Язык',
  'articles.tags': 'Теги',
  'articles.tagsHint': 'Через запятую, например: доставка, оплата',
  'articles.body': 'Текст (Markdown)',
  'articles.bodyHint': '**жирный**, *курсив*, [ссылка](https://…), списки через -',
  'articles.preview': 'Предпросмотр',
  'articles.publish': 'Опубликована: видна клиентам',
  'articles.published': 'Опубликована',
  'articles.yes': 'да',
  'articles.draft': 'черновик',
  'articles.exportJson': 'Экспорт JSON',
  'articles.exportMarkdown': 'Экспорт Markdown',
  'articles.import': 'Импорт из файла…',
  'articles.imported': 'Импортировано.',
};
