/**
 * A live file (verify.sh's format) for the unit and CLI tests, built from the revision's own
 * iptables rendering as iptables-save and ipset save would print it once apply.sh loaded it.
 */
import { renderRules } from "@/lib/firewall/backends";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy } from "@/lib/firewall/policy/resolve";
import { profileDocumentSchema, type ProfileDocument } from "@/lib/firewall/policy/schema";
import { LIVE_FORMAT_LINE } from "@/lib/firewall/verify";
import { SAMPLE_RULESETS } from "./samples";

const sample = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.document;
export const document = profileDocumentSchema.parse({ ...sample, policy: { ...sample.policy, backend: "iptables" } });

/** What iptables-save prints once apply.sh loaded `rules`: built-in chains hooked to ours. */
function saved(rules: string): string {
  const body = rules.split("\n").filter((l) => /^[:-]/.test(l));
  return ["*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ...body.filter((l) => l.startsWith(":")), "-A INPUT -j PORTCULLIS-IN", "-A OUTPUT -j PORTCULLIS-OUT", ...body.filter((l) => l.startsWith("-A")), "COMMIT", ""].join("\n");
}
/** What ipset save prints for the rendered sets (the -tmp sets swapped in). */
const ipsetSave = (text: string) => text.split("\n").filter((l) => /^(create|add) portcullis-block[46] /.test(l) || /^add portcullis-block[46]-tmp /.test(l)).map((l) => l.replace("-tmp", "").replace(/ -exist$/, "")).join("\n");

export type Sections = Record<string, string | [string, number]>;
export function liveText(sections: Sections, header = "backend=iptables\nhost=web1.example.com\ntime=2026-12-02T07:30:00Z\ngenerator=Portcullis t verify.sh\nread-only=yes"): string {
  const body = Object.entries(sections).map(([id, v]) => {
    const [text, status] = typeof v === "string" ? [v, 0] : v;
    return `=== BEGIN ${id} ===\n${text}${text.endsWith("\n") || text === "" ? "" : "\n"}=== END ${id} status=${status} ===`;
  });
  return `${LIVE_FORMAT_LINE}\n${header}\n${body.join("\n")}\n`;
}

/** The sections of an iptables server running `doc` as applied and saved for boot (Debian layout). */
export function liveSectionsFor(doc: ProfileDocument): { v4: string; v6: string; sets: string; base: Sections } {
  const rendered = Object.fromEntries(renderRules("iptables", resolvePolicy(doc, getCatalog(doc.server.panel)), { generatedAt: "2026-12-02T00:00:00Z", productVersion: "t", warnings: [] }).map((f) => [f.path, f.content]));
  const v4 = saved(rendered["rules.v4"] ?? "");
  const v6 = rendered["rules.v6"] === undefined ? "*filter\nCOMMIT\n" : saved(rendered["rules.v6"]);
  const sets = ipsetSave(rendered["portcullis.ipset"] ?? "");
  const base: Sections = {
    "live iptables-save": v4, "live ip6tables-save": v6, "live ipset-save": sets,
    "file /etc/iptables/rules.v4": v4, "file /etc/iptables/rules.v6": v6, "file /etc/iptables/ipsets": sets,
    "file /etc/sysconfig/iptables": ["", 1], "enabled netfilter-persistent": "enabled", "managers": "", "apply": "pending none",
  };
  return { v4, v6, sets, base };
}

export const { v4, v6, sets, base: BASE } = liveSectionsFor(document);

