/**
 * The optional Exim connect-time ACL that refuses SMTP clients whose address has no valid reverse
 * DNS (a PTR record whose name resolves back to the same address). It is plain text for the
 * bundle: cPanel's Exim Configuration Manager takes it in the `custom_begin_connect` box of the
 * Advanced Editor. `verify = reverse_host_lookup` does the forward-confirmed check; `/defer_ok`
 * lets a temporary DNS failure through instead of rejecting mail during a resolver outage.
 */
import type { Policy } from "../policy/schema";

export type EximReverseDnsMode = Exclude<Policy["hardening"]["eximReverseDns"], "off">;

export const EXIM_REVERSE_DNS_MODES: Record<EximReverseDnsMode, { label: string; description: string }> = {
  relaxed: {
    label: "Relaxed (port 25 only)",
    description:
      "Only server-to-server mail on port 25 must come from a host with valid reverse DNS. Customers submitting on 465 and 587 from home or mobile connections are not affected.",
  },
  strict: {
    label: "Strict (every SMTP port)",
    description:
      "Every SMTP connection, including customers' mail clients on 465 and 587, needs valid reverse DNS. Many home and mobile connections have none: use this only when every sender is known.",
  },
};

const HEADER = [
  "# Portcullis: reject SMTP connections from hosts without valid reverse DNS",
  "# WHM > Service Configuration > Exim Configuration Manager > Advanced Editor,",
  "# box custom_begin_connect (runs in acl_smtp_connect). Test with: exim -bh 192.0.2.1",
  "# Connections from the server itself (webmail, scripts) are accepted first.",
];

const PORT_25_ONLY = "        condition   = ${if eq{$received_port}{25}{yes}{no}}";

/** The ACL text for `custom_begin_connect`; "relaxed" checks port 25 only, "strict" every port. */
export function eximReverseDnsAcl(mode: EximReverseDnsMode): string {
  const lines = [
    ...HEADER,
    `# Mode: ${EXIM_REVERSE_DNS_MODES[mode].label}`,
    "accept  hosts       = <; 127.0.0.1 ; ::1",
    "",
    "deny    message     = Connection rejected: no valid reverse DNS for $sender_host_address",
    "        log_message = no valid reverse DNS (PTR) for $sender_host_address",
    ...(mode === "relaxed" ? [PORT_25_ONLY] : []),
    "        !verify     = reverse_host_lookup/defer_ok",
  ];
  return `${lines.join("\n")}\n`;
}
