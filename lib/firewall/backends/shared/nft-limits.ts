/**
 * Per-source rate limits and connection caps as nft sets and rules, shared by the nftables ruleset
 * and firewalld's companion table (docs/backends.md §1.3, §3.3). IPv6 clients rotate addresses
 * inside their /64, so the limits key on the /64 (§10.2).
 */
import type { RuleSet } from "../../policy/resolve";
import type { PortRange } from "../../policy/schema";
import { bucketText } from "./limit-note";
import { commentText, rangeText, tokenBucket } from "./rules";

type Fam = "v4" | "v6";
const LIMIT_KEY = { v4: "ip saddr", v6: "ip6 saddr and ffff:ffff:ffff:ffff::" } as const;

function portSet(ports: PortRange[]): string {
  return `{ ${ports.map((p) => rangeText(p, "-")).join(", ")} }`;
}

/** The dynamic sets the limit rules update: `rate_<n>_<fam>` (with timeout) and `conn_<n>_<fam>`. */
export function limitSets(ruleSet: RuleSet, families: Fam[]): string[] {
  const out: string[] = [];
  ruleSet.rateLimits.forEach((rl, i) => {
    for (const f of families) {
      const type = f === "v4" ? "ipv4_addr" : "ipv6_addr";
      if (rl.newConnections) out.push(`  set rate_${i + 1}_${f} { type ${type}; flags dynamic, timeout; timeout ${rl.newConnections.seconds}s; size 65535; }`);
      // ct count needs a set without timeout, updated with `add` (nftables wiki, Connlimits).
      if (rl.concurrent !== undefined) out.push(`  set conn_${i + 1}_${f} { type ${type}; flags dynamic; size 65535; }`);
    }
  });
  return out;
}

/** Rules (chain body lines) that drop a source's new connections over its rate and refuse those over its cap. */
export function limitRules(ruleSet: RuleSet, families: Fam[]): string[] {
  const out: string[] = [];
  ruleSet.rateLimits.forEach((rl, i) => {
    const match = `${rl.protocol} dport ${portSet(rl.ports)} ct state new`;
    if (rl.newConnections) {
      const b = tokenBucket(rl.newConnections.count, rl.newConnections.seconds);
      out.push(`    # ${commentText(rl.label)}: ${rl.newConnections.count} new connections per ${rl.newConnections.seconds} s per source = ${bucketText(rl.newConnections.count, rl.newConnections.seconds)}`);
      for (const f of families) {
        out.push(`    ${match} update @rate_${i + 1}_${f} { ${LIMIT_KEY[f]} limit rate over ${b.rate}/${b.unit} burst ${b.burst} packets } drop`);
      }
    }
    if (rl.concurrent !== undefined) {
      out.push(`    # ${commentText(rl.label)}: at most ${rl.concurrent} concurrent connections per source`);
      const verdict = rl.protocol === "tcp" ? "reject with tcp reset" : "drop";
      for (const f of families) {
        out.push(`    ${match} add @conn_${i + 1}_${f} { ${LIMIT_KEY[f]} ct count over ${rl.concurrent} } ${verdict}`);
      }
    }
  });
  return out;
}
