/**
 * Issue 14's comparison for UFW: each real configuration (tests/fixtures/real-configs/ufw) is put
 * into a private /etc/ufw (tests/support/ufw.ts: ufw's installation copies of every rules file,
 * the given ones on top) and enabled by the real ufw on one server; the UFW rendering of its
 * imported profile is applied the same way on another. The ports and source addresses the files
 * mention are probed, with an unrelated address, over IPv4 and IPv6. Every difference is tied to
 * the finding that explains it.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { contains, toNetwork } from "@/lib/firewall/address";
import { ufwRenderer } from "@/lib/firewall/backends/ufw/render";
import { importFirewall } from "@/lib/firewall/import";
import type { Netns, RunResult } from "../netns/netns";
import { compareServers, expectAlike, mentionedRules, portsIn, resetNetfilter, sharedLab, targets, type Exception } from "../support/real-config-traffic";
import { requires } from "../support/requires";
import { META, ruleSetOf } from "../support/samples";
import { UfwSandbox } from "../support/ufw";

const ROOT = join(__dirname, "../fixtures/real-configs/ufw");
/** What the ufw package installs as /etc/ufw/*.rules. */
const STOCK = "/usr/share/ufw/iptables";
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

type File = { path: string; text: string };
type Config = { name: string; files: File[]; findings: string[]; document: Parameters<typeof ruleSetOf>[0]; sources: string[]; ports: number[] };

const STATUS_ROW = /^(\S+?)(?:\/(tcp|udp))?( \(v6\))?\s+(ALLOW|DENY|REJECT|LIMIT)(?: (IN|OUT))?\s+(.+?)\s*$/;
const isStatus = (f: File) => /^Status:/m.test(f.text);
const statusRows = (text: string) => text.split("\n").flatMap((l) => {
  const m = STATUS_ROW.exec(l);
  return m ? [m] : [];
});

/** Ports and sources of `ufw status` rows (the From column). */
function mentionedStatus(text: string): { sources: string[]; ports: number[] } {
  const rows = statusRows(text);
  return { sources: rows.map((m) => m[6]!.replace(/ \(v6\)$/, "")).filter((s) => s !== "Anywhere"), ports: rows.flatMap((m) => portsIn(m[1]!)) };
}

function config(name: string): Config {
  const dir = join(ROOT, name);
  const files = readdirSync(dir).map((f) => ({ path: f, text: readFileSync(join(dir, f), "utf8") }));
  const r = importFirewall("ufw", files, { panel: "other", os: "ubuntu", name: "real" });
  if (!r.ok) throw new Error(r.message);
  const seen = files.map((f) => (isStatus(f) ? mentionedStatus(f.text) : mentionedRules(f.text)));
  const { sources, ports } = targets(seen);
  return { name, files, findings: r.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.message}`), document: r.document, sources, ports };
}

/**
 * A captured `ufw status verbose` is not a file ufw reads: the stand-in is the ufw commands that
 * print it (the Default line, then one `ufw allow` per row; with IPv6 on, ufw writes the (v6) row
 * of each itself). Rows it cannot replay stop the test rather than being left out.
 */
function statusCommands(text: string): string[] {
  const defaults = /^Default: (\w+) \(incoming\), (\w+) \(outgoing\)/m.exec(text);
  const commands = defaults ? [`default ${defaults[1]} incoming`, `default ${defaults[2]} outgoing`] : [];
  const rows = statusRows(text);
  for (const [line, to, proto, v6, action, dir = "IN", from] of rows) {
    if (action !== "ALLOW" || dir !== "IN" || from?.replace(/ \(v6\)$/, "") !== "Anywhere") throw new Error(`no replay for the row "${line}"`);
    if (!v6) commands.push(`allow ${to}${proto ? `/${proto}` : ""}`);
    else if (!rows.some((r) => !r[3] && r[1] === to && r[2] === proto)) throw new Error(`an IPv6-only row "${line}"`);
  }
  return commands;
}

/** A private /etc/ufw with the installation's rules files, the given ones on top, and UFW's defaults. */
function loadOriginal(ns: Netns, files: File[]): RunResult {
  const sandbox = new UfwSandbox(true);
  cleanups.push(() => sandbox.destroy());
  for (const f of readdirSync(STOCK)) copyFileSync(join(STOCK, f), join(sandbox.dir, "etc/ufw", f));
  // What the "assumed UFW's defaults" finding names: deny incoming, allow outgoing, IPv6 on.
  const defaults = join(sandbox.dir, "etc/default/ufw");
  writeFileSync(defaults, readFileSync(defaults, "utf8").replace(/^DEFAULT_INPUT_POLICY=.*$/m, 'DEFAULT_INPUT_POLICY="DROP"').replace(/^DEFAULT_OUTPUT_POLICY=.*$/m, 'DEFAULT_OUTPUT_POLICY="ACCEPT"'));
  for (const f of files.filter((x) => !isStatus(x))) writeFileSync(join(sandbox.dir, "etc/ufw", f.path), f.text);
  const commands = files.filter(isStatus).flatMap((f) => statusCommands(f.text));
  return ns.exec("sh", ["-c", [...commands, "--force enable"].map((c) => `${sandbox.ufw} ${c}`).join(" && ")]);
}

function applyImported(ns: Netns, c: Config): RunResult {
  const ruleSet = ruleSetOf(c.document);
  const sandbox = new UfwSandbox(ruleSet.ipv6);
  cleanups.push(() => sandbox.destroy());
  return sandbox.apply(ufwRenderer.render(ruleSet, META), ns);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * UFW appends `deny from` below the allows, so the first matching ACCEPT keeps those ports open to
 * a blocked address; the finding names the ports and the address, and explains exactly those probes.
 */
function blockedAfterAllows(findings: string[]): Exception[] {
  return findings.flatMap((f) => {
    const m = /^\S+ warning Blocked after earlier allows: (.+) stayed open to (\S+) in the original/.exec(f);
    if (!m) return [];
    const [ports, address] = [m[1]!.split(", "), m[2]!];
    return [{ finding: new RegExp(`^${escape(f)}$`), when: (p) => !p.v6 && contains(toNetwork(address), toNetwork(p.src)) && ports.includes(`${p.proto} ${p.port}`), original: "open" } satisfies Exception];
  });
}

const CONFIGS = readdirSync(ROOT).filter((d) => !d.includes(".")).map(config);

const EXCEPTIONS: Record<string, (c: Config) => Exception[]> = {
  // user6.rules is not among the files: the stand-in is ufw's empty one, so nothing is open on IPv6 there.
  "digitalocean-docker": () => [{ finding: /^user\.rules:0 warning user\.rules was given without user6\.rules/, when: (p) => p.v6, original: "closed" }],
  "imarkplace-web": (c) => blockedAfterAllows(c.findings),
};

const lab = sharedLab(CONFIGS, cleanups);

describe("real UFW configurations: ufw and the imported profile answer alike", () => {
  requires("root", "ip", "ufw", "iptables-restore", "ip6tables-restore");

  test.each(CONFIGS.map((c) => c.name))("%s", async (name) => {
    const c = CONFIGS.find((x) => x.name === name)!;
    const { original, imported } = await lab();
    for (const pair of [original, imported]) resetNetfilter(pair.server);
    const loaded = loadOriginal(original.server, c.files);
    expect(loaded.code, loaded.stderr + loaded.stdout).toBe(0);
    const applied = applyImported(imported.server, c);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);

    const result = compareServers({ original, imported }, c.sources, c.ports, c.findings, EXCEPTIONS[name]?.(c) ?? []);
    expectAlike(result);
  }, 120_000);
});
