import { expect, test } from "vitest";
import { makeProfile, setService, type Mutate } from "@/tests/support/profile";
import { describeClosing } from "./closing";

const admins = { adminSources: ["203.0.113.0/24", "2001:db8:a::/48"] };
const after = (mutate: Mutate) => describeClosing(makeProfile(admins), makeProfile(admins, mutate));

test.each<[string, Mutate, { closing: string[]; narrowing: string[] }]>([
  ["nothing changed", () => {}, { closing: [], narrowing: [] }],
  ["the web group off", (d) => ["http", "https"].forEach((id) => setService(d, id, { enabled: false })), { closing: ["HTTP 80/tcp", "HTTPS 443/tcp+udp"], narrowing: [] }],
  ["HTTPS inbound unticked", (d) => setService(d, "https", { inbound: false }), { closing: ["HTTPS 443/tcp+udp"], narrowing: [] }],
  ["DNS without UDP", (d) => setService(d, "dns", { udp: false }), { closing: ["DNS 53/udp"], narrowing: [] }],
  ["HTTP to admin sources", (d) => setService(d, "http", { access: "admins" }), { closing: [], narrowing: ["HTTP 80/tcp (anyone → admin sources)"] }],
  ["opening something closes nothing", (d) => setService(d, "mysql", { enabled: true }), { closing: [], narrowing: [] }],
])("%s", (_, mutate, expected) => {
  expect(after(mutate)).toEqual(expected);
});

test("removing an address from a source list narrows; widening to anyone does not", () => {
  const list: Mutate = (d) => setService(d, "mysql", { enabled: true, access: "list", sources: ["198.51.100.7", "198.51.100.8"] });
  const before = makeProfile(admins, list);
  expect(describeClosing(before, makeProfile(admins, (d) => { list(d); d.policy.services.mysql!.sources = ["198.51.100.8"]; })).narrowing)
    .toEqual(["MySQL 3306/tcp (198.51.100.7 removed)"]);
  expect(describeClosing(before, makeProfile(admins, (d) => setService(d, "mysql", { enabled: true, access: "anyone" })))).toEqual({ closing: [], narrowing: [] });
});
