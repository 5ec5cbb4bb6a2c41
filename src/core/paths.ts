import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, found by walking up from this file: the same code runs from `src/` under tsx
 * and from `dist/server/` when built, and both need the migrations and the built web app.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Patron package root not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot();
export const postgresMigrationsFolder = join(packageRoot, 'migrations');
export const analyticsMigrationsFolder = join(packageRoot, 'migrations', 'analytics');
export const webBuildFolder = join(packageRoot, 'dist', 'web');
