/**
 * Verify and the boot configuration on a private root (tests/support/private-root.ts): iptables
 * rules saved the Debian way (rules.v4/v6, ipsets, netfilter-persistent enabled) read as in sync;
 * after a simulated reboot that loads nothing, verify names our missing chains while the saved
 * files still count as persisted.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { parseLiveFile, verifyLive } from "@/lib/firewall/verify";
import { Netns } from "../netns/netns";
import { unpack, type Cleanups } from "../support/apply-script";
import { document } from "../support/live-fixture";
import { PrivateRoot, type Machine } from "../support/private-root";
import { requires } from "../support/requires";

const cleanups: Cleanups = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

function namespace(): Netns {
  const ns = new Netns("v");
  cleanups.push(() => ns.destroy());
  return ns;
}

function verify(server: Machine, folder: string): string[] {
  server.must(`rm -rf /var/lib/portcullis-live; mkdir -p /var/lib/portcullis-live; sh '${folder}/verify.sh' /var/lib/portcullis-live`);
  const dir = server.path("/var/lib/portcullis-live");
  const parsed = parseLiveFile(readFileSync(`${dir}/${readdirSync(dir)[0]}`, "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  return verifyLive(document, parsed.live).drift.map((d) => `[${d.kind}] ${d.message}`);
}

describe("iptables verify with the rules saved for boot", () => {
  requires("root", "ip", "nsenter", "unshare", "iptables", "ip6tables", "ipset", "setsid", "systemctl");

  test("saved and enabled: in sync; after a boot that loads nothing: our chains are missing", async () => {
    const root = new PrivateRoot(cleanups);
    const folder = unpack(document, "iptables", cleanups);
    const first = await root.boot(namespace());
    const applied = first.sh(`sh '${folder}/apply.sh' 120`, "yes\n");
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    // What `netfilter-persistent save` writes, and an enabled unit for systemctl to read offline.
    first.must([
      "mkdir -p /etc/iptables /etc/systemd/system/multi-user.target.wants",
      "iptables-save > /etc/iptables/rules.v4 && ip6tables-save > /etc/iptables/rules.v6 && ipset save > /etc/iptables/ipsets",
      "printf '[Unit]\\nDescription=netfilter persistent\\n[Service]\\nType=oneshot\\nExecStart=/bin/true\\n[Install]\\nWantedBy=multi-user.target\\n' > /etc/systemd/system/netfilter-persistent.service",
      "ln -sf /etc/systemd/system/netfilter-persistent.service /etc/systemd/system/multi-user.target.wants/netfilter-persistent.service",
    ].join("\n"));
    expect(verify(first, folder)).toEqual([]);
    first.stop();

    const second = await root.boot(namespace());
    expect(verify(second, folder)).toEqual([
      "[missing] Missing on the server: chain PORTCULLIS-IN (IPv4): nothing of ours is loaded (flushed, or never applied).",
      "[missing] Missing on the server: chain PORTCULLIS-IN (IPv6): nothing of ours is loaded (flushed, or never applied).",
    ]);
    second.stop();
  }, 120_000);
});
