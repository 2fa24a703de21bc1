/**
 * iptables-save text without Docker's and fail2ban's chains (docs/backends.md "Verify"): their
 * chain declarations, their rules and every jump into them are taken out, so the importer reads
 * only what filters on behalf of the firewall being verified. The chains are named as foreign.
 */
import { foreignKind } from "../../verify/read";

export type IptablesView = { text: string; foreign: string[]; chains: Set<string>; jumps: Set<string> };

/** `jumps` holds `INPUT>PORTCULLIS-IN` for each jump from a built-in chain, to check our hooks. */
export function withoutForeignChains(text: string): IptablesView {
  const foreign = new Set<string>();
  const chains = new Set<string>();
  const jumps = new Set<string>();
  const kept: string[] = [];
  let table = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("*")) table = line.slice(1).trim();
    const declared = /^:(\S+)/.exec(line)?.[1];
    const chain = /^-A (\S+)/.exec(line)?.[1];
    const target = /\s-[jg] (\S+)/.exec(line)?.[1];
    const names = [declared, chain, target].filter((n): n is string => n !== undefined);
    const kind = names.map(foreignKind).find((k) => k !== null);
    if (kind) {
      for (const n of names) if (foreignKind(n)) foreign.add(`chain ${n} in table ${table} (${kind})`);
      continue;
    }
    if (table === "filter" && declared) chains.add(declared);
    if (table === "filter" && chain && target) jumps.add(`${chain}>${target}`);
    kept.push(line);
  }
  return { text: kept.join("\n"), foreign: [...foreign], chains, jumps };
}
