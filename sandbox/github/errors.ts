/**
 * GitHub's error bodies (docs/outside-apis.md sections 4.2, 4.5 and 4.6) and the ways its API fails under
 * faults.
 */
import { pickOne } from '../emulator-options.js';
import type { EmulatorRequest, EmulatorResponse, Fault } from '../http-kit.js';

const DOCS = 'https://docs.github.com/enterprise-server@3.15/rest';

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

export const COMMENT_BODY_LIMIT = 65_536;

function error(
  status: number,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
): EmulatorResponse {
  return headers ? { status, body, headers } : { status, body };
}

export const notFound = (): EmulatorResponse =>
  error(404, { message: 'Not Found', documentation_url: `${DOCS}`, status: '404' });

export const badCredentials = (): EmulatorResponse =>
  error(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });

export const problemsParsingJson = (): EmulatorResponse =>
  error(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });

export const invalidRequest = (detail: string): EmulatorResponse =>
  error(422, {
    message: `Invalid request.\n\n${detail}`,
    documentation_url: `${DOCS}/issues/comments#create-an-issue-comment`,
    status: '422',
  });

export const validationFailed = (errors: Record<string, unknown>[], doc: string): EmulatorResponse =>
  error(422, { message: 'Validation Failed', errors, documentation_url: `${DOCS}${doc}`, status: '422' });

export const commentTooLong = (): EmulatorResponse =>
  validationFailed(
    [
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: `Body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)`,
      },
    ],
    '/issues/comments#create-an-issue-comment',
  );

/**
 * The primary limit used up (docs/outside-apis.md section 4.6, GitHub's rate-limit doc): 403, remaining 0,
 * reset epoch.
 */
export function primaryRateLimit(resetAtMs: number): EmulatorResponse {
  return error(
    403,
    {
      message: 'API rate limit exceeded for user ID 1.',
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
    },
    {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(Math.ceil(resetAtMs / 1000)),
      'x-ratelimit-resource': 'core',
    },
  );
}

/** 502, 503, a hang, or a secondary rate limit (403 or 429 with retry-after), chosen by the seeded generator. */
export function githubFault(_request: EmulatorRequest, random: () => number): Fault {
  const faults: [() => Fault, ...Array<() => Fault>] = [
    () => error(502, { message: 'Server Error', documentation_url: DOCS }),
    () => error(503, { message: 'Service Unavailable', documentation_url: DOCS }),
    () => 'hang',
    () =>
      error(
        403,
        {
          message: SECONDARY_RATE_LIMIT_MESSAGE,
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        { 'retry-after': '1' },
      ),
    () =>
      error(
        429,
        {
          message: SECONDARY_RATE_LIMIT_MESSAGE,
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        { 'retry-after': '1' },
      ),
  ];
  return pickOne(faults, random)();
}
