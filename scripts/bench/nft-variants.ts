/**
 * Part 2d (issue 19 item 1): our 100k blocklist for nft, loaded side by side with the naive single
 * iptables-restore file, each in a fresh namespace and in interleaved rounds: a first load, and a
 * re-apply over the loaded table two ways (the whole file again, which deletes and recreates the
 * table, or only the sets' elements replaced in one transaction). A server may only take the
 * second way when its table still has exactly the rules the last apply loaded, so that way is
 * also timed with the cheapest such check in front (the table listed without set contents and
 * compared with the listing taken after the last load). The layout before the split (one
 * auto-merging interval set per family) is derived from our file and measured for reference.
 */
import fs from "node:fs";
import path from "node:path";
import { withoutCovered } from "@/lib/firewall/backends/shared/covered";
import { oneSetLayout } from "@/tests/support/nft-one-set";
import { figure, median, pairedRatios, type Figure } from "./lib/figures";
import { requireRoot, timeScript, withNamespace } from "./lib/namespaces";
import { fullCpanelProfile } from "./lib/profiles";
import { naiveRestoreScript, writeNaiveRestore, writeOurFiles } from "./lib/rulefiles";
import { scratchDir } from "./lib/scratch";

const PART = "2 nft load";
const TABLE = "inet portcullis";
type Family = "v4" | "v6";
const FAMILIES = ["v4", "v6"] as const;

const isHost = (a: string) => !a.includes("/");
const elements = (list: readonly string[]) => list.join(",\n      ");

/** Our sets as the renderer fills them: covered entries left out, hosts and networks apart. */
function ourSets(blocked: Record<Family, readonly string[]>): { name: string; family: Family; list: string[] }[] {
  return FAMILIES.flatMap((f) => {
    const { kept } = withoutCovered(blocked[f]);
    return [
      { name: `block_${f}`, family: f, list: kept.filter(isHost) },
      { name: `blocknet_${f}`, family: f, list: kept.filter((a) => !isHost(a)) },
    ].filter((s) => s.list.length > 0);
  });
}

/** A re-apply that only replaces the sets' elements, in one transaction (the table's rules stay). */
function refill(sets: ReturnType<typeof ourSets>): string {
  return sets.map((s) => `flush set ${TABLE} ${s.name}\nadd element ${TABLE} ${s.name} { ${elements(s.list)} }\n`).join("");
}

export async function benchNftVariants(options: { runs: number; count: number }): Promise<Figure[]> {
  requireRoot("The nft load benchmark");
  const doc = fullCpanelProfile(options.count);
  const ours = writeOurFiles(doc, "nft-variants");
  const blocked = { v4: ours.ruleSet.blocked.v4, v6: ours.ruleSet.blocked.v6 };
  const text = fs.readFileSync(ours.nft, "utf8");
  const write = (name: string, content: string) => {
    const file = path.join(scratchDir(), name);
    fs.writeFileSync(file, content);
    return file;
  };
  const sets = ourSets(blocked);
  const files = { ours: ours.nft, refill: write("refill.nft", refill(sets)), oneSet: write("one-set.nft", oneSetLayout(text, blocked)), skeleton: path.join(scratchDir(), "skeleton.txt") };
  const listTerse = `nft -t list table ${TABLE}`;
  const naive = writeNaiveRestore(doc.policy.blocked.map((b) => b.address), "naive-variants");
  const t: Record<string, number[]> = {};
  const add = (k: string, ms: number) => (t[k] ??= []).push(ms);
  for (let i = 0; i < options.runs; i++) {
    add("naive", withNamespace((ns) => timeScript(ns, naiveRestoreScript(naive))));
    withNamespace((ns) => {
      add("ours", timeScript(ns, `nft -f '${files.ours}'`));
      add("oursAgain", timeScript(ns, `nft -f '${files.ours}'`));
      ns.script(`${listTerse} > '${files.skeleton}'`);
      add("oursRefillChecked", timeScript(ns, `${listTerse} | cmp -s - '${files.skeleton}'\nnft -f '${files.refill}'`));
      add("oursRefill", timeScript(ns, `nft -f '${files.refill}'`));
    });
    withNamespace((ns) => {
      add("oneSet", timeScript(ns, `nft -f '${files.oneSet}'`));
      add("oneSetAgain", timeScript(ns, `nft -f '${files.oneSet}'`));
    });
  }
  const n = options.count.toLocaleString("en-US");
  const hosts = sets.filter((s) => s.name.startsWith("block_")).reduce((k, s) => k + s.list.length, 0);
  const nets = sets.filter((s) => s.name.startsWith("blocknet_")).reduce((k, s) => k + s.list.length, 0);
  const vs = (k: string) => figure(PART, `naive restore file / ${k}`, "×", pairedRatios(t.naive!, t[k]!), { note: "per round; ≥ 1 means at least as fast as the naive file" });
  return [
    figure(PART, `naive: one iptables-restore file, ${n} -A lines (v4+v6)`, "ms", t.naive!),
    figure(PART, "ours (hosts in hash sets, networks in interval sets): first load", "ms", t.ours!, { note: `${hosts} single addresses, ${nets} networks` }),
    figure(PART, "ours: re-apply, the whole file (delete + recreate the table)", "ms", t.oursAgain!),
    figure(PART, "ours: re-apply by flushing and refilling the sets, one transaction", "ms", t.oursRefill!),
    figure(PART, "ours: the same, after checking the table's rules are unchanged (nft -t list + cmp)", "ms", t.oursRefillChecked!),
    figure(PART, "before the split (one auto-merge interval set per family): first load", "ms", t.oneSet!),
    figure(PART, "before the split: re-apply (delete + recreate)", "ms", t.oneSetAgain!),
    ...["ours", "oursAgain", "oursRefill", "oursRefillChecked", "oneSet", "oneSetAgain"].map(vs),
    figure(PART, "ours, first load (median)", "ms", [median(t.ours!)]),
  ];
}
