/**
 * `nft list ruleset` / nftables.conf text, read into tables, sets and chains. Statements are token
 * lists (quoted strings kept whole, braces nested) and are never evaluated as text; `define`
 * variables are substituted, `include` is a finding (docs/backends.md §1).
 */
import { fileLines } from "../../import/text";
import { ImportInputError, type Finding, type ImportFile } from "../../import/types";

export type NftStatement = { tokens: string[]; line: number };
export type NftSet = { name: string; type: string; elements: string[]; timeout?: number; line: number };
export type NftChain = { name: string; hook?: string; kind?: string; policy?: string; rules: NftStatement[]; line: number };
export type NftTable = { family: string; name: string; sets: Map<string, NftSet>; chains: Map<string, NftChain>; line: number };

/** Tokens with their line numbers; newlines and `;` end statements (outside braces). */
function lex(file: ImportFile): { t: string; line: number }[] {
  const out: { t: string; line: number }[] = [];
  fileLines(file).forEach((raw, i) => {
    const re = /"((?:[^"\\]|\\.)*)"|(#.*$)|([{};,])|([^\s{};,"#]+)/g;
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      if (m[2] !== undefined) break;
      out.push({ t: m[1] !== undefined ? `"${m[1]}"` : (m[3] ?? m[4] ?? ""), line: i + 1 });
    }
    out.push({ t: "\n", line: i + 1 });
  });
  return out;
}

/**
 * `table [family] name {`, `chain name {`, `set name {`, `ct helper name {`: a block of its own. A
 * rule's `{ … }` is an anonymous set even when the rule starts with `ct` or `limit`
 * (`ct state { established, related } accept`), so only these exact shapes open a block.
 */
function isDeclaration(cur: string[]): boolean {
  const [kw = "", second = ""] = cur;
  if (kw === "table") return cur.length === 2 || cur.length === 3;
  if (kw === "ct") return /^(helper|timeout|expectation)$/.test(second) && cur.length === 3;
  return /^(chain|set|map|flowtable|counter|quota|limit)$/.test(kw) && cur.length === 2;
}

/** Split a block's tokens into statements; a `{ … }` inside a statement stays part of it. */
function statements(tokens: { t: string; line: number }[]): { tokens: string[]; line: number; body?: { t: string; line: number }[] }[] {
  const out: { tokens: string[]; line: number; body?: { t: string; line: number }[] }[] = [];
  let cur: string[] = [];
  let line = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.t === "\n" || tok.t === ";") {
      if (cur.length > 0) out.push({ tokens: cur, line });
      cur = [];
      continue;
    }
    if (cur.length === 0) line = tok.line;
    if (tok.t === "{") {
      // A block opener (table/chain/set) when the statement is a declaration; an anonymous set otherwise.
      let depth = 1;
      let j = i + 1;
      for (; j < tokens.length && depth > 0; j++) depth += tokens[j]!.t === "{" ? 1 : tokens[j]!.t === "}" ? -1 : 0;
      if (depth > 0) throw new ImportInputError("", tok.line, "a { is never closed: the file is truncated.");
      const inner = tokens.slice(i + 1, j - 1);
      if (isDeclaration(cur)) {
        out.push({ tokens: cur, line, body: inner });
        cur = [];
      } else {
        // A loop, not push(...spread): a 100,000-element set would overflow the call stack.
        cur.push("{");
        for (const x of inner) if (x.t !== "\n") cur.push(x.t);
        cur.push("}");
      }
      i = j - 1;
      continue;
    }
    if (tok.t === "}") throw new ImportInputError("", tok.line, "an unexpected }.");
    cur.push(tok.t);
  }
  if (cur.length > 0) out.push({ tokens: cur, line });
  return out;
}

/** Elements of `elements = { a, b }` (or a define's value) as plain strings. */
export function braceItems(tokens: string[]): string[] {
  return tokens.filter((t) => t !== "{" && t !== "}" && t !== "," && t !== "=");
}

function substitute(tokens: string[], defines: Map<string, string[]>): string[] {
  return tokens.flatMap((t) => (t.startsWith("$") && defines.has(t.slice(1)) ? (defines.get(t.slice(1)) ?? []) : [t]));
}

const isVariable = (token: string) => token.startsWith("$");

/**
 * A rule naming a variable no given file defines (it comes from an include that was not given) is
 * left out whole: dropping only the unknown part would widen the match (`tcp dport $ports`).
 */
function undefinedVariable(file: ImportFile, line: number, tokens: string[]): Finding {
  const names = [...new Set(tokens.filter(isVariable))].join(", ");
  return { file: file.path, line, severity: "warning", message: `${names} is not defined in the given files (an include that was not given?), so this rule is not imported.` };
}

export function parseNftText(file: ImportFile, findings: Finding[]): NftTable[] {
  let top;
  try {
    top = statements(lex(file));
  } catch (error) {
    if (error instanceof ImportInputError) throw new ImportInputError(file.path, error.line, error.message.replace(/^[^:]*: (line \d+: )?/, ""));
    throw error;
  }
  const defines = new Map<string, string[]>();
  const tables = new Map<string, NftTable>();
  for (const st of top) {
    const [kw, ...rest] = st.tokens;
    if (kw === "define" && rest[0]) defines.set(rest[0], substitute(rest.slice(2), defines));
    else if (kw === "include") findings.push({ file: file.path, line: st.line, severity: "warning", message: `include ${rest.join(" ")}: that file's rules are not read; give its contents too.` });
    else if (kw === "table" && st.body) {
      const [family, name] = rest.length >= 2 ? [rest[0] ?? "ip", rest[1] ?? ""] : ["ip", rest[0] ?? ""];
      const table = tables.get(`${family} ${name}`) ?? { family, name, sets: new Map(), chains: new Map(), line: st.line };
      tables.set(`${family} ${name}`, table);
      for (const inner of statements(st.body)) {
        const [ikw, iname = ""] = inner.tokens;
        if (ikw === "set" && inner.body) {
          const set: NftSet = { name: iname, type: "", elements: [], line: inner.line };
          for (const p of statements(inner.body)) {
            const toks = substitute(p.tokens, defines);
            if (toks[0] === "type") set.type = toks[1] ?? "";
            if (toks.includes("timeout")) set.timeout = parseInt(toks[toks.indexOf("timeout") + 1] ?? "", 10) || undefined;
            if (toks[0] === "elements") for (const e of braceItems(toks.slice(1))) set.elements.push(e);
          }
          table.sets.set(iname, set);
        } else if (ikw === "chain" && inner.body) {
          const chain: NftChain = { name: iname, rules: [], line: inner.line };
          for (const p of statements(inner.body)) {
            const toks = substitute(p.tokens, defines);
            if (toks[0] === "type") {
              chain.kind = toks[1];
              chain.hook = toks[toks.indexOf("hook") + 1];
              if (toks.includes("policy")) chain.policy = toks[toks.indexOf("policy") + 1]?.toUpperCase();
            } else if (toks[0] === "policy") chain.policy = toks[1]?.toUpperCase();
            else if (toks.some(isVariable)) findings.push(undefinedVariable(file, p.line, toks));
            else chain.rules.push({ tokens: toks, line: p.line });
          }
          table.chains.set(iname, chain);
        } else if (ikw !== undefined && ikw !== "flags") {
          findings.push({ file: file.path, line: inner.line, severity: "info", message: `"${ikw} ${iname}" (a named ${ikw}) is kept only where rules use it; not imported by itself.` });
        }
      }
    } else if (kw === "flush" || kw === "delete" || kw === "table" || kw === "add") continue;
    else if (kw !== undefined) findings.push({ file: file.path, line: st.line, severity: "warning", message: `"${st.tokens.join(" ").slice(0, 60)}" is not understood; not imported.` });
  }
  return [...tables.values()];
}
