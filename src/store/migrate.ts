import { type Kysely, type Migration, Migrator } from 'kysely';
import { m001Initial } from './migrations/001-initial.js';
import { m002Routing } from './migrations/002-routing.js';
import { m003Channels } from './migrations/003-channels.js';
import { m004Uploads } from './migrations/004-uploads.js';
import { m005EventRoute } from './migrations/005-event-route.js';
import { m006Reports } from './migrations/006-reports.js';
import { m007Audit } from './migrations/007-audit.js';
import { m008RoutingPresence } from './migrations/008-routing-presence.js';
import { m009Hardening } from './migrations/009-hardening.js';
import { m010AuditSweep } from './migrations/010-audit-sweep.js';
import { m012Access } from './migrations/012-access.js';
import { m014EventSeq } from './migrations/014-event-seq.js';
import { m016Workday } from './migrations/016-workday.js';
import { m017FindAnything } from './migrations/017-find-anything.js';
import { m018VisitorContext } from './migrations/018-visitor-context.js';
import { m019PasswordLinks } from './migrations/019-password-links.js';
import { m020SchedulesAndIntegrations } from './migrations/020-schedules-and-integrations.js';
import { m021KnowledgeBase } from './migrations/021-knowledge-base.js';
import { m022Bot } from './migrations/022-bot.js';
import { m023AutomaticCare } from './migrations/023-automatic-care.js';
import { m024StatusHistory } from './migrations/024-status-history.js';
import { m025AuditSettings } from './migrations/025-audit-settings.js';
import { m027ReportAuditScore } from './migrations/027-report-audit-score.js';
import { m028RoutingState } from './migrations/028-routing-state.js';

// Forward-only, applied in name order at every start; the same on the embedded and any external PostgreSQL.
const migrations: Record<string, Migration> = {
  '001-initial': m001Initial,
  '002-routing': m002Routing,
  '003-channels': m003Channels,
  '004-uploads': m004Uploads,
  '005-event-route': m005EventRoute,
  '006-reports': m006Reports,
  '007-audit': m007Audit,
  '008-routing-presence': m008RoutingPresence,
  '009-hardening': m009Hardening,
  '010-audit-sweep': m010AuditSweep,
  '012-access': m012Access,
  '014-event-seq': m014EventSeq,
  '016-workday': m016Workday,
  '018-visitor-context': m018VisitorContext,
  '019-password-links': m019PasswordLinks,
  '020-schedules-and-integrations': m020SchedulesAndIntegrations,
  '027-report-audit-score': m027ReportAuditScore,
  '017-find-anything': m017FindAnything,
  '023-automatic-care': m023AutomaticCare,
  '024-status-history': m024StatusHistory,
  '025-audit-settings': m025AuditSettings,
  '021-knowledge-base': m021KnowledgeBase,
  '022-bot': m022Bot,
  '028-routing-state': m028RoutingState,
};

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Migrations are written in parallel branches of work; order by name, never refuse a late one.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this code knows that the database has not applied yet (readiness). */
// biome-ignore lint/suspicious/noExplicitAny: as above
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const known = await migrator.getMigrations();
  return known.filter((m) => !m.executedAt).map((m) => m.name);
}
