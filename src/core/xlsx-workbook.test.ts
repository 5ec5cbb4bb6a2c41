import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readXlsxRows, xlsxDocument } from './xlsx-workbook.ts';
import { readZip, writeZip } from './zip-archive.ts';

test('a ZIP archive round-trips, and the system unzip reads ours', () => {
  const entries = [{ name: 'a.txt', data: Buffer.from('привет '.repeat(100)) }, { name: 'dir/b.bin', data: Buffer.from([0, 1, 2, 255]) }];
  const zip = writeZip(entries);
  const back = readZip(zip);
  assert.deepEqual([...back.keys()], ['a.txt', 'dir/b.bin']);
  assert.equal(back.get('a.txt')!.toString(), 'привет '.repeat(100));
  const folder = mkdtempSync(join(tmpdir(), 'patron-zip-'));
  try {
    writeFileSync(join(folder, 'x.zip'), zip);
    // Python's zipfile checks every CRC: an independent reader of what we wrote.
    const out = execFileSync('python3', ['-c', 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip(), z.namelist())', join(folder, 'x.zip')]).toString();
    assert.equal(out.trim(), "None ['a.txt', 'dir/b.bin']");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a workbook written with a header, numbers, text and gaps reads back the same', () => {
  const book = xlsxDocument(['segment', 'customers', 'share', 'note'], [
    { segment: 'Чемпионы', customers: 120, share: 0.25, note: 'a < b & "c"' },
    { segment: 'Спящие', customers: 0, share: null, note: true },
  ]);
  assert.deepEqual(readXlsxRows(book), [
    ['segment', 'customers', 'share', 'note'],
    ['Чемпионы', '120', '0.25', 'a < b & "c"'],
    ['Спящие', '0', '', 'true'],
  ]);
  const sheet = readZip(book).get('xl/worksheets/sheet1.xml')!.toString();
  assert.match(sheet, /<c r="B2"><v>120<\/v><\/c>/);
});

test('shared strings and date-formatted serial numbers, as spreadsheet programs save them', () => {
  const xml = (s: string) => Buffer.from(s);
  const book = writeZip([
    { name: 'xl/workbook.xml', data: xml('<workbook xmlns:r="r"><sheets><sheet name="Продажи" sheetId="1" r:id="rId7"/></sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: xml('<Relationships><Relationship Id="rId7" Type="worksheet" Target="worksheets/sheet3.xml"/></Relationships>') },
    { name: 'xl/sharedStrings.xml', data: xml('<sst><si><t>Чек</t></si><si><r><t>Дата</t></r><r><t xml:space="preserve"> и время</t></r></si></sst>') },
    { name: 'xl/styles.xml', data: xml('<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd.mm.yyyy hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>') },
    { name: 'xl/worksheets/sheet3.xml', data: xml('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="3"><c r="A3"><v>17</v></c><c r="B3" s="1"><v>45352</v></c><c r="C3" s="2"><v>45352.75</v></c></row></sheetData></worksheet>') },
  ]);
  assert.deepEqual(readXlsxRows(book), [['Чек', '', 'Дата и время'], [], ['17', '2024-03-01', '2024-03-01 18:00:00']]);
});
