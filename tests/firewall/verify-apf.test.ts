/**
 * Verify on the real APF (Debian's apf-firewall 9.7, docs/backends.md "Verify"): the bundle applied
 * and confirmed on a private-root server, its verify.sh run there, the live file compared with the
 * profile through lib/firewall/verify: in sync. Then one change by hand at a time, each undone
 * before the next, each named exactly: in APF's files, and in the kernel with iptables, ip6tables
 * and ipset while the files stay right (APF's loaded chains are compared with its files,
 * docs/backends.md §16.2). (It found that APF's verify ignored the companion, so every applied
 * profile with IPv6, limits or an IPv6 blocklist read as drift.)
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { verifyAgainstRevisions, verifyLive } from "@/lib/firewall/verify";
import { createPair } from "../netns/netns";
import { ApfServer } from "../support/apf";
import { unpack, type Cleanups } from "../support/apply-script";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";
import { verifyOnMachine } from "../support/verify-live";

const cleanups: Cleanups = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));
const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "apf" } });
const CONF = "/etc/apf-firewall/conf.apf";
const APPLIED = "/var/lib/portcullis-test-applied-apf";

describe("APF verify.sh with the real tool", () => {
  requires("root", "ip", "nsenter", "unshare", "apf", "iptables-restore", "ip6tables-restore", "ipset");
  let server: ApfServer;
  let folder: string;
  const live = () => verifyOnMachine(server.machine!, folder, cleanups);
  const drift = () => verifyLive(document, live()).drift.map((d) => `[${d.kind}] ${d.message}`);
  /**
   * APF restarted after a hand edit, the way apply.sh starts it: every table emptied first, since
   * 9.7's own stop finds nothing to flush on nft-backed iptables (`apf -r` would double each rule).
   * The companion comes back from postroute.rules.
   */
  const restart = () => {
    server.sh("for t in iptables ip6tables; do for x in $($t-save | sed -n 's/^\\*//p'); do $t -t $x -F; $t -t $x -X; done; done");
    const started = server.machine!.sh("apf --start");
    expect(server.machine!.sh("iptables -C INPUT -j PORTCULLIS-IN").code, started.stdout + started.stderr).toBe(0);
  };

  beforeAll(async () => {
    const pair = createPair([]);
    cleanups.push(() => pair.destroy());
    server = new ApfServer(cleanups);
    await server.boot(pair.server);
    folder = unpack(document, "apf", cleanups);
    const r = server.machine!.sh(`sh '${folder}/apply.sh'`, "yes\n");
    expect(r.stdout, r.stderr).toContain("Confirmed");
    // Kept under /var/lib, which is private to this server like /etc (tests/support/private-root.ts).
    server.sh(`cp -a /etc/apf-firewall ${APPLIED}`);
  }, 300_000);

  /** Back to the confirmed apply: its files, and APF restarted from clean tables. */
  const reset = () => {
    server.sh(`cp -a ${APPLIED}/. /etc/apf-firewall/`);
    restart();
    expect(drift()).toEqual([]);
  };

  test("right after the confirmed apply: in sync", () => {
    expect(drift()).toEqual([]);
  });

  test("a saved revision after the apply: the live rules match the one before", () => {
    const next = profileDocumentSchema.parse({ ...document, policy: { ...document.policy, blocked: [...document.policy.blocked, { address: "198.51.100.77", comment: "" }] } });
    const verdict = verifyAgainstRevisions([{ revision: 1, document }, { revision: 2, document: next }], live());
    expect(verdict.matches).toBe(1);
    expect(verdict.result.drift.map((d) => d.kind)).toEqual(["blocked-missing", "boot-differs"]);
  });

  test("a port taken out of IG_TCP_CPORTS and APF restarted: named missing on IPv4 (the IPv6 companion still opens it)", () => {
    server.sh(`sed -i 's/^IG_TCP_CPORTS="\\(.*\\),587,/IG_TCP_CPORTS="\\1,/' ${CONF} && grep -q '^IG_TCP_CPORTS=.*993' ${CONF} && ! grep -q '^IG_TCP_CPORTS=.*587' ${CONF}`);
    restart();
    expect(drift()).toEqual(["[open-missing] tcp 587 is not open to anyone (IPv4) on the server, though the revision opens it.", "[boot-differs] What loads at boot differs from the revision: tcp 587 is not open to anyone (IPv4) on the server, though the revision opens it."]);
    reset();
  });

  test("an extra port in IG_TCP_CPORTS: named open on IPv4, running and at boot", () => {
    server.sh(`sed -i 's/^IG_TCP_CPORTS="/IG_TCP_CPORTS="8081,/' ${CONF}`);
    restart();
    expect(drift()).toEqual(["[open-extra] tcp 8081 is open to anyone (IPv4) on the server, not in the revision.", "[boot-differs] What loads at boot differs from the revision: tcp 8081 is open to anyone (IPv4) on the server, not in the revision."]);
    reset();
  });

  test("a blocked address added to deny_hosts.rules and APF restarted: named", () => {
    server.sh("echo 198.51.100.99 >> /etc/apf-firewall/deny_hosts.rules");
    restart();
    expect(server.sh("iptables-save")).toMatch(/^-A TDENY -s 198\.51\.100\.99\/32 /m);
    expect(drift()).toEqual(["[blocked-extra] 1 address is blocked on the server but not in the revision: 198.51.100.99.", "[boot-differs] What loads at boot differs from the revision: 1 address is blocked on the server but not in the revision: 198.51.100.99."]);
    reset();
  });

  const agree = "APF's files and the revision";
  test.each([
    ["a TALLOW rule deleted with iptables -D", "iptables -D TALLOW -s 203.0.113.0/24 -p tcp -m tcp --dport 22 -j ACCEPT", [`[open-missing] tcp 22 is not open to 203.0.113.0/24 (IPv4) in the running rules, though ${agree} open it.`]],
    ["an open port's ACCEPT deleted with iptables -D", "iptables -D INPUT -p tcp -m tcp --dport 587 -j ACCEPT", [`[open-missing] tcp 587 is not open to anyone (IPv4) in the running rules, though ${agree} open it.`]],
    ["a port opened with iptables -I INPUT", "iptables -I INPUT -p tcp --dport 3306 -j ACCEPT", ["[open-extra] tcp 3306 is open to anyone (IPv4) in the running rules, not in APF's files or the revision."]],
    ["an address blocked with iptables -I INPUT", "iptables -I INPUT -s 198.51.100.99 -j DROP", ["[blocked-extra] 1 address is blocked in the running rules but not in APF's files or the revision: 198.51.100.99."]],
    ["an address unblocked in the kernel (its TDENY rules and set member deleted)", "iptables -D TDENY -s 198.18.0.0/15 -j DROP && iptables -D TDENY -d 198.18.0.0/15 -j DROP && ipset del portcullis-block4 198.18.0.0/15", [`[blocked-missing] 1 address ${agree} block is not blocked in the running rules: 198.18.0.0/15.`]],
    ["APF's final drop deleted with iptables -D", "iptables -D INPUT -j DROP", ["[missing] Missing in the running rules (IPv4): APF's final drop for all other traffic (-A INPUT -j DROP), though APF's files load it."]],
    ["a companion rule deleted with ip6tables -D", "ip6tables -D PORTCULLIS-IN -s 2001:db8:a::/48 -p tcp -m tcp --dport 22 -m comment --comment SSH -j ACCEPT", [`[open-missing] tcp 22 is not open to 2001:db8:a::/48 (IPv6) in the running rules, though ${agree} open it.`]],
  ])("in the kernel only, %s: named (the files are right, so nothing loads differently at boot)", (_, command, expected) => {
    server.sh(command);
    expect(drift()).toEqual(expected);
    reset();
  });

  test("the companion's IPv6 hook deleted with ip6tables -D: IPv6 named missing (boot still loads it)", () => {
    server.sh("ip6tables -D INPUT -j PORTCULLIS-IN");
    expect(drift()).toEqual(["[missing] Missing on the server: the IPv6 rules."]);
    reset();
  });

  test("everything flushed, as after a boot that loaded nothing: APF's chains named missing", () => {
    server.sh("iptables -F; iptables -X; ip6tables -F; ip6tables -X");
    expect(drift()).toEqual(["[missing] Missing on the server: APF's chains (chain TALLOW is not loaded: APF is stopped, or its rules were flushed)."]);
    reset();
  });

  describe("with UFW installed", () => {
    requires("ufw");

    test("UFW enabled beside APF: named as another manager, and nothing else", () => {
      // The kernel-wide sysctls ufw would set are not the namespace's to change.
      server.sh("sed -i 's/^IPT_SYSCTL=.*/IPT_SYSCTL=/' /etc/default/ufw && ufw --force enable >/dev/null");
      expect(drift()).toEqual(["[other-manager] Another firewall manager is active: UFW (active)."]);
      server.sh("ufw disable >/dev/null");
      reset();
    });
  });
});
