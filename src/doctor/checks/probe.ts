/**
 * The network probe as configured: in `ssh` mode each scanner's host key matches its pin and
 * `ping`, `nc` and `xargs` exist there; in `local` mode `ping` exists here; in `simulated` mode the
 * sandbox's network answers. No packet goes to any target: the simulated look-up asks about an
 * address of the documentation range, and the ssh check runs only `command -v`.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Config } from '../../config/index.js';
import { errorMessage } from '../../errors.js';
import { sshScannersFromConfig } from '../../integrations/probe/create-probe.js';
import { SimulatedProbe } from '../../integrations/probe/simulated-probe.js';
import { SCANNER_TOOLS, type ScannerTool, SshProbe } from '../../integrations/probe/ssh-probe.js';
import type { Logger } from '../../logger.js';
import { Checklist } from '../steps.js';
import type { DoctorCheck } from '../types.js';

export async function checkProbe(
  config: Config,
  logger: Logger,
  env: NodeJS.ProcessEnv,
): Promise<DoctorCheck[]> {
  const list = new Checklist('probe');
  const scanners = Object.keys(config.scanners).sort();
  switch (config.probe.mode) {
    case 'simulated': {
      const url = config.probe.simulatedUrl ?? '';
      const probe = new SimulatedProbe({ url, timeoutMs: config.http.timeoutMs, retries: 0, logger });
      await list.step(
        'simulated network',
        async () => {
          await probe.probe('192.0.2.1', scanners[0] ?? 'sandbox');
          return `answers at ${url}`;
        },
        () => `start the sandbox again, or set probe.simulatedUrl to the URL it prints`,
      );
      return list.checks;
    }
    case 'local':
      await list.step(
        'ping here',
        async () => {
          const found = onPath('ping', env.PATH ?? '');
          if (!found) throw new Error('ping is not on PATH');
          return `${found} (probes go from this machine, not from the scanners)`;
        },
        () => 'install ping (iputils-ping), or use probe.mode ssh to probe from the scanners',
      );
      return list.checks;
    case 'ssh':
      return checkSsh(config, logger, scanners);
  }
}

async function checkSsh(config: Config, logger: Logger, names: string[]): Promise<DoctorCheck[]> {
  let access: ReturnType<typeof sshScannersFromConfig>;
  try {
    access = sshScannersFromConfig(config.scanners);
  } catch (error) {
    return [
      {
        system: 'probe',
        check: 'ssh access',
        ok: false,
        detail: errorMessage(error),
        fix: 'give every scanner sshUser, sshPrivateKeyPath (readable by the bot) and sshHostKey',
      },
    ];
  }
  const probe = new SshProbe({
    scanners: access,
    timeoutMs: config.probe.timeoutMs * 2,
    failureMemoryMs: 0,
    logger,
  });
  try {
    const results = await Promise.all(
      names.map(async (name) => {
        const list = new Checklist('probe');
        let tools: Record<ScannerTool, boolean> | null = null;
        await list.step(
          `${name}: host key`,
          async () => {
            tools = await probe.inspect(name);
            return `matches the pinned ${access[name]?.hostKey ?? ''}`;
          },
          (error) => {
            const offered = /it offered (SHA256:\S+),/.exec(errorMessage(error))?.[1];
            return offered
              ? `if ${name}'s host key changed on purpose, pin the new one: scanners.${name}.sshHostKey: ${offered} (compare with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the scanner)`
              : `check scanners.${name}.sshHost, sshPort, sshUser and that its key is authorised there`;
          },
        );
        await list.step(
          `${name}: ping, nc and xargs`,
          async () => {
            const found = tools;
            if (!found) throw new Error('not checked');
            const missing = SCANNER_TOOLS.filter((tool) => !found[tool]);
            if (missing.length > 0) throw new Error(`${missing.join(', ')} not found on ${name}`);
            return 'all found';
          },
          () =>
            `install ping, nc (netcat) and xargs (findutils) on ${name}, on the PATH of its ssh user: a probe batch runs them there`,
        );
        return list.checks;
      }),
    );
    return results.flat();
  } finally {
    probe.close();
  }
}

function onPath(program: string, path: string): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}
