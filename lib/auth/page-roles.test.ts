import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { requiredRoleFor } from "./page-roles";

test.each([
  ["/", "viewer"],
  ["/servers", "viewer"],
  ["/servers/abc", "viewer"],
  ["/servers/abc/matrix", "viewer"],
  ["/servers/new", "editor"],
  ["/servers/import/", "editor"],
  ["/servers/verify", "editor"],
  ["/servers/abc/edit", "editor"],
  ["/servers/abc/delete", "editor"],
  ["/templates", "viewer"],
  ["/templates/new", "editor"],
  ["/templates/abc/review", "viewer"],
  ["/users", "admin"],
  ["/users/new", "admin"],
  ["/users/abc/password", "admin"],
  ["/audit", "admin"],
  ["/usersx", "viewer"],
])("%s needs %s", (pathname, role) => {
  expect(requiredRoleFor(pathname)).toBe(role);
});

test("every dashboard page's own role check agrees with the table", () => {
  const root = path.join(__dirname, "..", "..", "app", "(dashboard)");
  const pages = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith("page.tsx"));
  expect(pages.length).toBeGreaterThan(10);
  for (const page of pages) {
    const source = fs.readFileSync(path.join(root, page), "utf8");
    const role = source.match(/requireUser\("(\w+)"/)?.[1] ?? "viewer";
    const url = `/${path.dirname(page)}`.replace(/\\/g, "/").replace(/\[[^\]]+\]/g, "x").replace(/\/\.$/, "/");
    expect(requiredRoleFor(url), page).toBe(role);
  }
});
