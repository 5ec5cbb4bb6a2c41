#!/usr/bin/env node
// Entry point of the `patron` command: runs the compiled CLI (npm run build makes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/cli/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('patron: not built yet; run `npm run build` in the Patron folder first\n');
  process.exit(70);
}
await import(entry.href);
