import { describe, expect, test } from "vitest";
import { ID_PATTERN, serviceChoiceSchema } from "../policy/schema";
import { defaultChoice } from "../policy/resolve";
import { CATALOGS, CPANEL_CATALOG, FROXLOR_CATALOG, LICENSE_CALLBACK_PORTS, getCatalog } from ".";
import { CATEGORIES } from "./types";
import { readFixture } from "@/tests/support/port-table";

const fixture = readFixture();
const tableServices = CPANEL_CATALOG.services.filter((s) => s.source !== "extra");

describe("cPanel catalog against cPanel's port table", () => {
  test("the table has 41 rows, from 1 (CPAN) to 24441 (Pyzor), and so does the catalog", () => {
    expect(fixture).toHaveLength(41);
    expect(fixture[0]).toMatchObject({ port: 1, service: "CPAN" });
    expect(fixture[40]).toMatchObject({ port: 24441, service: "Pyzor" });
    expect(tableServices).toHaveLength(41);
    expect(tableServices.map((s) => s.port.from)).toEqual(fixture.map((r) => r.port));
  });

  test.each(fixture)("port $port ($service): flags match the table", (row) => {
    const matches = tableServices.filter((s) => s.port.from === row.port);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.port.to).toBe(row.port);
    expect(matches[0]!.flags).toEqual(row.flags);
  });
});

describe("cPanel catalog modelling", () => {
  const byPort = (port: number) => CPANEL_CATALOG.services.find((s) => s.port.from === port)!;

  test.each([
    [21, 22], [110, 995], [143, 993], [2082, 2083], [2086, 2087], [2095, 2096], [2077, 2078], [2079, 2080], [80, 443],
  ])("plaintext %i has secure twin %i", (plain, secure) => {
    expect(byPort(plain).secureTwin).toBe(byPort(secure).id);
  });

  test("only the listed plaintext ports have a twin", () => {
    expect(CPANEL_CATALOG.services.filter((s) => s.secureTwin).map((s) => s.port.from).sort((a, b) => a - b)).toEqual([21, 80, 110, 143, 2077, 2079, 2082, 2086, 2095]);
  });

  test("license callback group is 2082, 2083, 2086, 2087, 2096", () => {
    expect([...LICENSE_CALLBACK_PORTS]).toEqual([2082, 2083, 2086, 2087, 2096]);
  });

  test.each([579, 783, 953])("port %i starts localhost-only and closed inbound", (port) => {
    const s = byPort(port);
    expect(s.defaults).toMatchObject({ enabled: true, localhostOnly: true, inbound: false, outbound: false, tcp: true });
  });

  test.each([579, 953, 2089])("port %i explains its modelling", (port) => {
    expect(byPort(port).modelling).toBeTruthy();
  });

  test("odd rows and extras", () => {
    expect(byPort(11371).onlyOn).toEqual(["ubuntu"]);
    expect(byPort(22).isSsh).toBe(true);
    expect(CPANEL_CATALOG.services.filter((s) => s.optional).map((s) => s.port.from).sort((a, b) => a - b)).toEqual([26, 2091, 2195]);
    const passive = CPANEL_CATALOG.services.find((s) => s.id === "ftp-passive")!;
    expect(passive).toMatchObject({ source: "extra", configurableRange: true, port: { from: 49152, to: 65534 } });
  });

  const on = [22, 25, 53, 80, 443, 465, 587, 993, 995, 2078, 2080, 2083, 2087, 2089, 2096];
  const off = [20, 21, 26, 110, 143, 2077, 2079, 2082, 2086, 2091, 2095, 2195, 3306, 49152];
  test.each(on)("port %i starts enabled", (port) => expect(byPort(port).defaults.enabled).toBe(true));
  test.each(off)("port %i starts disabled", (port) => expect(byPort(port).defaults.enabled).toBe(false));
  test("SSH and WHM start open to anyone (no admin sources exist yet)", () => {
    expect(byPort(22).defaults.access).toBe("anyone");
    expect(byPort(2087).defaults.access).toBe("anyone");
  });
});

describe.each(Object.values(CATALOGS))("$label catalog invariants", (catalog) => {
  test("ids are unique, valid profile keys, and twins point at existing rows", () => {
    const ids = catalog.services.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of catalog.services) {
      expect(s.id).toMatch(ID_PATTERN);
      expect(CATEGORIES).toContain(s.category);
      expect(s.note.length).toBeGreaterThan(10);
      if (s.secureTwin) expect(ids).toContain(s.secureTwin);
      expect(s.port.from).toBeLessThanOrEqual(s.port.to);
    }
  });

  test("every starting choice is a valid service choice", () => {
    for (const s of catalog.services) expect(serviceChoiceSchema.safeParse(defaultChoice(s)).success).toBe(true);
  });

  test("getCatalog returns it for its panel", () => {
    expect(getCatalog(catalog.panel)).toBe(catalog);
  });
});

describe("froxlor catalog", () => {
  const ids = FROXLOR_CATALOG.services.map((s) => s.id);
  test("has the services of froxlor's port page plus the passive range", () => {
    expect(ids.sort()).toEqual(
      ["dns", "ftp", "ftp-passive", "http", "https", "imap", "imaps", "mysql", "pop3", "pop3s", "smtp", "smtps", "ssh", "submission"].sort(),
    );
  });
  test("DNS is modelled as TCP and UDP although the page says TCP", () => {
    const dns = FROXLOR_CATALOG.services.find((s) => s.id === "dns")!;
    expect(dns.flags).toMatchObject({ tcp: true, udp: false });
    expect(dns.defaults).toMatchObject({ tcp: true, udp: true });
    expect(dns.modelling).toBeTruthy();
  });
  test("the passive range is 49152-65534 and configurable", () => {
    expect(FROXLOR_CATALOG.services.find((s) => s.id === "ftp-passive")).toMatchObject({ port: { from: 49152, to: 65534 }, configurableRange: true });
  });
});
