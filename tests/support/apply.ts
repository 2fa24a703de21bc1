/** Apply rendered files inside a namespace the way the apply scripts do, for validation and traffic tests. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RuleFile } from "@/lib/firewall/backends/types";
import type { Netns, RunResult } from "../netns/netns";

/** Write files to a temp dir, run `fn(dir)`, and clean up. */
export function withFiles<T>(files: RuleFile[], fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "pc-files-"));
  try {
    for (const f of files) writeFileSync(join(dir, f.path.replace(/\//g, "__")), f.content, { mode: f.mode ?? 0o644 });
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function fileNamed(files: RuleFile[], path: string): RuleFile | undefined {
  return files.find((f) => f.path === path);
}

export function applyNft(ns: Netns, files: RuleFile[]): RunResult {
  return withFiles(files, (dir) => ns.exec("nft", ["-f", join(dir, "portcullis.nft")]));
}

/** ipset restore, then both restores with --noflush, then the idempotent hooks (docs/backends.md §2.1). */
export function applyIptables(ns: Netns, files: RuleFile[]): RunResult {
  return withFiles(files, (dir) => {
    const has = (p: string) => files.some((f) => f.path === p);
    const steps = ["set -eu"];
    if (has("portcullis.ipset")) steps.push(`ipset restore < '${dir}/portcullis.ipset'`);
    for (const [tool, file] of [["iptables", "rules.v4"], ["ip6tables", "rules.v6"]] as const) {
      if (!has(file)) continue;
      steps.push(`${tool}-restore --noflush < '${dir}/${file}'`);
      steps.push(`${tool} -C INPUT -j PORTCULLIS-IN 2>/dev/null || ${tool} -I INPUT 1 -j PORTCULLIS-IN`);
      steps.push(`${tool} -C OUTPUT -j PORTCULLIS-OUT 2>/dev/null || ${tool} -I OUTPUT 1 -j PORTCULLIS-OUT`);
    }
    return ns.script(steps.join("\n"));
  });
}
