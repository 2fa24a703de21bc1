/**
 * Part 2d (issue 19 item 1): ways to write the 100k blocklist for nft, loaded side by side with
 * the naive single iptables-restore file, each in a fresh namespace and in interleaved rounds: a
 * first load, and a re-apply over the loaded table. The variants are derived from our rendered
 * file (same chains, same rules, only the blocklist sets and their lookups differ).
 */
import fs from "node:fs";
import path from "node:path";
import { figure, median, pairedRatios, type Figure } from "./lib/figures";
import { requireRoot, timeScript, withNamespace } from "./lib/namespaces";
import { fullCpanelProfile } from "./lib/profiles";
import { naiveRestoreScript, writeNaiveRestore, writeOurFiles } from "./lib/rulefiles";
import { scratchDir } from "./lib/scratch";

const PART = "2 nft variants";
const TABLE = "inet portcullis";
type Family = "v4" | "v6";
const TYPE = { v4: "ipv4_addr", v6: "ipv6_addr" } as const;
const SADDR = { v4: "ip saddr", v6: "ip6 saddr" } as const;
const DADDR = { v4: "ip daddr", v6: "ip6 daddr" } as const;

const isHost = (a: string) => !a.includes("/");
const elements = (list: readonly string[]) => list.join(",\n      ");

function setBlock(name: string, family: Family, flags: string, list: readonly string[]): string {
  const body = list.length > 0 ? `\n    elements = { ${elements(list)} }` : "";
  return `  set ${name} {\n    type ${TYPE[family]};${flags ? ` flags ${flags};` : ""}${body}\n  }`;
}

/** Replaces the `set block_<f> { … }` declaration of our file. */
function replaceSet(text: string, family: Family, replacement: string): string {
  const start = text.indexOf(`  set block_${family} {`);
  if (start === -1) throw new Error(`no block_${family} set in the rendered file`);
  const end = text.indexOf("\n  }\n", start) + "\n  }".length;
  return text.slice(0, start) + replacement + text.slice(end);
}

/** Our file with interval sets that do not auto-merge (the entries never overlap: the warnings say when they do). */
function noAutoMerge(text: string): string {
  return text.replaceAll("flags interval; auto-merge", "flags interval");
}

/** Single addresses in a plain hash set, networks in an interval set: two lookups per packet. */
function split(text: string, blocked: Record<Family, readonly string[]>, netFlags: string): string {
  let out = text;
  for (const f of ["v4", "v6"] as const) {
    const hosts = blocked[f].filter(isHost);
    const nets = blocked[f].filter((a) => !isHost(a));
    out = replaceSet(out, f, `${setBlock(`block_${f}`, f, "", hosts)}\n${setBlock(`blocknet_${f}`, f, netFlags, nets)}`);
    out = out.replace(`    ${SADDR[f]} @block_${f} drop`, `    ${SADDR[f]} @block_${f} drop\n    ${SADDR[f]} @blocknet_${f} drop`);
    out = out.replace(`    ${DADDR[f]} @block_${f} reject with icmpx type admin-prohibited`, `    ${DADDR[f]} @block_${f} reject with icmpx type admin-prohibited\n    ${DADDR[f]} @blocknet_${f} reject with icmpx type admin-prohibited`);
  }
  return out;
}

/** A re-apply that only replaces the sets' elements, in one transaction (the table's rules stay). */
function elementsOnly(blocked: Record<Family, readonly string[]>): string {
  return (["v4", "v6"] as const).map((f) => refill(`block_${f}`, blocked[f])).join("");
}

function refill(set: string, list: readonly string[]): string {
  return `flush set ${TABLE} ${set}\n${list.length > 0 ? `add element ${TABLE} ${set} { ${elements(list)} }\n` : ""}`;
}

/** The same for the split layout: both sets of each family. */
function splitElementsOnly(blocked: Record<Family, readonly string[]>): string {
  return (["v4", "v6"] as const).map((f) => refill(`block_${f}`, blocked[f].filter(isHost)) + refill(`blocknet_${f}`, blocked[f].filter((a) => !isHost(a)))).join("");
}

export async function benchNftVariants(options: { runs: number; count: number }): Promise<Figure[]> {
  requireRoot("The nft variants benchmark");
  const doc = fullCpanelProfile(options.count);
  const ours = writeOurFiles(doc, "nft-variants");
  const blocked = { v4: ours.ruleSet.blocked.v4, v6: ours.ruleSet.blocked.v6 };
  const text = fs.readFileSync(ours.nft, "utf8");
  const write = (name: string, content: string) => {
    const file = path.join(scratchDir(), name);
    fs.writeFileSync(file, content);
    return file;
  };
  const files = {
    ours: ours.nft,
    noMerge: write("no-merge.nft", noAutoMerge(text)),
    split: write("split.nft", split(text, blocked, "interval")),
    splitMerge: write("split-merge.nft", split(text, blocked, "interval; auto-merge")),
    splitElements: write("split-elements.nft", splitElementsOnly(blocked)),
    elements: write("elements.nft", elementsOnly(blocked)),
  };
  const naive = writeNaiveRestore(doc.policy.blocked.map((b) => b.address), "naive-variants");
  const t: Record<string, number[]> = {};
  const add = (k: string, ms: number) => (t[k] ??= []).push(ms);
  for (let i = 0; i < options.runs; i++) {
    add("naive", withNamespace((ns) => timeScript(ns, naiveRestoreScript(naive))));
    withNamespace((ns) => {
      add("ours", timeScript(ns, `nft -f '${files.ours}'`));
      add("oursAgain", timeScript(ns, `nft -f '${files.ours}'`));
      add("oursElements", timeScript(ns, `nft -f '${files.elements}'`));
    });
    withNamespace((ns) => {
      add("noMerge", timeScript(ns, `nft -f '${files.noMerge}'`));
      add("noMergeAgain", timeScript(ns, `nft -f '${files.noMerge}'`));
      add("noMergeElements", timeScript(ns, `nft -f '${files.elements}'`));
    });
    withNamespace((ns) => {
      add("split", timeScript(ns, `nft -f '${files.split}'`));
      add("splitAgain", timeScript(ns, `nft -f '${files.split}'`));
      add("splitElements", timeScript(ns, `nft -f '${files.splitElements}'`));
    });
    withNamespace((ns) => {
      add("splitMerge", timeScript(ns, `nft -f '${files.splitMerge}'`));
      add("splitMergeAgain", timeScript(ns, `nft -f '${files.splitMerge}'`));
    });
  }
  const n = options.count.toLocaleString("en-US");
  const vs = (k: string) => figure(PART, `naive restore file / ${k}`, "×", pairedRatios(t.naive!, t[k]!), { note: "per round; ≥ 1 means at least as fast as the naive file" });
  return [
    figure(PART, `naive: one iptables-restore file, ${n} -A lines (v4+v6)`, "ms", t.naive!),
    figure(PART, "ours (interval + auto-merge): first load", "ms", t.ours!),
    figure(PART, "ours: re-apply (delete + recreate the table)", "ms", t.oursAgain!),
    figure(PART, "ours: re-apply by flushing and refilling the sets, one transaction", "ms", t.oursElements!),
    figure(PART, "interval without auto-merge: first load", "ms", t.noMerge!),
    figure(PART, "interval without auto-merge: re-apply (delete + recreate)", "ms", t.noMergeAgain!),
    figure(PART, "interval without auto-merge: re-apply by refilling the sets", "ms", t.noMergeElements!),
    figure(PART, "hosts in a hash set + networks in an interval set: first load", "ms", t.split!, { note: `${blocked.v4.filter(isHost).length + blocked.v6.filter(isHost).length} single addresses` }),
    figure(PART, "hosts in a hash set + networks in an interval set: re-apply (delete + recreate)", "ms", t.splitAgain!),
    figure(PART, "hosts in a hash set + networks in an interval set: re-apply by refilling the sets", "ms", t.splitElements!),
    figure(PART, "hosts in a hash set + networks in an auto-merge interval set: first load", "ms", t.splitMerge!),
    figure(PART, "hosts in a hash set + networks in an auto-merge interval set: re-apply", "ms", t.splitMergeAgain!),
    ...["ours", "oursAgain", "oursElements", "noMerge", "noMergeAgain", "noMergeElements", "split", "splitAgain", "splitElements", "splitMerge", "splitMergeAgain"].map(vs),
    figure(PART, "fastest first load", "ms", [Math.min(median(t.ours!), median(t.noMerge!), median(t.split!), median(t.splitMerge!))]),
  ];
}
