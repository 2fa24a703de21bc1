/** The private root keeps a server's writes off the test machine and carries them across a boot. */
import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { Netns } from "../netns/netns";
import { requires } from "./requires";
import { isAlive, PrivateRoot } from "./private-root";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

function namespace(): Netns {
  const ns = new Netns("p");
  cleanups.push(() => ns.destroy());
  return ns;
}

describe("private root", () => {
  requires("root", "ip", "nsenter", "unshare", "nft");

  test("writes stay private, survive a boot, and the new boot starts with empty kernel state", async () => {
    const root = new PrivateRoot(cleanups);
    const marker = `/etc/portcullis-private-root-${process.pid}`;
    const first = await root.boot(namespace());
    first.must(`echo planned > ${marker}; mkdir -p /var/lib/portcullis; echo state > /var/lib/portcullis/x; nft add table inet probe`);
    first.must("sleep 600 >/dev/null 2>&1 & echo $! > /run/sleeper");
    const sleeper = Number(first.must("cat /run/sleeper"));
    expect(existsSync(marker)).toBe(false);
    expect(existsSync("/var/lib/portcullis/x")).toBe(false);
    expect(readFileSync(first.path(marker), "utf8")).toBe("planned\n");

    first.stop();
    expect(isAlive(sleeper)).toBe(false);
    // The holder too has exited when stop() returns: its overlays are gone before the next boot mounts the same folders.
    expect(isAlive(first.pid)).toBe(false);

    const second = await root.boot(namespace());
    expect(second.must(`cat ${marker} /var/lib/portcullis/x`)).toBe("planned\nstate\n");
    expect(second.must("nft list tables")).toBe("");
    expect(second.sh("cat /run/sleeper").code).not.toBe(0);
    second.must("rm /var/lib/portcullis/x");
    expect(second.sh("test -e /var/lib/portcullis/x").code).not.toBe(0);
  });

  test("a second boot while one runs is refused", async () => {
    const root = new PrivateRoot(cleanups);
    await root.boot(namespace());
    await expect(root.boot(namespace())).rejects.toThrow(/stop the running boot/);
  });
});
