/**
 * Part 2b: how long the 100k-entry rule files take to load, each in a fresh namespace, side by
 * side with the naive linear chain: one `iptables -A … -j DROP` process per address (the
 * top-talkers script; measured at a few smaller N and extrapolated) and the same chain as one
 * iptables-restore file.
 */
import { figure, median, pairedRatios, type Figure } from "./lib/figures";
import { requireRoot, timeScript, withNamespace } from "./lib/namespaces";
import { fullCpanelProfile } from "./lib/profiles";
import { iptablesApplyScript, naiveRestoreScript, writeNaiveCommands, writeNaiveRestore, writeOurFiles } from "./lib/rulefiles";

const PART = "2 apply";
const NAIVE_COMMAND_COUNTS = [1000, 2000, 4000];

/** Least-squares fit t = a·N + b·N² (each `iptables -A` re-reads the growing ruleset, so cost is quadratic). */
export function fitQuadratic(points: readonly { n: number; ms: number }[]): { a: number; b: number; at: (n: number) => number } {
  let s2 = 0, s3 = 0, s4 = 0, t1 = 0, t2 = 0;
  for (const { n, ms } of points) {
    s2 += n ** 2; s3 += n ** 3; s4 += n ** 4; t1 += ms * n; t2 += ms * n ** 2;
  }
  const det = s2 * s4 - s3 * s3;
  const a = (t1 * s4 - t2 * s3) / det;
  const b = (s2 * t2 - s3 * t1) / det;
  return { a, b, at: (n) => a * n + b * n * n };
}

export async function benchApply(options: { runs: number; count: number }): Promise<Figure[]> {
  requireRoot("The apply benchmark");
  const doc = fullCpanelProfile(options.count);
  const ours = writeOurFiles(doc, "apply");
  const addresses = doc.policy.blocked.map((b) => b.address);
  const naiveRestore = writeNaiveRestore(addresses, "naive-restore");
  const nft: number[] = [], nftAgain: number[] = [], ipt: number[] = [], restore: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    // Interleaved per round, so the ratios below compare runs made under the same load.
    withNamespace((ns) => {
      nft.push(timeScript(ns, `nft -f '${ours.nft}'`));
      nftAgain.push(timeScript(ns, `nft -f '${ours.nft}'`));
    });
    ipt.push(withNamespace((ns) => timeScript(ns, iptablesApplyScript(ours))));
    restore.push(withNamespace((ns) => timeScript(ns, naiveRestoreScript(naiveRestore))));
  }
  const points = NAIVE_COMMAND_COUNTS.map((n) => {
    const file = writeNaiveCommands(addresses.slice(0, n), `naive-${n}`);
    return { n, ms: withNamespace((ns) => timeScript(ns, `. '${file}'`)) };
  });
  const fit = fitQuadratic(points);
  const last = points[points.length - 1]!;
  const linear = (last.ms / last.n) * options.count;
  const extrapolated = fit.at(options.count);
  const n = options.count.toLocaleString("en-US");
  const perEntry = points.map((p) => `${p.n}: ${(p.ms / p.n).toFixed(2)} ms/entry`).join(", ");
  return [
    figure(PART, `ours nftables: nft -f, ${n} entries, fresh namespace`, "ms", nft, { target: { op: "<", value: 2000 } }),
    figure(PART, "ours nftables: re-apply over the loaded table", "ms", nftAgain, { note: "delete + recreate of the table in one transaction" }),
    figure(PART, `ours iptables: ipset restore + iptables-restore (v4+v6)`, "ms", ipt, { target: { op: "<", value: 2000 } }),
    figure(PART, `naive: one iptables-restore file, ${n} -A lines (v4+v6)`, "ms", restore),
    ...points.map((p) => figure(PART, `naive: ${p.n.toLocaleString("en-US")} separate iptables -A processes`, "ms", [p.ms])),
    figure(PART, `naive: ${n} separate iptables -A, extrapolated`, "s", [extrapolated / 1000], {
      note: `not run (too long); quadratic fit through N=${NAIVE_COMMAND_COUNTS.join("/")} (${perEntry}); the linear lower bound from the largest N is ${(linear / 1000).toFixed(0)} s; -A only (the script also runs iptables -C before each), so a lower bound`,
    }),
    figure(PART, "speed-up vs separate -A (extrapolated) / ours nftables", "×", [extrapolated / median(nft)], { target: { op: ">=", value: 50 }, note: `linear lower bound: ${(linear / median(nft)).toFixed(0)}×` }),
    figure(PART, "speed-up vs separate -A (extrapolated) / ours iptables", "×", [extrapolated / median(ipt)], { target: { op: ">=", value: 50 }, note: `linear lower bound: ${(linear / median(ipt)).toFixed(0)}×` }),
    figure(PART, "speed-up vs one restore file / ours nftables", "×", pairedRatios(restore, nft), { note: "per round, same load" }),
    figure(PART, "speed-up vs one restore file / ours iptables", "×", pairedRatios(restore, ipt), { note: "per round, same load" }),
  ];
}
