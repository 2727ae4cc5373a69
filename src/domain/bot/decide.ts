// The built-in bot's one turn (issue 17, docs/bot.md): pure and deterministic.
// The action reads the conversation, classifies what the client did, finds the
// articles the intent needs, and asks here what to say and do next.
import { asksForPerson, fold, localized, PHRASES, yesOrNo } from './phrases.js';
import type {
  ArticleHit,
  BotDecision,
  BotIntent,
  BotLanguage,
  BotReply,
  BotState,
  BuiltinBotSettings,
  MenuItem,
  OfferedButton,
} from './types.js';

/** At most this many articles per answer. */
export const MAX_ARTICLES = 3;
/** An article's text in the chat is cut to about this many characters. */
export const ARTICLE_EXCERPT = 600;

export const EMPTY_STATE: BotState = { turns: 0, offered: [], awaiting: [] };

/**
 * What the client's message means for the bot: a button of its last question
 * (by label, by number for e-mail, or the id a widget or Telegram sent), a
 * plain yes/no to "did that answer?", a request for a person, or a question.
 */
export function classify(state: BotState, text: string, buttonId?: string | null): BotIntent {
  if (buttonId) {
    const pressed = state.offered.find((b) => b.id === buttonId);
    if (pressed) return { kind: 'button', action: pressed.action };
  }
  const folded = fold(text);
  const byLabel = state.offered.find((b) => fold(b.label) === folded);
  if (byLabel) return { kind: 'button', action: byLabel.action };
  const number = /^(\d{1,2})[.)]?$/.exec(folded);
  if (number) {
    const picked = state.offered[Number(number[1]) - 1];
    if (picked) return { kind: 'button', action: picked.action };
  }
  if (state.awaiting.length > 0) {
    const answer = yesOrNo(text);
    if (answer !== null) return { kind: 'button', action: { kind: answer ? 'yes' : 'no' } };
  }
  if (asksForPerson(text)) return { kind: 'person' };
  return { kind: 'text', text };
}

export interface TurnInput {
  settings: BuiltinBotSettings;
  state: BotState | null;
  language: BotLanguage;
  intent: BotIntent;
  /**
   * For a question: the articles the search found, best first; for a menu
   * button with articles: those articles. Ranks are compared to the threshold
   * for questions only.
   */
  articles: readonly ArticleHit[];
}

export function decide(input: TurnInput): BotDecision {
  const { settings, language, intent } = input;
  const state = input.state ?? EMPTY_STATE;
  const say = PHRASES[language];
  const base = { shown: [] as string[], feedback: null, state };
  switch (intent.kind) {
    case 'start': {
      const menu = menuButtons(settings.menu, language);
      return {
        ...base,
        outcome: 'continue',
        replies: [reply(localized(settings.greeting, language, say.greeting), menu)],
        state: { ...EMPTY_STATE, offered: menu },
      };
    }
    case 'person':
      return handOver(state, language, feedbackOn(state, false), 'asked');
    case 'button':
      switch (intent.action.kind) {
        case 'person':
          return handOver(state, language, feedbackOn(state, false), 'asked');
        case 'no':
          return handOver(state, language, feedbackOn(state, false), 'not_helped');
        case 'yes':
          return {
            ...base,
            outcome: 'resolved',
            replies: [reply(say.resolved, [])],
            state: { ...state, offered: [], awaiting: [] },
            feedback: feedbackOn(state, true),
          };
        case 'menu': {
          const itemId = intent.action.itemId;
          const item = settings.menu.find((m) => m.id === itemId);
          if (!item) return question(input, state, '');
          return pressMenu(item, input, state);
        }
      }
      break;
    case 'text':
      return question(input, state, intent.text);
  }
  return question(input, state, '');
}

function pressMenu(item: MenuItem, input: TurnInput, state: BotState): BotDecision {
  const { language } = input;
  const routing = {
    ...(item.teamId !== undefined ? { teamId: item.teamId } : {}),
    ...(item.categoryId !== undefined ? { categoryId: item.categoryId } : {}),
  };
  const replies: BotReply[] = [];
  const answer = localized(item.answer, language);
  if (item.handOver) {
    if (answer) replies.push(reply(answer, []));
    const handed = handOver(state, language, null, 'menu');
    return { ...handed, ...routing, replies: [...replies, ...handed.replies] };
  }
  const articles = input.articles.slice(0, MAX_ARTICLES);
  if (articles.length > 0) {
    const offered = feedbackButtons(language);
    if (answer) replies.push(reply(answer, []));
    replies.push(articlesReply(articles, language));
    replies.push(reply(PHRASES[language].helped, offered));
    return {
      ...routing,
      outcome: 'continue',
      replies,
      state: { turns: state.turns, offered, awaiting: articles.map((a) => a.id) },
      shown: articles.map((a) => a.id),
      feedback: null,
    };
  }
  const menu = menuButtons(input.settings.menu, language);
  const offered = [...menu.filter((b) => b.action.kind !== 'menu' || b.action.itemId !== item.id)];
  return {
    ...routing,
    outcome: 'continue',
    replies: [reply(answer || PHRASES[language].greeting, offered)],
    state: { turns: state.turns, offered, awaiting: [] },
    shown: [],
    feedback: null,
  };
}

/** Free text: the best articles above the threshold with "did that answer?", or a miss. */
function question(input: TurnInput, state: BotState, _text: string): BotDecision {
  const { settings, language } = input;
  const say = PHRASES[language];
  const turns = state.turns + 1;
  // A new question while articles wait for a verdict: they did not help.
  const feedback = feedbackOn(state, false);
  const found = input.articles.filter((a) => a.rank >= settings.threshold).slice(0, MAX_ARTICLES);
  if (found.length === 0 && turns >= settings.maxTurns) {
    return handOver({ ...state, turns }, language, feedback, 'turns');
  }
  if (found.length === 0) {
    // The menu again, so a topic can still be picked, and a person.
    const offered = [...menuButtons(settings.menu, language), personButton(language)];
    return {
      outcome: 'continue',
      replies: [reply(say.notFound, offered)],
      state: { turns, offered, awaiting: [] },
      shown: [],
      feedback,
    };
  }
  const offered = feedbackButtons(language);
  return {
    outcome: 'continue',
    replies: [articlesReply(found, language), reply(say.helped, offered)],
    state: { turns, offered, awaiting: found.map((a) => a.id) },
    shown: found.map((a) => a.id),
    feedback,
  };
}

function handOver(
  state: BotState,
  language: BotLanguage,
  feedback: BotDecision['feedback'],
  reason: NonNullable<BotDecision['reason']>,
): BotDecision {
  return {
    outcome: 'handover',
    reason,
    replies: [reply(PHRASES[language].handOver, [])],
    state: { ...state, offered: [], awaiting: [] },
    shown: [],
    feedback,
  };
}

function feedbackOn(state: BotState, helped: boolean): BotDecision['feedback'] {
  return state.awaiting.length > 0 ? { articleIds: state.awaiting, helped } : null;
}

function menuButtons(menu: readonly MenuItem[], language: BotLanguage): OfferedButton[] {
  return menu
    .map((item) => ({
      id: `menu:${item.id}`,
      label: localized(item.label, language),
      action: { kind: 'menu' as const, itemId: item.id },
    }))
    .filter((b) => b.label.length > 0);
}

function feedbackButtons(language: BotLanguage): OfferedButton[] {
  const say = PHRASES[language];
  return [
    { id: 'yes', label: say.yes, action: { kind: 'yes' } },
    { id: 'no', label: say.no, action: { kind: 'no' } },
    personButton(language),
  ];
}

function personButton(language: BotLanguage): OfferedButton {
  return { id: 'person', label: PHRASES[language].person, action: { kind: 'person' } };
}

function articlesReply(articles: readonly ArticleHit[], language: BotLanguage): BotReply {
  const parts = articles.map((a) => `${a.title}\n${excerpt(a.text)}`);
  return reply(`${PHRASES[language].found}\n\n${parts.join('\n\n')}`, []);
}

function excerpt(text: string): string {
  const t = text.trim();
  if (t.length <= ARTICLE_EXCERPT) return t;
  const cut = t.lastIndexOf(' ', ARTICLE_EXCERPT);
  return `${t.slice(0, cut > ARTICLE_EXCERPT / 2 ? cut : ARTICLE_EXCERPT)}…`;
}

/** Buttons travel without their actions: clients see ids and labels only. */
function reply(text: string, buttons: readonly OfferedButton[]): BotReply {
  return { text, buttons: buttons.map(({ id, label }) => ({ id, label })) };
}
