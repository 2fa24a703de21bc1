/**
 * A Vitest reporter that keeps every skipped test with its reason (the note given to
 * `ctx.skip(note)`, see tests/support/requires.ts) and writes them as JSON lines to the file named
 * by PORTCULLIS_SKIP_REPORT, so `npm test` can list them and count them in its last line.
 */
import fs from "node:fs";
import type { Reporter, TestCase } from "vitest/node";

export type SkippedTest = { name: string; file: string; reason: string };

export default class SkipReporter implements Reporter {
  private readonly skipped: SkippedTest[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    if (result.state !== "skipped") return;
    this.skipped.push({ name: testCase.fullName, file: testCase.module.moduleId, reason: result.note ?? "skipped without a reason" });
  }

  onTestRunEnd(): void {
    const file = process.env.PORTCULLIS_SKIP_REPORT;
    if (file) fs.writeFileSync(file, JSON.stringify(this.skipped));
  }
}
