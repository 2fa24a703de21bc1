import { expect, test } from "@playwright/test";
import { createServerViaApi, getServer, listServers, ServerFormPage, snap } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

let existingId = "";

test.beforeAll(async ({ request }) => {
  existingId = await createServerViaApi(request, { name: "taken-name", hostname: "taken.example.com" });
  await createServerViaApi(request, { name: "other-box" });
});

const CASES = [
  { what: "a duplicate name", values: { Name: "taken-name" }, field: "name", message: "A server named taken-name already exists" },
  { what: "a name differing only in case", values: { Name: "TAKEN-Name" }, field: "name", message: "A server named taken-name already exists; names are unique regardless of case." },
  { what: "an invalid CIDR", values: { Name: "new-box", "Administrator source addresses": "203.0.113.0/24\n10.0.0.0/33" }, field: "adminSources", message: "Line 2: \"10.0.0.0/33\" has an invalid prefix length" },
  { what: "a /0 network", values: { Name: "new-box", "Administrator source addresses": "0.0.0.0/0" }, field: "adminSources", message: "would match every address" },
  { what: "port 0", values: { Name: "new-box", "SSH port": "0" }, field: "sshPort", message: "Ports run from 1 to 65535." },
  { what: "port 65536", values: { Name: "new-box", "SSH port": "65536" }, field: "sshPort", message: "Ports run from 1 to 65535." },
  { what: "a name starting with a hyphen", values: { Name: "-web" }, field: "name", message: "Start with a letter or digit." },
  { what: "an over-long name", values: { Name: "x".repeat(65) }, field: "name", message: "Use at most 64 characters." },
  { what: "over-long notes", values: { Name: "new-box", Notes: "n".repeat(2001) }, field: "notes", message: "Use at most 2000 characters." },
  { what: "an invalid IPv4 address", values: { Name: "new-box", "Primary IPv4 address": "192.0.2.300" }, field: "ipv4", message: "is not a valid IPv4 or IPv6 address" },
] as const;

for (const c of CASES) {
  test(`creating with ${c.what} shows the message, keeps the input and saves nothing`, async ({ page, request }) => {
    const before = await listServers(request);
    const form = new ServerFormPage(page);
    await page.goto("/servers/new");
    await form.fill({ "Host name": "kept.example.com", ...c.values });
    await form.submit("Create server");
    await expect(form.error(c.field)).toContainText(c.message);
    await expect(page.locator("#form-error")).toBeVisible();
    await expect(form.field("Host name")).toHaveValue("kept.example.com");
    for (const [label, value] of Object.entries(c.values)) {
      await expect(form.field(label)).toHaveValue(value);
    }
    await snap(page, `20-bad-input-${c.field}-${c.what.replace(/\W+/g, "-")}`);
    const after = await listServers(request);
    expect(after.total).toBe(before.total);
    expect(after.items.map((s) => s.id)).toEqual(before.items.map((s) => s.id));
  });
}

test("renaming to an existing name is refused and the profile is unchanged", async ({ page, request }) => {
  const before = await getServer(request, existingId);
  const form = new ServerFormPage(page);
  await page.goto(`/servers/${existingId}/edit`);
  await form.fill({ Name: "other-box", "SSH port": "2200" });
  await form.submit("Save changes");
  await expect(form.error("name")).toContainText("A server named other-box already exists");
  await form.fill({ Name: "Other-Box" });
  await form.submit("Save changes");
  await expect(form.error("name")).toContainText("A server named other-box already exists; names are unique regardless of case.");
  await expect(form.field("SSH port")).toHaveValue("2200");
  expect(await getServer(request, existingId)).toEqual(before);
});

test("the API validates with the same schema", async ({ request }) => {
  const res = await request.post("/api/servers", { data: { name: "api-bad", os: "debian", panel: "other", sshPort: 70000, adminSources: ["10.0.0.0/33"] } });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { fieldErrors: Record<string, string[]> };
  expect(body.fieldErrors.sshPort).toEqual(["Ports run from 1 to 65535."]);
  expect(body.fieldErrors.adminSources?.[0]).toContain("Entry 1");
  expect((await listServers(request, "api-bad")).total).toBe(0);
});
