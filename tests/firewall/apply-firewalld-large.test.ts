/**
 * firewalld apply.sh with 100,000 blocked entries on the real daemon (docs/backends.md §9.3): the
 * reload of two long ipsets takes longer than firewall-cmd waits for the daemon's answer (25 s on
 * D-Bus), which made apply.sh stop with "Did not receive a reply" while the daemon went on loading.
 * apply.sh now waits for the daemon, checks that the runtime ipsets hold the new entries, and only
 * then asks for confirmation. The big test takes the benchmark's blocklist (IPv4 /24 networks and
 * hosts, IPv6 /48 and /64 networks and hosts, scattered), whose reload took 73 to 77 s with
 * firewalld 1.3 on the machine these tests were written on; it asserts the waiting line, so it
 * assumes the reload outlasts the 25 s D-Bus wait, i.e. hardware no more than about three times
 * faster. Because that depends on the machine, the waiting itself is also tested with a
 * firewall-cmd that answers one reload as it does after 25 s without an answer: "Did not receive a
 * reply", the reload sent to the real daemon (or, to check the check, not sent at all); the apply's
 * reload and the rollback's.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { verifyLive } from "@/lib/firewall/verify";
import { bigBlocklist } from "@/scripts/bench/lib/profiles";
import type { RunResult } from "../netns/netns";
import { eventually, unpack, type Cleanups } from "../support/apply-script";
import { firewalldServer } from "../support/firewalld-daemon";
import type { Machine } from "../support/private-root";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";
import { verifyOnMachine } from "../support/verify-live";

const cleanups: Cleanups = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

const blocked = bigBlocklist(100_000);
const v6 = blocked.filter((b) => b.address.includes(":")).length;
const sample = SAMPLE_RULESETS.find((s) => s.id === "cpanel-typical")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "firewalld", ipv6: true, blocked } });

describe("firewalld apply.sh with a 100,000-entry blocklist", () => {
  requires("root", "ip", "nsenter", "unshare", "setsid", "nft", "firewalld", "firewall-cmd", "dbus-daemon");
  let server: Machine;
  let folder: string;
  let applied: RunResult;

  beforeAll(async () => {
    server = await firewalldServer(cleanups);
    folder = unpack(document, "firewalld", cleanups);
    applied = server.sh(`sh '${folder}/apply.sh' 900`, "yes\n");
  }, 900_000);

  test("outlasts firewall-cmd's wait, is confirmed once firewalld has loaded every entry, and verifies in sync", () => {
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout, applied.stderr).toContain("Confirmed: the new rules stay.");
    expect(applied.stderr).toContain("firewalld is still loading the new rules (firewall-cmd stops waiting after 25 s): waiting for it to finish.");
    expect(applied.stderr).toContain("firewalld finished loading.");
    expect(server.must("firewall-cmd --ipset=portcullis-block4 --get-entries | wc -l").trim()).toBe(String(blocked.length - v6));
    expect(server.must("firewall-cmd --ipset=portcullis-block6 --get-entries | wc -l").trim()).toBe(String(v6));
    expect(verifyLive(document, verifyOnMachine(server, folder, cleanups)).drift).toEqual([]);
  }, 300_000);
});

const NO_REPLY = "Error: Did not receive a reply. Possible causes include: the remote application did not send a reply, the message bus security policy blocked the reply, the reply timeout expired, or the network connection was broken.";
const STATE = "/var/lib/portcullis/firewalld";

/**
 * A folder with a firewall-cmd for PATH that logs each call's arguments (`calls`) and answers the
 * `which`-th `--reload` as firewall-cmd does after 25 s without an answer. With `reloads` the real
 * reload is done first, to its end: a reload merely sent ahead (dbus-send with a short reply
 * timeout) reached the daemon after apply.sh's `--state` under load, since the bus orders messages
 * per connection only. That the daemon answers `--state` only after a reload in progress is shown by
 * the 100,000-entry test above. Every other call is the real one.
 */
function noReplyShim(which: number, reloads: boolean): { dir: string; calls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), "pc-fwcmd-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "firewall-cmd"), [
    "#!/bin/sh",
    `echo "$*" >> '${dir}/calls'`,
    'if [ "$1" = --reload ]; then',
    `  n=1; while ! mkdir "${dir}/reload-$n" 2>/dev/null; do n=$((n + 1)); done`,
    `  if [ "$n" = ${which} ]; then`,
    reloads ? "    /usr/bin/firewall-cmd --reload >/dev/null 2>&1" : "    :",
    `    echo "${NO_REPLY}" >&2`,
    "    exit 254",
    "  fi",
    "fi",
    'exec /usr/bin/firewall-cmd "$@"',
    "",
  ].join("\n"));
  chmodSync(join(dir, "firewall-cmd"), 0o755);
  return { dir, calls: () => readFileSync(join(dir, "calls"), "utf8").split("\n").filter(Boolean) };
}

describe("firewalld apply.sh when firewall-cmd stops waiting for the reload", () => {
  requires("root", "ip", "nsenter", "unshare", "setsid", "nft", "firewalld", "firewall-cmd", "dbus-daemon");
  const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
  const small = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "firewalld" } });

  async function freshServer(): Promise<{ server: Machine; folder: string }> {
    return { server: await firewalldServer(cleanups), folder: unpack(small, "firewalld", cleanups) };
  }

  test("no answer to the reload: apply.sh waits for the daemon, checks the ipsets and asks to confirm", async () => {
    const { server, folder } = await freshServer();
    const shim = noReplyShim(1, true);
    const r = server.sh(`PATH='${shim.dir}':$PATH sh '${folder}/apply.sh' 600`, "yes\n");
    expect(r.code, `${r.stdout}\n${r.stderr}\ncalls: ${shim.calls().join(" | ")}`).toBe(0);
    expect(r.stderr).toContain("firewalld is still loading the new rules");
    expect(r.stdout, r.stderr).toContain("Confirmed: the new rules stay.");
    const calls = shim.calls();
    expect(calls[calls.indexOf("--reload") + 1]).toBe("--state");
    expect(verifyLive(small, verifyOnMachine(server, folder, cleanups)).drift).toEqual([]);
  }, 300_000);

  test("no reload behind the missing answer: apply.sh stops before asking, the runtime not holding the new entries", async () => {
    const { server, folder } = await freshServer();
    const r = server.sh(`PATH='${noReplyShim(1, false).dir}':$PATH sh '${folder}/apply.sh' 600`, "yes\n");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/The runtime ipset portcullis-block[46] does not hold its \d+ entries: the reload did not take effect\./);
    expect(r.stdout).not.toContain("Confirmed");
  }, 300_000);

  test("the rollback's reload likewise: it waits for firewalld's state, and the previous runtime is back", async () => {
    const { server, folder } = await freshServer();
    const runtime = () => server.must("firewall-cmd --get-ipsets; firewall-cmd --zone=public --list-all");
    const before = runtime();
    const shim = noReplyShim(2, true);
    const r = server.sh(`PATH='${shim.dir}':$PATH sh '${folder}/apply.sh' 2`, "");
    expect(r.stdout, r.stderr).toContain("Not confirmed here");
    const done = () => server.sh(`ls ${STATE} | sed -n 's/^done-//p'`).stdout.trim();
    expect(await eventually(() => done() !== "")).toBe(true);
    const calls = shim.calls();
    expect(calls.filter((c) => c === "--reload")).toHaveLength(2);
    expect(calls[calls.lastIndexOf("--reload") + 1]).toBe("--state");
    expect(runtime()).toBe(before);
  }, 300_000);
});
