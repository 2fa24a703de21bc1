/**
 * Issue 15: verifying a server with 100,000 blocked entries. In a fresh namespace the big cPanel
 * profile's nftables rules (then its iptables rules and ipsets) are loaded and the bundle's real
 * verify.sh runs there (target < 5 s); the file it wrote is then parsed and compared with the
 * profile in process (target < 1 s).
 */
import fs from "node:fs";
import path from "node:path";
import { bundleEntries, slugify } from "@/lib/firewall/bundle";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { parseLiveFile, verifyLive } from "@/lib/firewall/verify";
import { figure, timed, type Figure } from "./lib/figures";
import { requireRoot, timeScript, withNamespace } from "./lib/namespaces";
import { fullCpanelProfile } from "./lib/profiles";
import { scratchDir } from "./lib/scratch";

const PART = "6 verify";

/** How each measured backend's rules are loaded in the namespace, as its apply.sh would leave them. */
const LOAD: Record<"nftables" | "iptables", (folder: string) => string> = {
  nftables: (folder) => `nft -f '${folder}/portcullis.nft'`,
  iptables: (folder) => [
    `ipset restore -exist < '${folder}/portcullis.ipset'`,
    `iptables-restore --noflush '${folder}/rules.v4'`,
    `ip6tables-restore --noflush '${folder}/rules.v6'`,
    ...["iptables", "ip6tables"].flatMap((t) => [`${t} -I INPUT 1 -j PORTCULLIS-IN`, `${t} -I OUTPUT 1 -j PORTCULLIS-OUT`]),
  ].join("\n"),
};

const READS: Record<"nftables" | "iptables", string> = {
  nftables: "nft -j list ruleset and the boot files",
  iptables: "iptables-save, ip6tables-save, ipset save and the boot files",
};

async function verifyBackend(backend: "nftables" | "iptables", options: { runs: number; count: number }): Promise<Figure[]> {
  const big = fullCpanelProfile(options.count);
  const doc = profileDocumentSchema.parse({ ...big, policy: { ...big.policy, backend } });
  const root = path.join(scratchDir(), "verify", backend);
  fs.rmSync(root, { recursive: true, force: true });
  for (const e of bundleEntries(doc, { generatedAt: "2026-12-02T00:00:00Z", productVersion: "0.1.0-bench", backends: [backend] })) {
    fs.mkdirSync(path.dirname(path.join(root, e.path)), { recursive: true });
    fs.writeFileSync(path.join(root, e.path), e.content, { mode: e.mode });
  }
  const folder = path.join(root, slugify(doc.server.name), backend);
  const out = path.join(root, "live");
  const script: number[] = [];
  let text = "";
  withNamespace((ns) => {
    timeScript(ns, LOAD[backend](folder));
    for (let i = 0; i < options.runs; i++) {
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(out);
      script.push(timeScript(ns, `PORTCULLIS_STATE_DIR='${root}/state' sh '${folder}/verify.sh' '${out}' >/dev/null`));
    }
    text = fs.readFileSync(path.join(out, fs.readdirSync(out)[0]!), "utf8");
  });
  const compare: number[] = [];
  for (let i = 0; i < options.runs + 1; i++) {
    const { ms, value } = await timed(() => {
      const parsed = parseLiveFile(text);
      if (!parsed.ok) throw new Error(parsed.message);
      return verifyLive(doc, parsed.live);
    });
    // Only the boot save differs here (the namespace shares this machine's /etc, which holds none of ours).
    if (value.drift.some((d) => d.kind !== "not-persisted" && d.kind !== "boot-differs")) throw new Error(`unexpected drift: ${value.drift.map((d) => d.message).join("; ")}`);
    if (i > 0) compare.push(ms);
  }
  const n = doc.policy.blocked.length.toLocaleString("en");
  return [
    figure(PART, `${backend}: verify.sh on a server with ${n} blocked entries`, "ms", script, { target: { op: "<", value: 5000 }, note: `${READS[backend]} into a ${(text.length / 1e6).toFixed(1)} MB live file, in a namespace` }),
    figure(PART, `${backend}: live file with ${n} blocked entries → verdict`, "ms", compare, { target: { op: "<", value: 1000 }, note: "parse, import the live rules, compare with the revision; in process after one warm-up" }),
  ];
}

export async function benchVerify(options: { runs: number; count: number }): Promise<Figure[]> {
  requireRoot("The verify benchmark");
  return [...(await verifyBackend("nftables", options)), ...(await verifyBackend("iptables", options))];
}
