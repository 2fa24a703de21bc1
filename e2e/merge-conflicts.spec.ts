/**
 * Two tabs edit the same profile. Changes to different fields are combined when the second tab
 * saves; fields changed differently on both sides are chosen side by side, by keyboard too, and
 * the merged revision holds exactly the choices.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import path from "node:path";
import { createServerViaApi } from "./support/fixtures";
import { MatrixPage, serverVersion } from "./support/matrix";
import { getPolicy } from "./support/policy";

// Two signed-in browsers, each save followed by a merge: more than the default 30 s on a busy machine.
test.describe.configure({ mode: "serial", timeout: 240_000 });

/** Saving, merging and saving again can take a while on a loaded machine. */
const SLOW = { timeout: 60_000 };
const CPANEL = { os: "almalinux", panel: "cpanel", hostname: "merge.example.net", ipv4: "192.0.2.30", adminSources: "203.0.113.0/24" };

/** Two browsers signed in as the same user, as two tabs on two machines would be. */
async function twoTabs(browser: Browser, context: BrowserContext, id: string): Promise<{ alice: MatrixPage; bob: MatrixPage; close: () => Promise<void> }> {
  const storageState = await context.storageState();
  const first = await browser.newContext({ storageState, viewport: { width: 1280, height: 900 } });
  const second = await browser.newContext({ storageState, viewport: { width: 1280, height: 900 } });
  const alice = new MatrixPage(await first.newPage());
  const bob = new MatrixPage(await second.newPage());
  await alice.open(id);
  await bob.open(id);
  return { alice, bob, close: async () => { await first.close(); await second.close(); } };
}

test("changes to different services are combined and saved without asking", async ({ browser, context, request }) => {
  const id = await createServerViaApi(request, { name: "merge-disjoint", ...CPANEL });
  const { alice, bob, close } = await twoTabs(browser, context, id);

  await alice.box("IMAP 143/tcp enabled").check();
  await alice.save(SLOW.timeout);

  await bob.box("POP3 110/tcp enabled").check();
  await bob.page.getByRole("button", { name: "Save", exact: true }).click();
  // Bob sees that someone else saved first, what of theirs is now in, and his revision on top.
  const notice = bob.page.getByTestId("merged-notice");
  await expect(notice).toContainText("Someone else saved revision 2 while you were editing. Nothing clashed, so their changes and yours were combined and saved as revision 3.", SLOW);
  await expect(notice.getByRole("listitem")).toHaveText(["IMAP enabled", "Opened 143/tcp (IMAP, from anyone)"]);
  await expect(bob.saveState).toContainText("revision 3");
  await expect(bob.box("IMAP 143/tcp enabled")).toBeChecked();
  await expect(bob.box("POP3 110/tcp enabled")).toBeChecked();
  await expect(bob.page.getByTestId("merge-view")).toHaveCount(0);
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
  await expect(bob.saveState).toContainText("revision 3");

  const { version, document } = await getPolicy(request, id);
  expect(version).toBe(3);
  expect(document.policy.services.imap?.enabled).toBe(true);
  expect(document.policy.services.pop3?.enabled).toBe(true);
  await close();
});

test("a field changed differently on both sides is chosen side by side, then saved on top of theirs", async ({ browser, context, request }) => {
  const id = await createServerViaApi(request, { name: "merge-conflict", ...CPANEL });
  const { alice, bob, close } = await twoTabs(browser, context, id);

  // Alice: SSH open to anyone, CSF, cPHulk reachable from outside (critical), one block.
  await alice.page.getByLabel("SSH 22/tcp allowed sources").selectOption("anyone");
  await alice.page.getByLabel("Firewall backend").selectOption("csf");
  await alice.box("cPHulk 579/tcp inbound").check();
  await alice.page.getByLabel("Blocked addresses, one per line").fill("198.51.100.10");
  await expect(alice.page.locator("#blocked-summary")).toContainText("1 entry");
  await alice.save(SLOW.timeout);

  // Bob: SSH from one listed address, APF, another block.
  await bob.page.getByLabel("SSH 22/tcp allowed sources").selectOption("list");
  await bob.page.getByLabel("SSH 22/tcp: addresses allowed to connect").fill("198.51.100.50");
  await bob.page.getByLabel("Firewall backend").selectOption("apf");
  await bob.page.getByLabel("Blocked addresses, one per line").fill("198.51.100.20");
  await expect(bob.page.locator("#blocked-summary")).toContainText("1 entry");
  await bob.page.getByRole("button", { name: "Save", exact: true }).click();

  const view = bob.page.getByRole("region", { name: "Merge your changes with revision 2" });
  await expect(view).toBeVisible(SLOW);
  await expect(bob.saveState).toContainText("Merging with revision 2: choose below");
  await expect(view.getByRole("heading", { name: "Merge your changes with revision 2" })).toBeFocused();
  const ssh = view.getByRole("group", { name: "SSH 22 · allowed from" });
  const backend = view.getByRole("group", { name: "Settings · Firewall backend" });
  await expect(view.getByRole("list", { name: "Conflicting fields" }).getByRole("group")).toHaveCount(2);
  await expect(ssh.getByRole("radio", { name: "Yours: listed sources" })).toBeVisible();
  await expect(ssh.getByRole("radio", { name: "Theirs: anyone" })).toBeVisible();
  await expect(backend.getByRole("radio", { name: "Yours: APF" })).toBeVisible();
  await expect(backend.getByRole("radio", { name: "Theirs: CSF" })).toBeVisible();
  const save = view.getByRole("button", { name: "Save merged profile" });
  await expect(save).toBeDisabled();
  await expect(view.getByTestId("merge-remaining")).toHaveText("2 of 2 still to choose.");
  // The warnings beside it describe the merged result: theirs opened cPHulk.
  await expect(bob.warningsPanel).toContainText("cPHulk (port 579) is opened to the network");
  expect(await new AxeBuilder({ page: bob.page }).include("#merge-view").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()
    .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`))).toEqual([]);
  await bob.page.screenshot({ path: path.join("test-results", "screens", "merge-view.png"), fullPage: true });

  // Keyboard only: Tab past "All their changes" into the first group, Space picks yours;
  // Tab to the next group, an arrow key moves its choice to theirs.
  await bob.page.keyboard.press("Tab");
  await expect(view.getByText("All their changes")).toBeFocused();
  await bob.page.keyboard.press("Tab");
  await expect(ssh.getByRole("radio", { name: "Yours: listed sources" })).toBeFocused();
  await bob.page.keyboard.press("Space");
  await expect(ssh.getByRole("radio", { name: "Yours: listed sources" })).toBeChecked();
  await bob.page.keyboard.press("Tab");
  await expect(backend.getByRole("radio", { name: "Yours: APF" })).toBeFocused();
  await bob.page.keyboard.press("ArrowDown");
  await expect(backend.getByRole("radio", { name: "Theirs: CSF" })).toBeChecked();
  await expect(view.getByTestId("merge-remaining")).toHaveText(/Every conflict has a choice/);
  await save.focus();
  await bob.page.keyboard.press("Enter");

  await expect(bob.saveState).toContainText("revision 3", SLOW);
  await expect(view).toHaveCount(0);
  await expect(bob.page.getByLabel("SSH 22/tcp allowed sources")).toHaveValue("list");
  await expect(bob.page.getByLabel("Firewall backend")).toHaveValue("csf");
  await expect(bob.box("cPHulk 579/tcp inbound")).toBeChecked();

  const { version, document } = await getPolicy(request, id);
  expect(version).toBe(3);
  expect(document.policy.services.ssh).toMatchObject({ access: "list", sources: ["198.51.100.50"] });
  expect(document.policy.backend).toBe("csf");
  expect(document.policy.services.cphulk).toMatchObject({ inbound: true, localhostOnly: false });
  expect(document.policy.blocked.map((b) => b.address).sort()).toEqual(["198.51.100.10", "198.51.100.20"]);

  // The usual review: the merged revision's critical warning must be acknowledged before downloads.
  await bob.page.goto(`/servers/${id}/review`);
  await expect(bob.page.getByText(/Downloads are disabled: revision 3 has \d+ critical warnings? nobody has acknowledged/)).toBeVisible(SLOW);
  await expect(bob.page.getByRole("checkbox", { name: "I understand the risk: cPHulk (port 579) is opened to the network" })).toBeVisible();
  await close();
});

test("back to my edits keeps them; dropping mine loads theirs", async ({ browser, context, request }) => {
  const id = await createServerViaApi(request, { name: "merge-choices", ...CPANEL });
  const { alice, bob, close } = await twoTabs(browser, context, id);
  await alice.page.getByLabel("Firewall backend").selectOption("csf");
  await alice.save(SLOW.timeout);
  await bob.page.getByLabel("Firewall backend").selectOption("apf");
  await bob.page.getByRole("button", { name: "Save", exact: true }).click();
  const view = bob.page.getByRole("region", { name: "Merge your changes with revision 2" });

  await view.getByRole("button", { name: "Back to my edits" }).click(SLOW);
  await expect(view).toHaveCount(0);
  await expect(bob.page.getByLabel("Firewall backend")).toHaveValue("apf");
  await expect(bob.saveState).toContainText("Unsaved changes");

  await bob.page.getByRole("button", { name: "Save", exact: true }).click();
  await view.getByRole("button", { name: "Drop mine and load theirs" }).click(SLOW);
  await expect(bob.page.getByLabel("Firewall backend")).toHaveValue("csf");
  await expect(bob.saveState).toContainText("revision 2");
  expect(await serverVersion(request, id)).toBe(2);
  await close();
});
