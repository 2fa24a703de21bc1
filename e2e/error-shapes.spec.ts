import { expect, test, type BrowserContext } from "@playwright/test";
import { createServerViaApi } from "./support/fixtures";

/** Deletes a server through its delete page, in a tab of its own. */
async function deleteInAnotherTab(context: BrowserContext, id: string) {
  const other = await context.newPage();
  await other.goto(`/servers/${id}/delete`);
  await other.getByRole("button", { name: "Delete server" }).click();
  await expect(other).toHaveURL(/\/servers\?deleted=/);
  await other.close();
}

test("clone and delete of a server that no longer exists answer with a message, not a server error", async ({ page, request, context }) => {
  test.setTimeout(120_000);
  for (const [path, button] of [["", "Clone"], ["/delete", "Delete server"]] as const) {
    const id = await createServerViaApi(request, { name: `Vanishing ${button}` });
    await page.goto(`/servers/${id}${path}`);
    await expect(page.getByRole("button", { name: button })).toBeEnabled();
    await deleteInAnotherTab(context, id);
    const failures: number[] = [];
    page.on("response", (res) => { if (res.status() >= 500) failures.push(res.status()); });
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByRole("alert").filter({ hasText: "This server no longer exists." })).toBeVisible();
    expect(failures).toEqual([]);
  }
});

test("the revisions of an unknown server are 404, not an empty list", async ({ request }) => {
  const res = await request.get("/api/servers/no-such-server/revisions");
  expect(res.status()).toBe(404);
  expect(await res.json()).toMatchObject({ error: "not-found" });
  const id = await createServerViaApi(request, { name: "Has revisions" });
  expect((await request.get(`/api/servers/${id}/revisions`)).status()).toBe(200);
});

test("every JSON answer says Cache-Control: no-store", async ({ request, playwright, baseURL }) => {
  const id = await createServerViaApi(request, { name: "Cache check" });
  const anonymous = await playwright.request.newContext({ baseURL });
  const answers = [
    await request.get("/api/servers"),
    await request.get(`/api/servers/${id}`),
    await request.get(`/api/servers/${id}/revisions`),
    await request.get("/api/servers/no-such-server"),
    await request.get("/api/auth/session"),
    await request.get("/api/auth/csrf"),
    await request.post("/api/import", { data: { nonsense: true } }),
    await anonymous.get("/api/servers"),
  ];
  for (const res of answers) {
    expect(res.headers()["content-type"], res.url()).toContain("application/json");
    expect(res.headers()["cache-control"], `${res.status()} ${res.url()}`).toBe("no-store");
  }
  await anonymous.dispose();
});

test("Strict-Transport-Security is sent when a trusted proxy says the request came over HTTPS, not otherwise", async ({ request }) => {
  // The e2e server trusts one proxy hop (playwright.config.ts) and its own URL is plain http.
  for (const path of ["/servers", "/api/servers", "/login"]) {
    expect((await request.get(path, { headers: { "x-forwarded-proto": "https" } })).headers()["strict-transport-security"], path).toBe("max-age=63072000");
    expect((await request.get(path)).headers()["strict-transport-security"], path).toBeUndefined();
  }
});

test("a bad import lists at most 100 problems, with the total", async ({ request, page }) => {
  const profiles = Array.from({ length: 150 }, (_, i) => ({ server: { name: "" }, index: i }));
  const res = await request.post("/api/import", { data: { format: "portcullis/profiles", version: 1, profiles } });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { issues: unknown[]; issueCount: number };
  expect(body.issues).toHaveLength(100);
  expect(body.issueCount).toBeGreaterThan(100);

  await page.goto("/servers/import");
  await page.getByLabel("Or paste the JSON").fill(JSON.stringify({ format: "portcullis/profiles", version: 1, profiles }));
  await page.getByRole("button", { name: /Import/ }).click();
  await expect(page.getByText(`Nothing was imported: ${body.issueCount.toLocaleString("en-US")} problems found.`)).toBeVisible();
  await expect(page.getByText(`… and ${(body.issueCount - 100).toLocaleString("en-US")} more problems.`)).toBeVisible();
});
