import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "@/tests/netns/netns";
import { writeProject } from "@/tests/ansible/project";
import { makeProfile } from "@/tests/support/profile";
import { requires } from "@/tests/support/requires";
import { ansibleEntries, ANSIBLE_FOLDER } from ".";
import { inventoryHosts } from "./inventory";
import { CONFIRM_RECORD_VERIFY, UNPACK_AND_APPLY } from "./playbook";
import { tarArchive } from "./tar";

const options = { generatedAt: "2026-11-22T12:00:00Z", productVersion: "test" };
const nft = makeProfile({ name: "web1", hostname: "web1.example.com", ipv4: "192.0.2.1", os: "debian", panel: "froxlor", sshPort: 2222 });
const ufw = makeProfile({ name: "web 2", ipv6: "2001:db8::2", os: "ubuntu", panel: "cpanel" }, (d) => void (d.policy.backend = "ufw"));
const bare = makeProfile({ name: "Bare Metal" });

const apply = (folder: { path: string; content: string }[]) => folder.find((e) => e.path.endsWith("/apply.sh"))?.content ?? "";
const file = (entries: { path: string; content: string }[], path: string) => entries.find((e) => e.path === `${ANSIBLE_FOLDER}/${path}`)?.content;

describe("Ansible export", () => {
  it("names hosts by host name, address or slug, with the SSH port and an address to connect to", async () => {
    expect(inventoryHosts([nft, ufw, bare]).map((h) => [h.name, h.address, h.sshPort])).toEqual([
      ["web1.example.com", "192.0.2.1", 2222],
      ["2001:db8::2", "", 22],
      ["bare-metal", "", 22],
    ]);
    const entries = await ansibleEntries([nft, ufw, bare], options);
    expect(file(entries, "host_vars/web1.example.com.yml")).toMatch(/ansible_host: "192.0.2.1"\nansible_port: 2222\n(#.*\n)?ansible_python_interpreter: \/usr\/bin\/python3\nportcullis_backend: nftables/);
    // The EL family's interpreter differs by release (platform-python on 8): Ansible discovers it.
    expect(file(entries, "host_vars/bare-metal.yml")).not.toContain("ansible_python_interpreter");
    expect(file(entries, "inventory.yml")).toContain('    backend_ufw:\n      hosts:\n        "2001:db8::2": {}');
    expect(file(entries, "inventory.yml")).toContain('    panel_froxlor:\n      hosts:\n        "web1.example.com": {}');
  });

  it("ships each host's own backend folder only, apply.sh executable, one play for the fleet and the shared role", async () => {
    const entries = await ansibleEntries([nft, ufw], options);
    const apply = entries.find((e) => e.path === `${ANSIBLE_FOLDER}/files/web1.example.com/nftables/apply.sh`);
    expect(apply?.mode).toBe(0o755);
    expect(entries.some((e) => e.path.includes("files/web1.example.com/ufw"))).toBe(false);
    expect(file(entries, "site.yml")).toMatch(/hosts: all\n[\s\S]*serial: \[1, "25%"\]\n  max_fail_percentage: 25\n  roles:\n    - portcullis_apply\n$/);
    expect(entries.filter((e) => e.path.includes("/roles/")).every((e) => e.path.includes("/roles/portcullis_apply/"))).toBe(true);
    expect(file(entries, "roles/portcullis_apply/tasks/main.yml")).toContain("ansible.builtin.meta: reset_connection");
  });

  it("indexes each file as the server's find reports it, and packs the same files as one archive", async () => {
    const entries = await ansibleEntries([nft], options);
    const folder = entries.filter((e) => e.path.startsWith(`${ANSIBLE_FOLDER}/files/web1.example.com/nftables/`));
    const index = /portcullis_files_index:\n((?: {2}- ".*"\n)+)/.exec(file(entries, "host_vars/web1.example.com.yml") ?? "")?.[1];
    const lines = [...(index ?? "").matchAll(/"(.*)"/g)].map((m) => m[1]);
    expect(lines).toHaveLength(folder.length);
    expect(lines).toContain(`apply.sh ${createHash("sha1").update(apply(folder)).digest("hex")} 0755`);
    expect(lines.some((l) => l !== undefined && /^portcullis\.nft [0-9a-f]{40} 0644$/.test(l))).toBe(true);
    const tar = file(entries, "files/web1.example.com/nftables.tar");
    expect(Buffer.byteLength(tar ?? "") % 512).toBe(0);
  });

  it("gives the same checksum for the same profile and a new one when the rules change", async () => {
    const sha = async (doc: typeof nft) => /portcullis_bundle_sha256: "([0-9a-f]{64})"/.exec(file(await ansibleEntries([doc], options), "host_vars/web1.example.com.yml") ?? "")?.[1];
    const changed = makeProfile({ ...nft.server }, (d) => (d.policy.blocked = [{ address: "198.51.100.7", comment: "" }]));
    expect(await sha(nft)).toBe(await sha(nft));
    expect(await sha(changed)).not.toBe(await sha(nft));
  });

  it("refuses two profiles naming the same host, and an empty selection", async () => {
    const twin = makeProfile({ name: "twin", hostname: "web1.example.com", os: "debian", panel: "froxlor" });
    await expect(ansibleEntries([nft, twin], options)).rejects.toThrow('Profiles "web1" and "twin" both name the host web1.example.com');
    await expect(ansibleEntries([], options)).rejects.toThrow("Give at least one profile.");
  });
});

describe("the archive", () => {
  requires("tar");
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));

  it("unpacks with GNU tar to the folder's files, modes and export time (nested paths included)", async () => {
    const firewalld = makeProfile({ name: "fw", ipv4: "192.0.2.9" }, (d) => void (d.policy.backend = "firewalld"));
    const entries = await ansibleEntries([firewalld], options);
    const prefix = `${ANSIBLE_FOLDER}/files/192.0.2.9/firewalld/`;
    const folder = entries.filter((e) => e.path.startsWith(prefix));
    expect(folder.some((e) => e.path.slice(prefix.length).includes("/"))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "pc-tar-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "a.tar"), file(entries, "files/192.0.2.9/firewalld.tar") ?? "");
    const r = run("tar", ["-xf", join(dir, "a.tar"), "-C", dir]);
    expect(r.code, r.stderr).toBe(0);
    for (const e of folder) {
      const out = join(dir, e.path.slice(prefix.length));
      expect(readFileSync(out, "utf8")).toBe(e.content);
      expect(statSync(out).mode & 0o7777).toBe(e.mode);
      expect(statSync(out).mtime.toISOString()).toBe("2026-11-22T12:00:00.000Z");
    }
  });
});

/**
 * The two commands the play runs on a server, run here by sh with stand-ins for apply.sh and
 * verify.sh (the real ones, on real servers, are tests/ansible/deploy.test.ts): what each passes on,
 * what it writes and how it exits.
 */
describe("the play's commands on the server", () => {
  requires("sh", "tar", "base64");
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), "pc-play-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const sh = (script: string, args: string[], input?: string) => run("sh", ["-c", script, "test", ...args], input);
  // Prints its arguments and what its stdin held (the play's apply must never read a "yes").
  const standIn = 'echo "apply.sh $*"; if read -r answer; then echo "stdin: $answer"; else echo "stdin: closed"; fi\n';

  it("unpacks the base64 archive from stdin into a new folder (modes kept), then runs the archive's apply.sh with stdin closed", () => {
    const files = [
      { path: "apply.sh", content: standIn, mode: 0o755 },
      { path: "rules/portcullis.conf", content: "# rules\n", mode: 0o600 },
    ];
    const target = join(folder(), "var/lib/portcullis/bundle/nftables");
    const archive = Buffer.from(tarArchive(files, new Date(options.generatedAt)), "utf8").toString("base64");
    const r = sh(UNPACK_AND_APPLY, [target, "unpack", "90", "no-force"], `${archive}\n`);
    expect([r.code, r.stdout]).toEqual([0, "apply.sh 90\nstdin: closed\n"]);
    expect(statSync(target).mode & 0o777).toBe(0o755);
    for (const f of files) {
      expect(readFileSync(join(target, f.path), "utf8")).toBe(f.content);
      expect(statSync(join(target, f.path)).mode & 0o7777).toBe(f.mode);
    }
  });

  it("keeps the server's files when nothing differs and passes the seconds and --force-with-other-manager on", () => {
    const dir = folder();
    writeFileSync(join(dir, "apply.sh"), standIn);
    expect(sh(UNPACK_AND_APPLY, [dir, "keep", "90", "no-force"], "yes\n").stdout).toBe("apply.sh 90\nstdin: closed\n");
    expect(sh(UNPACK_AND_APPLY, [dir, "keep", "45", "force"], "yes\n").stdout).toBe("apply.sh 45 --force-with-other-manager\nstdin: closed\n");
    const broken = sh(UNPACK_AND_APPLY, [join(dir, "new"), "unpack", "90", "no-force"], "not base64 at all!\n");
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`could not unpack the files into ${join(dir, "new")}`);
  });

  it("confirms, records the checksum (0600) and prints the live file; exits 1 unconfirmed and 3 when verify.sh fails", () => {
    const sha = "a".repeat(64);
    const dir = folder();
    writeFileSync(join(dir, "apply.sh"), 'echo "confirmed $*"; exit ${CONFIRM_EXIT:-0}\n');
    writeFileSync(join(dir, "verify.sh"), 'echo "# live" > "$1/portcullis-live-web1-20261203T000000Z.txt"; echo noise; exit ${VERIFY_EXIT:-0}\n');
    const ok = sh(CONFIRM_RECORD_VERIFY, [dir, sha, "verify"]);
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, "# live\n", "confirmed --confirm\n"]);
    expect(readFileSync(join(dir, ".portcullis-applied"), "utf8")).toBe(`${sha}\n`);
    expect(statSync(join(dir, ".portcullis-applied")).mode & 0o777).toBe(0o600);
    expect(sh(CONFIRM_RECORD_VERIFY, [dir, sha, "no-verify"]).stdout).toBe("");

    const failing = sh(`VERIFY_EXIT=2; export VERIFY_EXIT; ${CONFIRM_RECORD_VERIFY}`, [dir, sha, "verify"]);
    expect([failing.code, failing.stdout]).toEqual([3, ""]);
    expect(failing.stderr).toContain("confirmed, but verify.sh failed (exit 2)");

    rmSync(join(dir, ".portcullis-applied"));
    const refused = sh(`CONFIRM_EXIT=1; export CONFIRM_EXIT; ${CONFIRM_RECORD_VERIFY}`, [dir, sha, "verify"]);
    expect(refused.code).toBe(1);
    expect(existsSync(join(dir, ".portcullis-applied"))).toBe(false);
  });
});

/** One server per backend, so every role is in the project. */
const everyBackend = () =>
  (["nftables", "iptables", "firewalld", "ufw", "csf", "apf"] as const).map((b, i) =>
    makeProfile({ name: `s${i}`, ipv4: `192.0.2.${i + 1}` }, (d) => void (d.policy.backend = b)),
  );

describe("ansible-lint", () => {
  requires("ansible-lint");
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));

  it("passes every rule of every profile (production included) on the project with every backend", async () => {
    const dir = await writeProject(everyBackend(), cleanups);
    // --offline: nothing is fetched (no Galaxy); the project uses ansible.builtin only.
    const r = run("sh", ["-c", `cd '${dir}' && HOME='${dir}/..' ansible-lint --offline --nocolor --profile production`]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/Passed with production profile|passed/i);
  });
});

describe("ansible-playbook --syntax-check", () => {
  requires("ansible-playbook");
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));

  it("accepts the project with every backend", async () => {
    const dir = await writeProject(everyBackend(), cleanups);
    const r = run("sh", ["-c", `cd '${dir}' && ansible-playbook --syntax-check site.yml`]);
    expect(r.stderr + r.stdout).toContain("playbook: site.yml");
    expect(r.code).toBe(0);
    const list = run("sh", ["-c", `cd '${dir}' && ansible-playbook --list-tasks site.yml`]);
    expect(list.stdout).toContain("Confirm over a NEW SSH connection");
    expect(list.code).toBe(0);
  });
});
