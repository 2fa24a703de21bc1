/**
 * A ufw sandbox (docs/backends.md §8): copies of /etc/ufw and /etc/default/ufw under a private folder,
 * used through `ufw --rootdir=/ --datadir=SANDBOX`, so neither the host's ufw nor its firewall is touched.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { RuleFile } from "@/lib/firewall/backends/types";
import { UFW_INSERT_AWK } from "@/lib/firewall/backends/ufw/render";
import { run, type Netns, type RunResult } from "../netns/netns";

export class UfwSandbox {
  readonly dir: string;

  constructor(ipv6: boolean) {
    // Not under /tmp: ufw warns about world-writable parents.
    this.dir = mkdtempSync(join(homedir(), ".pc-ufw-sandbox-"));
    mkdirSync(join(this.dir, "etc/default"), { recursive: true });
    mkdirSync(join(this.dir, "lib/ufw"), { recursive: true });
    cpSync("/etc/ufw", join(this.dir, "etc/ufw"), { recursive: true });
    const defaults = readFileSync("/etc/default/ufw", "utf8").replace(/^IPT_SYSCTL=.*$/m, "IPT_SYSCTL=").replace(/^IPV6=.*$/m, `IPV6=${ipv6 ? "yes" : "no"}`);
    writeFileSync(join(this.dir, "etc/default/ufw"), defaults);
  }

  get ufw(): string {
    return `ufw --rootdir=/ --datadir=${this.dir}`;
  }

  /** Run the generated command script with every ufw call sandboxed (and `extra` flags, e.g. --dry-run). */
  runScript(files: RuleFile[], extra = "", ns?: Netns): RunResult {
    const script = files.find((f) => f.path === "portcullis-ufw.sh");
    if (!script) throw new Error("no ufw script");
    const path = join(this.dir, "portcullis-ufw.sh");
    writeFileSync(path, script.content);
    const args = ["-c", `UFW='${this.ufw} ${extra}' sh '${path}'`];
    return ns ? ns.exec("sh", args) : run("sh", args);
  }

  /** Insert the before.rules blocks exactly as apply.sh does (the same awk program). */
  insertBlocks(files: RuleFile[]): void {
    for (const name of ["before.rules", "before6.rules"]) {
      const block = files.find((f) => f.path === `${name}.portcullis`);
      const blockPath = join(this.dir, `${name}.portcullis`);
      if (block) writeFileSync(blockPath, block.content);
      const target = join(this.dir, "etc/ufw", name);
      const r = run("awk", ["-v", `block=${block ? blockPath : ""}`, UFW_INSERT_AWK, target]);
      if (r.code !== 0) throw new Error(r.stderr);
      writeFileSync(target, r.stdout);
    }
  }

  /** Full apply inside a namespace: commands, before.rules blocks, enable. */
  apply(files: RuleFile[], ns: Netns): RunResult {
    const script = this.runScript(files, "", ns);
    if (script.code !== 0) return script;
    this.insertBlocks(files);
    return ns.exec("sh", ["-c", `${this.ufw} --force enable`]);
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
