import { expect, test } from "@playwright/test";
import { createServerViaApi } from "./support/fixtures";

test("Export for Ansible: the server page's ZIP, and the JSON route for scripts with the chosen servers", async ({ page, request }) => {
  const a = await createServerViaApi(request, { name: "Fleet A", hostname: "fleet-a.example.com", ipv4: "192.0.2.61", sshPort: 2222 });
  const b = await createServerViaApi(request, { name: "Fleet B", hostname: "fleet-b.example.com" });

  const res = await request.get(`/api/servers/ansible?id=${a}&id=${b}&format=json`);
  expect(res.status(), await res.text()).toBe(200);
  const files = ((await res.json()) as { files: { path: string; content: string; mode: number }[] }).files;
  const file = (p: string) => files.find((f) => f.path === `portcullis-ansible/${p}`);
  expect(file("inventory.yml")?.content).toContain('"fleet-b.example.com": {}');
  expect(file("host_vars/fleet-a.example.com.yml")?.content).toContain('ansible_host: "192.0.2.61"\nansible_port: 2222');
  expect(file("files/fleet-a.example.com/nftables/apply.sh")?.mode).toBe(0o755);

  expect((await request.get("/api/servers/ansible?id=no%20such")).status()).toBe(400);
  expect((await request.get("/api/servers/ansible?id=nosuchserver")).status()).toBe(404);

  await page.goto(`/servers/${a}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export for Ansible" }).click()]);
  expect(download.suggestedFilename()).toBe("portcullis-ansible.zip");
});
