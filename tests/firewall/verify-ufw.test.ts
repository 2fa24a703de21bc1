/**
 * Verify on real UFW (docs/backends.md §16): the bundle applied and confirmed on a private-root
 * server, its verify.sh run there, the live file read back and compared: in sync. Then changes by
 * hand, each named: a rule added with `ufw allow`, ufw disabled. (It found that a rule whose port
 * list fills ufw's 26-character "To" column was not read: one space only before ALLOW.)
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { verifyLive } from "@/lib/firewall/verify";
import { Netns } from "../netns/netns";
import { unpack, type Cleanups } from "../support/apply-script";
import { PrivateRoot, type Machine } from "../support/private-root";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";
import { verifyOnMachine } from "../support/verify-live";

const cleanups: Cleanups = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));
const sample = SAMPLE_RULESETS.find((s) => s.id === "locked-down")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "ufw" } });

describe("ufw verify.sh on a private-root server", () => {
  requires("root", "ip", "nsenter", "unshare", "setsid", "ufw");
  let server: Machine;
  let folder: string;

  /** Run verify.sh on the server and compare the file it writes with the profile. */
  const verify = () => verifyLive(document, verifyOnMachine(server, folder, cleanups));
  const kinds = () => verify().drift.map((d) => d.kind);

  beforeAll(async () => {
    const ns = new Netns("v");
    cleanups.push(() => ns.destroy());
    server = await new PrivateRoot(cleanups).boot(ns);
    // The kernel-wide sysctls ufw would set are not the namespace's to change.
    server.must("sed -i 's/^IPT_SYSCTL=.*/IPT_SYSCTL=/' /etc/default/ufw");
    folder = unpack(document, "ufw", cleanups);
    const r = server.sh(`sh '${folder}/apply.sh' 600`, "yes\n");
    expect(r.stdout, r.stderr).toContain("Confirmed: the new rules stay.");
  }, 120_000);

  test("right after the confirmed apply: in sync", () => {
    const result = verify();
    expect(result.drift.map((d) => `[${d.kind}] ${d.message}`)).toEqual([]);
  });

  test("a port opened by hand with ufw allow is named, running and at boot (ufw writes user.rules too)", () => {
    server.must("ufw allow 8081/tcp");
    const drift = verify().drift;
    expect(drift.map((d) => d.kind)).toEqual(["open-extra", "boot-differs"]);
    expect(drift[0]!.message).toContain("tcp 8081");
    server.must("ufw delete allow 8081/tcp");
    expect(kinds()).toEqual([]);
  });

  test("ufw disabled: nothing of ours is loaded", () => {
    server.must("ufw disable");
    expect(kinds()).toContain("missing");
  });
});
