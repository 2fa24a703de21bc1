/**
 * firewalld rollback with the real daemon (docs/backends.md §3.3, §9.3): a confirmed bundle with
 * per-source limits, then an unconfirmed one without: while pending, the companion table is gone;
 * after the timer, /etc/firewalld, the running zone and the companion table are the confirmed ones
 * again, and the boot unit the first confirmation enabled was never touched.
 */
import { afterAll, describe, expect, test } from "vitest";
import { LIMITS_TABLE, LIMITS_UNIT_LINK } from "@/lib/firewall/backends/firewalld/limits";
import { requires } from "../support/requires";
import { eventually, unpack } from "../support/apply-script";
import { firewalldServer } from "../support/firewalld-daemon";
import { SAMPLE_RULESETS } from "../support/samples";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.splice(0).reverse().forEach((c) => c()));

const sample = (id: string) => SAMPLE_RULESETS.find((s) => s.id === id)!.document;
const STATE = "/var/lib/portcullis/firewalld";

describe("firewalld apply.sh with the real daemon", () => {
  requires("root", "ip", "nsenter", "unshare", "nft", "firewalld", "firewall-cmd", "dbus-daemon");

  test("an unconfirmed apply puts back the previous files, zone and companion table", async () => {
    const machine = await firewalldServer(cleanups, "f");

    const first = machine.sh(`sh '${unpack(sample("blocks-and-limits"), "firewalld", cleanups)}/apply.sh' 600`, "yes\n");
    expect(first.stdout, first.stderr).toContain("Confirmed: the new rules stay.");
    const snapshot = () => machine.must(`cd /etc/firewalld && find . -type f | sort | xargs sha256sum; firewall-cmd --zone=public --list-all`);
    const confirmed = snapshot();
    const table = () => machine.sh(`nft list table inet ${LIMITS_TABLE}`);
    expect(table().stdout).toContain("ct count over 5");
    expect(machine.sh(`test -L ${LIMITS_UNIT_LINK}`).code).toBe(0);
    // firewalld's reload (FlushAllOnReload=yes) replaces only its own table.
    machine.must("firewall-cmd --reload");
    expect(table().stdout).toContain("ct count over 5");

    const second = machine.sh(`sh '${unpack(sample("cpanel-typical"), "firewalld", cleanups)}/apply.sh' 2`, "");
    expect(second.code, second.stderr).toBe(0);
    expect(table().code).not.toBe(0);
    expect(machine.must("firewall-cmd --zone=public --list-services")).toContain("portcullis");

    const rolledBack = () => machine.sh(`ls ${STATE} | sed -n 's/^done-//p'`).stdout.trim();
    expect(await eventually(() => rolledBack() !== "")).toBe(true);
    expect(machine.must(`readlink ${STATE}/decision-${rolledBack()}`).trim()).toBe("rolled-back");
    expect(snapshot()).toBe(confirmed);
    expect(table().stdout).toContain("ct count over 5");
    expect(machine.sh(`test -L ${LIMITS_UNIT_LINK}`).code).toBe(0);
  }, 180_000);
});
