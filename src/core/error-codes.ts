/**
 * The one table of Patron's error codes. Every error a caller can see carries one of these codes;
 * the HTTP status, the CLI exit code and the documentation all come from here, so a code cannot
 * exist without being documented (the type of PatronError only accepts keys of this table).
 */

/** sysexits(3) values: scripts driving `patron` can tell a bad flag from a dead database. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 64,
  dataError: 65,
  unavailable: 69,
  software: 70,
  tempFailure: 75,
  config: 78,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorCodeSpec {
  /** HTTP status when the error reaches an API caller. */
  status: number;
  /** Exit code when the error ends a CLI command. */
  exit: ExitCode;
  /** One sentence for the caller: what happened and what to do. */
  en: string;
  ru: string;
}

export const errorCodes = {
  validation_failed: {
    status: 400,
    exit: ExitCode.dataError,
    en: 'The request does not match the documented schema; `errors` lists each offending field.',
    ru: 'Запрос не соответствует схеме; в `errors` перечислены ошибочные поля.',
  },
  malformed_json: {
    status: 400,
    exit: ExitCode.dataError,
    en: 'The request body is not valid JSON.',
    ru: 'Тело запроса не является корректным JSON.',
  },
  unsupported_media_type: {
    status: 415,
    exit: ExitCode.dataError,
    en: 'The request body must be sent as application/json.',
    ru: 'Тело запроса должно передаваться как application/json.',
  },
  payload_too_large: {
    status: 413,
    exit: ExitCode.dataError,
    en: 'The request body exceeds the size limit.',
    ru: 'Тело запроса превышает допустимый размер.',
  },
  auth_required: {
    status: 401,
    exit: ExitCode.usage,
    en: 'Credentials are required: an API key (Authorization: Bearer …) or a signed-in session.',
    ru: 'Нужна авторизация: API-ключ (Authorization: Bearer …) или вход в систему.',
  },
  auth_invalid_credentials: {
    status: 401,
    exit: ExitCode.usage,
    en: 'The API key, session or e-mail and password are not valid (unknown, revoked or expired).',
    ru: 'API-ключ, сессия или пара e-mail и пароль недействительны (неизвестны, отозваны или истекли).',
  },
  auth_rate_limited: {
    status: 429,
    exit: ExitCode.tempFailure,
    en: 'Too many failed sign-in attempts; wait before trying again (see Retry-After).',
    ru: 'Слишком много неудачных попыток входа; повторите позже (см. Retry-After).',
  },
  forbidden_role: {
    status: 403,
    exit: ExitCode.usage,
    en: "The signed-in user's role does not allow this action.",
    ru: 'Роль пользователя не позволяет выполнить это действие.',
  },
  forbidden_credential_kind: {
    status: 403,
    exit: ExitCode.usage,
    en: 'This endpoint is for the other kind of credential (API key versus user session).',
    ru: 'Этот метод требует другого вида авторизации (API-ключ или сессия пользователя).',
  },
  forbidden_store_scope: {
    status: 403,
    exit: ExitCode.usage,
    en: 'The API key is scoped to another store.',
    ru: 'API-ключ выдан для другого магазина.',
  },
  not_found: {
    status: 404,
    exit: ExitCode.dataError,
    en: 'No such resource, or it is not visible to these credentials.',
    ru: 'Объект не найден или недоступен с этими учётными данными.',
  },
  demo_target_not_empty: {
    status: 409,
    exit: ExitCode.dataError,
    en: 'The database already holds a chain (stores, customers or receipts); the demo refuses to overwrite it. Use another data folder, or --force to erase everything in this one first.',
    ru: 'В базе уже есть данные сети (магазины, клиенты или чеки); демо не перезаписывает их. Укажите другую папку данных или --force, чтобы сначала всё стереть.',
  },
  already_exists: {
    status: 409,
    exit: ExitCode.dataError,
    en: 'A resource with this unique key already exists.',
    ru: 'Объект с таким уникальным ключом уже существует.',
  },
  insufficient_points: {
    status: 422,
    exit: ExitCode.dataError,
    en: "The member's spendable points (available less holds) do not cover the amount.",
    ru: 'Доступных бонусов участника (за вычетом резерва) недостаточно.',
  },
  redeem_limit_exceeded: {
    status: 422,
    exit: ExitCode.dataError,
    en: 'More points were asked for than this receipt allows; `max_redeemable_points` says how many may be used.',
    ru: 'Запрошено больше бонусов, чем можно списать по этому чеку; допустимое число — в `max_redeemable_points`.',
  },
  hold_closed: {
    status: 409,
    exit: ExitCode.dataError,
    en: 'The hold was already captured, voided or timed out.',
    ru: 'Резерв уже списан, отменён или истёк.',
  },
  customer_not_found: {
    status: 404,
    exit: ExitCode.dataError,
    en: 'No member with this card, phone or id.',
    ru: 'Участник с такой картой, телефоном или идентификатором не найден.',
  },
  card_blocked: {
    status: 422,
    exit: ExitCode.dataError,
    en: 'The card is blocked or was replaced; the member must use their current card.',
    ru: 'Карта заблокирована или заменена; используйте действующую карту участника.',
  },
  customer_merged: {
    status: 409,
    exit: ExitCode.dataError,
    en: 'This member was merged into another one; act on the surviving member (`merged_into`).',
    ru: 'Участник объединён с другим; используйте итогового участника (`merged_into`).',
  },
  unknown_product: {
    status: 422,
    exit: ExitCode.dataError,
    en: 'A receipt line names a SKU the catalog does not know; load the product first.',
    ru: 'В позиции чека указан артикул, которого нет в каталоге; сначала загрузите товар.',
  },
  receipt_total_mismatch: {
    status: 422,
    exit: ExitCode.dataError,
    en: 'The receipt total differs from the sum of its lines.',
    ru: 'Сумма чека не совпадает с суммой позиций.',
  },
  receipt_cancelled: {
    status: 409,
    exit: ExitCode.dataError,
    en: 'The receipt was cancelled; nothing more can be returned or cancelled on it.',
    ru: 'Чек аннулирован; по нему нельзя оформить возврат или отмену.',
  },
  return_exceeds_purchase: {
    status: 422,
    exit: ExitCode.dataError,
    en: 'The return asks for more of a line than was bought and not yet returned, or names a line not on the receipt.',
    ru: 'Возврат превышает купленное и ещё не возвращённое количество или указывает позицию, которой нет в чеке.',
  },
  idempotency_key_reused: {
    status: 409,
    exit: ExitCode.dataError,
    en: 'This Idempotency-Key (or receipt store + terminal + number) was already used with a different request body.',
    ru: 'Этот Idempotency-Key (или магазин + касса + номер чека) уже использован с другим телом запроса.',
  },
  idempotency_key_required: {
    status: 400,
    exit: ExitCode.dataError,
    en: 'Writes require an Idempotency-Key header (1–200 printable characters).',
    ru: 'Для записи нужен заголовок Idempotency-Key (1–200 печатных символов).',
  },
  busy_retry: {
    status: 503,
    exit: ExitCode.tempFailure,
    en: 'The database was too busy to answer in time (a lock or statement timed out); nothing was written, retry with the same Idempotency-Key.',
    ru: 'База данных не успела ответить (истекло ожидание блокировки или запроса); ничего не записано, повторите с тем же Idempotency-Key.',
  },
  not_ready: {
    status: 503,
    exit: ExitCode.unavailable,
    en: 'A dependency (PostgreSQL or DuckDB) is not answering; retry shortly.',
    ru: 'Зависимость (PostgreSQL или DuckDB) не отвечает; повторите позже.',
  },
  internal_error: {
    status: 500,
    exit: ExitCode.software,
    en: 'An unexpected error; it is logged with the request_id.',
    ru: 'Непредвиденная ошибка; она записана в журнал с request_id.',
  },
  config_invalid: {
    status: 500,
    exit: ExitCode.config,
    en: 'A setting (environment variable or flag) has an invalid value; the message names it.',
    ru: 'Недопустимое значение настройки (переменной окружения или флага); в сообщении указано какой.',
  },
  home_locked: {
    status: 500,
    exit: ExitCode.tempFailure,
    en: 'The data folder (PATRON_HOME) is in use by another running Patron.',
    ru: 'Папка данных (PATRON_HOME) занята другим запущенным экземпляром Patron.',
  },
  database_unavailable: {
    status: 503,
    exit: ExitCode.unavailable,
    en: 'PostgreSQL could not be started or reached.',
    ru: 'Не удалось запустить PostgreSQL или подключиться к нему.',
  },
  migration_edited: {
    status: 500,
    exit: ExitCode.software,
    en: 'A migration file differs from the one already applied; migrations are never edited, add a new one.',
    ru: 'Файл миграции изменён после применения; миграции не редактируют, добавьте новую.',
  },
  migration_missing: {
    status: 500,
    exit: ExitCode.software,
    en: 'The database records a migration whose file is gone; this build is older than the database.',
    ru: 'В базе записана миграция, файла которой нет; версия программы старше базы данных.',
  },
  migration_failed: {
    status: 500,
    exit: ExitCode.software,
    en: 'A migration failed to apply; nothing of it was kept.',
    ru: 'Миграция не применилась; её изменения отменены.',
  },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCodes, value);
}
