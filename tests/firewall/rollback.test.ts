/**
 * The generated apply.sh for nftables and iptables, run for real inside a namespace with a 2 s
 * timer: unconfirmed, the previous ruleset comes back by itself; confirmed (typing yes, or
 * `apply.sh --confirm` from another session), the new one stays.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { bundleEntries, slugify } from "@/lib/firewall/bundle";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import { Netns, run } from "../netns/netns";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const T = 2;

function unpack(document: ProfileDocument, backend: "nftables" | "iptables"): string {
  const dir = mkdtempSync(join(tmpdir(), "pc-apply-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const e of bundleEntries(document, { generatedAt: "2026-11-22T12:00:00Z", productVersion: "test", backends: [backend] })) {
    const path = join(dir, e.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, e.content, { mode: e.mode });
  }
  return join(dir, slugify(document.server.name), backend);
}

function setup(backend: "nftables" | "iptables") {
  const ns = new Netns("r");
  const state = mkdtempSync(join(tmpdir(), "pc-state-"));
  cleanups.push(() => ns.destroy(), () => rmSync(state, { recursive: true, force: true }));
  const apply = (folder: string, args: string, input = "") =>
    ns.exec("sh", ["-c", `PORTCULLIS_STATE_DIR='${state}' sh '${folder}/apply.sh' ${args}`], input);
  const snapshot = () =>
    backend === "nftables"
      ? ns.exec("nft", ["list", "table", "inet", "portcullis"]).stdout
      : ["iptables-save", "ip6tables-save"].map((t) => ns.must(t, ["-t", "filter"]).replace(/^[#:].*$/gm, "")).join("") + ns.exec("ipset", ["list"]).stdout;
  // The armed timer is a detached `sh STATE/rollback.sh`; it has decided once it is gone.
  const timerRunning = () => run("pgrep", ["-f", `${state}/rollback.sh`]).code === 0;
  return { ns, apply, snapshot, timerRunning };
}

const poll = () => new Promise((r) => setTimeout(r, 100));
/** Waits (up to 30 s) until `done()` holds; answers whether it did. */
async function eventually(done: () => boolean): Promise<boolean> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await poll()) if (done()) return true;
  return done();
}

const before = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const after = SAMPLE_RULESETS.find((s) => s.id === "locked-down")!.document;

describe.each(["nftables", "iptables"] as const)("%s apply.sh", (backend) => {
  requires("root", "ip", "setsid", "pgrep", ...(backend === "nftables" ? ["nft"] : ["iptables-restore", "ip6tables-restore", "ipset"]));
  test("unconfirmed: the previous ruleset comes back after the timer", async () => {
    const { apply, snapshot } = setup(backend);
    expect(apply(unpack(before, backend), String(T), "yes\n").code).toBe(0);
    const previous = snapshot();
    const r = apply(unpack(after, backend), String(T));
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Not confirmed here");
    const applied = snapshot();
    expect(applied).not.toBe(previous);
    expect(await eventually(() => snapshot() === previous)).toBe(true);
  });

  test("unconfirmed on a host without our rules: they are removed again", async () => {
    const { ns, apply, snapshot, timerRunning } = setup(backend);
    const empty = snapshot();
    expect(apply(unpack(after, backend), String(T)).code).toBe(0);
    expect(snapshot()).not.toBe(empty);
    expect(await eventually(() => !timerRunning())).toBe(true);
    if (backend === "nftables") expect(ns.exec("nft", ["list", "table", "inet", "portcullis"]).code).not.toBe(0);
    else expect(ns.must("iptables-save", [])).not.toContain("-A INPUT -j PORTCULLIS-IN");
  });

  test.each([
    ["typing yes", "yes\n", false],
    ["apply.sh --confirm from another session", "", true],
  ])("confirmed by %s: the new ruleset stays", async (_how, input, fromOtherSession) => {
    const { apply, snapshot, timerRunning } = setup(backend);
    const r = apply(unpack(after, backend), String(T), input);
    expect(r.code).toBe(0);
    if (fromOtherSession) expect(apply(unpack(after, backend), "--confirm").stdout).toContain("Confirmed");
    const applied = snapshot();
    // The timer still runs its course; once it has ended, the confirmed rules are still there.
    expect(await eventually(() => !timerRunning())).toBe(true);
    expect(snapshot()).toBe(applied);
  });
});
