/**
 * firewalld's offline check on a scratch copy of /etc/firewalld (docs/backends.md §8). It returns 0 on
 * some real errors, so any WARNING or ERROR in its output counts as a failure, and the references
 * it does not check (ipsets, services) are cross-checked here.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { RuleFile } from "@/lib/firewall/backends/types";
import { run } from "../netns/netns";

export function checkFirewalld(files: RuleFile[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "pc-fwd-"));
  try {
    cpSync("/etc/firewalld", dir, { recursive: true });
    for (const f of files.filter((x) => x.installPath.startsWith("/etc/firewalld/"))) {
      const target = join(dir, f.installPath.slice("/etc/firewalld/".length));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.content);
    }
    const problems: string[] = [];
    const r = run("firewall-offline-cmd", ["--system-config", dir, "--check-config"]);
    const out = `${r.stdout}${r.stderr}`;
    if (r.code !== 0 || /WARNING|ERROR/i.test(out)) problems.push(`check-config rc ${r.code}: ${out.trim()}`);
    for (const f of files) {
      for (const [, kind, name] of f.content.matchAll(/(ipset|service name)="([^"]+)"/g)) {
        const folder = kind === "ipset" ? "ipsets" : "services";
        const known = [join(dir, folder, `${name}.xml`), join("/usr/lib/firewalld", folder, `${name}.xml`)].some((p) => existsSync(p));
        if (!known) problems.push(`${f.path} references missing ${folder.slice(0, -1)} ${name}`);
      }
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
