/**
 * CSF verify against live files that real csf 15.11 produced through the bundle's verify.sh
 * (tests/fixtures/csf-live/README.md: apply.sh confirmed in a namespace on a private root, then
 * one hand change at a time). No csf is needed here: the files are read as recorded. They found
 * that a port taken out of TCP_IN alone was named missing on both families (the importer reads
 * TCP_IN for both), that IPv6 rules flushed by hand were not seen, and that files csf.allow
 * Includes (a cPanel server's cpanel.allow) were not recorded.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderRules } from "@/lib/firewall/backends";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import { profileDocumentSchema, type ProfileDocument } from "@/lib/firewall/policy/schema";
import { liveText } from "@/tests/support/live-fixture";
import { parseLiveFile, verifyLive } from "@/lib/firewall/verify";
import { SAMPLE_RULESETS } from "@/tests/support/samples";
import { csfFamilyFiles, entryFamily } from "./verify-family";

const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "csf" } });
const FIXTURES = join(__dirname, "../../../../tests/fixtures/csf-live");

function verified(name: string, edit: (text: string) => string = (t) => t) {
  const parsed = parseLiveFile(edit(readFileSync(join(FIXTURES, name), "utf8")));
  if (!parsed.ok) throw new Error(parsed.message);
  return verifyLive(document, parsed.live);
}

function drift(name: string, edit?: (text: string) => string): string[] {
  return verified(name, edit).drift.map((d) => `[${d.kind}] ${d.message}`);
}

/** `edit` applied to one section of a live file only (IPv4 and IPv6 rules look alike). */
function inSection(id: string, edit: (text: string) => string): (text: string) => string {
  return (text) => {
    const [begin, end] = [`=== BEGIN ${id} ===\n`, `=== END ${id} status=`];
    const [from, to] = [text.indexOf(begin) + begin.length, text.indexOf(end)];
    expect(from).toBeGreaterThanOrEqual(begin.length);
    return `${text.slice(0, from)}${edit(text.slice(from, to))}${text.slice(to)}`;
  };
}

/** `text` without one exact line (a rule deleted by hand), which must be there. */
const without = (line: string) => (text: string) => {
  expect(text).toContain(`\n${line}\n`);
  return text.replace(`\n${line}\n`, "\n");
};

/** `lines` inserted before the first rule of `chain` (iptables -I chain). */
const inserted = (chain: string, ...lines: string[]) => (text: string) => {
  const at = text.indexOf(`\n-A ${chain} `);
  expect(at).toBeGreaterThan(0);
  return `${text.slice(0, at + 1)}${lines.join("\n")}\n${text.slice(at + 1)}`;
};

/**
 * With LF_IPSET = "1" csf loads csf.deny's plain addresses into its sets chain_DENY and chain_6_DENY
 * and matches them with one rule each in DENYIN and DENYOUT (csf.pl 15.11, linefilter/ipsetadd);
 * today's verify.sh records `ipset save`.
 */
function withSets(members4: string[], members6: string[]): (text: string) => string {
  const rules = (text: string, set: string) => text.split("\n").filter((l) => !/^-A DENY(IN|OUT) -[sd] /.test(l)).join("\n")
    .replace("\n-A INVALID ", `\n-A DENYIN -m set --match-set ${set} src -j DROP\n-A DENYOUT -m set --match-set ${set} dst -j LOGDROPOUT\n-A INVALID `);
  const save = [
    "create chain_DENY hash:net family inet hashsize 1024 maxelem 65536", ...members4.map((m) => `add chain_DENY ${m}`),
    "create chain_6_DENY hash:net family inet6 hashsize 1024 maxelem 65536", ...members6.map((m) => `add chain_6_DENY ${m}`),
  ].join("\n");
  return (text) => inSection("live ip6tables-save", (t) => rules(t, "chain_6_DENY"))(inSection("live iptables-save", (t) => rules(t, "chain_DENY"))(text))
    .replace("=== BEGIN live ipset-list ===\n=== END live ipset-list status=0 ===", `=== BEGIN live ipset-save ===\n${save}\n=== END live ipset-save status=0 ===`);
}

/** A live file as today's verify.sh writes it: csf.tempban and csf.tempallow recorded (absent: status 1). */
const withTemp = (ban = "", allow = "") => (text: string) =>
  text.replace("=== BEGIN enabled csf ===", [["csf.tempban", ban], ["csf.tempallow", allow]].map(([name, t]) => `=== BEGIN file /var/lib/csf/${name} ===\n${t}=== END file /var/lib/csf/${name} status=${t === "" ? 1 : 0} ===\n`).join("") + "=== BEGIN enabled csf ===");

const boot = (m: string) => `[boot-differs] What loads at boot differs from the revision: ${m}`;
const TESTING = 'CSF runs with TESTING = "1": the apply was not confirmed (csf flushes itself on a schedule until sh apply.sh --confirm).';

describe("CSF verify on live files recorded from real csf 15.11", () => {
  test.each([
    ["in-sync.txt", []],
    ["tcp-in-587-removed.txt", ["[open-missing] tcp 587 is not open to anyone (IPv4) on the server, though the revision opens it.", boot("tcp 587 is not open to anyone (IPv4) on the server, though the revision opens it.")]],
    ["tcp6-in-587-removed.txt", ["[open-missing] tcp 587 is not open to anyone (IPv6) on the server, though the revision opens it.", boot("tcp 587 is not open to anyone (IPv6) on the server, though the revision opens it.")]],
    ["deny-added.txt", ["[blocked-extra] 1 address is blocked on the server but not in the revision: 198.51.100.99.", boot("1 address is blocked on the server but not in the revision: 198.51.100.99.")]],
    ["deny6-added.txt", ["[blocked-extra] 1 address is blocked on the server but not in the revision: 2001:db8:ee::/48.", boot("1 address is blocked on the server but not in the revision: 2001:db8:ee::/48.")]],
    ["ip6tables-flushed.txt", ["[missing] Missing on the server: CSF's IPv6 chains (chain LOCALINPUT is not loaded in ip6tables: they were flushed)."]],
    ["flushed.txt", ["[missing] Missing on the server: CSF's chains (chain LOCALINPUT is not loaded: CSF is stopped, or its rules were flushed)."]],
    ["testing-on.txt", [`[pending-apply] ${TESTING}`]],
    ["ipv6-off.txt", ["[missing] Missing on the server: the IPv6 rules.", boot("Missing on the server: the IPv6 rules.")]],
    ["cpanel-allow.txt", []], // cPanel's own list is foreign: below
    ["unconfirmed.txt", [expect.stringMatching(/^\[pending-apply\] An apply \([\d.]+\) is waiting for confirmation: its rollback timer is running, .* CSF runs with TESTING = "1"/)]],
  ])("%s", (name, expected) => {
    expect(drift(name)).toEqual(expected);
  });
});

/**
 * Hand changes to the kernel rules of in-sync.txt (real csf 15.11), the files left as they are: the
 * rules csf loaded are read with the shared evaluator and compared with what CSF's files say.
 */
describe("CSF verify: the rules loaded in the kernel against CSF's files", () => {
  const v4 = (edit: (t: string) => string) => inSection("live iptables-save", edit);
  const v6 = (edit: (t: string) => string) => inSection("live ip6tables-save", edit);
  const ref = "CSF's files and the revision";

  test.each([
    ["an open port deleted (iptables -D INPUT … --dport 993)", v4(without("-A INPUT ! -i lo -p tcp -m conntrack --ctstate NEW -m tcp --dport 993 -j ACCEPT")), [`[open-missing] tcp 993 is not open to anyone (IPv4) in the running rules, though ${ref} open it.`]],
    ["an IPv6 open port deleted (ip6tables -D)", v6(without("-A INPUT ! -i lo -p tcp -m conntrack --ctstate NEW -m tcp --dport 443 -j ACCEPT")), [`[open-missing] tcp 443 is not open to anyone (IPv6) in the running rules, though ${ref} open it.`]],
    ["a port opened by hand (iptables -I INPUT … --dport 3306)", v4(inserted("INPUT", "-A INPUT -p tcp -m tcp --dport 3306 -j ACCEPT")), ["[open-extra] tcp 3306 is open to anyone (IPv4) in the running rules, not in CSF's files or the revision."]],
    ["the per-source SSH allow deleted from ALLOWIN", v4(without("-A ALLOWIN -s 203.0.113.0/24 ! -i lo -p tcp -m tcp --dport 22 -j ACCEPT")), [`[open-missing] tcp 22 is not open to 203.0.113.0/24 (IPv4) in the running rules, though ${ref} open it.`]],
    ["a blocked network deleted from DENYIN", v4(without("-A DENYIN -s 198.18.0.0/15 ! -i lo -j DROP")), [`[blocked-missing] 1 address ${ref} block is not blocked in the running rules: 198.18.0.0/15.`]],
    ["DENYIN flushed (iptables -F DENYIN)", v4((t) => t.split("\n").filter((l) => !l.startsWith("-A DENYIN ")).join("\n")), [`[blocked-missing] 3 addresses ${ref} block are not blocked in the running rules: 100.64.12.7, 192.0.2.0/24, 198.18.0.0/15.`]],
    ["the SMTP flood limit deleted (PORTFLOOD's --update rule)", v4(without("-A INPUT ! -i lo -p tcp -m tcp --dport 25 -m conntrack --ctstate NEW -m recent --update --seconds 300 --hitcount 11 --name 25 --mask 255.255.255.255 --rsource -j PORTFLOOD")), [`[limits] 1 limit of ${ref} is not in the running rules: tcp 25 new 10/300s.`]],
    ["the HTTP connection cap deleted (CONNLIMIT) on IPv6", v6((t) => t.split("\n").filter((l) => !l.includes("--connlimit-above")).join("\n")), [`[limits] 1 limit of ${ref} is not in the running rules: tcp 80 concurrent 5.`]],
    ["the final drop deleted: INPUT's policy still drops", v4(without("-A INPUT ! -i lo -j LOGDROPIN")), []],
  ])("%s", (_, edit, expected) => {
    expect(drift("in-sync.txt", edit)).toEqual(expected);
  });

  test("csf's own DNS rules for the resolvers of /etc/resolv.conf are not drift; a DNS allow added by hand is", () => {
    expect(drift("in-sync.txt")).toEqual([]);
    expect(drift("in-sync.txt", v4(inserted("INPUT", "-A INPUT -s 192.0.2.53/32 -p udp -m udp --dport 53 -j ACCEPT")))).toEqual(["[open-extra] udp 53 is open to 192.0.2.53 (IPv4) in the running rules, not in CSF's files or the revision."]);
  });

  const handBlock = v4(inserted("DENYIN", "-A DENYIN -s 198.51.100.99/32 ! -i lo -j DROP"));

  test("a block that no file holds is drift in the running rules", () => {
    expect(drift("in-sync.txt", (t) => withTemp()(handBlock(t)))).toEqual(["[blocked-extra] 1 address is blocked in the running rules but not in CSF's files or the revision: 198.51.100.99."]);
  });

  test("lfd's temporary block (csf.tempban) is foreign, not drift; so is a temporary allow (csf.tempallow)", () => {
    const allowed = v4(inserted("ALLOWIN", "-A ALLOWIN -s 192.0.2.10/32 ! -i lo -j ACCEPT"));
    const result = verified("in-sync.txt", (t) => withTemp("1764800000|198.51.100.99|||3600|lfd: (sshd) Failed SSH login from 198.51.100.99: 5 in the last 3600 secs\n", "1764800000|192.0.2.10|||600|support session\n")(allowed(handBlock(t))));
    expect(result.drift).toEqual([]);
    expect(result.foreign).toEqual(expect.arrayContaining(["1 temporary block of lfd or csf -td (/var/lib/csf/csf.tempban)", "1 temporary allow of lfd or csf -ta (/var/lib/csf/csf.tempallow)"]));
  });

  test("a feature the plan does not set (SYNFLOOD's chain) is foreign, not drift", () => {
    const synflood = (t: string) => inserted("INPUT", "-A INPUT ! -i lo -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j SYNFLOOD")(t)
      .replace(":PORTFLOOD - [0:0]", ":PORTFLOOD - [0:0]\n:SYNFLOOD - [0:0]")
      .replace("\n-A PORTFLOOD -j DROP\nCOMMIT", '\n-A PORTFLOOD -j DROP\n-A SYNFLOOD -m limit --limit 100/sec --limit-burst 150 -j RETURN\n-A SYNFLOOD -m limit --limit 30/min -j LOG --log-prefix "Firewall: *SYNFLOOD Blocked* "\n-A SYNFLOOD -j DROP\nCOMMIT');
    const result = verified("in-sync.txt", v4(synflood));
    expect(result.drift).toEqual([]);
    expect(result.foreign).toContain("chain SYNFLOOD in iptables (3 rules), not one of CSF's own: a csf feature the plan does not set (SYNFLOOD, country or block lists…) or another tool's");
  });

  test("with ETH_DEVICE set csf matches that device instead of ! -i lo: read alike", () => {
    const swap = (k: string) => k.replaceAll(" ! -i lo ", " -i eth0 ").replaceAll(" ! -o lo ", " -o eth0 ");
    const eth0 = (t: string) => v6(swap)(v4(swap)(t)).replace('ETH_DEVICE = ""', 'ETH_DEVICE = "eth0"');
    expect(readFileSync(join(FIXTURES, "in-sync.txt"), "utf8")).toContain('ETH_DEVICE = ""');
    expect(drift("in-sync.txt", eth0)).toEqual([]);
    expect(drift("in-sync.txt", (t) => v4(without("-A INPUT -i eth0 -p tcp -m conntrack --ctstate NEW -m tcp --dport 993 -j ACCEPT"))(eth0(t)))).toEqual([`[open-missing] tcp 993 is not open to anyone (IPv4) in the running rules, though ${ref} open it.`]);
  });

  test("Docker's chains stay foreign as Docker's, not listed again as a chain that is not csf's", () => {
    const docker = v4((t) => t.replace(":PORTFLOOD - [0:0]", ":PORTFLOOD - [0:0]\n:DOCKER-USER - [0:0]").replace("\n-A INPUT ", "\n-A INPUT -j DOCKER-USER\n-A INPUT ").replace("\n-A PORTFLOOD -j DROP\nCOMMIT", "\n-A PORTFLOOD -j DROP\n-A DOCKER-USER -j RETURN\nCOMMIT"));
    const result = verified("in-sync.txt", docker);
    expect(result.drift).toEqual([]);
    expect(result.foreign.filter((f) => f.includes("DOCKER"))).toEqual(["chain DOCKER-USER in table filter (Docker)"]);
  });

  test("a temporary port block of csf -td (its own rule per port, to LOGDROPIN) is foreign too", () => {
    const portBlock = v4(inserted("DENYIN", "-A DENYIN ! -i lo -s 198.51.100.7/32 -p tcp -m tcp --dport 22 -j LOGDROPIN"));
    expect(drift("in-sync.txt", (t) => withTemp("1764800000|198.51.100.7|22||3600|Manually added: 198.51.100.7\n")(portBlock(t)))).toEqual([]);
  });

  test("a live file from a verify.sh that did not record csf.tempban: a block only the kernel has may be lfd's, so it is not drift", () => {
    expect(drift("in-sync.txt", handBlock)).toEqual([]);
  });
});

describe("CSF verify with LF_IPSET: csf.deny in csf's sets", () => {
  const v4 = ["192.0.2.0/24", "198.18.0.0/15", "100.64.12.7"];
  const v6 = ["2001:db8:bad::/48"];

  test("the sets as csf loads them: in sync", () => {
    expect(drift("in-sync.txt", withSets(v4, v6))).toEqual([]);
  });

  test("a member deleted by hand (ipset del chain_DENY) is named", () => {
    expect(drift("in-sync.txt", withSets(v4.slice(0, 2), v6))).toEqual(["[blocked-missing] 1 address CSF's files and the revision block is not blocked in the running rules: 100.64.12.7."]);
  });

  test("the IPv6 set emptied (ipset flush chain_6_DENY) is named on IPv6", () => {
    expect(drift("in-sync.txt", withSets(v4, []))).toEqual(["[blocked-missing] 1 address CSF's files and the revision block is not blocked in the running rules: 2001:db8:bad::/48."]);
  });

  test("a live file without the sets' members (a verify.sh from before) leaves the loaded rules unchecked", () => {
    const noSave = (t: string) => withSets(v4, v6)(t).replace(/=== BEGIN live ipset-save ===[^]*?=== END live ipset-save status=0 ===/, "=== BEGIN live ipset-list ===\nchain_DENY\nchain_6_DENY\n=== END live ipset-list status=0 ===");
    expect(drift("in-sync.txt", noSave)).toEqual([]);
  });
});

/** The stock csf.conf (sentinel fork) after `csf --profile apply`: existing keys rewritten, nothing added. */
function applied(doc: ProfileDocument): Record<string, string> {
  const files = new Map(renderRules("csf", resolvePolicy(doc, getCatalog(doc.server.panel)), { generatedAt: "2026-12-02T00:00:00Z", productVersion: "t", warnings: [] }).map((f) => [f.path, f.content]));
  const profile = new Map([...(files.get("portcullis.conf") ?? "").matchAll(/^([A-Z0-9_]+) = "([^"]*)"$/gm)].map((m) => [m[1], m[2]]));
  const stock = readFileSync(join(FIXTURES, "../real-configs/csf/sentinel-cpanel/csf.conf"), "utf8");
  const conf = stock.replace(/^([A-Z0-9_]+) = "[^"]*"$/gm, (line, key: string) => (profile.has(key) ? `${key} = "${profile.get(key)}"` : line)).replace(/^TESTING = .*$/m, 'TESTING = "0"');
  return {
    "file /etc/csf/csf.conf": conf,
    "file /etc/csf/csf.allow": "Include /etc/csf/portcullis.allow\n",
    "file /etc/csf/csf.deny": "Include /etc/csf/portcullis.deny\n",
    "file /etc/csf/portcullis.allow": files.get("portcullis.allow") ?? "",
    "file /etc/csf/portcullis.deny": files.get("portcullis.deny") ?? "",
  };
}

/**
 * The files of each sample against its revision. Without csf here no kernel rules can be made from
 * them, so the stand-in iptables-save holds only csf's chain and the loaded-rules check (proven on
 * real csf's live files above and below) is left out of these.
 */
describe("every sample as csf holds it once applied and confirmed", () => {
  test.each(SAMPLE_RULESETS.map((s) => [s.id, s.document] as const))("%s: its files in sync", (_, sample) => {
    const doc = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "csf" } });
    const loaded = "*filter\n:INPUT DROP [0:0]\n:LOCALINPUT - [0:0]\nCOMMIT\n";
    const text = liveText({ "live iptables-save": loaded, "live ip6tables-save": loaded, ...applied(doc), "enabled csf": "enabled", "enabled lfd": "enabled", managers: "", apply: "pending none" }, "backend=csf\nhost=h\ntime=2026-12-02T07:30:00Z\ngenerator=t\nread-only=yes");
    const parsed = parseLiveFile(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(verifyLive(doc, parsed.live).drift.filter((d) => !d.message.includes("in the running rules"))).toEqual([]);
  });
});

describe("one address family of CSF's files", () => {
  test.each([
    ["192.0.2.0/24 # Portcullis blocked, do not delete", "IPv4"],
    ["2001:db8:bad::/48 # Spam source", "IPv6"],
    ["tcp|in|d=22|s=203.0.113.0/24 # SSH", "IPv4"],
    ["tcp|in|d=22|s=2001:db8:a::/48 # SSH", "IPv6"],
    ["tcp|in|d=2083|s=0.0.0.0/0", "IPv4"],
    ["tcp:in:d=2087:s=198.51.100.5", "IPv4"],
    ["tcp|out|d=25|u=0", null],
  ])("%s is loaded into %s", (line, family) => {
    expect(entryFamily(line)).toBe(family);
  });

  const conf = 'IPV6 = "1"\nTCP_IN = "22,80"\nTCP6_IN = "22,443"\nUDP_IN = ""\nUDP6_IN = "53"\nTCP_OUT = "1:65535"\nTCP6_OUT = "1:65535"\nUDP_OUT = "1:65535"\nUDP6_OUT = "1:65535"\n';
  const files = [
    { path: "/etc/csf/csf.conf", text: conf },
    { path: "/etc/csf/csf.deny", text: "# mine\n192.0.2.9 # a\n2001:db8::9 # b\nInclude /etc/csf/portcullis.deny\n" },
  ];

  test("IPv6 reads the *6_* lists and IPv6 entries; IPv4 the plain lists and IPv4 entries", () => {
    const [v6conf, v6deny] = csfFamilyFiles(files, "IPv6");
    expect(v6conf?.text).toContain('TCP_IN = "22,443"\nTCP6_IN = "22,443"\nUDP_IN = "53"');
    expect(v6deny?.text).toBe("# mine\n2001:db8::9 # b\nInclude /etc/csf/portcullis.deny\n");
    const [v4conf, v4deny] = csfFamilyFiles(files, "IPv4");
    expect(v4conf?.text).toContain('TCP_IN = "22,80"\nTCP6_IN = "22,80"\nUDP_IN = ""\nUDP6_IN = ""');
    expect(v4deny?.text).toBe("# mine\n192.0.2.9 # a\nInclude /etc/csf/portcullis.deny\n");
  });

  test("with IPV6 = 0 csf leaves ip6tables alone: no IPv6 files", () => {
    expect(csfFamilyFiles([{ path: "/etc/csf/csf.conf", text: conf.replace('IPV6 = "1"', 'IPV6 = "0"') }], "IPv6")).toEqual([]);
  });

  test("a rendered bundle is read as the server holds it (portcullis.conf as csf.conf)", () => {
    const rendered = [{ path: "portcullis.conf", text: conf }, { path: "portcullis.allow", text: "" }, { path: "portcullis.deny", text: "" }];
    expect(csfFamilyFiles(rendered, "IPv4").map((f) => f.path)).toEqual(["csf.conf", "csf.allow", "csf.deny"]);
  });
});

describe("CSF verify on a cPanel server: the stock csf.allow Includes cPanel's own allow list", () => {
  const CPANEL_LIST = "cPanel's own allow list /etc/csf/cpanel.allow (63 entries), which csf.allow Includes";
  const inAllow = (line: string) => (text: string) => text.replace("Include /etc/csf/portcullis.allow\n=== END file /etc/csf/csf.allow", `${line}\nInclude /etc/csf/portcullis.allow\n=== END file /etc/csf/csf.allow`);

  test("cPanel's list is listed as foreign with its entry count and left out of the verdict", () => {
    const result = verified("cpanel-allow.txt");
    expect(result.inSync).toBe(true);
    expect(result.foreign).toContain(CPANEL_LIST);
  });

  const loadedAllow = (t: string) => inSection("live iptables-save", (v4) => v4.replace("\n-A ALLOWIN ", "\n-A ALLOWIN -s 192.0.2.99/32 ! -i lo -p tcp -m tcp --dport 22 -j ACCEPT\n-A ALLOWIN "))(t);

  test("an allow added to csf.allow itself and loaded (csf -r) is drift, running and at boot", () => {
    const extra = "tcp 22 is open to 192.0.2.99 (IPv4) on the server, not in the revision.";
    expect(drift("cpanel-allow.txt", (t) => loadedAllow(inAllow("tcp|in|d=22|s=192.0.2.99")(t)))).toEqual([`[open-extra] ${extra}`, boot(extra)]);
  });

  test("an allow added to csf.allow but not loaded yet: the running rules lack it too", () => {
    const extra = "tcp 22 is open to 192.0.2.99 (IPv4) on the server, not in the revision.";
    expect(drift("cpanel-allow.txt", inAllow("tcp|in|d=22|s=192.0.2.99"))).toEqual([`[open-extra] ${extra}`, "[open-missing] tcp 22 is not open to 192.0.2.99 (IPv4) in the running rules, though CSF's files open it.", boot(extra)]);
  });

  test("an allow loaded by hand (iptables -I ALLOWIN) that no file holds is drift in the running rules", () => {
    expect(drift("cpanel-allow.txt", loadedAllow)).toEqual(["[open-extra] tcp 22 is open to 192.0.2.99 (IPv4) in the running rules, not in CSF's files."]);
  });

  test("once csf.allow no longer Includes it, csf does not load cPanel's list and verify does not name it", () => {
    // csf -r after the Include went: only our own allow is left in ALLOWIN.
    const ours = (v4: string) => v4.split("\n").filter((l) => !l.startsWith("-A ALLOWIN ") || l.includes("203.0.113.0/24")).join("\n");
    const result = verified("cpanel-allow.txt", (t) => inSection("live iptables-save", ours)(t.replace("Include /etc/csf/cpanel.allow\n", "")));
    expect(result.inSync).toBe(true);
    expect(result.foreign).not.toContain(CPANEL_LIST);
  });
});
