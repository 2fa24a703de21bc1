/** At most this many problems of a refused import are sent back; the count says how many there were. */
export const MAX_LISTED_ISSUES = 100;

/**
 * The first MAX_LISTED_ISSUES problems and the total. A large bad file can have a problem on every
 * line: listing them all made a 3.6 MB file's answer 21 MB, which helps no one fix it.
 */
export function listedIssues<T>(issues: readonly T[]): { issues: T[]; issueCount: number } {
  return { issues: issues.slice(0, MAX_LISTED_ISSUES), issueCount: issues.length };
}

/** "… and 1,234 more problems." for the lines a list leaves out, or null when nothing was left out. */
export function moreIssuesLine(issueCount: number): string | null {
  const more = issueCount - MAX_LISTED_ISSUES;
  return more > 0 ? `… and ${more.toLocaleString("en-US")} more problem${more === 1 ? "" : "s"}.` : null;
}
