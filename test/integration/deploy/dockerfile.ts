/**
 * The instructions of the Dockerfile's last stage (the image that runs), read the way Docker reads
 * them: comments dropped, `\` continuations joined, `ENV` in both of its forms.
 */
import { readFileSync } from 'node:fs';

export interface RuntimeImage {
  /** `USER` as written: `uid[:gid]` or a name. */
  user: string | null;
  env: Record<string, string>;
  exposed: number[];
  volumes: string[];
  healthcheck: string | null;
  cmd: string | null;
}

export function readRuntimeImage(path = 'Dockerfile'): RuntimeImage {
  const instructions = readFileSync(path, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const space = line.search(/\s/);
      return { op: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).trim() };
    });
  const lastFrom = instructions.map((i) => i.op).lastIndexOf('FROM');
  const image: RuntimeImage = { user: null, env: {}, exposed: [], volumes: [], healthcheck: null, cmd: null };
  for (const { op, args } of instructions.slice(lastFrom + 1)) {
    if (op === 'USER') image.user = args;
    if (op === 'ENV') Object.assign(image.env, parseEnv(args));
    if (op === 'EXPOSE') image.exposed.push(...args.split(/\s+/).map((p) => Number.parseInt(p, 10)));
    if (op === 'VOLUME') image.volumes.push(...parseList(args));
    if (op === 'HEALTHCHECK') image.healthcheck = args;
    if (op === 'CMD') image.cmd = args;
  }
  return image;
}

function parseEnv(args: string): Record<string, string> {
  // `ENV KEY value` (one pair) or `ENV KEY=value KEY2="value 2"`.
  if (!/^\S+=/.test(args)) {
    const [key, ...rest] = args.split(/\s+/);
    return { [key as string]: rest.join(' ') };
  }
  const out: Record<string, string> = {};
  for (const match of args.matchAll(/(\S+?)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const raw = match[2] ?? '';
    out[match[1] as string] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
  }
  return out;
}

function parseList(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
}
