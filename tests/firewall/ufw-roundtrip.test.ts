/**
 * Issue 14's round trip for UFW: UFW's rendering is a script of ufw commands (plus before.rules
 * blocks), not the files its importer reads, so each generated profile is applied the way the
 * bundle's apply.sh does (tests/support/ufw.ts: the script, the before.rules blocks, enable) by the
 * real ufw on a private /etc/ufw inside a network namespace; the /etc/ufw files ufw wrote are then
 * imported and must let through what the profile does (lib/firewall/import/compare.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { RuleFile } from "@/lib/firewall/backends/types";
import type { ImportFile } from "@/lib/firewall/import";
import { Netns } from "../netns/netns";
import { requires } from "../support/requires";
import { profilesFor, roundTrip } from "../support/round-trip";
import { UfwSandbox } from "../support/ufw";

/** What the UFW importer reads from a server: the rule files, ufw.conf and /etc/default/ufw. */
const READ_BACK = ["etc/ufw/user.rules", "etc/ufw/user6.rules", "etc/ufw/before.rules", "etc/ufw/before6.rules", "etc/ufw/ufw.conf", "etc/default/ufw"];

describe("ufw import round trip through the real ufw", () => {
  requires("root", "ip", "ufw");

  test("the /etc/ufw files ufw writes from the rendered script import back to the same filtering", () => {
    /**
     * Apply the rendered files in a fresh sandbox and namespace (ufw's chains from an earlier
     * profile would make its next enable fail) and hand back what ufw left in /etc/ufw.
     */
    const applied = (ipv6: boolean) => (files: RuleFile[]): ImportFile[] => {
      const ns = new Netns("rt");
      const sandbox = new UfwSandbox(ipv6);
      try {
        const r = sandbox.apply(files, ns);
        if (r.code !== 0) throw new Error(`ufw apply failed: ${r.stderr}`);
        return READ_BACK.map((path) => ({ path: `/${path}`, text: readFileSync(join(sandbox.dir, path), "utf8") }));
      } finally {
        sandbox.destroy();
        ns.destroy();
      }
    };
    fc.assert(
      fc.property(profilesFor("ufw"), (doc) => {
        const { original, imported } = roundTrip(doc, applied(doc.policy.ipv6));
        expect(imported).toEqual(original);
      }),
      // Real ufw takes a second or more per profile. No profile is left out: what UFW reports as
      // limitations (IPv6 off drops all IPv6, large blocklists are slow) still reads back the same.
      { numRuns: 10 },
    );
  }, 300_000);
});
