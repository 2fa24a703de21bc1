/**
 * cPanel & WHM rows for mail and spam filtering (Exim, Dovecot, SpamAssassin and its network
 * checks). Flags are the cPanel port table's columns verbatim; see cpanel.ts for the rest.
 */
import { port, startOff, startOn, ticked } from "./build";
import type { CatalogService } from "./types";

const smtpFlags = ticked("tcp", "inbound", "outbound");
const mailboxFlags = ticked("tcp", "inbound");
const outboundTcp = ticked("tcp", "outbound");
const outboundBoth = ticked("tcp", "udp", "outbound");

export const CPANEL_MAIL_SERVICES = [
  {
    id: "razor-7", name: "Razor (port 7)", port: port(7), flags: outboundTcp, category: "spam", source: "table",
    note: "Outbound; SpamAssassin's Razor client uses it while talking to the Razor network.",
    defaults: startOn(outboundTcp),
  },
  {
    id: "smtp", name: "SMTP", port: port(25), flags: smtpFlags, category: "mail", source: "table",
    note: "Mail exchange with other mail servers, both receiving and sending.",
    defaults: startOn(smtpFlags),
  },
  {
    id: "smtp-alt", name: "SMTP (port 26)", port: port(26), flags: smtpFlags, category: "mail", source: "table",
    note: "Second SMTP port for clients whose provider blocks 25.",
    optional: "Exim only listens here after you add the port in WHM's Service Manager.",
    defaults: startOff(smtpFlags),
  },
  {
    id: "pop3", name: "POP3", port: port(110), flags: mailboxFlags, category: "mail", source: "table",
    note: "Mailbox download without TLS: passwords can be read on the way.",
    secureTwin: "pop3s",
    defaults: startOff(mailboxFlags),
  },
  {
    id: "imap", name: "IMAP", port: port(143), flags: mailboxFlags, category: "mail", source: "table",
    note: "Mailbox access without TLS: passwords can be read on the way.",
    secureTwin: "imaps",
    defaults: startOff(mailboxFlags),
  },
  {
    id: "smtps", name: "SMTP over TLS", port: port(465), flags: smtpFlags, category: "mail", source: "table",
    note: "Mail submission over implicit TLS; accept TLS 1.2 or newer only.",
    defaults: startOn(smtpFlags),
  },
  {
    id: "submission", name: "SMTP submission", port: port(587), flags: smtpFlags, category: "mail", source: "table",
    note: "Mail submission by authenticated clients, upgraded with STARTTLS.",
    defaults: startOn(smtpFlags),
  },
  {
    id: "spamassassin", name: "SpamAssassin (spamd)", port: port(783), flags: ticked("tcp", "udp", "localhost"), category: "spam", source: "table",
    note: "The spam-scoring daemon; Exim talks to it on the server itself.",
    defaults: startOn(ticked("tcp", "udp", "localhost")),
  },
  {
    id: "imaps", name: "IMAP over TLS", port: port(993), flags: mailboxFlags, category: "mail", source: "table",
    note: "Encrypted mailbox access for mail clients.",
    defaults: startOn(mailboxFlags),
  },
  {
    id: "pop3s", name: "POP3 over TLS", port: port(995), flags: mailboxFlags, category: "mail", source: "table",
    note: "Encrypted mailbox download for mail clients.",
    defaults: startOn(mailboxFlags),
  },
  {
    id: "activesync", name: "Exchange ActiveSync", port: port(2091), flags: mailboxFlags, category: "mail", source: "table",
    note: "Mail, calendar and contact sync for Android devices over TLS.",
    optional: "Needs the Calendars and Contacts Server plugin and the Z-Push ActiveSync plugin.",
    defaults: startOff(mailboxFlags),
  },
  {
    id: "webmail", name: "Webmail", port: port(2095), flags: mailboxFlags, category: "mail", source: "table",
    note: "Webmail login without TLS.",
    secureTwin: "webmail-ssl",
    defaults: startOff(mailboxFlags),
  },
  {
    id: "webmail-ssl", name: "Webmail SSL", port: port(2096), flags: mailboxFlags, category: "mail", source: "table",
    note: "Webmail over TLS; one of the ports the license callback may use.",
    licenseCallback: true,
    defaults: startOn(mailboxFlags),
  },
  {
    id: "apns", name: "Apple Push Notifications", port: port(2195), flags: outboundTcp, category: "mail", source: "table",
    note: "Outbound to Apple's push service, to wake iOS devices for new mail, calendar and contact changes.",
    optional: "Only used when Apple push notifications are set up for the server's mail and calendar service.",
    defaults: startOff(outboundTcp),
  },
  {
    id: "razor", name: "Razor", port: port(2703), flags: outboundTcp, category: "spam", source: "table",
    note: "Outbound to the Razor collaborative spam database, used by SpamAssassin.",
    defaults: startOn(outboundTcp),
  },
  {
    id: "dcc", name: "DCC", port: port(6277), flags: outboundBoth, category: "spam", source: "table",
    note: "Outbound to the Distributed Checksum Clearinghouse, used by SpamAssassin (queries go over UDP).",
    defaults: startOn(outboundBoth),
  },
  {
    id: "pyzor", name: "Pyzor", port: port(24441), flags: outboundBoth, category: "spam", source: "table",
    note: "Outbound to the Pyzor spam-checksum servers, used by SpamAssassin (queries go over UDP).",
    defaults: startOn(outboundBoth),
  },
] satisfies CatalogService[];
