// Admin console: one section per kind of configuration.
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import { loadReference } from '../../state/reference';
import { ADMIN_SECTIONS, type AdminSection, navigate } from '../../state/router';
import { AccountAdmin } from './account-admin';
import { ApiTokensAdmin } from './api-tokens-admin';
import { ArticlesAdmin } from './articles-admin';
import { AuditSettingsAdmin } from './audit-settings-admin';
import { CannedAdmin } from './canned-admin';
import { CategoriesAdmin } from './categories-admin';
import { ChannelsAdmin } from './channels-admin';
import { FailedDeliveriesAdmin } from './failed-deliveries-admin';
import { OperatorsAdmin } from './operators-admin';
import { TeamsAdmin } from './teams-admin';
import { WebhooksAdmin } from './webhooks-admin';

const SECTIONS: Record<AdminSection, () => React.JSX.Element> = {
  operators: OperatorsAdmin,
  teams: TeamsAdmin,
  channels: ChannelsAdmin,
  categories: CategoriesAdmin,
  canned: CannedAdmin,
  articles: ArticlesAdmin,
  tokens: ApiTokensAdmin,
  webhooks: WebhooksAdmin,
  deliveries: FailedDeliveriesAdmin,
  audit: AuditSettingsAdmin,
  account: AccountAdmin,
};

export function AdminView({ section }: { section: AdminSection }) {
  const { t } = useI18n();
  useEffect(() => {
    void loadReference().catch(() => {});
  }, []);
  const Section = SECTIONS[section];
  return (
    <div className="page admin">
      <nav className="subnav" aria-label={t('nav.admin')}>
        {ADMIN_SECTIONS.map((s) => (
          <a
            key={s}
            className="subnav-link"
            href={`/admin/${s}`}
            aria-current={s === section ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: 'admin', section: s });
            }}
          >
            {t(`admin.${s}`)}
          </a>
        ))}
      </nav>
      <div className="admin-body">
        <Section />
      </div>
    </div>
  );
}
