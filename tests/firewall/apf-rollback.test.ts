/**
 * Real APF (Debian's 9.7) on a private root: an unconfirmed apply returns to the previous APF
 * files, rules and sets through the shared timer, and a 10,000-entry blocklist loads (as the
 * companion's ipset; apply.sh itself checks the set holds every entry). docs/backends.md §6.3.
 */
import { afterAll, describe, expect, test } from "vitest";
import { createPair } from "../netns/netns";
import { requires } from "../support/requires";
import { eventually } from "../support/apply-script";
import { SAMPLE_RULESETS } from "../support/samples";
import { ApfServer } from "../support/apf";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

const sample = (id: string) => SAMPLE_RULESETS.find((s) => s.id === id)!.document;

/** The state a rollback must bring back: rules of both families (counters aside), sets, APF's files. */
const STATE = [
  "iptables-save | grep -v '^#' | sed 's/\\[[0-9]*:[0-9]*\\]//'",
  "ip6tables-save | grep -v '^#' | sed 's/\\[[0-9]*:[0-9]*\\]//'",
  "ipset list -n | sort",
  "cd /etc/apf-firewall && md5sum conf.apf allow_hosts.rules deny_hosts.rules postroute.rules && ls -R portcullis 2>&1",
].join("; ");

async function bootedServer(): Promise<ApfServer> {
  const pair = createPair([]);
  cleanups.push(() => pair.destroy());
  const server = new ApfServer(cleanups);
  await server.boot(pair.server);
  return server;
}

describe("APF apply.sh under the real tool", () => {
  requires("root", "ip", "nsenter", "unshare", "apf", "iptables-restore", "ip6tables-restore", "ipset");

  test("not confirmed: the previous APF files, rules and sets come back", async () => {
    const server = await bootedServer();
    expect(server.apply(sample("locked-down"), "yes\n").code).toBe(0);
    const before = server.sh(STATE);
    expect(before).toContain("PORTCULLIS-IN");

    const second = server.apply(sample("blocks-and-limits"), "", "PORTCULLIS_CONFIRM_SECONDS=1");
    expect(second.stdout).toContain("Not confirmed here");
    expect(await eventually(() => server.sh("ls /var/lib/portcullis/apf").includes("done-"))).toBe(true);
    expect(server.sh(STATE)).toEqual(before);
    expect(server.sh("ipset list -n")).not.toContain("portcullis-block4");
  }, 900_000);

  test("a 10,000-entry blocklist loads", async () => {
    const server = await bootedServer();
    const document = structuredClone(sample("cpanel-typical"));
    document.policy.blocked = Array.from({ length: 10_000 }, (_, i) => ({ address: `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, comment: "" }));
    const applied = server.apply(document, "yes\n");
    expect(applied.code).toBe(0);
    expect(server.sh("ipset list portcullis-block4 -t")).toMatch(/^Number of entries: 10000$/m);
  }, 900_000);
});
