/**
 * Issue 15: verifying a server with 100,000 blocked entries. In a fresh namespace the big cPanel
 * profile's nftables rules (then its iptables rules and ipsets) are loaded and the bundle's real
 * verify.sh runs there (target < 5 s); the file it wrote is then parsed and compared with the
 * profile in process (target < 1 s). CSF's comparison is measured on a recorded real-csf live
 * file (verifyCsf); firewalld and APF apply the bundle with their real tools (verify-tools.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { renderRules } from "@/lib/firewall/backends";
import { bundleEntries, slugify } from "@/lib/firewall/bundle";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import { profileDocumentSchema } from "@/lib/firewall/policy/schema";
import { SAMPLE_RULESETS } from "@/tests/support/samples";
import { figure, type Figure } from "./lib/figures";
import { requireRoot, timeScript, withNamespace } from "./lib/namespaces";
import { bigBlocklist, fullCpanelProfile } from "./lib/profiles";
import { scratchDir } from "./lib/scratch";
import { compareTimes } from "./lib/verify-compare";
import { benchVerifyTools } from "./verify-tools";

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
  // Only the boot save differs here (the namespace shares this machine's /etc, which holds none of ours).
  const compare = await compareTimes(doc, text, options.runs, (d) => d.kind === "not-persisted" || d.kind === "boot-differs");
  const n = doc.policy.blocked.length.toLocaleString("en");
  return [
    figure(PART, `${backend}: verify.sh on a server with ${n} blocked entries`, "ms", script, { target: { op: "<", value: 5000 }, note: `${READS[backend]} into a ${(text.length / 1e6).toFixed(1)} MB live file, in a namespace` }),
    figure(PART, `${backend}: live file with ${n} blocked entries → verdict`, "ms", compare, { target: { op: "<", value: 1000 }, note: "parse, import the live rules, compare with the revision; in process after one warm-up" }),
  ];
}

/** `edit` applied to the text of one section of a live file. */
function inSection(text: string, id: string, edit: (section: string) => string): string {
  const [begin, end] = [`=== BEGIN ${id} ===\n`, `=== END ${id} status=`];
  const [from, to] = [text.indexOf(begin) + begin.length, text.indexOf(end)];
  if (from < begin.length || to < from) throw new Error(`no section ${id} in the recorded live file`);
  return `${text.slice(0, from)}${edit(text.slice(from, to))}${text.slice(to)}`;
}

/**
 * CSF is not in Debian (and CI has no internet), so its verify.sh cannot run here: the comparison
 * is measured on the live file real csf 15.11 wrote for the `blocks-and-limits` sample
 * (tests/fixtures/csf-live/in-sync.txt), grown to `count` more blocked entries the way csf loads a
 * long csf.deny: the bundle's portcullis.deny, LF_IPSET and its set size in csf.conf (as apply.sh
 * sets them), csf's sets chain_DENY and chain_6_DENY in `ipset save`, and one set rule each in
 * DENYIN and DENYOUT instead of a rule per address (csf.pl 15.11).
 */
async function verifyCsf(options: { runs: number; count: number }): Promise<Figure[]> {
  const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
  const blocked = [...sample.policy.blocked, ...bigBlocklist(options.count)];
  const doc = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "csf", blocked } });
  const rendered = renderRules("csf", resolvePolicy(doc, getCatalog(doc.server.panel)), { generatedAt: "2026-12-02T00:00:00Z", productVersion: "0.1.0-bench", warnings: [] });
  const file = (name: string) => rendered.find((f) => f.path === name)!.content;
  const setting = (key: string) => new RegExp(`^${key} = "(\\d+)"`, "m").exec(file("portcullis.conf"))?.[1] ?? "";
  const [hashsize, maxelem] = [setting("LF_IPSET_HASHSIZE"), setting("LF_IPSET_MAXELEM")];
  const members = (v6: boolean) => blocked.map((b) => b.address).filter((a) => a.includes(":") === v6);
  const save = [false, true].flatMap((v6) => {
    const set = v6 ? "chain_6_DENY" : "chain_DENY";
    return [`create ${set} hash:net family inet${v6 ? "6" : ""} hashsize ${hashsize} maxelem ${maxelem}`, ...members(v6).map((m) => `add ${set} ${m}`)];
  });
  const setRules = (set: string) => (t: string) => t.split("\n").filter((l) => !/^-A DENY(IN|OUT) -[sd] /.test(l)).join("\n")
    .replace("\n-A INVALID ", `\n-A DENYIN ! -i lo -m set --match-set ${set} src -j DROP\n-A DENYOUT ! -o lo -m set --match-set ${set} dst -j LOGDROPOUT\n-A INVALID `);
  let text = fs.readFileSync(path.join(process.cwd(), "tests/fixtures/csf-live/in-sync.txt"), "utf8");
  text = inSection(text, "live iptables-save", setRules("chain_DENY"));
  text = inSection(text, "live ip6tables-save", setRules("chain_6_DENY"));
  text = text.replace("=== BEGIN live ipset-list ===\n=== END live ipset-list status=0 ===", `=== BEGIN live ipset-save ===\n${save.join("\n")}\n=== END live ipset-save status=0 ===`);
  text = inSection(text, "file /etc/csf/csf.conf", (t) => t.replace(/^LF_IPSET = "0"$/m, 'LF_IPSET = "1"').replace(/^LF_IPSET_HASHSIZE = "\d+"$/m, `LF_IPSET_HASHSIZE = "${hashsize}"`).replace(/^LF_IPSET_MAXELEM = "\d+"$/m, `LF_IPSET_MAXELEM = "${maxelem}"`));
  text = inSection(text, "file /etc/csf/portcullis.deny", () => file("portcullis.deny").replace(/\n?$/, "\n"));
  const compare = await compareTimes(doc, text, options.runs, () => true);
  const n = doc.policy.blocked.length.toLocaleString("en");
  return [figure(PART, `csf: live file with ${n} blocked entries → verdict`, "ms", compare, { target: { op: "<", value: 1000 }, note: `real csf 15.11's recorded live file grown to ${n} entries (LF_IPSET), ${(text.length / 1e6).toFixed(1)} MB: csf is not in Debian, so its verify.sh is not timed; in process after one warm-up` })];
}

export async function benchVerify(options: { runs: number; count: number }): Promise<Figure[]> {
  requireRoot("The verify benchmark");
  return [...(await verifyBackend("nftables", options)), ...(await verifyBackend("iptables", options)), ...(await verifyCsf(options)), ...(await benchVerifyTools(options))];
}
