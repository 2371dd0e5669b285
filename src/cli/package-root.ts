import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root (where examples/ lives), from the source or the compiled tree. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'nessus-gap'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the nessus-gap package root');
    dir = parent;
  }
}
