/**
 * Named source lists in the matrix: a preset stays a named chip (never its addresses) through a
 * save and a reload, in the review page and in the bundle's REPORT.md, while the rule files hold
 * the addresses; an uploaded AWS ip-ranges.json becomes a list filtered by service and region.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { createServerViaApi } from "./support/fixtures";
import { download, MatrixPage, unzipText } from "./support/matrix";

test.describe.configure({ mode: "serial" });

const SERVER = { name: "Presets Box", os: "almalinux", panel: "cpanel", hostname: "presets.example.net", ipv4: "192.0.2.31", adminSources: "203.0.113.0/24" };
const HTTPS = "HTTPS 443/tcp+udp";
const FIXTURE = path.join(__dirname, "..", "tests", "fixtures", "aws-ip-ranges.json");

async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

let serverId = "";

/** The matrix's Web category (HTTPS and its list row), for screenshots a reviewer can read. */
const webRows = (page: Page) => page.locator("tbody", { has: page.locator("#svc-https") });

test("presets become named references that survive a reload and reach the review and the report", async ({ page, request }) => {
  test.setTimeout(120_000);
  serverId = await createServerViaApi(request, SERVER);
  const matrix = new MatrixPage(page);
  await matrix.open(serverId);

  await page.getByLabel(`${HTTPS} allowed sources`).selectOption("list");
  await page.getByRole("button", { name: `${HTTPS}: add preset` }).click();
  const presets = page.getByRole("group", { name: `${HTTPS}: presets` });
  await expect(presets).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await presets.getByRole("button", { name: "WebPros SEO scanner (8 addresses)" }).click();
  await page.getByLabel(`${HTTPS}: addresses allowed to connect`).fill("198.51.100.5");

  // AWS: upload the file, pick a service and a region.
  await page.getByRole("button", { name: `${HTTPS}: add preset` }).click();
  await presets.getByLabel(`${HTTPS}: ip-ranges.json file`).setInputFiles(FIXTURE);
  await expect(presets.getByText("File of 2026-12-02-10-13-54 (syncToken 1764671234): 13 ranges.")).toBeVisible();
  await expect(presets.getByLabel("AWS service")).toHaveValue("ROUTE53_HEALTHCHECKS");
  await presets.getByLabel("AWS region").selectOption("eu-west-1");
  await webRows(page).screenshot({ path: "test-results/screens/70-presets-panel.png" });
  await presets.getByRole("button", { name: "Add AWS ranges" }).click();

  const chips = page.getByRole("list", { name: `${HTTPS}: named source lists` });
  await expect(chips.getByRole("listitem")).toHaveText(["WebPros SEO scanner (8 addresses)", "AWS ROUTE53_HEALTHCHECKS, eu-west-1 (4 addresses)"]);
  await expect(page.getByLabel(`${HTTPS}: addresses allowed to connect`)).not.toHaveValue(/78\.138/);

  // Another service shares the AWS list by reference, without a second upload.
  await page.getByLabel("HTTP 80/tcp allowed sources").selectOption("list");
  await page.getByRole("button", { name: "HTTP 80/tcp: add preset" }).click();
  await page.getByRole("group", { name: "HTTP 80/tcp: presets" }).getByRole("button", { name: "AWS ROUTE53_HEALTHCHECKS, eu-west-1 (4 addresses)" }).click();
  await expect(page.getByRole("list", { name: "HTTP 80/tcp: named source lists" }).getByRole("listitem")).toHaveText(["AWS ROUTE53_HEALTHCHECKS, eu-west-1 (4 addresses)"]);
  await matrix.save();

  await page.reload();
  await expect(matrix.saveState).toHaveAttribute("data-ready", "true");
  await expect(chips.getByRole("listitem")).toHaveText(["WebPros SEO scanner (8 addresses)", "AWS ROUTE53_HEALTHCHECKS, eu-west-1 (4 addresses)"]);
  await webRows(page).screenshot({ path: "test-results/screens/71-presets-chips.png" });

  // Removal by keyboard: focus lands back on "Add preset".
  await chips.getByRole("button", { name: `Remove AWS ROUTE53_HEALTHCHECKS, eu-west-1 from ${HTTPS}` }).focus();
  await page.keyboard.press("Enter");
  await expect(chips.getByRole("listitem")).toHaveText(["WebPros SEO scanner (8 addresses)"]);
  await expect(page.getByRole("button", { name: `${HTTPS}: add preset` })).toBeFocused();
  await page.getByRole("button", { name: `${HTTPS}: add preset` }).click();
  await presets.getByRole("button", { name: "Administrators' addresses (1 address)" }).click();
  await matrix.save();

  await page.goto(`/servers/${serverId}/review`);
  const named = page.getByRole("region", { name: "Named source lists" }).or(page.locator("section", { has: page.getByRole("heading", { name: "Named source lists" }) }));
  await expect(named).toContainText("HTTPS 443/tcp: WebPros SEO scanner (8), Administrators' addresses (1), 198.51.100.5");
  await expect(named).toContainText("WebPros SEO scanner: 8 entries, the WebPros SEO scanner preset");
  await named.screenshot({ path: "test-results/screens/72-presets-review.png" });

  const bundle = await download(page, () => page.getByRole("link", { name: "Download bundle (ZIP)" }).click());
  const files = unzipText(bundle.bytes);
  const report = files["presets-box/REPORT.md"]!;
  expect(report).toContain("| in | HTTPS | tcp | 443 | WebPros SEO scanner (8), Administrators' addresses (1), 198.51.100.5 |");
  expect(report).not.toContain("78.138.117.141");
  expect(files["presets-box/nftables/portcullis.nft"]).toContain("78.138.117.141");
  expect(JSON.parse(files["presets-box/profile.json"]!)).toMatchObject({ version: 2, policy: { services: { https: { lists: ["webpros-seo-scanner", "admins"] } } } });
});

test("a file that is not ip-ranges.json is refused with a sentence", async ({ page }) => {
  const matrix = new MatrixPage(page);
  await matrix.open(serverId);
  await page.getByRole("button", { name: `${HTTPS}: add preset` }).click();
  await page.getByLabel(`${HTTPS}: ip-ranges.json file`).setInputFiles({ name: "ip-ranges.json", mimeType: "application/json", buffer: Buffer.from('{"prefixes": 3}') });
  await expect(page.getByText(/^Not an AWS ip-ranges\.json: syncToken/)).toBeVisible();
});

test("the chips and the presets panel work on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const matrix = new MatrixPage(page);
  await matrix.open(serverId);
  const chips = page.getByRole("list", { name: `${HTTPS}: named source lists` });
  await chips.scrollIntoViewIfNeeded();
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: `${HTTPS}: add preset` }).click();
  await expect(page.getByRole("group", { name: `${HTTPS}: presets` })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await chips.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/73-presets-phone.png" });
});
