import { getCatalog } from "@/lib/firewall/catalog";
import type { CatalogService } from "@/lib/firewall/catalog/types";
import { PANELS, type Panel } from "@/lib/firewall/policy/schema";
import { parseCommandArgs, usageError } from "../args";
import { formatTable } from "../table";
import { EXIT_OK, type Command } from "../types";

const USAGE = `catalog <${PANELS.join("|")}> [--json]`;

/**
 * One service as the CLI's JSON lists it: `tcp` … `localhost` are the source table's columns
 * verbatim; `start` is the modelled starting choice of a new profile (where a row is odd, the two
 * differ and `modelling` says why).
 */
export function serviceJson(s: CatalogService) {
  return {
    id: s.id,
    name: s.name,
    ...(s.port.from === s.port.to ? { port: s.port.from } : { range: { from: s.port.from, to: s.port.to } }),
    ...s.flags,
    category: s.category,
    note: s.note,
    source: s.source ?? "table",
    ...(s.modelling ? { modelling: s.modelling } : {}),
    ...(s.secureTwin ? { secureTwin: s.secureTwin } : {}),
    ...(s.licenseCallback ? { licenseCallback: true } : {}),
    ...(s.onlyOn ? { onlyOn: s.onlyOn } : {}),
    ...(s.optional ? { optional: s.optional } : {}),
    ...(s.configurableRange ? { configurableRange: true } : {}),
    ...(s.isSsh ? { followsSshPort: true } : {}),
    start: { ...s.defaults, access: s.defaults.access ?? "anyone" },
  };
}

const tick = (b: boolean) => (b ? "x" : "");

function row(s: CatalogService): string[] {
  const ports = s.port.from === s.port.to ? String(s.port.from) : `${s.port.from}-${s.port.to}`;
  const marks = [
    s.secureTwin ? `TLS twin: ${s.secureTwin}` : "",
    s.licenseCallback ? "license callback" : "",
    s.onlyOn ? `only on ${s.onlyOn.join(", ")}` : "",
    s.optional ? "needs setup" : "",
    s.source === "extra" ? "not in the vendor table" : "",
    s.modelling ? "modelled, see --json" : "",
  ].filter(Boolean);
  const f = s.flags;
  return [ports, s.id, s.name, tick(f.tcp), tick(f.udp), tick(f.inbound), tick(f.outbound), tick(f.localhost), s.category, s.defaults.enabled ? "on" : "off", marks.join("; ")];
}

export const catalogCommand: Command = {
  name: "catalog",
  summary: "List a panel's service catalog (ports, table flags, starting choices)",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, USAGE, io);
    const [panel, ...extra] = positionals;
    if (!panel || extra.length > 0) usageError(io, "Give exactly one panel.", USAGE);
    if (!(PANELS as readonly string[]).includes(panel)) usageError(io, `Unknown panel "${panel}".`, USAGE);
    const catalog = getCatalog(panel as Panel);
    if (values.json) {
      io.out(JSON.stringify({ panel: catalog.panel, label: catalog.label, services: catalog.services.map(serviceJson) }, null, 2));
      return EXIT_OK;
    }
    const headers = ["PORT", "ID", "SERVICE", "TCP", "UDP", "IN", "OUT", "LOCAL", "CATEGORY", "START", "NOTES"];
    io.out(`${catalog.label}: ${catalog.services.length} services (TCP…LOCAL are the vendor table's columns)\n\n${formatTable(headers, catalog.services.map(row))}`);
    return EXIT_OK;
  },
};
