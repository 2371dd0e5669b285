/**
 * An Octokit plugin that logs and counts every HTTP attempt to GitHub. It is listed before the
 * retry and throttling plugins, so its hook sits inside theirs and sees each retry as its own call
 * (what the benchmark and /metrics call an upstream call).
 */
import type { Octokit } from '@octokit/rest';
import type { CallCounter } from '../../investigation/ports.js';
import { type Logger, redactSecrets } from '../../logger.js';

export type OctokitPlugin = Parameters<typeof Octokit.plugin>[number];

export interface RequestAccountingOptions {
  logger: Logger;
  counter: CallCounter | undefined;
  secrets: readonly string[];
}

export function requestAccounting({ logger, counter, secrets }: RequestAccountingOptions): OctokitPlugin {
  return (octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      const { method, url } = octokit.request.endpoint.parse(options);
      const path = redactSecrets(url.replace(options.baseUrl, ''), secrets);
      const start = Date.now();
      try {
        const response = await request(options);
        const ms = Date.now() - start;
        counter?.count('github', 'ok', ms);
        logger.debug(
          { method, path, status: response.status, ms },
          `GitHub request: ${method} ${path} - ${response.status}`,
        );
        return response;
      } catch (error) {
        const ms = Date.now() - start;
        const status = statusOf(error);
        counter?.count('github', 'error', ms);
        logger.debug(
          { method, path, status, ms },
          `GitHub request: ${method} ${path} - ${status ?? 'no response'}`,
        );
        throw error;
      }
    });
  };
}

/** The HTTP status GitHub answered with; null when no response came (timeout, refused connection). */
function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('response' in error)) return null;
  const response = error.response;
  if (typeof response === 'object' && response !== null && 'status' in response) {
    return typeof response.status === 'number' ? response.status : null;
  }
  return null;
}
