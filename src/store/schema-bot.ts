// Row types of the knowledge base (migration 021) and the bot's tables (022).
import type { ColumnType } from 'kysely';
import type { CreatedAt, Timestamp } from './schema-columns.js';

export type ArticleLanguage = 'ru' | 'uk' | 'en';

export interface ArticlesTable {
  id: string;
  account_id: string;
  title: string;
  /** Markdown; rendered to sanitized HTML on the way out (src/domain/bot/markdown.ts). */
  body: string;
  language: ArticleLanguage;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Generated from title and body (src/store/search-sql.ts); never written. */
  search_vector: ColumnType<string, never, never>;
}

/** An article the bot offered in a conversation; `helped` once the client said. */
export interface BotArticleShowsTable {
  account_id: string;
  conversation_id: string;
  channel_id: string;
  article_id: string;
  shown_at: Timestamp;
  helped: boolean | null;
}

export type BotDeliveryStatus = 'pending' | 'sent' | 'answered' | 'failed';

/** A client message on its way to an external bot (the bot API). */
export interface BotDeliveriesTable {
  id: string;
  account_id: string;
  conversation_id: string;
  channel_id: string;
  message_id: string;
  status: ColumnType<BotDeliveryStatus, BotDeliveryStatus | undefined, BotDeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  deadline_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
}

export interface BotTables {
  articles: ArticlesTable;
  bot_article_shows: BotArticleShowsTable;
  bot_deliveries: BotDeliveriesTable;
}
