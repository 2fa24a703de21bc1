/**
 * Names of the kernel sets that hold blocked addresses and long source lists. iptables (ipset)
 * and firewalld (its ipsets are kernel ipsets too) use the same names, so a server moved from one
 * to the other never ends up with two sets for one list, and verify reads either the same way.
 */
export type IpFamily = "v4" | "v6";

/** Source lists longer than this go into a set instead of one rule per address. */
export const INLINE_SOURCES_MAX = 8;

export const blockSetName = (f: IpFamily) => `portcullis-block${f === "v4" ? 4 : 6}`;
export const sourceSetName = (id: number, f: IpFamily) => `portcullis-src${f === "v4" ? 4 : 6}-${id}`;

/**
 * The lines of `ipset save` text for one family's sets (`family inet`, ipset's default, or
 * `inet6`): a family's rules can only match sets of that family (the kernel refuses the others),
 * so each family's import reads its own sets and not the other's, often the bigger list
 * (verify of iptables, and of the kernel rules of CSF and APF). With `owned`, only the sets it
 * accepts by name, and no line that names no set (a tool reading only its own sets).
 */
export function setsOfFamily(text: string, family: "IPv4" | "IPv6", owned?: (name: string) => boolean): string {
  const want = family === "IPv6" ? "inet6" : "inet";
  const setFamily = new Map<string, string>();
  const mine = (name: string) => (owned?.(name) ?? true) && (setFamily.get(name) ?? want) === want;
  // Read by offsets, and kept lines copied in runs: nearly every line of a big list is `add NAME
  // MEMBER` for the same NAME as the line before, and such a run is found by one match.
  const runs: string[] = [];
  let [runStart, runEnd] = [-1, -1];
  let last: { name: string; kept: boolean; run?: RegExp } = { name: "", kept: false };
  for (let pos = 0; pos <= text.length; ) {
    let end = runOfLast(pos);
    let kept = last.kept;
    if (end === -1) {
      const newline = text.indexOf("\n", pos);
      end = newline === -1 ? text.length : newline;
      kept = keepLine(text.slice(pos, end));
    }
    if (kept) {
      if (runStart === -1) runStart = pos;
      runEnd = end;
    } else if (runStart !== -1) {
      runs.push(text.slice(runStart, runEnd));
      runStart = -1;
    }
    pos = end + 1;
  }
  if (runStart !== -1) runs.push(text.slice(runStart, runEnd));
  return runs.join("\n");

  /** Where the run of add lines of the last line's set from `pos` ends (its last line's end), by one sticky match; -1 if there is none. */
  function runOfLast(pos: number): number {
    if (last.name === "" || !text.startsWith("add ", pos) || !text.startsWith(last.name, pos + 4) || text.charCodeAt(pos + 4 + last.name.length) !== 32) return -1;
    last.run ??= runPattern(last.name);
    last.run.lastIndex = pos;
    return last.run.exec(text) ? last.run.lastIndex : -1;
  }

  function keepLine(line: string): boolean {
    const addEnd = line.startsWith("add ") ? line.indexOf(" ", 4) : -1;
    if (addEnd > 4) {
      last = { name: line.slice(4, addEnd), kept: mine(line.slice(4, addEnd)) };
      return last.kept;
    }
    const create = /^(?:create|-N) (\S+) (.*)$/.exec(line);
    if (create) {
      setFamily.set(create[1] ?? "", /(?:^| )family inet6(?: |$)/.test(create[2] ?? "") ? "inet6" : "inet");
      last = { name: "", kept: false };
    }
    const name = /^(?:create|add|flush|swap|destroy|-[NAFWX]) (\S+)/.exec(line)?.[1];
    return name === undefined ? owned === undefined : mine(name);
  }
}

/** One or more consecutive `add NAME …` lines of the set `name`, matched from `lastIndex` on. */
function runPattern(name: string): RegExp {
  const add = `add ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} [^\n]*`;
  return new RegExp(`${add}(?:\n${add})*`, "y");
}
