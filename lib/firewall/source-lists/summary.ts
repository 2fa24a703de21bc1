/**
 * Where named source lists are used and where they came from, in words: one source of truth for
 * the bundle's REPORT.md / report.html and the review page.
 */
import type { RuleSet } from "../policy/resolve";
import type { SourceList } from "../policy/schema";

/** "HTTPS 443/tcp" with "WebPros SEO scanner (8), 203.0.113.5". */
export type ListUse = { service: string; sources: string };

function portText(r: RuleSet["inbound"][number]): string {
  return r.ports.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(",");
}

/** Every inbound rule whose sources reference a named list, in rule order. */
export function listUses(ruleSet: RuleSet): ListUse[] {
  return ruleSet.inbound.flatMap((r) => (r.sourceNames ? [{ service: `${r.label} ${portText(r)}/${r.protocol}`, sources: r.sourceNames.join(", ") }] : []));
}

/** "8 addresses, WebPros SEO scanner preset" or "12 networks from AWS ip-ranges.json (syncToken …, created …): …". */
export function describeListOrigin(list: SourceList): string {
  const count = `${list.addresses.length} ${list.addresses.length === 1 ? "entry" : "entries"}`;
  if (list.origin === "webpros-seo") return `${count}, the WebPros SEO scanner preset`;
  const aws = list.aws;
  if (!aws) return `${count} from AWS ip-ranges.json`;
  const regions = aws.regions.length > 0 ? aws.regions.join(", ") : "all regions";
  return `${count} from AWS ip-ranges.json (syncToken ${aws.syncToken}, created ${aws.createDate}): service ${aws.services.join(", ")}; region ${regions}`;
}
