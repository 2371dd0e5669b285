/** How a gap issue is named where space is short: `alcatraz#5120` (unescaped: renderers escape it). */
export function shortIssueLabel(issue: { repo: string; number: number }): string {
  const name = issue.repo.split('/').pop() || issue.repo;
  return `${name.slice(0, 100)}#${Math.trunc(issue.number)}`;
}
