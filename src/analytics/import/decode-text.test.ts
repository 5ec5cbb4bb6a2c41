import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readHead, sniffEncoding, writeUtf8FromWindows1251File } from './decode-text.ts';

test('a big file is judged by its first 4 MB, also when the sample cuts a letter in two', () => {
  // 'ж' is two bytes in UTF-8: 4 MB + 1 byte of them puts a cut inside the last letter of the sample.
  const utf8 = Buffer.from('ж'.repeat(2 * 1024 * 1024 + 1), 'utf8');
  assert.equal(sniffEncoding(Buffer.concat([Buffer.from('a'), utf8])), 'utf-8');
  // Windows-1251 'ж' is the byte 0xE6, never valid UTF-8 on its own.
  assert.equal(sniffEncoding(Buffer.from([0x61, 0xe6, 0x2c, 0xe6])), 'windows-1251');
});

test('Windows-1251 becomes UTF-8 a chunk at a time', () => {
  const folder = mkdtempSync(join(tmpdir(), 'patron-1251-'));
  try {
    const bytes = Buffer.alloc(9 * 1024 * 1024, 0xe6); // 9 MB of 'ж': three chunks
    writeFileSync(join(folder, 'in.csv'), bytes);
    writeUtf8FromWindows1251File(join(folder, 'in.csv'), join(folder, 'out.csv'));
    const text = readFileSync(join(folder, 'out.csv'), 'utf8');
    assert.equal(text.length, bytes.length);
    assert.ok(/^ж+$/.test(text));
    // Only the head is read to judge a file: 4 MB of the 9.
    assert.equal(readHead(join(folder, 'in.csv')).length, 4 * 1024 * 1024);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
