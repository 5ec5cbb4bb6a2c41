import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checksumOf, planMigrations, type MigrationFile } from './migration-plan.ts';

const file = (version: number, sql: string): MigrationFile => ({ version, name: `000${version}-m.sql`, sql, checksum: checksumOf(sql) });

test('plans the unapplied files in version order', () => {
  const files = [file(1, 'a'), file(2, 'b'), file(3, 'c')];
  const pending = planMigrations(files, [{ version: 1, name: '0001-m.sql', checksum: checksumOf('a') }]);
  assert.deepEqual(pending.map((f) => f.version), [2, 3]);
});

test('CRLF line endings do not count as an edit', () => {
  assert.equal(checksumOf('a\r\nb'), checksumOf('a\nb'));
});

test('an edit is refused and a missing file is refused', () => {
  assert.throws(() => planMigrations([file(1, 'changed')], [{ version: 1, name: '0001-m.sql', checksum: checksumOf('a') }]), /edited/);
  assert.throws(() => planMigrations([], [{ version: 1, name: '0001-m.sql', checksum: checksumOf('a') }]), /missing/);
});
