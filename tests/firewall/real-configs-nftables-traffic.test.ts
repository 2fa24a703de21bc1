/**
 * Issue 14's comparison for nftables: each real configuration (tests/fixtures/real-configs/nftables)
 * is loaded by `nft -f` (`nft -j -f` for JSON) on one server, and the nftables rendering of its
 * imported profile on another; the ports and source addresses the file mentions are probed, with
 * an unrelated address, over IPv4 and IPv6. Every difference is tied to the finding that explains it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { nftablesRenderer } from "@/lib/firewall/backends/nftables/render";
import { importFirewall } from "@/lib/firewall/import";
import type { Netns, RunResult } from "../netns/netns";
import { applyNft, withFiles } from "../support/apply";
import { compareServers, expectAlike, portsIn, sharedLab, targets, type Exception } from "../support/real-config-traffic";
import { requires } from "../support/requires";
import { META, ruleSetOf } from "../support/samples";

const ROOT = join(__dirname, "../fixtures/real-configs/nftables");
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

type StandIn = { path: string; body: string; addresses: Map<string, string> };
type Config = { name: string; path: string; text: string; findings: string[]; document: Parameters<typeof ruleSetOf>[0]; standIn: StandIn | null; sources: string[]; ports: number[] };

/**
 * The include a finding says was not given, defining each variable a finding says is undefined as
 * one documentation address of the family its rule matches: the smallest file that lets nft load
 * the original as written. Those addresses are then probed as the sources the original allows.
 */
function includeStandIn(text: string, findings: string[]): StandIn | null {
  const path = findings.map((f) => /warning include "([^"]+)": that file's rules are not read/.exec(f)?.[1]).find(Boolean);
  if (!path) return null;
  const names = new Set(findings.flatMap((f) => /warning ((?:\$\w+(?:, )?)+) is not defined in the given files/.exec(f)?.[1]?.split(", ") ?? []));
  const addresses = new Map<string, string>();
  [...names].forEach((v, i) => {
    const family = new RegExp(`\\b(ip6?) saddr \\{[^}]*\\${v}\\b`).exec(text)?.[1];
    if (!family) throw new Error(`${v}: no rule matches sources from it, so no stand-in address fits`);
    addresses.set(v.slice(1), family === "ip6" ? `2001:db8:${i + 10}::${i + 10}` : `192.0.2.${i + 10}`);
  });
  return { path, addresses, body: [...addresses].map(([v, a]) => `define ${v} = ${a}\n`).join("") };
}

/** Items of a `{ a, b }` group or one token; `$var` and `@set` expanded from the file. */
function items(raw: string, defines: Map<string, string>, sets: Map<string, string>): string[] {
  return raw.split(/[\s,{}]+/).filter(Boolean).flatMap((x) => (x.startsWith("$") ? items(defines.get(x.slice(1)) ?? "", defines, sets) : x.startsWith("@") ? items(sets.get(x.slice(1)) ?? "", defines, sets) : [x]));
}

/** Sources and ports the text mentions (rules' saddr and dport, through defines and named sets). */
function mentionedText(text: string, standIn: StandIn | null): { sources: string[]; ports: string[] } {
  const plain = text.replace(/#.*$/gm, "");
  const defines = new Map([...plain.matchAll(/define (\w+) = (\{[^}]*\}|\S+)/g)].map((m) => [m[1]!, m[2]!]));
  for (const [v, a] of standIn?.addresses ?? []) defines.set(v, a);
  const sets = new Map([...plain.matchAll(/set (\w+) \{[^}]*?elements = (\{[^}]*\})/g)].map((m) => [m[1]!, m[2]!]));
  const after = (re: RegExp) => [...plain.matchAll(re)].flatMap((m) => items(m[1]!, defines, sets));
  return { sources: after(/\bip6? saddr (?:!= )?(\{[^}]*\}|\S+)/g), ports: after(/\b(?:tcp|udp) dport (?:!= )?(\{[^}]*\}|\S+)/g) };
}

/** The same from `nft -j` JSON: matches on saddr and on tcp/udp dport, sets expanded. */
function mentionedJson(text: string): { sources: string[]; ports: string[] } {
  type Entry = { set?: { name: string; elem?: unknown[] }; rule?: { expr: { match?: { left?: { payload?: { protocol: string; field: string } }; right?: unknown } }[] } };
  const entries = (JSON.parse(text) as { nftables: Entry[] }).nftables;
  const sets = new Map(entries.flatMap((e) => (e.set ? [[e.set.name, e.set.elem ?? []] as const] : [])));
  const item = (v: unknown): string[] => {
    if (typeof v === "string" && v.startsWith("@")) return (sets.get(v.slice(1)) ?? []).flatMap(item);
    if (typeof v === "string" || typeof v === "number") return [String(v)];
    const o = (v ?? {}) as { prefix?: { addr: string; len: number }; range?: unknown[]; set?: unknown[] };
    if (o.prefix) return [`${o.prefix.addr}/${o.prefix.len}`];
    if (o.range) return [`${String(o.range[0])}-${String(o.range[1])}`];
    return (o.set ?? []).flatMap(item);
  };
  const out = { sources: [] as string[], ports: [] as string[] };
  for (const m of entries.flatMap((e) => e.rule?.expr ?? []).flatMap((x) => (x.match ? [x.match] : []))) {
    const p = m.left?.payload;
    if (p?.field === "saddr") out.sources.push(...item(m.right));
    if (p?.field === "dport" && (p.protocol === "tcp" || p.protocol === "udp")) out.ports.push(...item(m.right));
  }
  return out;
}

function config(name: string): Config {
  const [file = ""] = readdirSync(join(ROOT, name));
  const path = join(ROOT, name, file);
  const text = readFileSync(path, "utf8");
  const r = importFirewall("nftables", [{ path: file, text }], { panel: "other", os: "debian", name: "real" });
  if (!r.ok) throw new Error(r.message);
  const findings = r.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.message}`);
  const standIn = includeStandIn(text, findings);
  const seen = /^\s*\{/.test(text) ? mentionedJson(text) : mentionedText(text, standIn);
  const { sources, ports } = targets([{ sources: seen.sources, ports: seen.ports.flatMap(portsIn) }]);
  return { name, path, text, findings, document: r.document, standIn, sources, ports };
}

/** Lists a lone set flag: nft 1.0.6 (Debian 12) reads set flags only as a list, newer nft writes one flag as a string. */
function listedFlags(text: string): string {
  const doc = JSON.parse(text) as { nftables: { set?: { flags?: unknown } }[] };
  for (const e of doc.nftables) if (typeof e.set?.flags === "string") e.set.flags = [e.set.flags];
  return JSON.stringify(doc);
}

function loadOriginal(ns: Netns, c: Config): RunResult {
  if (/^\s*\{/.test(c.text)) {
    const r = ns.exec("nft", ["-j", "-f", c.path]);
    // The same ruleset in the older spelling, only where this machine's nft refuses the newer one.
    if (r.code === 0 || !/add 'flags interval'/.test(r.stderr)) return r;
    return withFiles([{ path: "ruleset.json", content: listedFlags(c.text), installPath: "", description: "the original, flags listed" }], (dir) => ns.exec("nft", ["-j", "-f", join(dir, "ruleset.json")]));
  }
  if (!c.standIn) return ns.exec("nft", ["-f", c.path]);
  // The include goes on a tmpfs over its top folder, in a mount namespace that ends with nft.
  const top = `/${c.standIn.path.split("/")[1] ?? ""}`;
  const script = 'mount -t tmpfs pc-include "$1" && mkdir -p "$(dirname "$2")" && cat > "$2" && exec nft -f "$3"';
  return ns.exec("unshare", ["--mount", "--propagation", "private", "sh", "-c", script, "sh", top, c.standIn.path, c.path], c.standIn.body);
}

const CONFIGS = readdirSync(ROOT).filter((d) => !d.includes(".")).map(config);

/** The stand-in address of `$name`: the original lets it in, the profile (without the rule) does not. */
const undefinedVariable = (line: number, name: string): ((c: Config) => Exception) => (c) => ({
  finding: new RegExp(`^nftables\\.conf:${line} warning \\$${name} is not defined in the given files`),
  when: (p) => p.src === c.standIn?.addresses.get(name),
  original: "open",
});

const EXCEPTIONS: Record<string, ((c: Config) => Exception)[]> = {
  "dfinity-gateway": [undefinedVariable(50, "gw_saddr_v4"), undefinedVariable(96, "gw_saddr_v6"), undefinedVariable(112, "ssh_saddr"), undefinedVariable(115, "monitoring_saddr")],
  // Chain c has no hook: the original filters nothing. The profile leaves IPv6 unfiltered too, but denies on IPv4.
  "nftables-testsuite": [() => ({ finding: /^0001named_interval_0\.json-nft:0 warning No ip or inet table filters input: the original lets all IPv4 traffic in/, when: (p) => !p.v6, original: "open" })],
};

const lab = sharedLab(CONFIGS, cleanups);

describe("real nftables configurations: nft and the imported profile answer alike", () => {
  requires("root", "ip", "nft", "unshare", "mount");

  test.each(CONFIGS.map((c) => c.name))("%s", async (name) => {
    const c = CONFIGS.find((x) => x.name === name)!;
    const { original, imported } = await lab();
    for (const pair of [original, imported]) pair.server.must("nft", ["flush", "ruleset"]);
    const loaded = loadOriginal(original.server, c);
    expect(loaded.code, loaded.stderr).toBe(0);
    const applied = applyNft(imported.server, nftablesRenderer.render(ruleSetOf(c.document), META));
    expect(applied.code, applied.stderr).toBe(0);

    const result = compareServers({ original, imported }, c.sources, c.ports, c.findings, (EXCEPTIONS[name] ?? []).map((e) => e(c)));
    expectAlike(result);
  }, 120_000);
});
