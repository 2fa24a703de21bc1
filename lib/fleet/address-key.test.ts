import { describe, expect, test } from "vitest";
import { addressKey, addressRange } from "./address-key";

describe("address keys", () => {
  test.each([
    ["0.0.0.0", "00000000"],
    ["192.0.2.7", "c0000207"],
    ["255.255.255.255", "ffffffff"],
    ["::", "0".repeat(32)],
    ["2001:db8::1", "20010db8000000000000000000000001"],
    ["ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "f".repeat(32)],
    ["", ""],
    ["not an address", ""],
  ])("%j → %j", (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  test("text order of keys is numeric order (so a network is a range)", () => {
    const keys = ["9.255.255.255", "10.0.0.0", "10.0.0.10", "10.0.0.9", "100.0.0.1"].map(addressKey);
    expect([...keys].sort()).toEqual([addressKey("9.255.255.255"), addressKey("10.0.0.0"), addressKey("10.0.0.9"), addressKey("10.0.0.10"), addressKey("100.0.0.1")]);
  });
});

describe("address ranges", () => {
  test.each([
    ["192.0.2.7", { family: "ipv4", text: "192.0.2.7", exact: true, first: "c0000207", last: "c0000207" }],
    ["192.0.2.0/24", { family: "ipv4", text: "192.0.2.0/24", exact: false, first: "c0000200", last: "c00002ff" }],
    ["0.0.0.0/0", { family: "ipv4", text: "0.0.0.0/0", exact: false, first: "00000000", last: "ffffffff" }],
    ["192.0.2.7/32", { family: "ipv4", text: "192.0.2.7", exact: true, first: "c0000207", last: "c0000207" }],
    ["2001:DB8:0:0::1", { family: "ipv6", text: "2001:db8::1", exact: true, first: "20010db8000000000000000000000001", last: "20010db8000000000000000000000001" }],
    ["2001:db8::/32", { family: "ipv6", text: "2001:db8::/32", exact: false, first: `20010db8${"0".repeat(24)}`, last: `20010db8${"f".repeat(24)}` }],
    ["::/0", { family: "ipv6", text: "::/0", exact: false, first: "0".repeat(32), last: "f".repeat(32) }],
    ["2001:db8::1/127", null],
  ])("%j", (input, expected) => {
    const range = addressRange(input);
    if (expected === null) expect(range.ok).toBe(false);
    else expect(range).toEqual({ ok: true, value: expected });
  });

  test.each([
    ["192.0.2.256", "not a valid"],
    ["192.0.2.1/24", "host bits set; the network is 192.0.2.0/24"],
    ["192.0.2.0/33", "invalid prefix length"],
    ["010.0.0.1", "not a valid"],
    ["::ffff:192.0.2.1", "IPv4-mapped"],
    ["fe80::1%eth0", "zone id"],
  ])("%j is refused with a reason", (input, message) => {
    const range = addressRange(input);
    expect(range.ok).toBe(false);
    if (!range.ok) expect(range.error).toContain(message);
  });
});
