/**
 * firewalld apply.sh with 100,000 blocked entries on the real daemon (docs/backends.md §9.3): the
 * reload of two long ipsets takes longer than firewall-cmd waits for the daemon's answer (25 s on
 * D-Bus; about 73 s here with firewalld 1.3), which made apply.sh stop with "Did not receive a
 * reply" while the daemon went on loading. apply.sh now waits for the daemon, checks that the
 * runtime ipsets hold the new entries, and only then asks for confirmation. How long a reload takes
 * depends on the machine, so the waiting itself is also tested with a firewall-cmd that answers as
 * it does after 25 s without an answer: "Did not receive a reply", the real daemon reloading in the
 * background (or, to check the check, not reloading at all).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { verifyLive } from "@/lib/firewall/verify";
import { unpack, type Cleanups } from "../support/apply-script";
import { firewalldServer } from "../support/firewalld-daemon";
import type { Machine } from "../support/private-root";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";
import { verifyOnMachine } from "../support/verify-live";

const cleanups: Cleanups = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

/** 70,000 IPv4 hosts in 100.64.0.0/10 and 30,000 IPv6 /64 networks in 2001:db8::/32. */
const blocked = [
  ...Array.from({ length: 70_000 }, (_, i) => ({ address: `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, comment: "" })),
  ...Array.from({ length: 30_000 }, (_, i) => ({ address: `2001:db8:${(i >> 8).toString(16)}:${(i & 255).toString(16)}::/64`, comment: "" })),
];
const sample = SAMPLE_RULESETS.find((s) => s.id === "cpanel-typical")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "firewalld", ipv6: true, blocked } });

describe("firewalld apply.sh with a 100,000-entry blocklist", () => {
  requires("root", "ip", "nsenter", "unshare", "setsid", "nft", "firewalld", "firewall-cmd", "dbus-daemon");
  let server: Machine;
  let folder: string;
  let applied: { stdout: string; stderr: string };

  beforeAll(async () => {
    server = await firewalldServer(cleanups);
    folder = unpack(document, "firewalld", cleanups);
    applied = server.sh(`sh '${folder}/apply.sh' 900`, "yes\n");
  }, 900_000);

  test("is confirmed once firewalld has loaded every entry, and verifies in sync", () => {
    expect(applied.stdout, applied.stderr).toContain("Confirmed: the new rules stay.");
    expect(server.must("firewall-cmd --ipset=portcullis-block4 --get-entries | wc -l").trim()).toBe("70000");
    expect(server.must("firewall-cmd --ipset=portcullis-block6 --get-entries | wc -l").trim()).toBe("30000");
    expect(verifyLive(document, verifyOnMachine(server, folder, cleanups)).drift).toEqual([]);
  }, 300_000);
});

/**
 * A folder with a firewall-cmd for PATH whose first `--reload` fails as a timed-out D-Bus call does,
 * starting the real reload in the background (`reloads`) or not at all; every other call is the real one.
 */
function noReplyShim(reloads: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "pc-fwcmd-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const real = "/usr/bin/firewall-cmd";
  writeFileSync(join(dir, "firewall-cmd"), [
    "#!/bin/sh",
    `if [ "$1" = --reload ] && mkdir "${dir}/answered" 2>/dev/null; then`,
    reloads ? `  setsid ${real} --reload </dev/null >/dev/null 2>&1 &` : "  :",
    '  echo "Error: Did not receive a reply. Possible causes include: the remote application did not send a reply, the message bus security policy blocked the reply, the reply timeout expired, or the network connection was broken." >&2',
    "  exit 1",
    "fi",
    `exec ${real} "$@"`,
    "",
  ].join("\n"));
  chmodSync(join(dir, "firewall-cmd"), 0o755);
  return dir;
}

describe("firewalld apply.sh when firewall-cmd stops waiting for the reload", () => {
  requires("root", "ip", "nsenter", "unshare", "setsid", "nft", "firewalld", "firewall-cmd", "dbus-daemon");
  const small = profileDocumentSchema.parse({ ...SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document, policy: { ...SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document.policy, backend: "firewalld" } });

  async function freshServer(): Promise<{ server: Machine; folder: string }> {
    return { server: await firewalldServer(cleanups), folder: unpack(small, "firewalld", cleanups) };
  }

  test("the reload still going on: apply.sh waits for the daemon, checks the ipsets and asks to confirm", async () => {
    const { server, folder } = await freshServer();
    const r = server.sh(`PATH='${noReplyShim(true)}':$PATH sh '${folder}/apply.sh' 600`, "yes\n");
    expect(r.stderr).toContain("firewalld is still loading the new rules");
    expect(r.stdout, r.stderr).toContain("Confirmed: the new rules stay.");
    expect(verifyLive(small, verifyOnMachine(server, folder, cleanups)).drift).toEqual([]);
  }, 300_000);

  test("no reload behind the missing answer: apply.sh stops before asking, the runtime not holding the new entries", async () => {
    const { server, folder } = await freshServer();
    const r = server.sh(`PATH='${noReplyShim(false)}':$PATH sh '${folder}/apply.sh' 600`, "yes\n");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/The runtime ipset portcullis-block[46] does not hold its \d+ entries: the reload did not take effect\./);
    expect(r.stdout).not.toContain("Confirmed");
  }, 300_000);
});
