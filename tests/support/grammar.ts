/**
 * Line grammars of the generated formats, for the fuzz tests: every line of every file must be
 * one of the shapes the renderer is meant to emit, quotes balanced and only safe text inside, so
 * no input can have injected a line or broken out of a string.
 */
import { renderCompanionLoader } from "@/lib/firewall/backends/apf/companion";
import { lintApfConf, lintApfTrust } from "@/lib/firewall/backends/apf/lint";
import { lintCsfConf, lintCsfList } from "@/lib/firewall/backends/csf/lint";
import type { Backend } from "@/lib/firewall/policy/schema";
import type { RenderMeta, RuleFile } from "@/lib/firewall/backends/types";
import type { RuleSet } from "@/lib/firewall/policy/resolve";

const FIXED_META: RenderMeta = { generatedAt: "2026-01-01T00:00:00Z", productVersion: "grammar", warnings: [] };
const FIXED_RULESET = { server: { name: "grammar", hostname: "", os: "debian", panel: "other" }, ipv6: true, outboundPolicy: "allow-all" } as unknown as RuleSet;

/** A double-quoted comment: the label alphabet, where `; & '` may appear only inside the quotes. */
const QUOTED_SAFE = /"[A-Za-z0-9 _.,:;&'/()+-]*"/g;

function quotesSafe(line: string): boolean {
  const stripped = line.replace(QUOTED_SAFE, "");
  return !stripped.includes('"');
}

const IPT_LINE = /^(#.*|\*filter|COMMIT|:PORTCULLIS-(IN|OUT) - \[0:0\]|-A PORTCULLIS-(IN|OUT) [-A-Za-z0-9 _.,:/()+"]*)?$/;
const IPSET_LINE = /^(#.*|create portcullis-[a-z0-9-]+ hash:net family inet6? hashsize 1024 maxelem 262144 -exist|flush portcullis-[a-z0-9-]+|add portcullis-[a-z0-9-]+ [0-9a-f.:/]+ -exist|swap portcullis-[a-z0-9-]+ portcullis-[a-z0-9-]+|destroy portcullis-[a-z0-9-]+)?$/;
const UFW_LINE = /^(#.*|#!\/bin\/sh|set -eu|UFW=\$\{UFW:-ufw\}|\$UFW( '[^'\n]*')+)?$/;
const UFW_BEFORE_LINE = /^(#.*|-A ufw6?-before-input [-A-Za-z0-9 _.,:/()+"]*)?$/;
const NFT_LINE = /^(\s*#.*|table inet portcullis(_limits)?( \{)?|delete table inet portcullis(_limits)?|\}| {2,}[-A-Za-z0-9 _.,:/(){}@"=;+]*)?$/;
const XML_TOKEN = /<\?xml version="1\.0" encoding="utf-8"\?>|<!--[^]*?-->|<\/?[a-z-]+( [a-z-]+="[^"<>&]*")*\/?>|[^<>&]+|&(amp|lt|gt|quot|apos);/y;

function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  for (const [, body] of text.matchAll(/<!--([^]*?)-->/g)) if (body?.includes("--")) problems.push("-- inside an XML comment");
  XML_TOKEN.lastIndex = 0;
  while (XML_TOKEN.lastIndex < text.length) {
    const at = XML_TOKEN.lastIndex;
    if (!XML_TOKEN.exec(text)) {
      problems.push(`malformed XML at ${at}: ${text.slice(at, at + 40)}`);
      break;
    }
  }
  return problems;
}

function linesMatching(file: RuleFile, pattern: RegExp, quotes = true): string[] {
  return file.content
    .split("\n")
    // The line's shape is checked with its quoted comments emptied, so `; & '` pass only inside quotes.
    .filter((l) => {
      const isComment = l.trimStart().startsWith("#");
      return !pattern.test(quotes && !isComment ? l.replace(QUOTED_SAFE, '""') : l) || (quotes && !isComment && !quotesSafe(l));
    })
    .map((l) => `${file.path}: unexpected line ${JSON.stringify(l.slice(0, 120))}`);
}

/**
 * APF's companion loader is a fixed script: apart from its comment header, every line must be one
 * of the loader's own lines (taken from a rendering whose header holds no profile text).
 */
function loaderProblems(file: RuleFile): string[] {
  const fixed = new Set(renderCompanionLoader(FIXED_RULESET, FIXED_META).split("\n"));
  return file.content
    .split("\n")
    .filter((l) => !l.startsWith("#") && !fixed.has(l))
    .map((l) => `${file.path}: unexpected line ${JSON.stringify(l.slice(0, 120))}`);
}

function apfProblems(file: RuleFile): { line: number; message: string }[] | string[] {
  if (file.path === "companion.ipset") return linesMatching(file, IPSET_LINE);
  if (file.path.startsWith("companion.v")) return linesMatching(file, IPT_LINE);
  if (file.path === "companion.sh") return loaderProblems(file);
  return file.path.startsWith("conf.apf") ? lintApfConf(file.content) : lintApfTrust(file.content);
}

/** Problems in one backend's files (empty when every line is a shape the renderer may emit). */
export function grammarProblems(backend: Backend, files: RuleFile[]): string[] {
  const problems: string[] = [];
  for (const f of files) {
    if (!/^[\x20-\x7e\n]*$/.test(f.content)) problems.push(`${f.path}: a character outside printable ASCII`);
    const lint = (issues: { line: number; message: string }[]) => issues.forEach((i) => problems.push(`${f.path}:${i.line}: ${i.message}`));
    if (backend === "nftables") problems.push(...linesMatching(f, NFT_LINE));
    else if (backend === "iptables") problems.push(...linesMatching(f, f.path.endsWith(".ipset") ? IPSET_LINE : IPT_LINE));
    else if (backend === "ufw") problems.push(...(f.path.endsWith(".sh") ? linesMatching(f, UFW_LINE, false) : linesMatching(f, UFW_BEFORE_LINE)));
    else if (backend === "firewalld") problems.push(...(f.path.endsWith(".nft") ? linesMatching(f, NFT_LINE) : xmlProblems(f.content)));
    else if (backend === "csf") lint(f.path.endsWith(".conf") ? lintCsfConf(f.content) : lintCsfList(f.content));
    else {
      const found = apfProblems(f);
      found.forEach((p) => (typeof p === "string" ? problems.push(p) : problems.push(`${f.path}:${p.line}: ${p.message}`)));
    }
  }
  return problems;
}
