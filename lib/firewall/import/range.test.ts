import { describe, expect, test } from "vitest";
import { parseAddressRange } from "./text";

describe("parseAddressRange", () => {
  test.each([
    ["103.156.63.0-103.156.64.255", ["103.156.63.0/24", "103.156.64.0/24"]],
    ["192.0.2.0-192.0.2.255", ["192.0.2.0/24"]],
    ["192.0.2.1-192.0.2.6", ["192.0.2.1", "192.0.2.2/31", "192.0.2.4/31", "192.0.2.6"]],
    ["2001:db8::-2001:db8:1:ffff:ffff:ffff:ffff:ffff", ["2001:db8::/47"]],
  ])("%s is covered exactly by %j", (text, networks) => {
    expect(parseAddressRange(text)).toEqual(networks);
  });
  test.each(["192.0.2.9-192.0.2.1", "192.0.2.1-2001:db8::1", "22-80", "192.0.2.0/24"])("%s is not a range", (text) => {
    expect(parseAddressRange(text)).toBeNull();
  });
});
