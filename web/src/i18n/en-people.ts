// English strings of the operator lifecycle (issue 16): invitations, password
// links, forgot password, deactivation, team members, supervisors' notices.
// Merged into the main dictionary by en.ts.
export const enPeople = {
  'login.forgot': 'Forgot password?',
  'login.forgotTitle': 'Reset your password',
  'login.forgotIntro':
    'Enter your e-mail. If it belongs to an operator, we send a link to set a new password.',
  'login.forgotSubmit': 'Send the link',
  'login.forgotBusy': 'Sending…',
  'login.forgotSent':
    'If {email} belongs to an operator, a link is on its way. It works once. No e-mail? Ask your admin.',
  'login.forgotBack': 'Back to log-in',
  'password.inviteTitle': 'Welcome, {name}',
  'password.resetTitle': 'Set a new password',
  'password.inviteIntro': 'Choose a password for {email} to start working.',
  'password.resetIntro': 'Choose a new password for {email}.',
  'password.new': 'New password',
  'password.repeat': 'Repeat the password',
  'password.hint': 'At least 8 characters.',
  'password.submit': 'Set the password and log in',
  'password.busy': 'Saving…',
  'password.tooShort': 'The password needs at least 8 characters.',
  'password.mismatch': 'The two passwords are different.',
  'password.checking': 'Checking the link…',
  'password.toLogin': 'Go to log-in',
  'operators.state': 'State',
  'operators.state.active': 'Active',
  'operators.state.invited': 'Invited',
  'operators.state.inactive': 'Deactivated',
  'operators.invitePasswordHint':
    'Leave empty to send an invitation: a link to set the password themselves.',
  'operators.newPassword': 'New password',
  'operators.newPasswordHint':
    'Leave empty to keep the current one. A new password logs them out everywhere.',
  'operators.sendLink': 'Send link',
  'operators.sendLinkNamed': 'Send {name} a link to set a password',
  'operators.linkSent': 'A link to set a password was sent to {email}.',
  'operators.linkTitle': 'Link for {name}',
  'operators.linkNoMail':
    'The account sends no e-mail (add an e-mail channel with an SMTP server for that), so pass this link on yourself. It works once, until {date}.',
  'operators.linkMailFailed':
    'The mail server did not accept the e-mail. Pass this link on yourself. It works once, until {date}.',
  'operators.linkLabel': 'One-time link',
  'operators.copyLink': 'Copy',
  'operators.linkCopied': 'Copied.',
  'operators.deactivate': 'Deactivate',
  'operators.deactivateNamed': 'Deactivate {name}',
  'operators.confirmDeactivate':
    'Deactivate {name}? They are logged out at once and their open conversations return to the queue. Their history and statistics stay.',
  'operators.deactivated': '{name} is deactivated.',
  'operators.reactivate': 'Reactivate',
  'operators.reactivateNamed': 'Reactivate {name}',
  'operators.reactivated': '{name} can log in again.',
  'operators.deleteNamed': 'Delete {name}',
  'operators.confirmDelete':
    'Delete {name}? Only someone who never worked here can be deleted; deactivate the others.',
  'operators.deleted': 'Operator deleted.',
  'operators.error.email': 'Enter an e-mail address such as name@company.com.',
  'operators.error.name': 'Enter a name.',
  'operators.error.password': 'The password needs at least 8 characters.',
  'operators.error.limit': 'Enter a whole number from 0 to 100.',
  'operators.error.languages': 'Use two-letter language codes, such as en, ru.',
  'operators.error.teamIds': 'Choose teams from the list.',
  'teams.members': 'Members',
  'teams.noOperators': 'No operators yet.',
  'teams.error.name': 'Enter a name.',
  'teams.error.operatorIds': 'Choose operators from the list.',
  'notice.status': '{name} set your status to “{status}”.',
  'notice.limit': '{name} set your limit to {limit} conversations.',
  'error.operator_has_history':
    'This operator has worked here, so their history stays. Deactivate them instead.',
  'error.password_link_invalid': 'This link has expired or was already used. Ask for a new one.',
};
