import { expect, type APIRequestContext } from "@playwright/test";
import type { Policy, ProfileDocument } from "../../lib/firewall/policy/schema";

export async function getPolicy(request: APIRequestContext, id: string): Promise<{ version: number; document: ProfileDocument }> {
  const res = await request.get(`/api/servers/${id}/policy`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { version: number; document: ProfileDocument };
}

/** Reads the policy, lets `change` edit it, saves it with the version read; returns the new version. */
export async function changePolicy(request: APIRequestContext, id: string, change: (p: Policy) => void): Promise<number> {
  const { version, document } = await getPolicy(request, id);
  change(document.policy);
  const res = await request.put(`/api/servers/${id}/policy`, { data: { version, policy: document.policy } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { version: number }).version;
}
