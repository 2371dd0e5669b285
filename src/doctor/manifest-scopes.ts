/** The bot token scopes the Slack app manifest (manifest.yml) asks for. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const manifestSchema = z.object({
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
});

export function manifestScopes(packageRoot: string): string[] {
  const manifest = manifestSchema.parse(parse(readFileSync(join(packageRoot, 'manifest.yml'), 'utf8')));
  return manifest.oauth_config.scopes.bot;
}
