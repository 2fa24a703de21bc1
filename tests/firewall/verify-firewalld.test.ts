/**
 * Verify on the real firewalld daemon (docs/backends.md §16): the bundle applied and confirmed on a
 * private-root server with firewalld on a private D-Bus, its verify.sh run there, the live file
 * read back and compared: in sync (the per-source limits from the companion table included). Then
 * changes made by hand, each named.
 */
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
const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "firewalld" } });

describe("firewalld verify.sh with the real daemon", () => {
  requires("root", "ip", "nsenter", "unshare", "setsid", "nft", "firewalld", "firewall-cmd", "dbus-daemon");
  let server: Machine;
  let folder: string;

  function drift(): string[] {
    return verifyLive(document, verifyOnMachine(server, folder, cleanups)).drift.map((d) => `[${d.kind}] ${d.message}`);
  }

  beforeAll(async () => {
    server = await firewalldServer(cleanups);
    folder = unpack(document, "firewalld", cleanups);
    const r = server.sh(`sh '${folder}/apply.sh' 600`, "yes\n");
    expect(r.stdout, r.stderr).toContain("Confirmed: the new rules stay.");
  }, 180_000);

  test("right after the confirmed apply: in sync", () => {
    expect(drift()).toEqual([]);
  });

  test("a port added to the public zone's permanent configuration is named, running and at boot", () => {
    server.must("firewall-cmd --permanent --zone=public --add-port=8081/tcp");
    const lines = drift();
    expect(lines.map((l) => l.split("]")[0])).toEqual(["[open-extra", "[boot-differs"]);
    expect(lines[0]).toContain("tcp 8081");
    server.must("firewall-cmd --permanent --zone=public --remove-port=8081/tcp");
    expect(drift()).toEqual([]);
  });

  test("the companion limits table removed by hand: the limits are named missing, boot still has them", () => {
    server.must("nft delete table inet portcullis_limits");
    expect(drift()).toEqual(["[limits] 2 limits of the revision are not on the server: tcp 25 new 10/300s, tcp 80 concurrent 5."]);
  });
});
