/**
 * Verify on real iptables and ipset (docs/backends.md "Verify"): apply the bundle in a namespace
 * and confirm, run its verify.sh there, compare. Nothing is saved for boot here (the machine's /etc
 * holds no rules.v4), so that is the one drift of an untouched apply; each change by hand adds
 * exactly its own item, per family.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { verifyLive } from "@/lib/firewall/verify";
import { ApplyHarness, unpack, type Cleanups } from "../support/apply-script";
import { requires } from "../support/requires";
import { SAMPLE_RULESETS } from "../support/samples";
import { driftLines, runVerifyScript } from "../support/verify-live";

const cleanups: Cleanups = [];
afterAll(() => cleanups.forEach((c) => c()));
const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "iptables" } });
const NOT_SAVED = "[not-persisted] Not persisted at boot: neither /etc/iptables/rules.v4 nor /etc/sysconfig/iptables exists: no rules are restored at boot.";

describe("iptables verify.sh in a namespace", () => {
  requires("root", "ip", "iptables", "ip6tables", "ipset", "setsid", "pgrep");
  let h: ApplyHarness;
  let folder: string;
  const verify = () => driftLines(document, runVerifyScript(h, folder, cleanups, "").live);
  const sh = (script: string) => h.ns.must("sh", ["-c", script]);

  beforeAll(() => {
    h = new ApplyHarness(cleanups);
    cleanups.push(() => h.ns.exec("sh", ["-c", "iptables -F; iptables -X; ip6tables -F; ip6tables -X; ipset destroy"]));
    folder = unpack(document, "iptables", cleanups);
    const r = h.apply(folder, "120", "yes\n");
    expect(r.code, r.stderr + r.stdout).toBe(0);
  });

  test("right after the apply: only the missing boot save", () => {
    expect(verify()).toEqual([NOT_SAVED]);
  });

  test("a port opened on IPv4 only is named for IPv4", () => {
    sh("iptables -I INPUT 1 -p tcp --dport 8081 -j ACCEPT");
    expect(verify()).toEqual(["[open-extra] tcp 8081 is open to anyone (IPv4) on the server, not in the revision.", NOT_SAVED]);
    sh("iptables -D INPUT -p tcp --dport 8081 -j ACCEPT");
  });

  test("a deleted rule and an added blocked address are named", () => {
    const own = sh("ip6tables-save -t filter").split("\n").filter((l) => l.startsWith("-A PORTCULLIS-IN "));
    const at = own.findIndex((l) => / --dport 22 /.test(l) && l.includes("2001:db8:a::/48"));
    const rule = own[at];
    expect(rule).toBeDefined();
    sh(`ip6tables ${rule!.replace(/^-A/, "-D")}`);
    expect(verify()).toEqual(["[open-missing] tcp 22 is not open to 2001:db8:a::/48 (IPv6) on the server, though the revision opens it.", NOT_SAVED]);
    // Back in its place: appended after the final reject it would never match (and verify says so).
    sh(`ip6tables ${rule!.replace(/^-A PORTCULLIS-IN/, `-I PORTCULLIS-IN ${at + 1}`)}`);
    const set = sh("ipset list -n").split("\n").find((n) => n === "portcullis-block4");
    expect(set).toBeDefined();
    sh(`ipset add ${set} 203.0.113.99`);
    expect(verify()).toEqual(["[blocked-extra] 1 address is blocked on the server but not in the revision: 203.0.113.99.", NOT_SAVED]);
    sh(`ipset del ${set} 203.0.113.99`);
    expect(verify()).toEqual([NOT_SAVED]);
  });

  test("Docker's and fail2ban's chains are foreign, not drift", () => {
    sh("iptables -N DOCKER-USER && iptables -N f2b-sshd && iptables -A f2b-sshd -s 192.0.2.7 -j REJECT && iptables -I INPUT 1 -p tcp --dport 22 -j f2b-sshd");
    const { live } = runVerifyScript(h, folder, cleanups, "");
    const result = verifyLive(document, live);
    expect(result.drift.map((d) => d.kind)).toEqual(["not-persisted"]);
    expect(result.foreign).toEqual(["chain DOCKER-USER in table filter (Docker)", "chain f2b-sshd in table filter (fail2ban)"]);
    sh("iptables -D INPUT -p tcp --dport 22 -j f2b-sshd && iptables -F f2b-sshd && iptables -X f2b-sshd && iptables -X DOCKER-USER");
  });

  test("everything flushed: our chains are named missing", () => {
    sh("iptables -F && iptables -X && ip6tables -F && ip6tables -X");
    expect(verify()).toEqual([
      "[missing] Missing on the server: chain PORTCULLIS-IN (IPv4): nothing of ours is loaded (flushed, or never applied).",
      "[missing] Missing on the server: chain PORTCULLIS-IN (IPv6): nothing of ours is loaded (flushed, or never applied).",
      NOT_SAVED,
    ]);
  });
});
