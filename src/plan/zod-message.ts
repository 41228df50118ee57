import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** The most specific issue: inside a union (one rule or a list of rules), the branch that got furthest. */
function specific(issue: Issue): { path: PropertyKey[]; message: string } {
  if (issue.code === 'invalid_union' && Array.isArray(issue.errors) && issue.errors.length > 0) {
    const branches = issue.errors.filter((b) => b.length > 0);
    const best = branches.find((b) => b[0]!.code !== 'invalid_type') ?? branches[0];
    if (best) {
      const inner = specific(best[0]!);
      return { path: [...issue.path, ...inner.path], message: inner.message };
    }
  }
  return { path: issue.path, message: issue.message };
}

/** One line from a zod error: the first issue's path within the file and its message. */
export function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const { path, message } = specific(issue);
  const where = path.length > 0 ? path.map(String).join('.') : '(top level)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `at ${where}: ${message}${more}`;
}
