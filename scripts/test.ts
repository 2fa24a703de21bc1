// `npm test`: lint, typecheck, unit tests, production build, e2e; ends with one line
// "N passed, N failed, N skipped". Every skipped test is listed with its reason; under CI
// (`CI` set) a skipped test fails the run, so CI cannot pass by skipping what it must prove.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BIN, runNode, type RunResult } from "./lib/run";

type Step = { name: string; passed: number; failed: number; skipped: number; note: string };
type Skipped = { name: string; reason: string };
type Failure = { name: string; message: string };

const reports = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-test-"));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const steps: Step[] = [];
const skippedTests: Skipped[] = [];
const failedTests: Failure[] = [];

/** The first lines of a failure, without colour codes: the summary repeats them, so the end of a log says why. */
function firstLines(message: string | undefined, lines = 14): string {
  const plain = (message ?? "no message").replace(/\u001b\[[0-9;]*m/g, "").trimEnd().split("\n");
  return plain.slice(0, lines).join("\n") + (plain.length > lines ? `\n… (${plain.length - lines} more lines above in the log)` : "");
}

function banner(title: string): void {
  console.log(`\n${"=".repeat(72)}\n== ${title}\n${"=".repeat(72)}`);
}

/** A step without test counts: 0/0 when it succeeds, one failure when it does not. */
async function gate(name: string, script: string, args: string[]): Promise<boolean> {
  banner(name);
  const { code } = await runNode(script, args, { env });
  steps.push({ name, passed: 0, failed: code === 0 ? 0 : 1, skipped: 0, note: code === 0 ? "ok" : `exit code ${code}` });
  return code === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/** Counts from a JSON report; a run that failed without reporting any failed test counts as one failure. */
function counted(name: string, run: RunResult, counts: { passed: number; failed: number; skipped: number } | null): void {
  const passed = counts?.passed ?? 0;
  const skipped = counts?.skipped ?? 0;
  let failed = counts?.failed ?? 0;
  if (run.code !== 0 && failed === 0) failed = 1;
  const note = counts ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `no report (exit code ${run.code})`;
  steps.push({ name, passed, failed, skipped, note });
}

async function unitTests(): Promise<void> {
  banner("Unit tests (vitest run)");
  const file = path.join(reports, "vitest.json");
  const skips = path.join(reports, "vitest-skipped.json");
  const reporter = path.join(__dirname, "lib", "skip-reporter.ts");
  const run = await runNode(BIN.vitest, ["run", "--reporter=default", "--reporter=json", `--reporter=${reporter}`, `--outputFile.json=${file}`], {
    env: { ...env, PORTCULLIS_SKIP_REPORT: skips },
  });
  type Assertion = { fullName: string; status: string; failureMessages?: string[] };
  const report = readJson<{
    numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
    testResults?: { name: string; message?: string; assertionResults?: Assertion[] }[];
  }>(file);
  skippedTests.push(...(readJson<Skipped[]>(skips) ?? []));
  for (const result of report?.testResults ?? []) {
    const where = path.relative(process.cwd(), result.name);
    const failed = (result.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failed) failedTests.push({ name: `unit: ${where} > ${a.fullName}`, message: firstLines(a.failureMessages?.[0]) });
    if (failed.length === 0 && result.message) failedTests.push({ name: `unit: ${where}`, message: firstLines(result.message) });
  }
  counted("Unit tests", run, report && { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests });
}

async function e2eTests(): Promise<void> {
  banner("End-to-end tests (playwright test, production build, throw-away database)");
  const file = path.join(reports, "playwright.json");
  const run = await runNode(BIN.playwright, ["test", "--reporter=list,json"], {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: file, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  });
  type Result = { status: string; error?: { message?: string } };
  type Spec = { title: string; tests: { status: string; annotations?: { type: string; description?: string }[]; results?: Result[] }[] };
  type Suite = { title: string; specs?: Spec[]; suites?: Suite[] };
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites: Suite[] }>(file);
  const walk = (suite: Suite, prefix: string): void => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === "unexpected") {
          const last = t.results?.at(-1);
          failedTests.push({ name: `${prefix}${suite.title} > ${spec.title}`, message: firstLines(last?.error?.message ?? last?.status) });
        }
        if (t.status !== "skipped") continue;
        const reason = t.annotations?.find((a) => a.type === "skip")?.description ?? "skipped without a reason";
        skippedTests.push({ name: `${prefix}${suite.title} > ${spec.title}`, reason });
      }
    }
    for (const child of suite.suites ?? []) walk(child, `${prefix}${suite.title} > `);
  };
  for (const suite of report?.suites ?? []) walk(suite, "e2e: ");
  counted("End-to-end tests", run, report && { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped });
}

async function main(): Promise<void> {
  await gate("Prisma client (prisma generate)", BIN.prisma, ["generate"]);
  await gate("Lint (eslint .)", BIN.eslint, ["."]);
  await gate("Typecheck (tsc --noEmit)", BIN.tsc, ["--noEmit"]);
  await unitTests();
  if (await gate("Production build (next build)", BIN.next, ["build"])) {
    await e2eTests();
  } else {
    steps.push({ name: "End-to-end tests", passed: 0, failed: 0, skipped: 0, note: "not run: the build failed" });
  }

  banner("Summary");
  if (failedTests.length > 0) {
    console.log(`Failed tests (${failedTests.length}):`);
    for (const t of failedTests.slice(0, 20)) console.log(`  - ${t.name}\n${t.message.replace(/^/gm, "      ")}`);
    if (failedTests.length > 20) console.log(`  … and ${failedTests.length - 20} more, listed above`);
    console.log("");
  }
  if (skippedTests.length > 0) {
    console.log(`Skipped tests (${skippedTests.length}):`);
    for (const t of skippedTests) console.log(`  - ${t.name}: ${t.reason}`);
    if (process.env.CI) {
      steps.push({ name: "No skipped tests under CI", passed: 0, failed: 1, skipped: 0, note: `${skippedTests.length} skipped; CI must run every test` });
    }
    console.log("");
  }
  for (const s of steps) console.log(`${s.failed ? "FAIL" : "ok  "}  ${s.name.padEnd(34)} ${s.note}`);
  const passed = steps.reduce((n, s) => n + s.passed, 0);
  const failed = steps.reduce((n, s) => n + s.failed, 0);
  const skipped = steps.reduce((n, s) => n + s.skipped, 0);
  fs.rmSync(reports, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
