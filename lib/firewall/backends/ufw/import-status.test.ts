import { describe, expect, it } from "vitest";
import type { Finding } from "../../import/types";
import { readUfwStatus } from "./import-status";

// What ufw 0.36.2 printed for the locked-down sample (tests/firewall/verify-ufw.test.ts): its "To"
// column is 26 characters wide plus one space, so a rule as wide as that has one space before ALLOW.
const STATUS = `Status: active
Logging: on (low)
Default: deny (incoming), deny (outgoing), disabled (routed)
New profiles: skip

To                         Action      From
--                         ------      ----
3306/tcp                   REJECT IN   Anywhere                   # Localhost only: MySQL
2087,2222/tcp              ALLOW IN    203.0.113.0/24             # SSH, WHM SSL
25,80,443,587,993,2083/tcp ALLOW IN    Anywhere                   # SMTP, HTTP, HTTPS, SMTP submission, IMAP over TLS, cPanel SSL
25,80,443,587,993,2083/tcp (v6) ALLOW IN    Anywhere (v6)              # SMTP, HTTP, HTTPS, SMTP submission, IMAP over TLS, cPanel SSL
25,53,80,443,2089/tcp (v6) ALLOW OUT   Anywhere (v6)              # SMTP, HTTP, HTTPS, cPanel licensing, DNS resolver
`;

describe("ufw status verbose", () => {
  it("reads a rule whose port list fills the To column, for both families and both directions", () => {
    const findings: Finding[] = [];
    const { rules, defaultIn, defaultOut } = readUfwStatus({ path: "ufw-status.txt", text: STATUS }, findings);
    expect([defaultIn, defaultOut]).toEqual(["DENY", "DENY"]);
    const open = (line: number) => rules.filter((r) => r.origin.line === line).map((r) => `${r.direction} ${r.protocol} ${r.ports.from} ${JSON.stringify(r.sources)}`);
    const wide = ["25", "80", "443", "587", "993", "2083"].map((p) => `inbound tcp ${p} "anyone"`);
    expect(open(10)).toEqual(wide);
    expect(open(11)).toEqual(wide);
    expect(open(9)).toEqual(['inbound tcp 2087 ["203.0.113.0/24"]', 'inbound tcp 2222 ["203.0.113.0/24"]']);
    expect(open(12)).toEqual(["25", "53", "80", "443", "2089"].map((p) => `outbound tcp ${p} "anyone"`));
    expect(findings).toEqual([]);
  });
});
