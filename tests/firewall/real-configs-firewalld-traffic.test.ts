/**
 * Issue 14's comparison for firewalld: each real configuration (tests/fixtures/real-configs/firewalld)
 * is loaded by the real daemon on one server, and the nftables rendering of its imported profile on
 * another; the ports it mentions are probed from the addresses it names (allowed or blocked) and from
 * an unrelated one, over IPv4 and IPv6. The results must be equal. What the files reference but do
 * not hold (a service or ipset defined elsewhere on the original server) is stubbed empty, and only
 * where an import finding names it: the finding is the reason the profile lacks it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { nftablesRenderer } from "@/lib/firewall/backends/nftables/render";
import { STOCK_SERVICES } from "@/lib/firewall/backends/firewalld/import";
import { importFirewall } from "@/lib/firewall/import";
import { createPair, type Pair } from "../netns/netns";
import { runProbes, startListener, type Probe } from "../netns/traffic";
import { applyNft } from "../support/apply";
import { startFirewalld } from "../support/firewalld-daemon";
import { PrivateRoot } from "../support/private-root";
import { requires } from "../support/requires";
import { META, ruleSetOf } from "../support/samples";

const ROOT = join(__dirname, "../fixtures/real-configs/firewalld");
const UNRELATED = ["198.51.100.77", "2001:db8:77::77"];
const CONTROL = 7777;
const FOLDER = { zone: "zones", service: "services", ipset: "ipsets", policy: "policies" } as const;

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

type Config = { files: Record<string, string>; findings: string[] };

/** The fixture's files at their place under /etc/firewalld, by their root element. */
function placed(name: string): Record<string, string> {
  const dir = join(ROOT, name);
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".xml"))) {
    const text = readFileSync(join(dir, f), "utf8");
    const root = /<(zone|service|ipset|policy)\b/.exec(text)?.[1] as keyof typeof FOLDER;
    out[`${FOLDER[root]}/${f}`] = text;
  }
  return out;
}

/** Empty stand-ins for what a finding says is missing, so the daemon loads the rest as written. */
function stubs(findings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of findings) {
    const set = /ipset (\S+) is not among the files/.exec(f)?.[1];
    if (set) out[`ipsets/${set}.xml`] = '<?xml version="1.0"?>\n<ipset type="hash:net"/>\n';
    const service = /Service (\S+) is neither among the given files/.exec(f)?.[1];
    if (service) out[`services/${service}.xml`] = '<?xml version="1.0"?>\n<service/>\n';
  }
  return out;
}

/** Ports the files mention (their own and those of stock services they name), and a control port. */
function mentioned(files: Record<string, string>): { tcp: number[]; udp: number[] } {
  const out = { tcp: new Set([CONTROL]), udp: new Set([CONTROL]) };
  const add = (proto: string, port: string) => {
    const [from, to] = port.split("-").map(Number);
    for (const p of [from, to ?? from]) if (p && (proto === "tcp" || proto === "udp")) out[proto].add(p);
  };
  for (const text of Object.values(files)) {
    for (const [el] of text.matchAll(/<port\b[^>]*>/g)) add(/protocol="(\w+)"/.exec(el)?.[1] ?? "", /port="([\d-]+)"/.exec(el)?.[1] ?? "");
    for (const [, name] of text.matchAll(/<service name="([^"]+)"/g)) for (const p of STOCK_SERVICES[name!] ?? []) add(p.protocol, p.port);
  }
  return { tcp: [...out.tcp], udp: [...out.udp] };
}

/** Plain addresses the files name as sources or set entries (CIDRs are left to the unrelated probe). */
function named(files: Record<string, string>): string[] {
  const text = Object.values(files).join("\n");
  const found = [...text.matchAll(/<source address="([^"/]+)"|<entry>([^<>/]+)<\/entry>/g)].map((m) => (m[1] ?? m[2])!.trim());
  return [...new Set(found)];
}

function probes(pair: Pair, sources: string[], ports: { tcp: number[]; udp: number[] }): Omit<Probe, "expectOpen">[] {
  return sources.flatMap((src) => (["tcp", "udp"] as const).flatMap((proto) => ports[proto].map((port) => ({ id: `${src}>${port}/${proto}`, src, dst: src.includes(":") ? pair.serverV6 : pair.serverV4, port, proto }))));
}

async function server(addresses: string[], ports: { tcp: number[]; udp: number[] }): Promise<Pair> {
  const pair = createPair(addresses);
  const listener = await startListener(pair.server, ports);
  cleanups.push(() => pair.destroy(), () => listener.kill("SIGKILL"));
  return pair;
}

function config(name: string): Config & { document: Parameters<typeof ruleSetOf>[0] } {
  const files = placed(name);
  const r = importFirewall("firewalld", Object.entries(files).map(([path, text]) => ({ path: path.split("/")[1]!, text })), { panel: "other", os: "almalinux", name: "real" });
  if (!r.ok) throw new Error(r.message);
  return { files, findings: r.findings.map((f) => f.message), document: r.document };
}

describe("real firewalld configurations: the daemon and the imported profile answer alike", () => {
  requires("root", "ip", "nsenter", "unshare", "nft", "firewalld", "firewall-cmd", "dbus-daemon");

  test.each(readdirSync(ROOT).filter((d) => !d.includes(".")))("%s", async (name) => {
    const { files, findings, document } = config(name);
    const ports = mentioned(files);
    const sources = [...UNRELATED, ...named(files)];

    const original = await server(sources, ports);
    const machine = await new PrivateRoot(cleanups).boot(original.server);
    for (const [path, text] of Object.entries({ ...stubs(findings), ...files })) {
      const target = machine.path(`/etc/firewalld/${path}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    await startFirewalld(machine);
    expect(machine.must("firewall-cmd --get-default-zone").trim()).toBe("public");

    const imported = await server(sources, ports);
    const applied = applyNft(imported.server, nftablesRenderer.render(ruleSetOf(document), META));
    expect(applied.code, applied.stderr).toBe(0);

    const before = runProbes(original.client, probes(original, sources, ports), 2000);
    const after = runProbes(imported.client, probes(imported, sources, ports), 2000);
    const differences = [...before].filter(([id, result]) => (result === "open") !== (after.get(id) === "open")).map(([id, result]) => `${id}: daemon ${result}, imported ${after.get(id)}`);
    expect(differences).toEqual([]);
    expect([...before.values()].some((r) => r === "open") || name === "firewalld-upstream").toBe(true);
  }, 180_000);
});
