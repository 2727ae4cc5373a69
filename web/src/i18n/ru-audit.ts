import type { enAudit } from './en-audit';

// Russian strings of the audit's transcript, agreement figures and audit settings (issue 19).
export const ruAudit: Record<keyof typeof enAudit, string> = {
  'audit.transcript': 'Переписка',
  'audit.transcriptHint':
    'Фраза, по которой решила каждая проверка, выделена в сообщении; наведите на выделение, чтобы увидеть проверку.',
  'audit.wholeMessage': 'всё сообщение',
  'audit.agreement': 'Согласие с проверяющими',
  'audit.agreementNone': 'За этот период проверенных диалогов пока нет.',
  'audit.agreementSummary':
    'Проверено диалогов: {reviewed}; аудит совпадает с проверяющими в {agreement} оценок.',
  'audit.agreementShare': 'Совпадение',
  'audit.agreementCount': 'Совпало',
  'admin.audit': 'Аудит',
  'auditSettings.title': 'Аудит диалогов',
  'auditSettings.intro':
    'Отключите проверки для этой компании и добавьте свои фразы к встроенным. Изменения действуют для диалогов, проверенных с этого момента.',
  'auditSettings.checks': 'Проверки',
  'auditSettings.on': 'Вкл.',
  'auditSettings.phrases': 'Свои фразы, по одной в строке',
  'auditSettings.lang.ru': 'Русский',
  'auditSettings.lang.uk': 'Украинский',
  'auditSettings.lang.en': 'Английский',
  'auditSettings.kind.greeting': 'Приветствия',
  'auditSettings.kind.farewell': 'Прощания',
  'auditSettings.kind.banned': 'Запрещённые фразы (провал «Без отсылки на сайт»)',
  'auditSettings.save': 'Сохранить настройки аудита',
};
