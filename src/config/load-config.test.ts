import assert from 'node:assert/strict';
import { isAbsolute } from 'node:path';
import { test } from 'node:test';
import { PatronError } from '../core/index.ts';
import { loadConfig } from './load-config.ts';

function configError(fn: () => unknown): PatronError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof PatronError, `expected PatronError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an error');
}

test('defaults: embedded database, ./.patron resolved to an absolute path, Russian locale, RUB', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, undefined);
  assert.ok(isAbsolute(config.home) && config.home.endsWith('.patron'));
  assert.equal(config.locale, 'ru');
  assert.equal(config.currency, 'RUB');
  assert.equal(config.timeZone, 'Europe/Moscow');
  assert.equal(config.role, 'all');
});

test('the config is frozen', () => {
  const config = loadConfig({});
  assert.ok(Object.isFrozen(config));
  assert.throws(() => {
    (config as { port: number }).port = 1;
  });
});

test('flags win over environment variables', () => {
  const config = loadConfig({ PATRON_PORT: '9000', PATRON_LOCALE: 'ru' }, { port: '9100', locale: 'en' });
  assert.equal(config.port, 9100);
  assert.equal(config.locale, 'en');
});

test('a bad environment variable is named in the error, with the value given', () => {
  const error = configError(() => loadConfig({ PATRON_PORT: 'eighty' }));
  assert.equal(error.code, 'config_invalid');
  assert.match(error.message, /PATRON_PORT/);
  assert.match(error.message, /"eighty"/);
  assert.equal(error.exitCode, 78);
});

test('a bad flag is named as the flag, not as the environment variable', () => {
  const error = configError(() => loadConfig({}, { port: '70000' }));
  assert.match(error.message, /--port/);
  assert.doesNotMatch(error.message, /PATRON_PORT/);
});

test('every invalid setting is reported at once', () => {
  const error = configError(() =>
    loadConfig({ PATRON_TIME_ZONE: 'Mars/Olympus', DATABASE_URL: 'mysql://x', PATRON_ROLE: 'boss', PATRON_CURRENCY: 'rub' }),
  );
  for (const name of ['PATRON_TIME_ZONE', 'DATABASE_URL', 'PATRON_ROLE', 'PATRON_CURRENCY']) assert.match(error.message, new RegExp(name));
  assert.equal(error.issues?.length, 4);
});

test('DATABASE_URL accepts postgres:// and postgresql:// URLs', () => {
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/patron' }).databaseUrl, 'postgres://u:p@db:5432/patron');
  assert.equal(loadConfig({ DATABASE_URL: 'postgresql://db/patron' }).databaseUrl, 'postgresql://db/patron');
});

test('an empty environment variable counts as unset', () => {
  assert.equal(loadConfig({ PATRON_PORT: '' }).port, 8080);
});
