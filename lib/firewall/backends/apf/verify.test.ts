/**
 * APF verify on a live file built from the bundle as Debian's APF 9.7 holds it: conf.apf without the
 * keys 9.7 lacks (USE_IPV6, IG_*_CLIMIT: apply.sh sets existing keys only), the companion loaded
 * and hooked. In sync; each companion part counts only while hooked; one family's change is named.
 */
import { describe, expect, test } from "vitest";
import { renderRules } from "@/lib/firewall/backends";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { parseLiveFile, verifyLive } from "@/lib/firewall/verify";
import { liveText, type Sections } from "@/tests/support/live-fixture";
import { SAMPLE_RULESETS } from "@/tests/support/samples";

const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "apf" } });
const rendered = new Map(renderRules("apf", resolvePolicy(document, getCatalog(document.server.panel)), { generatedAt: "2026-12-02T00:00:00Z", productVersion: "t", warnings: [] }).map((f) => [f.path, f.content]));
const file = (path: string) => rendered.get(path) ?? "";
const DIR = "/etc/apf-firewall";
const conf = file("conf.apf.portcullis").split("\n").filter((l) => !/^(USE_IPV6|IG_TCP_CLIMIT|IG_UDP_CLIMIT)=/.test(l)).join("\n");
const HOOKED = ":INPUT ACCEPT [0:0]\n:TALLOW - [0:0]\n:PORTCULLIS-IN - [0:0]\n-A INPUT -j PORTCULLIS-IN\n-A INPUT -j TALLOW\n";
const BASE: Sections = {
  "live iptables-save": `*filter\n${HOOKED}COMMIT\n`,
  "live ip6tables-save": `*filter\n${HOOKED.replace(":TALLOW - [0:0]\n", "").replace("-A INPUT -j TALLOW\n", "")}COMMIT\n`,
  [`file ${DIR}/conf.apf`]: conf,
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

function drift(changes: Sections = {}): string[] {
  const parsed = parseLiveFile(liveText({ ...BASE, ...changes }, "backend=apf\nhost=web1\ntime=2026-12-02T07:30:00Z\ngenerator=t\nread-only=yes"));
  if (!parsed.ok) throw new Error(parsed.message);
  return verifyLive(document, parsed.live).drift.map((d) => `[${d.kind}] ${d.message}`);
}

describe("APF verify with the companion", () => {
  test("as applied on APF 9.7: in sync (IPv6, the limits and the IPv6 blocklist come from the companion)", () => {
    expect(drift()).toEqual([]);
  });

  test("a port left out of conf.apf is missing on IPv4, though the IPv6 companion still opens it", () => {
    const without = conf.replace(/^IG_TCP_CPORTS="(.*),587,/m, 'IG_TCP_CPORTS="$1,');
    expect(without).not.toBe(conf);
    expect(drift({ [`file ${DIR}/conf.apf`]: without })).toEqual([
      "[open-missing] tcp 587 is not open to anyone (IPv4) on the server, though the revision opens it.",
      "[boot-differs] What loads at boot differs from the revision: tcp 587 is not open to anyone (IPv4) on the server, though the revision opens it.",
    ]);
  });

  test("the companion unhooked: its families are named missing; without the postroute line it does not boot", () => {
    expect(drift({ "live ip6tables-save": "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n" })).toEqual(["[missing] Missing on the server: the IPv6 rules."]);
    // APF's own TDENY still blocks deny_hosts.rules: only the limits were the IPv4 companion's alone.
    expect(drift({ "live iptables-save": "*filter\n:INPUT ACCEPT [0:0]\n:TALLOW - [0:0]\n-A INPUT -j TALLOW\nCOMMIT\n" })).toEqual([
      "[limits] 2 limits of the revision are not on the server: tcp 25 new 10/300s, tcp 80 concurrent 5.",
    ]);
    expect(drift({ [`file ${DIR}/postroute.rules`]: "" })[0]).toMatch(/^\[boot-differs\] What loads at boot differs from the revision: /);
  });
});
