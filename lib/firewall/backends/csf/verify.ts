/**
 * CSF verify (docs/backends.md §16.2): /etc/csf's rule files against the revision, each address
 * family on its own; then the rules csf loaded in the kernel against those files (loaded.ts);
 * csf's chains loaded at all, TESTING. Checked against real csf 15.11 in a namespace
 * (tests/fixtures/csf-live/).
 */
import { baseName } from "../../import/text";
import type { ImportFile } from "../../import/types";
import { sectionText, type LiveFile } from "../../verify/live-file";
import { chainsLoaded, IPTABLES_COMMANDS, readFileBackend, recorded } from "../shared/verify-read";
import type { LiveView, VerifySpec } from "../types";
import { isLoopback } from "./facts";
import { featureChains, loadedDrift, tempEntries } from "./loaded";
import { csfFamilyFiles } from "./verify-family";

/**
 * Every list in /etc/csf, not only ours: csf loads what csf.allow and csf.deny Include, and a
 * cPanel server's stock csf.allow Includes cpanel.allow (63 per-port allows for cPanel's own
 * servers, seen on real csf 15.11). The importer follows the Include lines among them.
 */
const FILES = ["/etc/csf/csf.conf", "/etc/csf/*.allow", "/etc/csf/*.deny"];

/** lfd's temporary blocks and allows (`csf -td`, `csf -ta`), which csf loads but no rule file holds. */
const TEMP = ["/var/lib/csf/csf.tempban", "/var/lib/csf/csf.tempallow"];

/**
 * With `IPV6 = "1"` csf loads ip6tables as well, so its chain must be there too: IPv6 rules
 * flushed by hand (`ip6tables -F`) leave IPv4 as it was.
 */
function ipv6NotRunning(live: LiveFile): string | null {
  if (!/^\s*IPV6\s*=\s*"1"/m.test(sectionText(live, `file ${FILES[0]}`) ?? "")) return null;
  const s = live.sections.get("live ip6tables-save");
  if (!s || s.status !== 0) return `the IPv6 rules (ip6tables-save failed with exit ${s?.status ?? "not recorded"})`;
  return /^:LOCALINPUT /m.test(s.text) ? null : "CSF's IPv6 chains (chain LOCALINPUT is not loaded in ip6tables: they were flushed)";
}

/**
 * cPanel's own allow lists, which csf writes (and replaces on upgrade; "do NOT make any changes
 * to this file", says cpanel.allow) and the stock csf.allow of a cPanel server Includes: the
 * license servers' per-port allows, and Comodo's when that WAF is installed.
 */
const CPANEL_LISTS = ["/etc/csf/cpanel.allow", "/etc/csf/cpanel.comodo.allow"];

const includes = (allow: string, path: string) => new RegExp(`^\\s*Include\\s+${path.replaceAll(".", "\\.")}\\s*$`, "m").test(allow);

/**
 * cPanel's lists as foreign, like Docker's chains: their entries are cPanel's, not the plan's
 * (apply.sh keeps csf.allow's other lines), so verify lists each with its entry count and leaves
 * it out of the verdict, which would otherwise call every cPanel server with CSF drifted. Only
 * while csf.allow Includes it; an allow added to such a list by hand is therefore not seen
 * (docs/backends.md §16.2). An allow added to csf.allow itself is drift.
 */
function cpanelLists(files: readonly ImportFile[]): ImportFile[] {
  const allow = files.find((f) => f.path === "/etc/csf/csf.allow")?.text ?? "";
  return files.filter((f) => CPANEL_LISTS.includes(f.path) && includes(allow, f.path));
}

function cpanelListsForeign(view: LiveView): LiveView {
  const lists = cpanelLists(view.running);
  if (lists.length === 0) return view;
  const without = (files: ImportFile[]) => files.filter((f) => !lists.includes(f));
  const described = lists.map((f) => {
    const entries = f.text.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#") && !l.includes("Include")).length;
    return `cPanel's own allow list ${f.path} (${entries} entr${entries === 1 ? "y" : "ies"}), which csf.allow Includes`;
  });
  return {
    ...view,
    running: without(view.running),
    boot: "files" in view.boot ? { files: without(view.boot.files) } : view.boot,
    foreign: [...view.foreign, ...described],
  };
}

/** lfd's temporary entries as foreign: csf loads them, the plan does not say them. */
function temporaryForeign(live: LiveFile): string[] {
  return (["csf.tempban", "csf.tempallow"] as const).flatMap((name) => {
    const n = tempEntries(live, name)?.size ?? 0;
    return n === 0 ? [] : [`${n} temporary ${name === "csf.tempban" ? "block" : "allow"}${n === 1 ? "" : "s"} of lfd or csf -t${name === "csf.tempban" ? "d" : "a"} (/var/lib/csf/${name})`];
  });
}

/**
 * Chains jumped to from INPUT, OUTPUT or csf's LOCAL chains that are not csf's own, per family:
 * csf features the plan does not set (SYNFLOOD, country filters, blocklists…) or another tool's
 * (cPHulk's, say); out of the kernel comparison, like Docker's and fail2ban's.
 */
function featuresForeign(live: LiveFile): string[] {
  return (["iptables-save", "ip6tables-save"] as const).flatMap((tool) =>
    featureChains(sectionText(live, `live ${tool}`) ?? "").map((c) => `chain ${c.name} in ${tool.replace("-save", "")} (${c.rules} rule${c.rules === 1 ? "" : "s"}), not one of CSF's own: a csf feature the plan does not set (SYNFLOOD, country or block lists…) or another tool's`));
}

export const csfVerify: VerifySpec = {
  commands: [...IPTABLES_COMMANDS, { id: "ipset-save", command: "ipset save" }],
  files: [...FILES, ...TEMP],
  services: ["csf", "lfd"],
  expected: "profile",
  family: csfFamilyFiles,
  // Every blocked entry but loopback ones, which csf refuses (render.ts leaves them out).
  blockedFromProfile: (blocked) => blocked.filter((a) => !isLoopback(a)),
  // The kernel against every file csf loads, cPanel's own lists included.
  loaded(live, _running, read) {
    const files = recorded(live, FILES);
    return loadedDrift(live, files, read, cpanelLists(files).length > 0);
  },
  read(live) {
    const view = cpanelListsForeign(readFileBackend(live, {
      files: FILES,
      services: ["csf"],
      notRunning: (l) => chainsLoaded(l, "LOCALINPUT", "CSF") ?? ipv6NotRunning(l),
      testing: (files) => (/^TESTING\s*=\s*"1"/m.test(files.find((f) => baseName(f.path) === "csf.conf")?.text ?? "") ? 'CSF runs with TESTING = "1": the apply was not confirmed (csf flushes itself on a schedule until sh apply.sh --confirm).' : null),
    }));
    return { ...view, foreign: [...view.foreign, ...temporaryForeign(live), ...featuresForeign(live)] };
  },
};
