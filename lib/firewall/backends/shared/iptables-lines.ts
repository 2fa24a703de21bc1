/**
 * iptables rule fragments shared by the iptables renderer and the ufw before.rules snippet:
 * multiport matches split at 15 slots, and the per-source limits (hashlimit, connlimit).
 */
import type { ResolvedRateLimit } from "../../policy/resolve";
import type { PortRange } from "../../policy/schema";
import type { IpFamily } from "./sets";
import { commentText, multiportChunks, rangeText, tokenBucket } from "./rules";

export type { IpFamily } from "./sets";

/** `-p tcp --dport 22` or `-p tcp -m multiport --dports 22,80,1000:2000`, one per 15-slot chunk. */
export function portMatches(protocol: string, ports: PortRange[]): string[] {
  return multiportChunks(ports).map((chunk) => {
    const only = chunk[0];
    if (chunk.length === 1 && only) return `-p ${protocol} --dport ${rangeText(only, ":")}`;
    return `-p ${protocol} -m multiport --dports ${chunk.map((p) => rangeText(p, ":")).join(",")}`;
  });
}

/**
 * `-m comment --comment "…"`: iptables-restore reads the double-quoted text as one argument, in
 * which `; & '` are plain characters [checked]; the label alphabet has no `"` or `\` to escape.
 */
export function commentMatch(text: string): string {
  return `-m comment --comment "${commentText(text, 100)}"`;
}

/**
 * Per-source limits as iptables rules appended to `chain`. New-connection rates use hashlimit (a
 * token bucket: `count` at once, then count/seconds), concurrent caps use connlimit; IPv6 sources
 * are grouped by /64 because clients rotate addresses inside it.
 */
export function limitRules(rl: ResolvedRateLimit, index: number, family: IpFamily, chain: string, prefix: string): string[] {
  const out: string[] = [];
  const mask = family === "v4" ? 32 : 64;
  for (const match of portMatches(rl.protocol, rl.ports)) {
    if (rl.newConnections) {
      const b = tokenBucket(rl.newConnections.count, rl.newConnections.seconds);
      const unit = b.unit === "second" ? "sec" : b.unit === "minute" ? "min" : b.unit;
      out.push(
        `-A ${chain} ${match} -m conntrack --ctstate NEW -m hashlimit --hashlimit-above ${b.rate}/${unit} --hashlimit-burst ${b.burst}` +
          ` --hashlimit-mode srcip --hashlimit-srcmask ${mask} --hashlimit-name ${prefix}-rate${index}-${family === "v4" ? 4 : 6}` +
          ` --hashlimit-htable-expire ${rl.newConnections.seconds * 1000} ${commentMatch(rl.label)} -j DROP`,
      );
    }
    if (rl.concurrent !== undefined) {
      const verdict = rl.protocol === "tcp" ? "REJECT --reject-with tcp-reset" : "DROP";
      out.push(
        `-A ${chain} ${match} -m conntrack --ctstate NEW -m connlimit --connlimit-above ${rl.concurrent} --connlimit-mask ${mask}` +
          ` ${commentMatch(rl.label)} -j ${verdict}`,
      );
    }
  }
  return out;
}
