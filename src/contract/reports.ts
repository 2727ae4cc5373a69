// Answers of the report, audit and staffing routes (JSON; `format=csv` gives the
// same rows as CSV). Durations are seconds.
import { z } from 'zod';
import { AUDIT_CHECKS } from '../domain/audit/types.js';

const sec = z.number().nullable();

export const OperatorReport = z.object({
  from: z.string(),
  to: z.string(),
  serviceLevelThresholdS: z.number(),
  rows: z.array(
    z.object({
      operatorId: z.string(),
      operatorName: z.string(),
      conversations: z.number(),
      firstResponseAvgS: sec,
      firstResponseMedianS: sec,
      answeredClientMessages: z.number(),
      unansweredClientMessages: z.number(),
      reactionAvgS: sec,
      durationAvgS: sec,
      likes: z.number(),
      dislikes: z.number(),
      likedConversationIds: z.array(z.string()),
      dislikedConversationIds: z.array(z.string()),
      targeted: z.number(),
      nonTargeted: z.number(),
      auditScore: z.number().nullable(),
    }),
  ),
});

export const BreakdownReport = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['channel', 'team', 'category', 'hour', 'day', 'week']),
  serviceLevelThresholdS: z.number(),
  rows: z.array(
    z.object({
      key: z.string().nullable(),
      label: z.string(),
      conversations: z.number(),
      waitAvgS: sec,
      waitMedianS: sec,
      firstResponseAvgS: sec,
      serviceLevel: z.number().nullable(),
      answeredWithinThreshold: z.number(),
      abandoned: z.number(),
      targeted: z.number(),
      nonTargeted: z.number(),
    }),
  ),
});

export const CategoriesByChannel = z.object({
  channelId: z.string(),
  rows: z.array(
    z.object({
      categoryId: z.string().nullable(),
      categoryName: z.string(),
      conversations: z.number(),
    }),
  ),
});

/** The checks, in their order (src/domain/audit/types.ts: import-free constants). */
export const AuditCheckId = z.enum(AUDIT_CHECKS);
export const AuditOutcome = z.enum(['pass', 'fail', 'na']);
const outcomeCounts = z.object({ pass: z.number(), fail: z.number(), na: z.number() });

export const OperatorAudits = z.object({
  rows: z.array(
    z.object({
      operatorId: z.string(),
      operatorName: z.string(),
      audited: z.number(),
      score: z.number().nullable(),
      checks: z.record(AuditCheckId, outcomeCounts),
    }),
  ),
});

const ContactName = z
  .string()
  .nullable()
  .describe("The contact's name, else their e-mail address; null for an anonymous visitor");

export const FailingAudits = z.object({
  rows: z.array(
    z.object({
      conversationId: z.string(),
      contactId: z.string(),
      contactName: ContactName,
      operatorId: z.string().nullable(),
      operatorName: z.string().nullable(),
      closedAt: z.string(),
      score: z.number(),
      failed: z.array(AuditCheckId),
    }),
  ),
});

export const AuditView = z.object({
  conversationId: z.string(),
  operatorId: z.string().nullable(),
  closedAt: z.string(),
  score: z.number(),
  checks: z.array(
    z.object({
      check: AuditCheckId,
      outcome: AuditOutcome,
      messageId: z.string().nullable(),
      note: z.string(),
      /** The deciding phrase in that message: UTF-16 offsets [start, end), or null. */
      span: z.tuple([z.number(), z.number()]).nullable(),
    }),
  ),
  review: z
    .object({
      reviewerId: z.string(),
      reviewerName: z.string(),
      reviewedAt: z.string(),
      /** Reviews made before a check existed lack its verdict. */
      verdicts: z.partialRecord(AuditCheckId, AuditOutcome),
      comment: z.string().nullable(),
    })
    .nullable(),
});

export const AuditSample = z.object({
  conversationIds: z.array(z.string()),
  /** The same dialogs in the same order, with whom each was and when it closed. */
  conversations: z.array(
    z.object({
      conversationId: z.string(),
      contactId: z.string(),
      contactName: ContactName,
      closedAt: z.string(),
    }),
  ),
});

export const AuditAgreement = z.object({
  reviewed: z.number(),
  agree: z.number(),
  total: z.number(),
  agreement: z.number().nullable(),
  perCheck: z.array(
    z.object({
      check: AuditCheckId,
      agree: z.number(),
      total: z.number(),
      agreement: z.number().nullable(),
    }),
  ),
  disagreements: z.array(
    z.object({
      conversationId: z.string(),
      check: AuditCheckId,
      reviewer: AuditOutcome,
      automatic: AuditOutcome,
      note: z.string(),
    }),
  ),
});

export const StaffingPlan = z.object({
  inputs: z.object({
    weeks: z.number().int(),
    interval: z.number().int(),
    slTarget: z.number(),
    slSeconds: z.number(),
    /** The concurrency the forecast used: the one asked, else the measured one. */
    concurrency: z.number(),
    measuredConcurrency: z.number().nullable(),
    averageLimit: z.number().nullable(),
    tz: z.string(),
    from: z.string(),
    to: z.string(),
  }),
  cells: z.array(
    z.object({
      dayOfWeek: z.number().int(),
      hour: z.number().int(),
      minute: z.number().int(),
      arrivals: z.number(),
      arrivalsPerHour: z.number(),
      handleTimeS: z.number().nullable(),
      recommendedOperators: z.number().int(),
      scheduledOperators: z.number().nullable(),
      gap: z.number().nullable(),
      open: z.boolean(),
    }),
  ),
});

/** GET /reports/conversations: the dialogs behind a figure, newest first. */
export const DrillList = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  rows: z.array(
    z.object({
      conversationId: z.string(),
      clientName: z.string().nullable(),
      channelId: z.string(),
      channelName: z.string().nullable(),
      operatorId: z.string().nullable(),
      operatorName: z.string().nullable(),
      createdAt: z.string(),
      waitS: sec,
      firstResponseS: sec,
      outcome: z.enum(['open', 'answered', 'abandoned', 'unanswered', 'bot']),
      rating: z.enum(['like', 'dislike']).nullable(),
    }),
  ),
});

const dashboardFigures = z.object({
  conversations: z.number().int(),
  serviceLevel: z.number().nullable(),
  firstResponseAvgS: sec,
  missed: z.number().int(),
  likes: z.number().int(),
  auditScore: z.number().nullable(),
});
const dashboardDay = z.object({
  from: z.string(),
  to: z.string(),
  figures: dashboardFigures,
  hours: z.array(dashboardFigures.extend({ hour: z.number().int() })),
});

/** GET /reports/dashboard: today so far and the same weekday last week until the same time. */
export const Dashboard = z.object({
  timeZone: z.string(),
  serviceLevelThresholdS: z.number(),
  today: dashboardDay,
  lastWeek: dashboardDay,
});

const phraseLists = z.object({
  greeting: z.array(z.string()).readonly(),
  farewell: z.array(z.string()).readonly(),
  banned: z.array(z.string()).readonly(),
});

/** GET / PUT /audit/settings: the checks turned off and each language's phrases. */
export const AuditSettings = z.object({
  disabled: z.array(AuditCheckId).readonly(),
  phrases: z.object({ ru: phraseLists, uk: phraseLists, en: phraseLists }),
  updatedAt: z.string().nullable(),
});

/** GET /reports/bot: per channel or period, what the bot resolved and handed over. */
export const BotReport = z.object({
  from: z.string(),
  to: z.string(),
  by: z.string(),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string().nullable(),
      conversations: z.number(),
      resolvedByBot: z.number(),
      handedOver: z.number(),
      leftWithBot: z.number(),
      containmentRate: z.number().nullable(),
      botTimeAvgS: sec,
    }),
  ),
});

/** GET /reports/bot-articles: the articles the bot showed, and how often they helped. */
export const BotArticles = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      articleId: z.string(),
      title: z.string(),
      shown: z.number(),
      helped: z.number(),
      notHelped: z.number(),
      helpedRate: z.number().nullable(),
    }),
  ),
});

/** GET /reports/flags: conversations flagged angry or urgent, and how fast they were answered. */
export const FlagReport = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['channel', 'hour', 'day', 'week']),
  rows: z.array(
    z.object({
      key: z.string().nullable(),
      label: z.string(),
      conversations: z.number().int(),
      flagged: z.number().int(),
      flaggedShare: z.number().nullable(),
      answered: z.number().int(),
      answerAvgS: sec,
      answerMedianS: sec,
    }),
  ),
});

export type OperatorReport = z.infer<typeof OperatorReport>;
export type BreakdownReport = z.infer<typeof BreakdownReport>;
export type CategoriesByChannel = z.infer<typeof CategoriesByChannel>;
export type AuditCheckId = z.infer<typeof AuditCheckId>;
export type AuditOutcome = z.infer<typeof AuditOutcome>;
export type OperatorAudits = z.infer<typeof OperatorAudits>;
export type FailingAudits = z.infer<typeof FailingAudits>;
export type AuditView = z.infer<typeof AuditView>;
export type AuditSample = z.infer<typeof AuditSample>;
export type AuditAgreement = z.infer<typeof AuditAgreement>;
export type StaffingPlan = z.infer<typeof StaffingPlan>;
export type DrillList = z.infer<typeof DrillList>;
export type Dashboard = z.infer<typeof Dashboard>;
export type AuditSettings = z.infer<typeof AuditSettings>;
export type BotReport = z.infer<typeof BotReport>;
export type BotArticles = z.infer<typeof BotArticles>;
export type FlagReport = z.infer<typeof FlagReport>;
