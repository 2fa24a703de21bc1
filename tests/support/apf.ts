/**
 * A namespaced server running Debian's real APF (apf-firewall 9.7) on a private root: the bundle's
 * apply.sh, its confirmation and a simulated boot all run there, and the test machine's own
 * /etc/apf-firewall, /etc/default and rules never change (docs/backends.md §6.3).
 */
import type { ProfileDocument } from "@/lib/firewall/policy/schema";
import type { Netns, RunResult } from "../netns/netns";
import { unpack, type Cleanups } from "./apply-script";
import { type Machine, PrivateRoot } from "./private-root";

const CONF = "/etc/apf-firewall/conf.apf";

/**
 * What differs between a namespace and a real server, set in the private copy of conf.apf:
 * SET_MONOKERN (netfilter is built in, no modules to load), the interface APF checks (the veth's
 * name changes with every namespace), and BLK_RESNET off, because every sample's client address
 * lies in a documentation network (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) that APF's
 * reserved-network list drops before any of the bundle's rules is read.
 */
function adaptToNamespace(machine: Machine): void {
  const dev = machine.must("ip -o link show type veth | sed -n '1s/^[0-9]*: \\([^@:]*\\).*/\\1/p'").trim();
  if (dev === "") throw new Error("the server namespace has no veth");
  const set = (k: string, v: string) => `s/^${k}=.*/${k}="${v}"/`;
  machine.must(`sed -i '${set("SET_MONOKERN", "1")}; ${set("BLK_RESNET", "0")}; ${set("IFACE_IN", dev)}; ${set("IFACE_OUT", dev)}' ${CONF}`);
}

export class ApfServer {
  readonly root: PrivateRoot;
  machine: Machine | undefined;

  constructor(private readonly cleanups: Cleanups) {
    this.root = new PrivateRoot(cleanups);
  }

  /** Boot this server's file system in `ns` (a fresh namespace is a fresh kernel). */
  async boot(ns: Netns): Promise<Machine> {
    this.machine?.stop();
    this.machine = await this.root.boot(ns);
    adaptToNamespace(this.machine);
    return this.machine;
  }

  private get on(): Machine {
    if (!this.machine) throw new Error("boot the APF server first");
    return this.machine;
  }

  /** Run the bundle's apply.sh; `answer` is what the admin types (yes confirms). */
  apply(document: ProfileDocument, answer: string, env = ""): RunResult {
    const folder = unpack(document, "apf", this.cleanups);
    return this.on.sh(`${env} sh '${folder}/apply.sh'`, answer);
  }

  /** Exactly what Debian's boot runs for APF: the init script's start (it reads /etc/default/apf-firewall). */
  bootCommands(): RunResult {
    return this.on.sh("/etc/init.d/apf-firewall start");
  }

  /**
   * Exchange one ping with each client address. Under APF in a namespace the very first
   * connection from an address the server has never exchanged a packet with can time out once
   * (seen only for the first address probed, never on a later try; not seen with the nftables or
   * iptables output), so the matrix starts after one round trip, as behind a real gateway.
   */
  greet(addresses: readonly string[]): void {
    this.on.sh(addresses.map((a) => `ping -c 1 -W 1 ${a} >/dev/null 2>&1`).join("; ") + "; true");
  }

  sh(script: string): string {
    return this.on.must(script);
  }
}
