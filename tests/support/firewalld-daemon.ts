/**
 * The real firewalld daemon on a private-root Machine (docs/backends.md §13.1): a private system
 * D-Bus on the Machine's tmpfs /run (root only, no service activation, so no polkitd), then
 * `firewalld --nofork --nopid` as firewalld.service runs it, awaited through `firewall-cmd --state`.
 * The Machine's /etc is a private overlay, so the daemon reads and writes its own /etc/firewalld.
 */
import { Netns } from "../netns/netns";
import { eventually, type Cleanups } from "./apply-script";
import { PrivateRoot, type Machine } from "./private-root";

const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="root"/>
  </policy>
  <policy user="root">
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
`;

/** What firewalld.service starts (ExecStart of Debian's and EL's unit, in the foreground). */
export const FIREWALLD_START = "exec /usr/sbin/firewalld --nofork --nopid";

function state(machine: Machine): string {
  return machine.sh("firewall-cmd --state 2>/dev/null").stdout.trim();
}

/** Start D-Bus and firewalld on `machine` and wait until firewalld reports running. */
export async function startFirewalld(machine: Machine): Promise<void> {
  machine.must("mkdir -p /run/dbus && cat > /run/dbus/portcullis-test.conf && dbus-daemon --config-file=/run/dbus/portcullis-test.conf --fork", BUS_CONFIG);
  const daemon = machine.spawn(FIREWALLD_START);
  let out = "";
  daemon.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  daemon.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  let exited = false;
  daemon.once("exit", () => (exited = true));
  const running = await eventually(() => exited || state(machine) === "running");
  if (!running || exited) throw new Error(`firewalld did not start: ${out.trim()} ${machine.sh("tail -n 20 /var/log/firewalld").stdout}`);
}

/**
 * Boot the enabled Portcullis units of `machine` the way systemd would: for each unit linked in
 * `target`.wants whose ConditionPathExists holds, run its ExecStart lines. Returns what ran.
 */
export function startEnabledUnits(machine: Machine, prefix = "portcullis-", target = "multi-user.target"): string[] {
  const links = machine.sh(`ls /etc/systemd/system/${target}.wants/${prefix}*.service 2>/dev/null`).stdout.split("\n").filter(Boolean);
  const ran: string[] = [];
  for (const link of links) {
    const unit = machine.must(`cat '${link}'`);
    const condition = /^ConditionPathExists=(.+)$/m.exec(unit)?.[1];
    if (condition && machine.sh(`test -e '${condition}'`).code !== 0) continue;
    for (const [, command] of unit.matchAll(/^ExecStart=(.+)$/gm)) {
      machine.must(command!);
      ran.push(command!);
    }
  }
  return ran;
}

/** A fresh namespace with a private root and firewalld running in it, removed by `cleanups`. */
export async function firewalldServer(cleanups: Cleanups, name = "w"): Promise<Machine> {
  const ns = new Netns(name);
  cleanups.push(() => ns.destroy());
  const machine = await new PrivateRoot(cleanups).boot(ns);
  await startFirewalld(machine);
  return machine;
}
