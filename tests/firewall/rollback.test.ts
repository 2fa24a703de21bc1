/**
 * The generated apply.sh for nftables and iptables, run for real inside a namespace with a 2 s
 * timer: unconfirmed, the previous ruleset comes back by itself; confirmed (typing yes, or
 * `apply.sh --confirm` from another session), the new one stays; a confirmation that comes after
 * the rollback says so and fails; and the timer and a confirmation racing decide exactly once.
 */
import { afterAll, describe, expect, test } from "vitest";
import { guardUnit } from "@/lib/firewall/backends/shared/boot-guard";
import { ApplyHarness, eventually, unpack, type Cleanups } from "../support/apply-script";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: Cleanups = [];
afterAll(() => cleanups.forEach((c) => c()));
const T = 2;
const ROUNDS = 8;
type Tool = "nftables" | "iptables";

/** The sets' members and settings; a re-created set gets a new hash seed (initval) and member order. */
const ipsets = (h: ApplyHarness) => h.ns.exec("ipset", ["save"]).stdout.replace(/ initval 0x[0-9a-f]+/g, "").split("\n").sort().join("\n");

function setup(backend: Tool) {
  const h = new ApplyHarness(cleanups);
  const snapshot = () =>
    backend === "nftables"
      ? h.ns.exec("nft", ["list", "table", "inet", "portcullis"]).stdout
      : ["iptables-save", "ip6tables-save"].map((t) => h.ns.must(t, ["-t", "filter"]).replace(/^[#:].*$/gm, "")).join("") + ipsets(h);
  return { h, snapshot };
}

const before = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const after = SAMPLE_RULESETS.find((s) => s.id === "locked-down")!.document;
const needs = (backend: Tool) => requires("root", "ip", "setsid", "pgrep", "readlink", ...(backend === "nftables" ? ["nft"] : ["iptables-restore", "ip6tables-restore", "ipset"]));

describe.each(["nftables", "iptables"] as const)("%s apply.sh", (backend) => {
  needs(backend);
  test("unconfirmed: the previous ruleset comes back after the timer", async () => {
    const { h, snapshot } = setup(backend);
    expect(h.apply(unpack(before, backend, cleanups), String(T), "yes\n").code).toBe(0);
    const previous = snapshot();
    const r = h.apply(unpack(after, backend, cleanups), String(T));
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Not confirmed here");
    const applied = snapshot();
    expect(applied).not.toBe(previous);
    expect(await eventually(() => snapshot() === previous)).toBe(true);
  });

  test("unconfirmed on a host without our rules: they are removed again", async () => {
    const { h, snapshot } = setup(backend);
    const empty = snapshot();
    expect(h.apply(unpack(after, backend, cleanups), String(T)).code).toBe(0);
    expect(snapshot()).not.toBe(empty);
    expect(await eventually(() => !h.timerRunning())).toBe(true);
    if (backend === "nftables") expect(h.ns.exec("nft", ["list", "table", "inet", "portcullis"]).code).not.toBe(0);
    else expect(h.ns.must("iptables-save", [])).not.toContain("-A INPUT -j PORTCULLIS-IN");
  });

  test.each([
    ["typing yes", "yes\n", false],
    ["apply.sh --confirm from another session", "", true],
  ])("confirmed by %s: the new ruleset stays", async (_how, input, fromOtherSession) => {
    const { h, snapshot } = setup(backend);
    const folder = unpack(after, backend, cleanups);
    const r = h.apply(folder, String(T), input);
    expect(r.code).toBe(0);
    if (fromOtherSession) expect(h.apply(folder, "--confirm").stdout).toContain("Confirmed");
    const applied = snapshot();
    // The timer still runs its course; once it has ended, the confirmed rules are still there.
    expect(await eventually(() => !h.timerRunning())).toBe(true);
    expect(snapshot()).toBe(applied);
  });

  test("yes typed after the rollback: says rolled back, exits non-zero, the previous rules stay", async () => {
    const { h, snapshot } = setup(backend);
    expect(h.apply(unpack(before, backend, cleanups), String(T), "yes\n").code).toBe(0);
    const previous = snapshot();
    const session = h.start(unpack(after, backend, cleanups), String(T));
    expect(await eventually(() => session.out().includes("type yes here"))).toBe(true);
    expect(snapshot()).not.toBe(previous);
    // Answer only once the timer has restored the previous rules and ended.
    expect(await eventually(() => snapshot() === previous && !h.timerRunning())).toBe(true);
    session.answer("yes\n");
    expect(await session.exited).not.toBe(0);
    expect(session.out()).toContain("rolled back");
    expect(session.out()).not.toContain("Confirmed");
    expect(snapshot()).toBe(previous);
  });

  test("--confirm with nothing pending fails, before any apply and after a rollback", async () => {
    const { h } = setup(backend);
    const folder = unpack(after, backend, cleanups);
    const none = h.apply(folder, "--confirm");
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain("Nothing is waiting for confirmation");
    expect(h.apply(folder, String(T)).code).toBe(0);
    expect(await eventually(() => !h.timerRunning())).toBe(true);
    const late = h.apply(folder, "--confirm");
    expect(late.code).not.toBe(0);
    expect(late.stdout).not.toContain("Confirmed");
  });
});

/**
 * The timer and `--confirm` released at the same moment, many times: the armed timer is replaced
 * by the same rollback.sh with no delay, and both wait for one file before they start. Whoever
 * wins, there is exactly one outcome and the message matches the rules that are loaded.
 */
describe.each(["nftables", "iptables"] as const)("%s apply.sh: timer and confirmation racing", (backend) => {
  needs(backend);
  test("exactly one outcome each time, and the message matches the state", async () => {
    const { h, snapshot } = setup(backend);
    const folders = [unpack(before, backend, cleanups), unpack(after, backend, cleanups)];
    expect(h.apply(folders[0]!, String(T), "yes\n").code).toBe(0);
    let current = 0;
    const outcomes = { confirmed: 0, "rolled-back": 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const previous = snapshot();
      const next = 1 - current;
      expect(h.apply(folders[next]!, "600").code).toBe(0);
      const applied = snapshot();
      expect(applied).not.toBe(previous);
      const token = h.pendingToken()!;
      const timer = Number(h.ns.must("cat", [`${h.state}/timer-${token}`]).trim());
      process.kill(-timer, "SIGTERM"); // the armed timer's own process group (setsid), started by this test
      const race = h.ns.script([
        "set -u",
        // Like every harness command: the private /etc, so a confirmation's boot files stay off the machine.
        `mount --bind '${h.etc}' /etc || exit 97`,
        `S='${h.state}'; GO="$S/go-${i}"`,
        `sh -c 'while [ ! -e "$1" ]; do :; done; exec sh "$2/rollback.sh" 0 "$2" "$3" 0 "$4"' race "$GO" "$S" '${token}' '${guardUnit(backend)}' &`,
        `echo $! > "$S/timer-${token}"`,
        `sh -c 'while [ ! -e "$1" ]; do :; done; PORTCULLIS_STATE_DIR="$2" exec sh "$3/apply.sh" --confirm' race "$GO" "$S" '${folders[next]}' > "$S/out" 2>&1 &`,
        "CONFIRM=$!",
        'touch "$GO"',
        'wait "$CONFIRM"; echo "rc=$?"; cat "$S/out"; wait',
      ].join("\n"));
      expect(await eventually(() => !h.timerRunning())).toBe(true);
      const decision = h.decision(token);
      const state = snapshot();
      if (decision === "confirmed") {
        expect(race.stdout).toContain("rc=0");
        expect(race.stdout).toContain("Confirmed: the new rules stay.");
        expect(state).toBe(applied);
        current = next;
      } else {
        expect(decision).toBe("rolled-back");
        expect(race.stdout).not.toContain("rc=0");
        expect(race.stdout).toContain("rolled back");
        expect(state).toBe(previous);
      }
      outcomes[decision as keyof typeof outcomes] += 1;
    }
    expect(outcomes.confirmed + outcomes["rolled-back"]).toBe(ROUNDS);
  }, 600_000);
});
