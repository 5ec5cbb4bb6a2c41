import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/index.ts';

export const patronVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
