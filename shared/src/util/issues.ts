import type { z } from 'zod';

/** What a refusal says about one place in the input: a dotted path (`plants.0.owner`) and a message. */
export interface Issue {
  path: string;
  message: string;
}

/** How a list of issues names the input itself. */
export const ROOT_PATH = '(root)';

/** A zod path as a dotted string; '' for the input itself. */
export const issuePath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * The issues of a zod error, at most `max`, each with its dotted path (`(root)` for the input itself).
 * Every answer that lists what was wrong with an input (scenario files, policies, HTTP bodies, imported
 * files) formats zod's issues here.
 */
export function zodIssues(error: z.ZodError, max = Infinity): Issue[] {
  return error.issues
    .slice(0, max)
    .map((i) => ({ path: issuePath(i.path) || ROOT_PATH, message: i.message }));
}

/** The first issue of a zod error, its path '' when it is the input itself (a refusal with one path). */
export function firstIssue(error: z.ZodError): Issue {
  const issue = error.issues[0];
  return { path: issue ? issuePath(issue.path) : '', message: issue?.message ?? 'Malformed input.' };
}
