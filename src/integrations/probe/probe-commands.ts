/**
 * The two commands the runbook has a person type on the scanner, as run over SSH, alone or for a
 * batch of IPs in one remote command. The IPs are their only variable part, checked as dotted quads
 * right here before any text is built, so nothing else can reach the remote shell. The waits are
 * defined once, here: the commands use them and the benchmark charges them to a silent host.
 */
import { InputError } from '../../errors.js';
import { isIPv4 } from '../../runbook/ip.js';

/** `ping -W`: how long ping waits for a reply from a silent host. */
export const PING_WAIT_S = 2;
/** `nc -w`: how long nc waits for TCP 22 of a silent host. */
export const TCP22_WAIT_S = 3;
/** What a host that answers nothing costs a probe: ping and nc run side by side, the longer wait. */
export const SILENT_HOST_MS = Math.max(PING_WAIT_S, TCP22_WAIT_S) * 1000;

/** The most IPs a batch command probes at once on the scanner, and the most it carries. */
export const MAX_SCANNER_PARALLELISM = 256;
export const MAX_BATCH_IPS = 1000;

/**
 * IPs probed at once on a scanner by one batch (xargs -P): each is a ping and an nc that mostly
 * wait, so 64 IPs are 128 small sleeping processes, a load a scanner that runs Nessus scans
 * bears easily (a scan policy keeps more hosts than that in flight).
 */
export const DEFAULT_SCANNER_PARALLELISM = 64;

/**
 * How long a batch may take: the deadline of one command plus the silent wait of every wave of
 * IPs the parallelism lets through, as if every IP were silent.
 */
export function batchDeadlineMs(ips: number, parallelism: number, commandTimeoutMs: number): number {
  return commandTimeoutMs + Math.ceil(ips / Math.max(1, parallelism)) * SILENT_HOST_MS;
}

export function pingCommand(ip: string): string {
  return `ping -c 1 -W ${PING_WAIT_S} ${checked(ip)}`;
}

export function tcp22Command(ip: string): string {
  return `nc -zv -w ${TCP22_WAIT_S} ${checked(ip)} 22`;
}

export type BatchCheck = 'ping' | 'tcp22';

/**
 * The per-IP script xargs runs on the scanner: ping and nc side by side, then one line per check
 * (`IP ping CODE`, `IP tcp22 CODE`) written at once, so parallel jobs never interleave a line.
 * Fixed text: the IP reaches it as an argument (`$1`), never as part of the script.
 */
export const BATCH_SCRIPT =
  `ping -c 1 -W ${PING_WAIT_S} "$1" >/dev/null 2>&1 & p=$!; ` +
  `nc -zv -w ${TCP22_WAIT_S} "$1" 22 >/dev/null 2>&1; n=$?; wait $p; r=$?; ` +
  'printf "%s ping %s\\n%s tcp22 %s\\n" "$1" "$r" "$1" "$n"';

/**
 * One remote command that probes every IP of `ips` with at most `parallelism` IPs at once:
 * `printf '%s\n' IP... | xargs -n 1 -P N sh -c 'SCRIPT' probe`.
 */
export function batchProbeCommand(ips: readonly string[], parallelism: number): string {
  const list = ips.map(checked);
  if (list.length === 0 || list.length > MAX_BATCH_IPS)
    throw new InputError(`a probe batch holds 1 to ${MAX_BATCH_IPS} IPs (got ${list.length})`);
  if (new Set(list).size !== list.length) throw new InputError('a probe batch names an IP twice');
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > MAX_SCANNER_PARALLELISM)
    throw new InputError(
      `the scanner-side parallelism must be a whole number from 1 to ${MAX_SCANNER_PARALLELISM}`,
    );
  return `printf '%s\\n' ${list.join(' ')} | xargs -n 1 -P ${parallelism} sh -c '${BATCH_SCRIPT}' probe`;
}

/** Exit codes of each check of each IP, as the batch command printed them. */
export type BatchExitCodes = Map<string, Record<BatchCheck, number>>;

const LINE = /^(\d{1,3}(?:\.\d{1,3}){3}) (ping|tcp22) (\d{1,3})$/;

/**
 * Reads the batch command's output strictly: every IP of the batch and each of its two checks
 * exactly once, nothing else. Any other line, a missing or a repeated one makes the whole output
 * unreadable (the reason says which), since a half-understood answer could pass a silent host as up.
 */
export function parseBatchOutput(stdout: string, ips: readonly string[]): BatchExitCodes | string {
  const wanted = new Set(ips);
  const seen = new Map<string, Partial<Record<BatchCheck, number>>>();
  const lines = stdout.split('\n').filter((line) => line !== '');
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) return `unexpected output line ${JSON.stringify(line.slice(0, 80))}`;
    const [, ip = '', check = '', code = ''] = match;
    if (!wanted.has(ip)) return `output for ${ip}, which the batch did not name`;
    const codes = seen.get(ip) ?? {};
    if (codes[check as BatchCheck] !== undefined) return `${check} of ${ip} reported twice`;
    codes[check as BatchCheck] = Number(code);
    seen.set(ip, codes);
  }
  const out: BatchExitCodes = new Map();
  for (const ip of ips) {
    const codes = seen.get(ip);
    if (codes?.ping === undefined || codes.tcp22 === undefined)
      return `no ${codes?.ping === undefined ? 'ping' : 'tcp22'} result for ${ip}`;
    out.set(ip, { ping: codes.ping, tcp22: codes.tcp22 });
  }
  return out;
}

function checked(ip: string): string {
  if (typeof ip !== 'string' || !isIPv4(ip))
    throw new InputError(`refusing to build a probe command for ${JSON.stringify(ip)}: not an IPv4 address`);
  return ip;
}
