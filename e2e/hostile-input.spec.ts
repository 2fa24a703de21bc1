import { expect, test, type Page } from "@playwright/test";
import { createServerViaApi, listServers, ServerFormPage } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const SCRIPT = "<script>window.__pwned = 1</script>";
const SQL = "x'); DROP TABLE \"ServerProfile\"; --";
const INVALID_UTF8 = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","os":"debian","panel":"other"}')]);
let id = "";

/** No script ran, and no page HTML holds the payload unescaped. */
async function expectInert(page: Page, urls: string[]) {
  for (const url of urls) {
    const res = await page.goto(url);
    expect(await res?.text(), url).not.toContain("<script>window.__pwned");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), url).toBeUndefined();
  }
}

test("route handlers answer hostile bodies with a clear 4xx and store nothing", async ({ request }) => {
  id = await createServerViaApi(request, { name: "Hostile Target" });
  const before = (await listServers(request)).total;
  const json = (data: unknown) => ({ headers: { "content-type": "application/json" }, data: typeof data === "string" ? data : JSON.stringify(data) });
  const cases: { what: string; send: () => ReturnType<typeof request.post>; status: number; message: RegExp }[] = [
    { what: "a huge body", send: () => request.post("/api/servers", json({ name: "huge", notes: "n".repeat(2 * 1024 * 1024) })), status: 413, message: /larger than/ },
    { what: "invalid UTF-8", send: () => request.post("/api/servers", { headers: { "content-type": "application/json" }, data: INVALID_UTF8 }), status: 400, message: /UTF-8/ },
    { what: "broken JSON", send: () => request.post("/api/servers", { headers: { "content-type": "application/json" }, data: Buffer.from('{"name": ') }), status: 400, message: /not valid JSON/ },
    { what: "text/plain", send: () => request.post("/api/servers", { headers: { "content-type": "text/plain" }, data: "name=x" }), status: 415, message: /application\/json/ },
    { what: "wrong types", send: () => request.post("/api/servers", json({ name: 42, os: ["debian"], panel: null, sshPort: "22 OR 1=1" })), status: 400, message: /./ },
    { what: "a script tag as the name", send: () => request.post("/api/servers", json({ name: SCRIPT, os: "debian", panel: "other" })), status: 400, message: /./ },
    { what: "SQL as the name", send: () => request.post("/api/servers", json({ name: SQL, os: "debian", panel: "other" })), status: 400, message: /./ },
    { what: "an over-long name", send: () => request.post("/api/servers", json({ name: "a".repeat(100_000), os: "debian", panel: "other" })), status: 400, message: /./ },
    { what: "a policy over the format's 16 MiB", send: () => request.put(`/api/servers/${id}/policy`, json({ version: 1, policy: { blocked: "x".repeat(17 * 1024 * 1024) } })), status: 413, message: /larger than/ },
    { what: "a policy of wrong types", send: () => request.put(`/api/servers/${id}/policy`, json({ version: "1", policy: { backend: "<script>", services: [] } })), status: 400, message: /not valid/ },
    { what: "an import of invalid UTF-8", send: () => request.post("/api/import", { headers: { "content-type": "application/json" }, data: INVALID_UTF8 }), status: 400, message: /UTF-8/ },
    { what: "an import over 16 MiB", send: () => request.post("/api/import", json({ profiles: "x".repeat(17 * 1024 * 1024) })), status: 413, message: /larger than/ },
    { what: "an import of wrong types", send: () => request.post("/api/import", json({ format: "portcullis/profiles", version: 1, profiles: [{ format: "portcullis/profile", version: 1, server: SCRIPT, policy: 7 }] })), status: 400, message: /problems/ },
  ];
  for (const c of cases) {
    const res = await c.send();
    expect(res.status(), c.what).toBe(c.status);
    const body = (await res.json()) as { message: string };
    expect(body.message, c.what).toMatch(c.message);
  }
  for (const url of [`/api/servers/'%20OR%201=1--/bundle`, `/api/servers/${"x".repeat(5000)}/policy`, `/api/servers/${id}/rules/${encodeURIComponent(SCRIPT)}`]) {
    const res = await request.get(url);
    expect(res.status(), url).toBeGreaterThanOrEqual(400);
    expect(res.status(), url).toBeLessThan(500);
  }
  expect((await listServers(request)).total).toBe(before);
  expect((await request.get(`/api/servers/${id}/policy`)).status()).toBe(200);
});

test("forms refuse hostile names, keep hostile free text inert, and no page renders it unescaped", async ({ page, request }) => {
  const form = new ServerFormPage(page);
  for (const name of [SCRIPT, SQL, "a".repeat(300)]) {
    await page.goto("/servers/new");
    await form.fill({ Name: name });
    await form.submit("Create server");
    await expect(form.error("name")).not.toBeEmpty();
  }
  // Free text is allowed to say anything: it is stored and shown as text.
  await page.goto(`/servers/${id}/edit`);
  await form.fill({ Notes: `${SCRIPT}\n${SQL}` });
  await form.submit("Save changes");
  await expect(page.getByText(SCRIPT)).toBeVisible();

  await page.goto("/users/new");
  await page.getByLabel("Name").fill(SCRIPT);
  await page.getByLabel("Email").fill("<script>@example.com");
  await page.getByLabel("Initial password").fill("Plenty-Strong-77");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator("#email-error")).toContainText("valid email");
  await page.getByLabel("Email").fill("hostile-name@example.com");
  await page.getByLabel("Initial password").fill("Plenty-Strong-77");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(/created=/);

  await page.goto("/servers/import");
  await page.getByLabel("Or paste the JSON").fill(SCRIPT);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("list", { name: "Problems found" })).toContainText("Not valid JSON");

  await expectInert(page, ["/servers", `/servers/${id}`, `/servers/${id}/audit`, `/servers/${id}/revisions`, "/users", "/audit", `/servers?q=${encodeURIComponent(SCRIPT)}`]);
  expect((await request.get("/api/servers")).status()).toBe(200);
});

test("the sign-in form refuses an over-long email without asking the server", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(`${"a".repeat(300)}@example.com`);
  await page.getByLabel("Password").fill(SCRIPT);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#email-error")).not.toBeEmpty();
  await context.close();
});
