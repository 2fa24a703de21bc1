/**
 * What a save takes away compared with the last saved revision: inbound ports it closes and
 * ports it narrows to fewer sources. The matrix's save bar lists them, so that no keystroke
 * closes a web server without anyone reading about it.
 */
import { openPorts, type OpenPort } from "./diff";
import type { ProfileDocument } from "./policy/schema";

export type ClosingSummary = { closing: string[]; narrowing: string[] };

const ACCESS_SHORT = { anyone: "anyone", admins: "admin sources", list: "address list" } as const;

function narrowed(was: OpenPort, now: OpenPort): string | undefined {
  if (was.access === "anyone" && now.access !== "anyone") return `anyone → ${ACCESS_SHORT[now.access]}`;
  if (was.access === "list" && now.access === "list") {
    const kept = new Set(now.sources);
    const removed = was.sources.filter((s) => !kept.has(s));
    if (removed.length > 0) return `${removed.join(", ")} removed`;
  }
  return undefined;
}

type Entry = { text: string; protocols: string[]; how?: string };

/** Adds "tcp" to "HTTPS 443" in `into`, so one service's protocols read as "HTTPS 443/tcp+udp". */
function collect(into: Map<string, Entry>, port: OpenPort, key: string, how?: string): void {
  const [ports = key, protocol = ""] = key.split("/");
  const id = `${port.label} ${ports}${how ? ` (${how})` : ""}`;
  const entry = into.get(id) ?? { text: `${port.label} ${ports}`, protocols: [], how };
  entry.protocols.push(protocol);
  into.set(id, entry);
}

const texts = (entries: Map<string, Entry>) =>
  [...entries.values()].map((e) => `${e.text}/${e.protocols.join("+")}${e.how ? ` (${e.how})` : ""}`);

/** "HTTPS 443/tcp+udp" per closed service port; "SSH 22/tcp (anyone → admin sources)" per narrowed one. */
export function describeClosing(before: ProfileDocument, after: ProfileDocument): ClosingSummary {
  const was = openPorts(before);
  const now = openPorts(after);
  const closing = new Map<string, Entry>();
  const narrowing = new Map<string, Entry>();
  for (const [key, port] of was) {
    const current = now.get(key);
    if (!current) {
      collect(closing, port, key);
      continue;
    }
    const how = narrowed(port, current);
    if (how) collect(narrowing, current, key, how);
  }
  return { closing: texts(closing), narrowing: texts(narrowing) };
}
