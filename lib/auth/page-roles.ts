import type { Role } from "@/lib/validations/user";

/**
 * The role each dashboard page needs, by path. The dashboard layout checks it before the page
 * streams: a page's own check runs inside the loading boundary (app/(dashboard)/loading.tsx), when
 * the 200 status has already been sent, so only a check in the layout can answer 403. Pages keep
 * their own check for client-side navigations, which do not re-run the layout; a unit test keeps
 * this table and the pages' checks in step.
 */
const PAGE_ROLES: readonly [RegExp, Role][] = [
  [/^\/users(\/|$)/, "admin"],
  [/^\/audit\/?$/, "admin"],
  [/^\/servers\/(new|import|verify)(\/|$)/, "editor"],
  [/^\/templates\/new\/?$/, "editor"],
  [/^\/servers\/[^/]+\/(edit|delete)\/?$/, "editor"],
];

export function requiredRoleFor(pathname: string): Role {
  return PAGE_ROLES.find(([pattern]) => pattern.test(pathname))?.[1] ?? "viewer";
}

/** The request header the proxy puts the requested path (and query) in for the dashboard layout. */
export const REQUEST_PATH_HEADER = "x-portcullis-path";
