// Русские строки жизненного цикла оператора (issue 16).
import type { enPeople } from './en-people';

export const ruPeople: Record<keyof typeof enPeople, string> = {
  'login.forgot': 'Забыли пароль?',
  'login.forgotTitle': 'Сброс пароля',
  'login.forgotIntro':
    'Укажите свой e-mail. Если он принадлежит оператору, мы пришлём ссылку для нового пароля.',
  'login.forgotSubmit': 'Прислать ссылку',
  'login.forgotBusy': 'Отправляем…',
  'login.forgotSent':
    'Если {email} принадлежит оператору, ссылка уже в пути. Она срабатывает один раз. Письмо не приходит? Обратитесь к администратору.',
  'login.forgotBack': 'Вернуться ко входу',
  'password.inviteTitle': 'Добро пожаловать, {name}',
  'password.resetTitle': 'Новый пароль',
  'password.inviteIntro': 'Придумайте пароль для {email}, чтобы начать работу.',
  'password.resetIntro': 'Придумайте новый пароль для {email}.',
  'password.new': 'Новый пароль',
  'password.repeat': 'Повторите пароль',
  'password.hint': 'Не короче 8 символов.',
  'password.submit': 'Сохранить пароль и войти',
  'password.busy': 'Сохраняем…',
  'password.tooShort': 'Пароль должен быть не короче 8 символов.',
  'password.mismatch': 'Пароли не совпадают.',
  'password.checking': 'Проверяем ссылку…',
  'password.toLogin': 'Ко входу',
  'operators.state': 'Состояние',
  'operators.state.active': 'Активен',
  'operators.state.invited': 'Приглашён',
  'operators.state.inactive': 'Отключён',
  'operators.invitePasswordHint':
    'Оставьте пустым, чтобы отправить приглашение: ссылку, по которой оператор сам задаст пароль.',
  'operators.newPassword': 'Новый пароль',
  'operators.newPasswordHint':
    'Оставьте пустым, чтобы не менять. Новый пароль завершает все сеансы оператора.',
  'operators.sendLink': 'Отправить ссылку',
  'operators.sendLinkNamed': 'Отправить {name} ссылку для пароля',
  'operators.linkSent': 'Ссылка для пароля отправлена на {email}.',
  'operators.linkTitle': 'Ссылка для {name}',
  'operators.linkNoMail':
    'Аккаунт не отправляет почту (для этого нужен e-mail канал с SMTP-сервером), поэтому передайте ссылку сами. Она срабатывает один раз, до {date}.',
  'operators.linkMailFailed':
    'Почтовый сервер не принял письмо. Передайте ссылку сами. Она срабатывает один раз, до {date}.',
  'operators.linkLabel': 'Одноразовая ссылка',
  'operators.copyLink': 'Копировать',
  'operators.linkCopied': 'Скопировано.',
  'operators.deactivate': 'Отключить',
  'operators.deactivateNamed': 'Отключить {name}',
  'operators.confirmDeactivate':
    'Отключить {name}? Оператор сразу выйдет из системы, его открытые диалоги вернутся в очередь. История и статистика сохранятся.',
  'operators.deactivated': '{name} отключён(а).',
  'operators.reactivate': 'Включить',
  'operators.reactivateNamed': 'Включить {name}',
  'operators.reactivated': '{name} снова может войти.',
  'operators.deleteNamed': 'Удалить {name}',
  'operators.confirmDelete':
    'Удалить {name}? Удалить можно только того, кто ещё не работал; остальных отключайте.',
  'operators.deleted': 'Оператор удалён.',
  'operators.error.email': 'Укажите адрес вида name@company.ru.',
  'operators.error.name': 'Укажите имя.',
  'operators.error.password': 'Пароль должен быть не короче 8 символов.',
  'operators.error.limit': 'Укажите целое число от 0 до 100.',
  'operators.error.languages': 'Двухбуквенные коды языков через запятую, например en, ru.',
  'operators.error.teamIds': 'Выберите отделы из списка.',
  'teams.members': 'Участники',
  'teams.noOperators': 'Операторов пока нет.',
  'teams.error.name': 'Укажите название.',
  'teams.error.operatorIds': 'Выберите операторов из списка.',
  'notice.status': '{name} поменял(а) ваш статус на «{status}».',
  'notice.limit': '{name} установил(а) вам лимит: {limit} диалогов.',
  'error.operator_has_history':
    'Этот оператор уже работал, его история сохраняется. Отключите его вместо удаления.',
  'error.password_link_invalid': 'Ссылка устарела или уже использована. Запросите новую.',
};
