import { describe, expect, test } from "vitest";
import { serializeProfileDocument } from "@/lib/firewall";
import { createDefaultDocument } from "@/lib/firewall/policy/defaults";
import { readProfileDocument, type ServerColumns } from "./policy-document";

const COLUMNS: ServerColumns = {
  name: "web1", hostname: "web1.example.com", ipv4: "192.0.2.10", ipv6: "", os: "almalinux", panel: "cpanel",
  sshPort: 2222, adminSources: JSON.stringify(["203.0.113.0/24"]), notes: "",
};

describe("readProfileDocument", () => {
  test("no saved matrix: the starting choices for the record", () => {
    const reading = readProfileDocument(COLUMNS, null);
    expect(reading).toMatchObject({ ok: true, isDefault: true });
    if (!reading.ok) return;
    expect(reading.document.server).toMatchObject({ name: "web1", sshPort: 2222, adminSources: ["203.0.113.0/24"] });
    expect(reading.document.policy.backend).toBe("nftables");
  });

  test("a saved matrix keeps its choices but takes the server facts from the record", () => {
    const saved = createDefaultDocument({ name: "old-name", os: "ubuntu", panel: "cpanel", sshPort: 22 });
    saved.policy.services.ftp = { ...saved.policy.services.ftp!, enabled: true };
    saved.policy.backend = "ufw";
    const reading = readProfileDocument(COLUMNS, serializeProfileDocument(saved));
    expect(reading).toMatchObject({ ok: true, isDefault: false });
    if (!reading.ok) return;
    expect(reading.notice).toBeUndefined();
    expect(reading.document.server).toMatchObject({ name: "web1", os: "almalinux", sshPort: 2222 });
    expect(reading.document.policy.backend).toBe("ufw");
    expect(reading.document.policy.services.ftp?.enabled).toBe(true);
  });

  test("after a panel change, other-panel services are dropped and missing rows are off", () => {
    const saved = createDefaultDocument({ name: "web1", os: "almalinux", panel: "cpanel" });
    const reading = readProfileDocument({ ...COLUMNS, panel: "froxlor" }, serializeProfileDocument(saved));
    if (!reading.ok) throw new Error(reading.message);
    expect(reading.notice).toMatch(/control panel changed/);
    expect(reading.document.policy.services.whm).toBeUndefined();
    expect(reading.document.policy.services.ssh?.enabled).toBe(true);
    expect(Object.keys(reading.document.policy.services)).toHaveLength(14);
  });

  test("an unreadable saved matrix falls back to the starting choices with a notice", () => {
    const reading = readProfileDocument(COLUMNS, "{ not json");
    expect(reading).toMatchObject({ ok: true, isDefault: true, notice: expect.stringMatching(/could not be read/) });
  });

  test("a record the profile format cannot take is reported, not thrown", () => {
    expect(readProfileDocument({ ...COLUMNS, name: "_web" }, null)).toEqual({
      ok: false,
      message: expect.stringMatching(/^The server's name cannot be used in rule files: .*Edit the server to fix it\.$/),
    });
  });
});
