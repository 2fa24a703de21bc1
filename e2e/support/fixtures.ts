import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const ADMIN = { name: "Ada Admin", email: "ada@example.com", password: "Correct-Horse-42" } as const;
export const STORAGE_STATE = path.join(__dirname, "..", "..", "test-results", ".auth", "admin.json");

/** Named full-page screenshots kept with the test results, for a human to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join("test-results", "screens", `${name}.png`), fullPage: true });
}

type ServerPage = { total: number; items: { id: string; name: string }[] };

/** Reads the database through the API (with the signed-in session of `request`). */
export async function listServers(request: APIRequestContext, q = ""): Promise<ServerPage> {
  const res = await request.get(`/api/servers?q=${encodeURIComponent(q)}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as ServerPage;
}

export async function getServer(request: APIRequestContext, id: string): Promise<Record<string, unknown>> {
  const res = await request.get(`/api/servers/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

export async function createServerViaApi(request: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const res = await request.post("/api/servers", { data: { os: "debian", panel: "froxlor", ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The create/edit form, addressed by its labels. */
export class ServerFormPage {
  constructor(readonly page: Page) {}

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(values: Partial<Record<"Name" | "Host name" | "Primary IPv4 address" | "Primary IPv6 address" | "SSH port" | "Administrator source addresses" | "Notes", string>>) {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  async select(label: "Operating system" | "Control panel", option: string) {
    await this.field(label).selectOption({ label: option });
  }

  async submit(name: "Create server" | "Save changes") {
    await this.page.getByRole("button", { name }).click();
  }

  /** The error text shown under a field (its aria-describedby target). */
  error(fieldId: string) {
    return this.page.locator(`#${fieldId}-error`);
  }
}
