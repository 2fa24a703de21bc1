import { expect, test } from "vitest";
import { listedIssues, MAX_LISTED_ISSUES, moreIssuesLine } from "./import-issues";

test("a long list is cut to the first hundred, with the total", () => {
  const issues = Array.from({ length: 250_000 }, (_, i) => ({ path: `profiles.0.blocked.${i}` }));
  const listed = listedIssues(issues);
  expect(listed.issues).toHaveLength(MAX_LISTED_ISSUES);
  expect(listed.issues[0]).toEqual({ path: "profiles.0.blocked.0" });
  expect(listed.issueCount).toBe(250_000);
  expect(moreIssuesLine(listed.issueCount)).toBe("… and 249,900 more problems.");
});

test("a short list is kept whole", () => {
  expect(listedIssues([1, 2, 3])).toEqual({ issues: [1, 2, 3], issueCount: 3 });
  expect(moreIssuesLine(100)).toBeNull();
  expect(moreIssuesLine(101)).toBe("… and 1 more problem.");
});
