import { describe, expect, test } from "vitest";
import { addressRange } from "./address-key";
import { parseFleetSearch, type FleetSearch } from "./search-query";

const range = (text: string) => {
  const r = addressRange(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const exposure = (e: Partial<NonNullable<FleetSearch["exposure"]>>) => ({ ports: null, service: null, protocol: null, family: null, anyone: false, ...e });

describe("the search grammar", () => {
  test.each<[string, FleetSearch]>([
    ["", { words: [], address: null, exposure: null }],
    ["  Web1 example ", { words: ["web1", "example"], address: null, exposure: null }],
    ["web_1%", { words: ["web_1%"], address: null, exposure: null }],
    ["mysql", { words: ["mysql"], address: null, exposure: null }],
    ["203.0.113.45", { words: [], address: range("203.0.113.45"), exposure: null }],
    ["2001:DB8:0::45", { words: [], address: range("2001:db8::45"), exposure: null }],
    ["10.0.0.0/8 web", { words: ["web"], address: range("10.0.0.0/8"), exposure: null }],
    ["3306 open to anyone", { words: [], address: null, exposure: exposure({ ports: { from: 3306, to: 3306 }, anyone: true }) }],
    ["port 2087", { words: [], address: null, exposure: exposure({ ports: { from: 2087, to: 2087 } }) }],
    ["2087", { words: [], address: null, exposure: exposure({ ports: { from: 2087, to: 2087 } }) }],
    ["port 2082-2087/tcp ipv6", { words: [], address: null, exposure: exposure({ ports: { from: 2082, to: 2087 }, protocol: "tcp", family: "ipv6" }) }],
    ["53/udp public", { words: [], address: null, exposure: exposure({ ports: { from: 53, to: 53 }, protocol: "udp", anyone: true }) }],
    ["mysql open", { words: [], address: null, exposure: exposure({ ports: { from: 3306, to: 3306 }, service: "mysql" }) }],
    ["ssh open to the world", { words: [], address: null, exposure: exposure({ service: "ssh", anyone: true }) }],
    ["web mysql exposed udp", { words: ["web"], address: null, exposure: exposure({ ports: { from: 3306, to: 3306 }, service: "mysql", protocol: "udp" }) }],
    ["192.0.2.0/24 port 22", { words: [], address: range("192.0.2.0/24"), exposure: exposure({ ports: { from: 22, to: 22 } }) }],
  ])("%j", (input, expected) => {
    expect(parseFleetSearch(input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ["port", `"port" needs a number`],
    ["port web", `"port" needs a number`],
    ["port 0", "ports are 1 to 65535"],
    ["70000", "ports are 1 to 65535"],
    ["port 2087-2082", "from the lower port to the higher one"],
    ["3306 2087", "one port or service at a time"],
    ["mysql ssh open", "one port or service at a time"],
    ["open to anyone", "Say which port or service"],
    ["10.0.0", "not a valid IPv4 or IPv6 address"],
    ["192.0.2.1/24", "the network is 192.0.2.0/24"],
    ["2001:db8::/129", "invalid prefix length"],
    ["192.0.2.1 192.0.2.2", "one address or network at a time"],
    ["x".repeat(201), "at most 200 characters"],
  ])("%j is refused: %s", (input, message) => {
    const parsed = parseFleetSearch(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});
