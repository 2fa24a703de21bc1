/**
 * Issue 15 on two more backends: verifying a server with 100,000 blocked entries under the real
 * firewalld daemon (1.3.3, on a private D-Bus) and Debian's real APF (apf-firewall 9.7). Each
 * server is a fresh namespace with a private root (tests/support/private-root: its own /etc,
 * /var/lib, /var/log and /run), so the host's files and firewall are never touched. The big cPanel
 * profile's bundle is applied there with its apply.sh and confirmed, as the tests do (timed once,
 * no target), then the bundle's real verify.sh runs there (target < 5 s) and the file it wrote is
 * parsed and compared with the profile in process (target < 1 s). A bundle that does not apply
 * (apply.sh fails, is not confirmed, or runs past 10 minutes and is stopped) is reported as such:
 * its figures have no samples, so both targets read MISS, with the tool's reason in the note, and
 * the next backend is still measured. Root only.
 */
import fs from "node:fs";
import path from "node:path";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import type { RunResult } from "@/tests/netns/netns";
import { ApfServer } from "@/tests/support/apf";
import { unpack, type Cleanups } from "@/tests/support/apply-script";
import { startFirewalld } from "@/tests/support/firewalld-daemon";
import { PrivateRoot, type Machine } from "@/tests/support/private-root";
import { figure, type Figure } from "./lib/figures";
import { freshNamespace, freshPair, release, requireRoot, timeWith } from "./lib/namespaces";
import { fullCpanelProfile } from "./lib/profiles";
import { scratchDir } from "./lib/scratch";
import { compareTimes } from "./lib/verify-compare";

const PART = "6 verify";

type Backend = "firewalld" | "apf";

/** An apply that has not finished after this long is stopped and reported, never measured smaller. */
const APPLY_LIMIT_S = 600;

/** A booted server with the backend's real tool running, as the verify tests set it up. */
const SERVER: Record<Backend, (cleanups: Cleanups) => Promise<Machine>> = {
  async firewalld(cleanups) {
    const ns = freshNamespace();
    cleanups.push(() => release(ns));
    const machine = await new PrivateRoot(cleanups).boot(ns);
    await startFirewalld(machine);
    return machine;
  },
  async apf(cleanups) {
    const pair = freshPair();
    cleanups.push(() => release(pair));
    const server = new ApfServer(cleanups);
    return server.boot(pair.server);
  },
};

/** The arguments the verify tests give apply.sh (firewalld's: a longer confirmation window). */
const APPLY_ARGS: Record<Backend, string> = { firewalld: "600", apf: "" };

const TOOL: Record<Backend, string> = {
  firewalld: "real firewalld 1.3.3",
  apf: "real APF 9.7 (Debian's apf-firewall)",
};

const READS: Record<Backend, string> = {
  firewalld: "firewall-cmd (state, runtime zones and policies), the companion nft table, iptables-save, /etc/firewalld and the boot units",
  apf: "iptables-save, ip6tables-save, ipset save, APF's files with the companion and the boot files",
};

/** An apply.sh that failed or ran out of time: what the figures say instead of a measurement. */
class ApplyFailed extends Error {}

/** The last lines of a tool's output that say something, for a one-line reason. */
const tail = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean).slice(-3).join(" / ").slice(-600);

/** The bundle's apply.sh on `machine`, answered "yes"; its wall time, measured on the server. */
function applyConfirmed(machine: Machine, backend: Backend, folder: string, entries: string): number {
  let result: RunResult | undefined;
  const body = `timeout ${APPLY_LIMIT_S} sh '${folder}/apply.sh' ${APPLY_ARGS[backend]}`;
  const started = performance.now();
  let ms: number;
  try {
    ms = timeWith((script) => (result = machine.sh(script, "yes\n")), body, `the ${backend} server`);
  } catch (e) {
    if (!result) throw e;
    const after = `after ${((performance.now() - started) / 1000).toFixed(0)} s`;
    if (result.code === 124) throw new ApplyFailed(`apply.sh of ${entries} blocked entries did not finish within ${APPLY_LIMIT_S / 60} minutes and was stopped`);
    throw new ApplyFailed(`apply.sh of ${entries} blocked entries failed (exit ${result.code}, ${after}): ${tail(result.stderr || result.stdout)}`);
  }
  if (!result?.stdout.includes("Confirmed: the new rules stay.")) throw new ApplyFailed(`apply.sh of ${entries} blocked entries was not confirmed: ${tail(`${result?.stderr}\n${result?.stdout}`)}`);
  return ms;
}

/** The figure names of one backend, measured or not. */
const names = (backend: Backend, n: string) => ({
  apply: `${backend}: apply.sh of ${n} blocked entries, confirmed`,
  script: `${backend}: verify.sh on a server with ${n} blocked entries`,
  compare: `${backend}: live file with ${n} blocked entries → verdict`,
});

/** A backend whose bundle did not apply: no samples, so each target reads MISS, with the reason. */
function notMeasured(backend: Backend, n: string, why: string): Figure[] {
  const name = names(backend, n);
  const note = `not measured: the bundle did not apply on ${TOOL[backend]}`;
  return [
    figure(PART, name.apply, "ms", [], { note: `FAILED: ${why}` }),
    figure(PART, name.script, "ms", [], { target: { op: "<", value: 5000 }, note }),
    figure(PART, name.compare, "ms", [], { target: { op: "<", value: 1000 }, note }),
  ];
}

async function verifyBackend(backend: Backend, options: { runs: number; count: number }): Promise<Figure[]> {
  const big = fullCpanelProfile(options.count);
  const doc = profileDocumentSchema.parse({ ...big, policy: { ...big.policy, backend } });
  const n = doc.policy.blocked.length.toLocaleString("en");
  const out = path.join(scratchDir(), "verify-tools", backend, "live");
  const cleanups: Cleanups = [() => fs.rmSync(path.dirname(out), { recursive: true, force: true })];
  // Also on an exit mid-run (Ctrl-C: lib/namespaces ends the process), so no daemon outlives the bench.
  const cleanUp = () => cleanups.splice(0).reverse().forEach((c) => c());
  process.once("exit", cleanUp);
  try {
    const machine = await SERVER[backend](cleanups);
    const folder = unpack(doc, backend, cleanups);
    const apply = applyConfirmed(machine, backend, folder, n);
    const script: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(out, { recursive: true });
      script.push(timeWith((s) => machine.sh(s), `sh '${folder}/verify.sh' '${out}' >/dev/null`, `the ${backend} server`));
    }
    const text = fs.readFileSync(path.join(out, fs.readdirSync(out)[0]!), "utf8");
    // None tolerated: the private root holds the boot files the confirmed apply installed (firewalld's
    // XML and companion unit, APF's files and postroute.rules), so running and boot both match, as
    // the verify tests expect right after a confirmed apply.
    const compare = await compareTimes(doc, text, options.runs, () => false);
    const name = names(backend, n);
    return [
      figure(PART, name.apply, "ms", [apply], { note: `apply.sh of the bundle, confirmed; ${TOOL[backend]} on a private-root server in a namespace; once` }),
      figure(PART, name.script, "ms", script, { target: { op: "<", value: 5000 }, note: `${TOOL[backend]}: ${READS[backend]} into a ${(text.length / 1e6).toFixed(1)} MB live file, on a private-root server in a namespace` }),
      figure(PART, name.compare, "ms", compare, { target: { op: "<", value: 1000 }, note: "parse, import the live rules, compare with the revision; in process after one warm-up" }),
    ];
  } catch (e) {
    if (e instanceof ApplyFailed) return notMeasured(backend, n, e.message);
    throw e;
  } finally {
    process.removeListener("exit", cleanUp);
    cleanUp();
  }
}

export async function benchVerifyTools(options: { runs: number; count: number }): Promise<Figure[]> {
  requireRoot("The firewalld and APF verify benchmark");
  return [...(await verifyBackend("firewalld", options)), ...(await verifyBackend("apf", options))];
}
