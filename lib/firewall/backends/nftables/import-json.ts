/**
 * `nft -j list ruleset` JSON, checked with zod at the edge and turned into the same statement
 * token lists the text reader makes, so both share one translation. JSON has no lines: a finding
 * names the entry's position in the `nftables` array instead.
 */
import { z } from "zod";
import { ImportInputError, type ImportFile } from "../../import/types";
import type { NftTable } from "./import-text";

const documentSchema = z.object({ nftables: z.array(z.record(z.string(), z.unknown())) });
const tableRef = z.object({ family: z.string(), table: z.string() }).loose();

function item(v: unknown): string {
  if (typeof v === "number" || typeof v === "string") return String(v);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.range)) return `${item(o.range[0])}-${item(o.range[1])}`;
    const prefix = o.prefix as { addr?: unknown; len?: unknown } | undefined;
    if (prefix) return `${item(prefix.addr)}/${item(prefix.len)}`;
  }
  return "?";
}

function right(v: unknown): string[] {
  if (Array.isArray(v)) return ["{", ...v.map(item), "}"];
  if (v && typeof v === "object" && Array.isArray((v as { set?: unknown }).set)) return ["{", ...((v as { set: unknown[] }).set).map(item), "}"];
  return [item(v)];
}

function left(v: unknown): string[] {
  const o = (v ?? {}) as Record<string, Record<string, string>>;
  if (o.payload) return [o.payload.protocol ?? "?", o.payload.field ?? "?"];
  if (o.ct) return ["ct", o.ct.key ?? "?"];
  if (o.meta) return /^(iif|oif|iifname|oifname)$/.test(o.meta.key ?? "") ? [o.meta.key ?? ""] : ["meta", o.meta.key ?? "?"];
  return [Object.keys(o)[0] ?? "?"];
}

/** A `limit` or `ct count` statement inside a set update, as the text form spells it. */
function stmtTokens(stmt: unknown): string[] {
  const [key, body] = Object.entries((stmt ?? {}) as Record<string, Record<string, unknown>>)[0] ?? ["?", {}];
  const over = body?.inv === true ? ["over"] : [];
  if (key === "limit") return ["limit", "rate", ...over, `${item(body.rate)}/${item(body.per)}`, "burst", item(body.burst ?? 5), "packets"];
  if (key === "ct count") return ["ct", "count", ...over, item(body.val)];
  return [key];
}

/** `update @set { ip saddr limit rate over 2/minute … }` (per-source limits) from its JSON form. */
function setTokens(body: unknown): string[] {
  const s = (body ?? {}) as { op?: string; set?: string; elem?: unknown; stmt?: unknown[] };
  const masked = (s.elem as { "&"?: unknown[] } | undefined)?.["&"];
  const elem = Array.isArray(masked) ? masked[0] : s.elem;
  return [s.op ?? "?", s.set ?? "?", "{", ...left(elem), ...(s.stmt ?? []).flatMap(stmtTokens), "}"];
}

/** One rule's `expr` list as text-like tokens. */
function exprTokens(expr: unknown[]): string[] {
  const out: string[] = [];
  for (const e of expr) {
    const [key, body] = Object.entries((e ?? {}) as Record<string, unknown>)[0] ?? ["?", null];
    if (key === "match") {
      const m = body as { op?: string; left?: unknown; right?: unknown };
      out.push(...left(m.left), ...(m.op === "!=" ? ["!="] : []), ...right(m.right));
    } else if (key === "jump" || key === "goto") out.push(key, String((body as { target?: string })?.target ?? ""));
    else if (key === "log") out.push("log");
    else if (key === "set") out.push(...setTokens(body));
    else out.push(key === "mangle" ? "mark" : key);
  }
  return out;
}

export function parseNftJson(file: ImportFile): NftTable[] {
  let raw: unknown;
  try {
    raw = JSON.parse(file.text);
  } catch (error) {
    throw new ImportInputError(file.path, null, `not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const doc = documentSchema.safeParse(raw);
  if (!doc.success) throw new ImportInputError(file.path, null, 'not `nft -j list ruleset` output (expected { "nftables": [ … ] }).');
  const tables = new Map<string, NftTable>();
  const table = (family: string, name: string, line: number) => {
    const key = `${family} ${name}`;
    const t = tables.get(key) ?? { family, name, sets: new Map(), chains: new Map(), line };
    tables.set(key, t);
    return t;
  };
  doc.data.nftables.forEach((entry, i) => {
    const line = i + 1;
    const [kind, value] = Object.entries(entry)[0] ?? ["", null];
    const v = (value ?? {}) as Record<string, unknown>;
    if (kind === "table") table(String(v.family), String(v.name), line);
    else if (kind === "set" && tableRef.safeParse({ ...v, table: v.table }).success) {
      const elem = Array.isArray(v.elem) ? v.elem.map((x) => item((x as { elem?: { val?: unknown } })?.elem?.val ?? x)) : [];
      table(String(v.family), String(v.table), line).sets.set(String(v.name), { name: String(v.name), type: String(v.type), elements: elem, timeout: typeof v.timeout === "number" ? v.timeout : undefined, line });
    } else if (kind === "chain" && tableRef.safeParse(v).success) {
      table(String(v.family), String(v.table), line).chains.set(String(v.name), { name: String(v.name), hook: v.hook as string | undefined, kind: v.type as string | undefined, policy: typeof v.policy === "string" ? v.policy.toUpperCase() : undefined, rules: [], line });
    } else if (kind === "rule" && tableRef.safeParse(v).success && Array.isArray(v.expr)) {
      const t = table(String(v.family), String(v.table), line);
      const chain = t.chains.get(String(v.chain));
      const tokens = [...exprTokens(v.expr), ...(typeof v.comment === "string" ? ["comment", `"${v.comment}"`] : [])];
      chain?.rules.push({ tokens, line });
    }
  });
  return [...tables.values()];
}
