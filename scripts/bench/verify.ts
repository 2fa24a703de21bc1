/**
 * Issue 15: verifying a server with 100,000 blocked entries. In a fresh namespace the big cPanel
 * profile's nftables rules are loaded and the bundle's real verify.sh runs there (target < 5 s);
 * the file it wrote is then parsed and compared with the profile in process (target < 1 s).
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

export async function benchVerify(options: { runs: number; count: number }): Promise<Figure[]> {
  requireRoot("The verify benchmark");
  const big = fullCpanelProfile(options.count);
  const doc = profileDocumentSchema.parse({ ...big, policy: { ...big.policy, backend: "nftables" } });
  const root = path.join(scratchDir(), "verify");
  for (const e of bundleEntries(doc, { generatedAt: "2026-12-02T00:00:00Z", productVersion: "0.1.0-bench", backends: ["nftables"] })) {
    fs.mkdirSync(path.dirname(path.join(root, e.path)), { recursive: true });
    fs.writeFileSync(path.join(root, e.path), e.content, { mode: e.mode });
  }
  const folder = path.join(root, slugify(doc.server.name), "nftables");
  const out = path.join(root, "live");
  const script: number[] = [];
  let text = "";
  withNamespace((ns) => {
    timeScript(ns, `nft -f '${folder}/portcullis.nft'`);
    for (let i = 0; i < options.runs; i++) {
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(out);
      script.push(timeScript(ns, `PORTCULLIS_STATE_DIR='${root}/state' sh '${folder}/verify.sh' '${out}' >/dev/null`));
    }
    text = fs.readFileSync(path.join(out, fs.readdirSync(out)[0]!), "utf8");
  });
  const compare: number[] = [];
  let blocked = 0;
  for (let i = 0; i < options.runs + 1; i++) {
    const { ms, value } = await timed(() => {
      const parsed = parseLiveFile(text);
      if (!parsed.ok) throw new Error(parsed.message);
      return verifyLive(doc, parsed.live);
    });
    // Only the missing boot save differs here (the namespace has no /etc/nftables.conf of ours).
    if (value.drift.some((d) => d.kind !== "not-persisted")) throw new Error(`unexpected drift: ${value.drift.map((d) => d.message).join("; ")}`);
    blocked = doc.policy.blocked.length;
    if (i > 0) compare.push(ms);
  }
  const n = blocked.toLocaleString("en");
  return [
    figure(PART, `verify.sh on a server with ${n} blocked entries`, "ms", script, { target: { op: "<", value: 5000 }, note: `nft -j list ruleset and the boot files into a ${(text.length / 1e6).toFixed(1)} MB live file, in a namespace` }),
    figure(PART, `live file with ${n} blocked entries → verdict`, "ms", compare, { target: { op: "<", value: 1000 }, note: "parse, import the live ruleset, render and import the revision, compare; in process after one warm-up" }),
  ];
}
