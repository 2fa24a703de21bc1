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

describe("every sample as csf holds it once applied and confirmed", () => {
  test.each(SAMPLE_RULESETS.map((s) => [s.id, s.document] as const))("%s: in sync", (_, sample) => {
    const doc = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "csf" } });
    const loaded = "*filter\n:INPUT DROP [0:0]\n:LOCALINPUT - [0:0]\nCOMMIT\n";
    const text = liveText({ "live iptables-save": loaded, "live ip6tables-save": loaded, ...applied(doc), "enabled csf": "enabled", "enabled lfd": "enabled", managers: "", apply: "pending none" }, "backend=csf\nhost=h\ntime=2026-12-02T07:30:00Z\ngenerator=t\nread-only=yes");
    const parsed = parseLiveFile(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(verifyLive(doc, parsed.live).drift).toEqual([]);
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

  test("an allow added to csf.allow itself is drift, running and at boot", () => {
    const extra = "tcp 22 is open to 192.0.2.99 (IPv4) on the server, not in the revision.";
    expect(drift("cpanel-allow.txt", inAllow("tcp|in|d=22|s=192.0.2.99"))).toEqual([`[open-extra] ${extra}`, boot(extra)]);
  });

  test("once csf.allow no longer Includes it, csf does not load cPanel's list and verify does not name it", () => {
    const result = verified("cpanel-allow.txt", (t) => t.replace("Include /etc/csf/cpanel.allow\n", ""));
    expect(result.inSync).toBe(true);
    expect(result.foreign).not.toContain(CPANEL_LIST);
  });
});
