/**
 * Part 2c (issue 19): the same 10,000-entry profile loaded through what admins use today, Debian's
 * real APF 9.7 with every address in deny_hosts.rules, and through our files: our APF bundle (APF
 * plus the companion's ipset) and, for comparison, our nftables file. Each load is a whole
 * `apf -s` (or `nft -f`) on a server that has just booted: a fresh network namespace (empty
 * kernel tables) and a private root (tests/support/private-root), so the host's /etc and firewall
 * are never touched. Root only.
 */
import { writeFileSync } from "node:fs";
import { isRoot } from "@/tests/netns/netns";
import { ApfServer } from "@/tests/support/apf";
import { figure, median, pairedRatios, type Figure } from "./lib/figures";
import { freshPair, release, timeScript, timeWith, withNamespace } from "./lib/namespaces";
import { fullCpanelProfile } from "./lib/profiles";
import { writeOurFiles } from "./lib/rulefiles";

const PART = "2 peers";
/** The size: real APF adds two rules per address, so 10,000 already takes minutes. */
const PEER_COUNT = 10_000;
const CONF = "/etc/apf-firewall/conf.apf";

type Server = { server: ApfServer; setUp: (server: ApfServer) => void };

/** One start of APF on `server`, booted in a fresh namespace pair; returns ms and the rules loaded. */
async function startApf(server: ApfServer): Promise<{ ms: number; rules: number }> {
  const pair = freshPair();
  try {
    const machine = await server.boot(pair.server);
    const ms = timeWith((script) => machine.sh(script), "/usr/sbin/apf -s >/dev/null 2>&1", "the APF server");
    const rules = Number(machine.must("{ iptables-save; ip6tables-save; } | grep -c '^-A' || true").trim());
    const members = Number(machine.must("ipset list 2>/dev/null | grep -c '^[0-9a-f]' || true").trim());
    return { ms, rules: rules + members };
  } finally {
    server.machine?.stop();
    release(pair);
  }
}

export async function benchPeers(options: { runs: number; count: number }): Promise<Figure[]> {
  if (!isRoot) {
    console.log("\n  peers: skipped, it needs root (network and mount namespaces for real APF and nft)");
    return [];
  }
  const count = Math.min(options.count, PEER_COUNT);
  const doc = fullCpanelProfile(count);
  const addresses = doc.policy.blocked.map((b) => b.address);
  const v4 = addresses.filter((a) => !a.includes(":"));
  const cleanups: (() => void)[] = [];
  try {
    // Ours: the bundle's apply.sh installs and confirms once; every run is then a boot's start.
    const ours: Server = {
      server: new ApfServer(cleanups),
      setUp(server) {
        const r = server.apply(doc, "yes\n");
        if (r.code !== 0) throw new Error(`our APF apply.sh failed (${r.code}): ${r.stderr.slice(-2000)}${r.stdout.slice(-2000)}`);
      },
    };
    // Today's way: Debian's conf.apf (adapted to the namespace as the tests do), trimming off so
    // all entries load, and one address per line in deny_hosts.rules.
    const peer: Server = {
      server: new ApfServer(cleanups),
      setUp(server) {
        server.sh(`sed -i 's/^SET_TRIM=.*/SET_TRIM="0"/' ${CONF}`);
        writeFileSync(server.machine!.path("/etc/apf-firewall/deny_hosts.rules"), `${addresses.join("\n")}\n`);
      },
    };
    for (const s of [ours, peer]) {
      const pair = freshPair();
      try {
        await s.server.boot(pair.server);
        s.setUp(s.server);
      } finally {
        s.server.machine?.stop();
        release(pair);
      }
    }
    const nft = writeOurFiles({ ...doc, policy: { ...doc.policy, backend: "nftables" } }, "peers").nft;
    const apfOurs: number[] = [], apfPeer: number[] = [], nftOurs: number[] = [];
    let oursRules = 0, peerRules = 0;
    // Real APF takes minutes per start at this size: at most 3 of its runs, interleaved with ours.
    for (let i = 0; i < Math.min(options.runs, 3); i++) {
      const o = await startApf(ours.server);
      const p = await startApf(peer.server);
      apfOurs.push(o.ms);
      apfPeer.push(p.ms);
      oursRules = o.rules;
      peerRules = p.rules;
      nftOurs.push(withNamespace((ns) => timeScript(ns, `nft -f '${nft}'`)));
    }
    const n = count.toLocaleString("en-US");
    return [
      figure(PART, `real APF 9.7: apf -s, ${n} lines in deny_hosts.rules`, "ms", apfPeer, {
        note: `Debian's conf.apf with SET_TRIM=0 (its default keeps only the last 150 lines); APF 9.7 ignores the ${addresses.length - v4.length} IPv6 lines, so it blocks only the ${v4.length} IPv4 entries; ${peerRules} iptables rules after the start`,
      }),
      figure(PART, `ours APF bundle: apf -s (APF + companion ipset), same ${n} entries`, "ms", apfOurs, {
        note: `installed by the bundle's apply.sh; IPv4 and IPv6 all blocked; ${oursRules} rules and set members after the start`,
      }),
      figure(PART, `ours nftables: nft -f, same ${n} entries, fresh namespace`, "ms", nftOurs),
      figure(PART, "speed-up: real APF / ours APF bundle", "×", pairedRatios(apfPeer, apfOurs), { note: `per round, same load; medians ${median(apfPeer).toFixed(0)} / ${median(apfOurs).toFixed(0)} ms` }),
      figure(PART, "speed-up: real APF / ours nftables", "×", pairedRatios(apfPeer, nftOurs), { note: "per round, same load" }),
    ];
  } finally {
    cleanups.splice(0).reverse().forEach((c) => c());
  }
}
