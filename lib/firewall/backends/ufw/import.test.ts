import { describe, expect, test } from "vitest";
import { importFirewall } from "@/lib/firewall/import";

const RULES = (chain: string) => `*filter\n:${chain}-user-input - [0:0]\n### RULES ###\n-A ${chain}-user-input -p tcp --dport 22 -j ACCEPT\n### END RULES ###\nCOMMIT\n`;

function ufw(files: Record<string, string>) {
  const r = importFirewall("ufw", Object.entries(files).map(([path, text]) => ({ path, text })), { panel: "other", os: "ubuntu", name: "web1" });
  if (!r.ok) throw new Error(r.message);
  return r.findings.filter((f) => /was given without/.test(f.message)).map((f) => `${f.file} ${f.message}`);
}

describe("ufw import: one family's rules without the other's", () => {
  test.each([
    ["user.rules alone", { "user.rules": RULES("ufw") }, ["user.rules user.rules was given without user6.rules: a profile filters both families alike, so these rules now apply to IPv6 as well. Add user6.rules to carry its own rules over."]],
    ["user6.rules alone", { "user6.rules": RULES("ufw6") }, ["user6.rules user6.rules was given without user.rules: a profile filters both families alike, so these rules now apply to IPv4 as well. Add user.rules to carry its own rules over."]],
    ["both", { "user.rules": RULES("ufw"), "user6.rules": RULES("ufw6") }, []],
    ["user.rules with IPV6=no", { "user.rules": RULES("ufw"), ufw: "IPV6=no\n" }, []],
  ])("%s", (_name, files, expected) => {
    expect(ufw(files)).toEqual(expected);
  });
});

describe("ufw import: the per-source limits Portcullis puts in before.rules", () => {
  const BEFORE = (p: string) => [
    "*filter", `:${p}-before-input - [0:0]`, `-A ${p}-before-input -i lo -j ACCEPT`,
    "# BEGIN PORTCULLIS",
    `-A ${p}-before-input -p tcp --dport 22 -m conntrack --ctstate NEW -m connlimit --connlimit-above 3 --connlimit-mask 32 -j REJECT --reject-with tcp-reset`,
    "# END PORTCULLIS",
    "COMMIT", "",
  ].join("\n");

  test.each([["before.rules", "ufw"], ["before6.rules", "ufw6"]])("%s: the block's limits are read, UFW's own rules are not", (path, p) => {
    const r = importFirewall("ufw", [{ path, text: BEFORE(p) }, { path: "user.rules", text: RULES("ufw") }, { path: "ufw", text: "IPV6=no\n" }], { panel: "other", os: "ubuntu", name: "web1" });
    if (!r.ok) throw new Error(r.message);
    expect(r.document.policy.rateLimits.map((l) => ({ protocol: l.protocol, ports: l.ports, concurrent: l.concurrent }))).toEqual([{ protocol: "tcp", ports: { from: 22, to: 22 }, concurrent: 3 }]);
  });
});
