import { createContext, useContext } from 'react';

/** The interface in Russian and English; terms follow the project glossary. */
export type Locale = 'ru' | 'en';

const messages = {
  'app.title': { ru: 'Patron — программа лояльности', en: 'Patron — loyalty program' },
  'login.heading': { ru: 'Вход', en: 'Sign in' },
  'login.email': { ru: 'E-mail', en: 'E-mail' },
  'login.password': { ru: 'Пароль', en: 'Password' },
  'login.submit': { ru: 'Войти', en: 'Sign in' },
  'login.busy': { ru: 'Входим…', en: 'Signing in…' },
  'login.hint': {
    ru: 'Первый вход: admin@patron.local, пароль напечатан при первом запуске и сохранён в .patron/initial-admin.txt.',
    en: 'First sign-in: admin@patron.local; the password was printed on first start and saved in .patron/initial-admin.txt.',
  },
  'menu.signOut': { ru: 'Выйти', en: 'Sign out' },
  'menu.language': { ru: 'Язык', en: 'Language' },
  'home.heading': { ru: 'Обзор', en: 'Overview' },
  'home.stores': { ru: 'Магазины', en: 'Stores' },
  'home.noStores': {
    ru: 'Магазинов пока нет. Демо-сеть появится вместе с генератором демо-данных; магазины можно добавить через API.',
    en: 'No stores yet. The demo retailer arrives with the demo generator; stores can be added through the API.',
  },
  'home.system': { ru: 'Состояние системы', en: 'System status' },
  'home.apiDocs': { ru: 'Документация API', en: 'API documentation' },
  'home.errorCodes': { ru: 'Коды ошибок', en: 'Error codes' },
  'role.admin': { ru: 'администратор', en: 'admin' },
  'role.marketer': { ru: 'маркетолог', en: 'marketer' },
  'role.analyst': { ru: 'аналитик', en: 'analyst' },
  'role.support': { ru: 'поддержка', en: 'support' },
  'status.ok': { ru: 'работает', en: 'ok' },
  'status.failed': { ru: 'не отвечает', en: 'not answering' },
  'status.not_in_this_role': { ru: 'не в этой роли', en: 'not in this role' },
  'error.network': { ru: 'Сервер не отвечает. Проверьте, что Patron запущен.', en: 'The server does not answer. Check that Patron is running.' },
  'error.analytics': { ru: 'Аналитика доступна в процессе с ролью all или analytics.', en: 'Analytics runs in a process with the role all or analytics.' },
  'state.loading': { ru: 'Считаем…', en: 'Computing…' },
  'nav.overview': { ru: 'Обзор', en: 'Overview' },
  'nav.campaigns': { ru: 'Кампании', en: 'Campaigns' },
  'nav.program': { ru: 'Эффект программы', en: 'Program effect' },
  'nav.simulator': { ru: 'Симулятор механик', en: 'Mechanics simulator' },
  'campaigns.heading': { ru: 'Эффективность кампаний', en: 'Campaign effectiveness' },
  'campaigns.none': { ru: 'Кампаний с контрольной группой пока нет. Импортируйте эксперимент (patron import --preset experiment) или запустите кампанию с контрольной группой.', en: 'No campaign with a control group yet. Import an experiment (patron import --preset experiment) or run a campaign with a holdout.' },
  'campaigns.imported': { ru: 'импортированный эксперимент', en: 'imported experiment' },
  'campaigns.treatment': { ru: 'Тестовая группа', en: 'Treatment' },
  'campaigns.control': { ru: 'Контроль', en: 'Control' },
  'campaigns.arm': { ru: 'Тестовая группа', en: 'Treatment arm' },
  'campaigns.pulledForward': { ru: 'Покупки перенесены вперёд: после кампании — провал', en: 'Purchases pulled forward: a dip after the campaign' },
  'campaigns.revenuePerCustomer': { ru: 'Разница выручки на клиента', en: 'Revenue per customer, difference' },
  'campaigns.incrementalMargin': { ru: 'Дополнительная маржа', en: 'Incremental margin' },
  'campaigns.cost': { ru: 'затраты', en: 'cost' },
  'campaigns.noCost': { ru: 'затрат нет — задайте стоимость сообщения', en: 'no cost: set a cost per message' },
  'campaigns.ci': { ru: 'ДИ', en: 'CI' },
  'campaigns.liftChart': { ru: 'Относительный эффект с 95% интервалами', en: 'Relative effect with 95% intervals' },
  'campaigns.metric': { ru: 'Показатель', en: 'Metric' },
  'campaigns.lift': { ru: 'Прирост', en: 'Lift' },
  'campaigns.methods': { ru: 'Как это посчитано', en: 'How this is computed' },
  'metric.response_rate': { ru: 'Доля купивших', en: 'Share who bought' },
  'metric.visits_per_customer': { ru: 'Визиты на клиента', en: 'Visits per customer' },
  'metric.revenue_per_customer': { ru: 'Выручка на клиента', en: 'Revenue per customer' },
  'metric.margin_per_customer': { ru: 'Маржа на клиента', en: 'Margin per customer' },
  'metric.average_check': { ru: 'Средний чек', en: 'Average check' },
  'program.heading': { ru: 'Что даёт программа лояльности', en: 'What the loyalty program causes' },
  'program.naive': { ru: 'Участники против неучастников (наивно)', en: 'Members vs non-members (naive)' },
  'program.naiveHint': { ru: 'самоотбор, а не эффект', en: 'self-selection, not an effect' },
  'program.visits': { ru: 'Визиты после вступления', en: 'Visits after joining' },
  'program.spend': { ru: 'Траты за визит', en: 'Spend per visit' },
  'program.revenue': { ru: 'Выручка на покупателя', en: 'Revenue per shopper' },
  'program.eventStudy': { ru: 'Эффект по неделям от вступления', en: 'Effect by week since joining' },
  'program.effect': { ru: 'Эффект', en: 'Effect' },
  'program.band': { ru: '95% интервал', en: '95% band' },
  'program.weeks': { ru: 'Недели от вступления', en: 'Weeks since joining' },
  'simulator.heading': { ru: 'Симулятор механик: скидка или бонусы', en: 'Mechanics simulator: discount or bonus' },
  'simulator.discount': { ru: 'Скидка, %', en: 'Discount, %' },
  'simulator.bonus': { ru: 'Бонус, %', en: 'Bonus, %' },
  'simulator.tiers': { ru: 'Уровни: порог ₽ за 12 мес.:ставка %, …', en: 'Tiers: threshold ₽ over 12 months:rate %, …' },
  'simulator.participants': { ru: 'Участвуют', en: 'Participants' },
  'simulator.members': { ru: 'участники программы', en: 'program members' },
  'simulator.identified': { ru: 'все опознанные покупатели', en: 'every identified shopper' },
  'simulator.redemption': { ru: 'Доля списания, %', en: 'Redemption rate, %' },
  'simulator.fromData': { ru: 'по данным', en: 'from the data' },
  'simulator.expiry': { ru: 'Сгорание через, мес.', en: 'Expiry after, months' },
  'simulator.run': { ru: 'Рассчитать', en: 'Simulate' },
  'simulator.invalid': { ru: 'Проценты — числа от 0 до 100; уровни — пары «порог:ставка» через запятую, начиная с 0.', en: 'Percents are numbers from 0 to 100; tiers are threshold:rate pairs separated by commas, starting at 0.' },
  'simulator.mechanic': { ru: 'Механика', en: 'Mechanic' },
  'simulator.cost': { ru: 'Затраты', en: 'Cost' },
  'simulator.costShare': { ru: 'Доля выручки', en: 'Share of revenue' },
  'simulator.cashOut': { ru: 'Выплачено', en: 'Cash paid out' },
  'simulator.liabilityEnd': { ru: 'Обязательства на конец', en: 'Liability at the end' },
  'simulator.breakEven': { ru: 'Рост для окупаемости', en: 'Lift to break even' },
  'simulator.redemptionUsed': { ru: 'Доля списания', en: 'Redemption rate' },
  'simulator.cash': { ru: 'выплаты', en: 'cash out' },
  'simulator.liability': { ru: 'обязательства', en: 'liability' },
  'simulator.chart': { ru: 'Выплаты по месяцам и обязательства по бонусам', en: 'Cash out by month and the bonus liability' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function translate(locale: Locale, key: MessageKey): string {
  return messages[key][locale];
}

const storageKey = 'patron.locale';

export function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'ru' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}

export const LocaleContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'ru',
  setLocale: () => {},
});

export function useT(): (key: MessageKey) => string {
  const { locale } = useContext(LocaleContext);
  return (key) => translate(locale, key);
}
