/**
 * Rule files for the apply and per-packet measurements: ours (rendered from the big profile) and
 * the naive ones (one DROP rule per address), written once per bench run into the scratch folder.
 */
import fs from "node:fs";
import path from "node:path";
import { getCatalog, resolvePolicy, type ProfileDocument, type RuleSet } from "@/lib/firewall";
import { BACKEND_MODULES } from "@/lib/firewall/backends";
import { scratchDir } from "./scratch";

const META = { generatedAt: "2026-11-22T12:00:00Z", productVersion: "0.1.0-bench", warnings: [] };

export type OurFiles = { dir: string; ruleSet: RuleSet; nft: string; ipset?: string; v4: string; v6?: string };

export function writeOurFiles(doc: ProfileDocument, name: string): OurFiles {
  const dir = path.join(scratchDir(), name);
  fs.mkdirSync(dir, { recursive: true });
  const ruleSet = resolvePolicy(doc, getCatalog(doc.server.panel));
  const write = (file: string, content: string) => {
    const full = path.join(dir, file);
    fs.writeFileSync(full, content);
    return full;
  };
  const nft = write("portcullis.nft", BACKEND_MODULES.nftables.render(ruleSet, META)[0]!.content);
  const ipt = BACKEND_MODULES.iptables.render(ruleSet, META);
  const get = (p: string) => ipt.find((f) => f.path === p)?.content;
  const ipset = get("portcullis.ipset");
  const v6 = get("rules.v6");
  return {
    dir,
    ruleSet,
    nft,
    ipset: ipset === undefined ? undefined : write("portcullis.ipset", ipset),
    v4: write("rules.v4", get("rules.v4")!),
    v6: v6 === undefined ? undefined : write("rules.v6", v6),
  };
}

/** Shell lines that apply our iptables files the way apply.sh does (ipset first, --noflush, idempotent hooks). */
export function iptablesApplyScript(files: OurFiles): string {
  const lines: string[] = [];
  if (files.ipset) lines.push(`ipset restore < '${files.ipset}'`);
  for (const [tool, file] of [["iptables", files.v4], ["ip6tables", files.v6]] as const) {
    if (!file) continue;
    lines.push(`${tool}-restore --noflush < '${file}'`);
    lines.push(`${tool} -C INPUT -j PORTCULLIS-IN 2>/dev/null || ${tool} -I INPUT 1 -j PORTCULLIS-IN`);
    lines.push(`${tool} -C OUTPUT -j PORTCULLIS-OUT 2>/dev/null || ${tool} -I OUTPUT 1 -j PORTCULLIS-OUT`);
  }
  return lines.join("\n");
}

const tool = (address: string) => (address.includes(":") ? "ip6tables" : "iptables");

/** The top-talkers way: one `iptables -A INPUT -s ADDR -j DROP` process per address. */
export function writeNaiveCommands(addresses: readonly string[], name: string): string {
  const file = path.join(scratchDir(), `${name}.sh`);
  fs.writeFileSync(file, addresses.map((a) => `${tool(a)} -A INPUT -s ${a} -j DROP`).join("\n") + "\n");
  return file;
}

/** The same linear chain in one iptables-restore file per family (the second naive variant). */
export function writeNaiveRestore(addresses: readonly string[], name: string): { v4: string; v6: string } {
  const out = { v4: path.join(scratchDir(), `${name}.v4`), v6: path.join(scratchDir(), `${name}.v6`) };
  for (const family of ["v4", "v6"] as const) {
    const mine = addresses.filter((a) => a.includes(":") === (family === "v6"));
    fs.writeFileSync(out[family], ["*filter", ...mine.map((a) => `-A INPUT -s ${a} -j DROP`), "COMMIT", ""].join("\n"));
  }
  return out;
}

export function naiveRestoreScript(files: { v4: string; v6: string }): string {
  return `iptables-restore < '${files.v4}'\nip6tables-restore < '${files.v6}'`;
}
