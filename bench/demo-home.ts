import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/core/index.ts';

/** A data folder holding a synced demo chain: the one given, or the default demo generated into `scratch`. */
export function demoHome(scratch: string, given: string | undefined): string {
  if (given) return given;
  const home = join(scratch, 'demo');
  process.stderr.write('generating the default demo chain…\n');
  const patron = (...args: string[]) => execFileSync(process.execPath, [join(packageRoot, 'bin', 'patron.js'), ...args, '--home', home], { stdio: ['ignore', 'ignore', 'inherit'] });
  patron('demo');
  patron('analytics', 'sync');
  return home;
}
