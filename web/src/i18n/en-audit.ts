// English strings of the audit's transcript, agreement figures and the admin
// console's audit settings (issue 19), merged into the main dictionary by en.ts.
export const enAudit = {
  'audit.transcript': 'Transcript',
  'audit.transcriptHint':
    'The phrase each check turned on is marked in the message it points at; hover a mark for the check.',
  'audit.wholeMessage': 'the whole message',
  'audit.agreement': 'Agreement with reviewers',
  'audit.agreementNone': 'No reviewed dialogs in this period yet.',
  'audit.agreementSummary':
    '{reviewed} reviewed dialogs; the audit agrees on {agreement} of verdicts.',
  'audit.agreementShare': 'Agreement',
  'audit.agreementCount': 'Agreed',
  'admin.audit': 'Audit',
  'auditSettings.title': 'Dialog audit',
  'auditSettings.intro':
    'Switch checks off for this account and add your own phrases beside the built-in ones. Changes apply to dialogs audited from now on.',
  'auditSettings.checks': 'Checks',
  'auditSettings.on': 'On',
  'auditSettings.phrases': 'Own phrases, one per line',
  'auditSettings.lang.ru': 'Russian',
  'auditSettings.lang.uk': 'Ukrainian',
  'auditSettings.lang.en': 'English',
  'auditSettings.kind.greeting': 'Greetings',
  'auditSettings.kind.farewell': 'Goodbyes',
  'auditSettings.kind.banned': 'Banned phrases (fail “No brush-off”)',
  'auditSettings.save': 'Save audit settings',
};
