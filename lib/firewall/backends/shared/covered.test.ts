import { describe, expect, test } from "vitest";
import { withoutCovered } from "./covered";

describe("withoutCovered", () => {
  test.each([
    { name: "nothing covered: order kept", list: ["198.51.100.7", "192.0.2.0/24", "2001:db8::/32"], kept: ["198.51.100.7", "192.0.2.0/24", "2001:db8::/32"] },
    { name: "a host inside a network, either order", list: ["192.0.2.9", "192.0.2.0/24", "192.0.2.255"], kept: ["192.0.2.0/24"] },
    { name: "a network inside a wider one", list: ["10.1.0.0/16", "10.0.0.0/8", "10.255.255.0/24"], kept: ["10.0.0.0/8"] },
    { name: "listed twice: the first stays", list: ["192.0.2.7", "192.0.2.7", "2001:db8::1", "2001:db8::1"], kept: ["192.0.2.7", "2001:db8::1"] },
    { name: "adjacent networks are not covered", list: ["192.0.2.0/25", "192.0.2.128/25"], kept: ["192.0.2.0/25", "192.0.2.128/25"] },
    { name: "families never cover each other", list: ["0.0.0.0/0", "::1", "2001:db8::/32", "2001:db8:1::/48"], kept: ["0.0.0.0/0", "::1", "2001:db8::/32"] },
    { name: "a wide entry after narrower ones", list: ["192.0.2.0/26", "192.0.2.64/26", "198.51.100.1", "192.0.2.0/24"], kept: ["198.51.100.1", "192.0.2.0/24"] },
  ])("$name", ({ list, kept }) => {
    expect(withoutCovered(list)).toEqual({ kept, covered: list.length - kept.length });
  });
});
