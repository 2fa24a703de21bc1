/**
 * APF's rules as loaded in the kernel, compared with what APF's files say (docs/backends.md §16.2):
 * iptables-save is read by the shared iptables evaluator, the files by the APF importer, and the two
 * effective policies are diffed per family, so a rule deleted, added or changed by hand with
 * iptables is named though the files are right. APF's own plumbing that no Portcullis file governs
 * is left out before the reading: its lists (glob_*.rules, the DLIST downloads), the reserved-network
 * drops, traceroute; sanity, ICMP, DNS and FTP rules do not open or block anything the evaluator reads.
 */
import { baseName } from "../../import/text";
import type { ImportFile } from "../../import/types";
import { diffEffective, type Drift, type Terms } from "../../verify/diff";
import { sectionText, type LiveFile } from "../../verify/live-file";
import { withoutForeignChains } from "../shared/iptables-foreign";
import { ruleOfLine as ruleOf, type IptRule } from "../shared/iptables-parse";
import { setsOfFamily } from "../shared/sets";
import type { LoadedReader } from "../types";

/** Chains of APF's lists that Portcullis never writes (glob_allow/glob_deny, DLIST_PHP, DLIST_DSHIELD, DLIST_SPAMHAUS). */
const OWN_LISTS = new Set(["TGALLOW", "TGDENY", "PHP", "DSHIELD", "SDROP"]);
/** What APF's *_STOP settings may name: a drop, or its RESET/PROHIBIT chains. */
const STOPS = new Set(["DROP", "REJECT", "RESET", "PROHIBIT"]);
const FINAL = [
  ["tcp", "TCP", "-A INPUT -p tcp -j DROP"],
  ["udp", "UDP", "-A INPUT -p udp -j DROP"],
  [undefined, "all other traffic", "-A INPUT -j DROP"],
] as const;

type Conf = (key: string) => string;

function confOf(files: readonly ImportFile[]): Conf {
  const text = files.find((f) => baseName(f.path) === "conf.apf")?.text ?? "";
  // 9.7 sets two keys on one line (`TCR_PASS="1"\t\tTCR_PORTS="33434:33534"`).
  return (key) => new RegExp(`^(?:[^#\\n]*\\s)?${key}=["']?([^"'\\s#]*)`, "m").exec(text)?.[1] ?? "";
}

const bare = (r: IptRule) => !r.protocol && r.dports.length === 0 && r.sports.length === 0 && r.states.length === 0 && !r.inIface && !r.outIface && !r.matchSet && !r.negated && r.unknown.length === 0;
const portText = (r: IptRule) => r.dports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}:${p.to}`)).join(",");

/**
 * IPv4 iptables-save without what APF adds on its own: its list chains, the reserved-network drops
 * (`dnet`: each `-A INPUT -s NET` has its `-A OUTPUT -d NET` twin, unlike a block added by hand),
 * traceroute in and out (TCR_PASS), and with SET_VNET the `-d` of the server's own address on its ACCEPTs.
 */
export function apfKernelView(text: string, conf: Conf): string {
  const lines = withoutForeignChains(text).text.split("\n");
  const twins = new Set(lines.filter((l) => l.startsWith("-A OUTPUT -d ")).map(ruleOf).filter((r) => r.destination && !r.source && bare(r)).map((r) => `${r.destination} ${r.target}`));
  const tcr = conf("TCR_PASS") === "1" ? conf("TCR_PORTS").replace(/_/g, ":") : null;
  let table = "";
  return lines
    .flatMap((line) => {
      if (line.startsWith("*")) table = line.slice(1).trim();
      if (table !== "filter" || !line.startsWith("-A ")) return [line];
      const r = ruleOf(line);
      if (OWN_LISTS.has(r.chain) || OWN_LISTS.has(r.target ?? "")) return [];
      const traceroute = tcr && r.protocol === "udp" && r.target === "ACCEPT" && !r.source && !r.destination && r.states.join() === "NEW" && portText(r) === tcr;
      if ((r.chain === "INPUT" || r.chain === "OUTPUT") && traceroute) return [];
      if (r.chain !== "INPUT") return [line];
      if (r.source && !r.destination && bare(r) && twins.has(`${r.source} ${r.target}`)) return [];
      return [conf("SET_VNET") === "1" && r.target === "ACCEPT" ? line.replace(/ -d \S+/, "") : line];
    })
    .join("\n");
}

/** APF's three final ingress drops (TCP, UDP, everything), named when one is gone from INPUT. */
function finalDrops(text: string): string[] {
  const input = text.split("\n").filter((l) => l.startsWith("-A INPUT ")).map(ruleOf);
  const found = (protocol: string | undefined) => input.some((r) => STOPS.has(r.target ?? "") && !r.source && !r.destination && (r.protocol ?? "all") === (protocol ?? "all") && bare({ ...r, protocol: undefined }));
  return FINAL.filter(([p]) => !found(p)).map(([, what, rule]) => `APF's final drop for ${what} (${rule})`);
}

/**
 * The sets as the kernel holds them: ipset save when recorded, else the companion's set file (what
 * apply.sh checked loaded). setsOf keeps the companion's own: other sets (APF 2.x's own lists,
 * fail2ban's) are left out, so the rules matching them are not read, as APF's list chains are not.
 */
function setsFile(live: LiveFile, files: readonly ImportFile[]): ImportFile[] {
  const saved = live.sections.get("live ipset-save");
  if (saved?.status !== 0 || saved.text.trim() === "") return files.filter((f) => baseName(f.path) === "companion.ipset");
  return [{ path: "ipset-save", text: saved.text }];
}

/** One family's sets of the companion (`portcullis-…`) in `sets`: a family's rules match only those (shared/sets.ts). */
const setsOf = (sets: ImportFile[], family: "IPv4" | "IPv6") => sets.map((f) => ({ ...f, text: setsOfFamily(f.text, family, (name) => name.startsWith("portcullis-")) }));

/**
 * The drift between the kernel and APF's files, each family on its own (`read.family` gives one
 * family's files: apfVerify.family).
 */
export function loadedDrift(live: LiveFile, files: readonly ImportFile[], read: LoadedReader): Drift[] {
  const terms: Terms = read.filesAgree
    ? { live: "in the running rules", ref: "APF's files and the revision", refOr: "APF's files or the revision", plural: true }
    : { live: "in the running rules", ref: "APF's files", refOr: "APF's files", plural: true };
  const sets = setsFile(live, files);
  const out: Drift[] = [];
  const v4 = sectionText(live, "live iptables-save");
  if (v4 !== null) {
    const kernel = apfKernelView(v4, confOf(files));
    out.push(...finalDrops(kernel).map((m): Drift => ({ kind: "missing", message: `Missing in the running rules (IPv4): ${m}, though APF's files load it.` })));
    const want = read.effective("apf", read.family(files, "IPv4"), "APF's files");
    const have = read.effective("iptables", [{ path: "iptables-save", text: kernel }, ...setsOf(sets, "IPv4")], "The running rules");
    out.push(...diffEffective(have, want, "IPv4", terms));
  }
  const v6 = sectionText(live, "live ip6tables-save");
  const companion = read.family(files, "IPv6");
  if (v6 !== null && companion.length > 0) {
    const want = read.effective("iptables", companion, "The companion's IPv6 rules");
    const have = read.effective("iptables", [{ path: "ip6tables-save", text: withoutForeignChains(v6).text }, ...setsOf(sets, "IPv6")], "The running rules");
    out.push(...diffEffective(have, want, "IPv6", terms));
  }
  return out;
}
