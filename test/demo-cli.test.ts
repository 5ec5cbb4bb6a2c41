import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from './helpers/run-cli.ts';
import { tempHomes } from './helpers/temp-home.ts';

const { newHome, removeAll } = tempHomes('patron-demo-');
after(removeAll);

const small = ['--shoppers', '300', '--stores', '3', '--months', '6', '--launch-after-months', '2', '--live-days', '3', '--end', '2026-06-30'];

test('patron demo generates a chain, writes the truth file and refuses to overwrite it', async () => {
  const home = newHome();
  const made = await runCli(['demo', '--home', home, ...small]);
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /Demo chain generated in [\d.]+ s \(seed 42/);
  assert.match(made.stdout, /Open http:\/\/127\.0\.0\.1:8080\//);
  assert.match(made.stderr, /history \(bulk load\)/);
  // The live bar counts against the replay's own event count (it once showed 'N/1').
  const live = [...made.stderr.matchAll(/live \(processing path\)\s+\S+ (\d+)\/(\d+) /g)].at(-1);
  assert.ok(live && Number(live[2]) > 1 && live[1] === live[2], made.stderr);
  const truthPath = join(home, 'demo-truth.json');
  assert.ok(existsSync(truthPath));
  const truth = JSON.parse(readFileSync(truthPath, 'utf8'));
  assert.equal(truth.format, 'patron-demo-truth/1');
  assert.equal(truth.options.shoppers, 300);

  const skipped = await runCli(['demo', '--home', home, '--if-empty', ...small]);
  assert.equal(skipped.code, 0);
  assert.match(skipped.stderr, /already holds a chain; demo not generated/);

  const refused = await runCli(['demo', '--home', home, ...small]);
  assert.equal(refused.code, 65);
  assert.match(refused.stderr, /\[demo_target_not_empty\]/);
  assert.equal(readFileSync(truthPath, 'utf8'), JSON.stringify(truth, null, 2) + '\n');
});

test('patron demo rejects bad flags with a usage error', async () => {
  const home = newHome();
  for (const bad of [['--shoppers', 'many'], ['--end', '2026-13-45'], ['--locale', 'de'], ['--months', '6', '--launch-after-months', '6']]) {
    const result = await runCli(['demo', '--home', home, ...bad]);
    assert.equal(result.code, 64, `${bad.join(' ')}: ${result.stderr}`);
  }
});
