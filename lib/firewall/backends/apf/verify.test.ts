/**
 * APF verify on a live file built from the bundle as Debian's APF 9.7 holds it: conf.apf, iptables-save
 * and ip6tables-save recorded on the real tool right after apply and confirm (__fixtures__), the trust
 * and companion files from the bundle. In sync; each companion part counts only while hooked; one
 * family's change is named; a rule changed in the kernel by hand is named against APF's files.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderRules } from "@/lib/firewall/backends";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import { profileDocumentSchema, type ProfileDocument } from "@/lib/firewall/policy/schema";
import { parseLiveFile, verifyLive } from "@/lib/firewall/verify";
import { liveText, type Sections } from "@/tests/support/live-fixture";
import { SAMPLE_RULESETS } from "@/tests/support/samples";

const DIR = "/etc/apf-firewall";
const fixture = (name: string) => readFileSync(join(__dirname, "__fixtures__", name), "utf8");

/** A sample applied on APF 9.7: its document and live file sections (the fixtures under `prefix`). */
function applied(id: string, prefix: string): { document: ProfileDocument; base: Sections } {
  const sample = SAMPLE_RULESETS.find((s) => s.id === id)!.document;
  const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "apf" } });
  const rendered = new Map(renderRules("apf", resolvePolicy(document, getCatalog(document.server.panel)), { generatedAt: "2026-12-02T00:00:00Z", productVersion: "t", warnings: [] }).map((f) => [f.path, f.content]));
  const file = (path: string) => rendered.get(path) ?? "";
  const base: Sections = {
    "live iptables-save": fixture(`${prefix}.iptables-save`),
    "live ip6tables-save": fixture(`${prefix}.ip6tables-save`),
    [`file ${DIR}/conf.apf`]: fixture(`${prefix}.conf.apf`),
    [`file ${DIR}/allow_hosts.rules`]: file("allow_hosts.rules"),
    [`file ${DIR}/deny_hosts.rules`]: file("deny_hosts.rules"),
    [`file ${DIR}/portcullis/companion.v4`]: file("companion.v4"),
    [`file ${DIR}/portcullis/companion.v6`]: file("companion.v6"),
    [`file ${DIR}/portcullis/companion.ipset`]: file("companion.ipset"),
    [`file ${DIR}/postroute.rules`]: `# portcullis companion (IPv6, large lists, limits)\nsh "${DIR}/portcullis/companion.sh"\n`,
    "file /etc/default/apf-firewall": 'RUN="yes"\n',
    "enabled apf-firewall": "enabled",
    managers: "",
    apply: "pending none",
  };
  return { document, base };
}

const { document, base: BASE } = applied("blocks-and-limits", "apf-9.7");
const conf = BASE[`file ${DIR}/conf.apf`] as string;
const V4 = BASE["live iptables-save"] as string;
const V6 = BASE["live ip6tables-save"] as string;

/** `text` without one exact line (a rule deleted by hand), which must be there. */
function without(text: string, line: string): string {
  expect(text).toContain(`\n${line}\n`);
  return text.replace(`\n${line}\n`, "\n");
}

/** `text` with `lines` inserted before the first rule of `chain` (iptables -I chain). */
function inserted(text: string, chain: string, ...lines: string[]): string {
  const at = text.indexOf(`\n-A ${chain} `);
  expect(at).toBeGreaterThan(0);
  return `${text.slice(0, at + 1)}${lines.join("\n")}\n${text.slice(at + 1)}`;
}

function drift(changes: Sections = {}, on = { document, base: BASE }): string[] {
  const parsed = parseLiveFile(liveText({ ...on.base, ...changes }, "backend=apf\nhost=web1\ntime=2026-12-02T07:30:00Z\ngenerator=t\nread-only=yes"));
  if (!parsed.ok) throw new Error(parsed.message);
  return verifyLive(on.document, parsed.live).drift.map((d) => `[${d.kind}] ${d.message}`);
}

describe("APF verify with the companion", () => {
  test("as applied on APF 9.7: in sync (IPv6, the limits and the IPv6 blocklist come from the companion)", () => {
    expect(drift()).toEqual([]);
  });

  test("a port left out of conf.apf is missing on IPv4, though the IPv6 companion still opens it", () => {
    const without = conf.replace(/^IG_TCP_CPORTS="(.*),587,/m, 'IG_TCP_CPORTS="$1,');
    expect(without).not.toBe(conf);
    // Not restarted: the kernel still opens it, which is named against APF's files.
    expect(drift({ [`file ${DIR}/conf.apf`]: without })).toEqual([
      "[open-missing] tcp 587 is not open to anyone (IPv4) on the server, though the revision opens it.",
      "[open-extra] tcp 587 is open to anyone (IPv4) in the running rules, not in APF's files.",
      "[boot-differs] What loads at boot differs from the revision: tcp 587 is not open to anyone (IPv4) on the server, though the revision opens it.",
    ]);
  });

  test("the companion unhooked: its families are named missing; without the postroute line it does not boot", () => {
    expect(drift({ "live ip6tables-save": "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n" })).toEqual(["[missing] Missing on the server: the IPv6 rules."]);
    // APF's own TDENY still blocks deny_hosts.rules: only the limits were the IPv4 companion's alone.
    expect(drift({ "live iptables-save": without(V4, "-A INPUT -j PORTCULLIS-IN") })).toEqual([
      "[limits] 2 limits of the revision are not on the server: tcp 25 new 10/300s, tcp 80 concurrent 5.",
    ]);
    expect(drift({ [`file ${DIR}/postroute.rules`]: "" })[0]).toMatch(/^\[boot-differs\] What loads at boot differs from the revision: /);
  });
});

describe("APF verify: the rules loaded in the kernel against APF's files", () => {
  const agree = "APF's files and the revision";
  test.each([
    ["a TALLOW rule deleted with iptables -D", without(V4, "-A TALLOW -s 203.0.113.0/24 -p tcp -m tcp --dport 22 -j ACCEPT"), [`[open-missing] tcp 22 is not open to 203.0.113.0/24 (IPv4) in the running rules, though ${agree} open it.`]],
    ["an open port's ACCEPT deleted", without(V4, "-A INPUT -p tcp -m tcp --dport 587 -j ACCEPT"), [`[open-missing] tcp 587 is not open to anyone (IPv4) in the running rules, though ${agree} open it.`]],
    ["a port opened by hand (iptables -I INPUT)", inserted(V4, "INPUT", "-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT"), ["[open-extra] tcp 3306 is open to anyone (IPv4) in the running rules, not in APF's files or the revision."]],
    ["an address blocked by hand (iptables -I INPUT -s … -j DROP)", inserted(V4, "INPUT", "-A INPUT -s 198.51.100.99/32 -j DROP"), ["[blocked-extra] 1 address is blocked in the running rules but not in APF's files or the revision: 198.51.100.99."]],
    ["an address blocked by hand in TDENY", inserted(V4, "TDENY", "-A TDENY -s 198.51.100.99/32 -j DROP"), ["[blocked-extra] 1 address is blocked in the running rules but not in APF's files or the revision: 198.51.100.99."]],
    ["an open port changed by hand (587 → 588)", V4.replace("--dport 587 -j ACCEPT", "--dport 588 -j ACCEPT"), ["[open-extra] tcp 588 is open to anyone (IPv4) in the running rules, not in APF's files or the revision.", `[open-missing] tcp 587 is not open to anyone (IPv4) in the running rules, though ${agree} open it.`]],
    ["APF's final drop deleted", without(V4, "-A INPUT -j DROP"), ["[missing] Missing in the running rules (IPv4): APF's final drop for all other traffic (-A INPUT -j DROP), though APF's files load it."]],
    ["the jump to TALLOW deleted", without(V4, "-A INPUT -j TALLOW"), [`[open-missing] tcp 22 is not open to 203.0.113.0/24 (IPv4) in the running rules, though ${agree} open it.`]],
  ])("%s: named, and nothing else", (_, v4, expected) => {
    expect(drift({ "live iptables-save": v4 })).toEqual(expected);
  });

  test("a TDENY entry deleted: the companion's set still blocks it, so nothing changed", () => {
    expect(drift({ "live iptables-save": without(without(V4, "-A TDENY -s 198.18.0.0/15 -j DROP"), "-A TDENY -d 198.18.0.0/15 -j DROP") })).toEqual([]);
  });

  test("the kernel's sets come from ipset save when recorded: a member deleted by hand is named", () => {
    const saved = (members: string[]) => ["create portcullis-block4 hash:net family inet hashsize 1024 maxelem 262144", ...members.map((m) => `add portcullis-block4 ${m}`), "create portcullis-block6 hash:net family inet6 hashsize 1024 maxelem 262144", "add portcullis-block6 2001:db8:bad::/48", ""].join("\n");
    // APF 2.x's own set (USE_IPSET) and its DROP rule are APF's list, not read.
    const apfList = "create apf_resnet hash:net family inet hashsize 1024 maxelem 65536\nadd apf_resnet 203.0.113.0/24\n";
    const withList = inserted(V4, "INPUT", "-A INPUT -m set --match-set apf_resnet src -j DROP");
    expect(drift({ "live iptables-save": withList, "live ipset-save": apfList + saved(["192.0.2.0/24", "198.18.0.0/15", "100.64.12.7"]) })).toEqual([]);
    const v4 = without(without(V4, "-A TDENY -s 198.18.0.0/15 -j DROP"), "-A TDENY -d 198.18.0.0/15 -j DROP");
    expect(drift({ "live iptables-save": v4, "live ipset-save": saved(["192.0.2.0/24", "100.64.12.7"]) })).toEqual([`[blocked-missing] 1 address ${agree} block is not blocked in the running rules: 198.18.0.0/15.`]);
  });

  test("APF's own plumbing is not drift: reserved-network drops, its glob and DLIST chains, traceroute; Docker's chains are foreign", () => {
    let v4 = inserted(V4, "INPUT", "-A INPUT -s 10.0.0.0/8 -j DROP", "-A INPUT -s 169.254.0.0/16 -j DROP", "-A INPUT -j DSHIELD");
    v4 = inserted(v4, "OUTPUT", "-A OUTPUT -d 10.0.0.0/8 -j DROP", "-A OUTPUT -d 169.254.0.0/16 -j DROP", "-A OUTPUT -j DSHIELD");
    v4 = v4.replace(":TGALLOW - [0:0]\n", ":TGALLOW - [0:0]\n:DSHIELD - [0:0]\n:DOCKER-USER - [0:0]\n");
    v4 = inserted(v4, "TALLOW", "-A TGALLOW -s 192.0.2.200/32 -j ACCEPT", "-A TGDENY -s 198.51.100.0/24 -j DROP", "-A DSHIELD -s 203.0.113.77/32 -j DROP", "-A DOCKER-USER -j RETURN");
    expect(v4).toContain("--dport 33434:33534 -j ACCEPT");
    expect(drift({ "live iptables-save": v4 })).toEqual([]);
  });

  test("IPv6: a companion rule deleted from the kernel is named on IPv6 only", () => {
    const v6 = without(V6, '-A PORTCULLIS-IN -s 2001:db8:a::/48 -p tcp -m tcp --dport 22 -m comment --comment SSH -j ACCEPT');
    expect(drift({ "live ip6tables-save": v6 })).toEqual([`[open-missing] tcp 22 is not open to 2001:db8:a::/48 (IPv6) in the running rules, though ${agree} open it.`]);
  });
});

describe("APF verify with egress filtering (EGF=1): outbound compared in the kernel too", () => {
  const egf = applied("locked-down", "apf-9.7-egf");
  const v4 = egf.base["live iptables-save"] as string;

  test("as applied: in sync (APF's traceroute and DNS rules out are its own)", () => {
    expect(drift({}, egf)).toEqual([]);
  });

  test("an outbound port opened by hand (iptables -I OUTPUT): named", () => {
    expect(drift({ "live iptables-save": inserted(v4, "OUTPUT", "-A OUTPUT -p tcp -m tcp --dport 6667 -j ACCEPT") }, egf)).toEqual([
      "[outbound] Outbound traffic is restricted to tcp 25,53,80,443,2089,6667; udp 53,123 in the running rules; APF's files and the revision have it restricted to tcp 25,53,80,443,2089; udp 53,123.",
    ]);
  });
});
