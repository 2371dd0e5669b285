/**
 * The parts of GitHub's issue and comment objects we rely on (docs/outside-apis.md section 4.3), checked at
 * the edge: Octokit's types describe what GitHub promises, these say what we actually got.
 */
import { z } from 'zod';
import { ErrorCode, IntegrationError } from '../../errors.js';

export const issueSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  state: z.enum(['open', 'closed']),
  body: z.string().nullish(),
  html_url: z.string(),
  comments: z.number().int().nonnegative().optional(),
  /** ISO 8601; null (or absent) while the issue is open. */
  closed_at: z.iso.datetime({ offset: true }).nullish(),
  /** Label objects; older servers and some payloads give bare names. */
  labels: z
    .array(z.union([z.object({ name: z.string() }), z.string()]))
    .nullish()
    .transform((labels) => (labels ?? []).map((label) => (typeof label === 'string' ? label : label.name))),
  /** Present on pull requests, which the issues endpoints also return. */
  pull_request: z.unknown().optional(),
});
export type IssueObject = z.infer<typeof issueSchema>;

export const commentSchema = z.object({
  id: z.number().int(),
  body: z.string().nullish(),
  html_url: z.string(),
  user: z.object({ login: z.string() }).nullish(),
});
export type CommentObject = z.infer<typeof commentSchema>;

/** A comment as the repository-wide listing gives it: with the URL of its issue. */
export const repoCommentSchema = commentSchema.extend({ issue_url: z.string() });

/** GET /user: who the token acts as. */
export const authenticatedUserSchema = z.object({ login: z.string().min(1) });

export function parseGitHub<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new IntegrationError('github', `GitHub returned an unexpected ${what}: ${problems}`, {
    code: ErrorCode.IntegrationResponse,
  });
}

export function isPullRequest(issue: IssueObject): boolean {
  return issue.pull_request !== undefined && issue.pull_request !== null;
}
