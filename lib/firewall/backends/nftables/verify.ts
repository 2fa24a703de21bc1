/**
 * nftables verify (docs/backends.md "Verify"): the whole ruleset as JSON, the boot configuration
 * of both OS families and whether the nftables service loads it. Only table inet portcullis is
 * compared; Docker's and fail2ban's tables are foreign, any other table that holds rules is named.
 */
import type { ImportFile } from "../../import/types";
import { sectionText, type LiveFile } from "../../verify/live-file";
import { enabledState, foreignKind, isEnabled, pendingApply, recordedFiles } from "../../verify/read";
import type { LiveView, VerifySpec } from "../types";
import { NFT_PATHS } from "./paths";
import { NFT_TABLE } from "./render";

type Item = Record<string, { family?: string; table?: string; name?: string; chain?: string } | undefined>;
const OURS = `inet ${NFT_TABLE}`;

/** The table an item of `nft -j list ruleset` belongs to (`inet portcullis`), or null (metainfo). */
function tableOf(item: Item): string | null {
  const [kind, body] = Object.entries(item)[0] ?? [];
  if (!kind || !body || typeof body !== "object") return null;
  const name = kind === "table" ? body.name : body.table;
  return body.family && name ? `${body.family} ${name}` : null;
}

function readRunning(live: LiveFile, view: LiveView): void {
  const s = live.sections.get("live nft-ruleset");
  if (!s || s.status !== 0) {
    view.missing.push(`the running ruleset (nft -j list ruleset failed with exit ${s?.status ?? "not recorded"})`);
    return;
  }
  let items: Item[];
  try {
    items = (JSON.parse(s.text) as { nftables?: Item[] }).nftables ?? [];
    if (!Array.isArray(items)) throw new Error("no nftables array");
  } catch {
    view.missing.push("the running ruleset (nft -j list ruleset did not print JSON)");
    return;
  }
  const tables = new Map<string, { chains: string[]; hooks: string[]; rules: number }>();
  for (const item of items) {
    const t = tableOf(item);
    if (t === null) continue;
    const entry = tables.get(t) ?? { chains: [], hooks: [], rules: 0 };
    tables.set(t, entry);
    if (item.chain?.name) entry.chains.push(item.chain.name);
    const hook = (item.chain as { hook?: string } | undefined)?.hook;
    if (hook) entry.hooks.push(hook);
    if (item.rule) entry.rules += 1;
  }
  for (const [name, t] of tables) {
    if (name === OURS) continue;
    const kind = foreignKind(name.split(" ")[1] ?? "") ?? t.chains.map(foreignKind).find((k) => k !== null) ?? null;
    if (kind) view.foreign.push(`table ${name} (${kind})`);
    else if (t.rules > 0) view.extra.push(`table ${name} (${t.rules} rules${t.hooks.length > 0 ? ` on the ${[...new Set(t.hooks)].join(", ")} hook` : ""})`);
  }
  const ours = tables.get(OURS);
  if (!ours) view.missing.push(`table ${OURS} (nothing of ours is loaded: flushed, or never applied)`);
  else for (const hook of ["input", "output"]) if (!ours.hooks.includes(hook)) view.missing.push(`the ${hook} chain of table ${OURS}`);
  const own = { nftables: items.filter((i) => tableOf(i) === OURS || tableOf(i) === null) };
  view.running.push({ path: "nft-ruleset.json", text: JSON.stringify(own) });
}

/** Files the main configuration includes (one level, globs matched against recorded files). */
function included(live: LiveFile, main: string): { files: ImportFile[]; flushAfter: boolean } {
  const files: ImportFile[] = [];
  let flushAfter = false;
  for (const line of main.split("\n")) {
    const path = /^\s*include\s+"([^"]+)"/.exec(line)?.[1];
    if (path) files.push(...recordedFiles(live, path));
    else if (/^\s*flush\s+ruleset\b/.test(line) && files.some((f) => f.text.includes(`table ${OURS}`))) flushAfter = true;
  }
  return { files, flushAfter };
}

function readBoot(live: LiveFile): LiveView["boot"] {
  if (!isEnabled(live, "nftables")) return { problem: `the nftables service does not start at boot (systemctl is-enabled nftables: ${enabledState(live, "nftables")}).` };
  const mainPath = [NFT_PATHS.rhel.mainConfig, NFT_PATHS.debian.mainConfig].find((p) => sectionText(live, `file ${p}`) !== null);
  if (!mainPath) return { problem: `neither ${NFT_PATHS.rhel.mainConfig} nor ${NFT_PATHS.debian.mainConfig} exists: nothing loads at boot.` };
  const main = sectionText(live, `file ${mainPath}`) ?? "";
  const { files, flushAfter } = included(live, main);
  const ours = [{ path: mainPath, text: main }, ...files].filter((f) => f.text.includes(`table ${OURS}`));
  if (ours.length === 0) return { problem: `${mainPath} neither defines nor includes table ${OURS}: it does not load at boot.` };
  if (flushAfter) return { problem: `${mainPath} runs flush ruleset after including table ${OURS}, which removes it again at boot.` };
  return { files: ours };
}

export const nftablesVerify: VerifySpec = {
  commands: [{ id: "nft-ruleset", command: "nft -j list ruleset" }],
  files: [NFT_PATHS.rhel.mainConfig, NFT_PATHS.debian.mainConfig, "/etc/nftables.d/*.nft", "/etc/nftables/*.nft"],
  services: ["nftables"],
  // The profile's own rule set: the import round trip (import.test.ts, a property over generated
  // profiles) proves reading portcullis.nft back gives exactly that, and skipping the render and
  // its import halves the comparison of a 100,000-entry server.
  expected: "profile",
  read(live) {
    const view: LiveView = { running: [], missing: [], foreign: [], extra: [], boot: readBoot(live), pending: pendingApply(live) };
    readRunning(live, view);
    return view;
  },
};
