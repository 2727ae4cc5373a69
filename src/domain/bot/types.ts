// The built-in bot's data (issue 17, docs/bot.md): what an admin configures
// per channel, what the bot remembers per conversation, and what one turn
// decides. Plain data: the decision function (decide.ts) is pure.

export type BotLanguage = 'en' | 'ru' | 'uk';
export const BOT_LANGUAGES: readonly BotLanguage[] = ['en', 'ru', 'uk'];

/** Text in the client's languages; a missing language falls back to English, then any. */
export type LocalizedText = Partial<Record<BotLanguage, string>>;

/** A button as it travels with a message: to the widget, Telegram, e-mail, the API channel. */
export interface BotButton {
  id: string;
  label: string;
}

/**
 * An admin-defined menu button. Pressing it does each thing set, in this
 * order: answer with text, show the articles, set team and/or category, hand over.
 */
export interface MenuItem {
  id: string;
  label: LocalizedText;
  answer?: LocalizedText;
  articleIds?: string[];
  teamId?: string | null;
  categoryId?: string | null;
  handOver?: boolean;
}

export interface BuiltinBotSettings {
  mode: 'builtin';
  greeting?: LocalizedText;
  menu: MenuItem[];
  /** Articles ranked below this (0–1) are never offered. */
  threshold: number;
  /** Free-text turns without an answer before the client goes to a person. */
  maxTurns: number;
}

export interface ExternalBotSettings {
  mode: 'external';
  /** Where each client message is POSTed (the bot API). */
  url: string;
  /** No answer within this long (or a failure) hands the conversation over. */
  timeoutMs: number;
}

export type BotSettings = BuiltinBotSettings | ExternalBotSettings;

/** What the bot remembers of a conversation between turns (conversations.bot_state). */
export interface BotState {
  /** Free-text turns that did not end the conversation. */
  turns: number;
  /** The buttons of the bot's last question: a label, a number or an id picks one. */
  offered: OfferedButton[];
  /** Articles offered with "did that answer?", waiting for Yes or No. */
  awaiting: string[];
}

export type ButtonAction =
  | { kind: 'menu'; itemId: string }
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'person' };

export interface OfferedButton extends BotButton {
  action: ButtonAction;
}

/** An article found for the client's words, with its relevance (0–1, higher is better). */
export interface ArticleHit {
  id: string;
  title: string;
  /** Plain text the client reads in the chat. */
  text: string;
  rank: number;
}

/** What the client did this turn, as the bot understood it (classify.ts). */
export type BotIntent =
  | { kind: 'start' }
  | { kind: 'button'; action: ButtonAction }
  | { kind: 'person' }
  | { kind: 'text'; text: string };

export interface BotReply {
  text: string;
  buttons: BotButton[];
}

/** One turn's decision: what to say, what to change, and how the conversation goes on. */
export interface BotDecision {
  replies: BotReply[];
  state: BotState;
  /** `resolved`: close as resolved by the bot; `handover`: to the queue. */
  outcome: 'continue' | 'resolved' | 'handover';
  /** Why it hands over: the client asked, an article did not help, turns ran out, a menu button. */
  reason?: 'asked' | 'not_helped' | 'turns' | 'menu';
  /** Set by a menu button: null clears, absent leaves as is. */
  teamId?: string | null;
  categoryId?: string | null;
  /** Articles shown this turn (statistics). */
  shown: string[];
  /** The client's verdict on articles shown before (statistics). */
  feedback: { articleIds: string[]; helped: boolean } | null;
}
