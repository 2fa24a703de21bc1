import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { unzipSync } from "fflate";
import fs from "node:fs";
import path from "node:path";

/** The port matrix page, addressed by accessible names ("FTP 21/tcp inbound"). */
export class MatrixPage {
  constructor(readonly page: Page) {}

  async open(id: string, timeout?: number): Promise<void> {
    await this.page.goto(`/servers/${id}/matrix`, { timeout });
    // Ticks made before React hydrates would be lost: wait for the editor to be live.
    await expect(this.saveState).toHaveAttribute("data-ready", "true", { timeout });
  }

  get saveState() {
    return this.page.getByTestId("save-state");
  }

  box(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  get warningsPanel() {
    return this.page.getByRole("complementary", { name: "Live warnings" });
  }

  /** A finding in the live panel, by the start of its title. */
  warning(title: string | RegExp) {
    return this.warningsPanel.getByRole("button", { name: title });
  }

  /** Saves and waits for the confirmation (`timeout` for big profiles on a busy machine). */
  async save(timeout?: number): Promise<void> {
    await this.page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(this.saveState).toContainText(/Saved .* revision \d+/, { timeout });
  }
}

export async function serverVersion(request: APIRequestContext, id: string): Promise<number> {
  const res = await request.get(`/api/servers/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { version: number }).version;
}

/** Clicks a download link and returns the file's name and bytes. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const target = path.join("test-results", "downloads", file.suggestedFilename());
  await file.saveAs(target);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(target) };
}

/** A ZIP's entries as text, by path. */
export function unzipText(bytes: Uint8Array): Record<string, string> {
  const decoder = new TextDecoder();
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, decoder.decode(data)]));
}

/** A viewport-sized screenshot from the top of the page (sticky bars sit where a user sees them). */
export async function snapTop(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join("test-results", "screens", `${name}.png`) });
}
