import ipaddr from "ipaddr.js";
import { describe, expect, test } from "vitest";
import { canonicalIpv6Groups, formatIpv6, isCanonicalNetwork, parseNetwork } from "./address";

/** mulberry32, so a failure reproduces. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = seeded(19);
const pick = (n: number) => Math.floor(next() * n);
/** Groups with many zeros, so every shape of zero run (none, ties, leading, trailing) occurs. */
const randomGroups = () => Array.from({ length: 8 }, () => (next() < 0.5 ? 0 : next() < 0.3 ? pick(16) : pick(0x10000)));

/** What the strict parser calls canonical: it accepts the text and gives it back unchanged. */
const strictCanonical = (text: string) => {
  const r = parseNetwork(text);
  return r.ok && r.value.text === text;
};

/** Small edits that turn canonical text into nearly canonical text. */
function mutations(text: string): string[] {
  const i = pick(text.length);
  return [
    text.toUpperCase(),
    `0${text}`,
    text.replace(/:(?=[1-9a-f])/, ":0"),
    text.replace("::", ":0:"),
    text.replace("::", ":"),
    text.replace(":0:", "::"),
    `${text}/${pick(130)}`,
    `${text}/0${pick(10)}`,
    `${text} `,
    text.slice(0, i) + text.slice(i + 1),
    text.slice(0, i) + ":" + text.slice(i),
    text.slice(0, i) + "." + text.slice(i),
    `::ffff:${text.split(":").pop()}`,
  ];
}

describe("canonical network fast path", () => {
  test("formatIpv6 writes what ipaddr.js writes, and canonicalIpv6Groups reads it back", () => {
    for (let k = 0; k < 20_000; k++) {
      const groups = randomGroups();
      const text = new ipaddr.IPv6(groups).toString();
      expect(formatIpv6(groups)).toBe(text);
      const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
      expect(canonicalIpv6Groups(text)).toEqual(mapped ? null : groups);
    }
  });

  test("isCanonicalNetwork agrees with the strict parser on canonical, near-canonical and invalid text", () => {
    const inputs: string[] = ["0.0.0.0", "1.2.3.4/32", "1.2.3.0/24", "1.2.3.4/24", "1.2.3.4/0", "01.2.3.4", "256.1.1.1", "::", "::/0", "::/1", "8000::/1", "::1", "::1/128", "2001:db8::/32", "2001:db8::1/32", "2001:DB8::", "fe80::1%eth0", "::ffff:1.2.3.4", "::ffff:102:304", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::2:0:0:3", "1:0:0:2::3", "", "1::", ":1::", "1::2::3", "1:", ":", ":::", "::0", "0::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7", "1:2:3:4:5:6::", "00::1", "1:00::", "12345::", "1.2.3.4/", "1.2.3.0/024", "1.2.3.0/2a", "1..2.3", "1.2.3.4.5", "1.2.3", ".1.2.3", "1.2.3.", "1.2.3.4/31", "1.2.3.4/30", "0.0.0.0/1", "128.0.0.0/1", "255.255.255.255", "1.2.3.04", "1.2.3.-4", "1.2.3.4 ", "::/128", "::/", "::/1x", "::/012", "1:2::/127", "1.2.3.4:5"];
    for (let k = 0; k < 20_000; k++) {
      const v4 = `${pick(256)}.${pick(256)}.${pick(256)}.${pick(256)}`;
      const groups = randomGroups();
      const prefix = pick(129);
      const net = (BigInt(`0x${groups.map((g) => g.toString(16).padStart(4, "0")).join("")}`) >> BigInt(128 - prefix)) << BigInt(128 - prefix);
      const v6 = new ipaddr.IPv6(Array.from({ length: 8 }, (_, i) => Number((net >> BigInt(112 - 16 * i)) & 0xffffn))).toString();
      inputs.push(v4, `${v4}/${pick(33)}`, `${v6}/${prefix}`, new ipaddr.IPv6(groups).toString());
      if (k % 10 === 0) inputs.push(...mutations(`${v6}/${prefix}`), ...mutations(new ipaddr.IPv6(groups).toString()), ...mutations(v4));
    }
    for (const text of inputs) {
      // parseNetwork reads canonical IPv6 through canonicalIpv6Groups too: check that against ipaddr.js.
      const address = text.split("/")[0]!;
      const groups = canonicalIpv6Groups(address);
      if (groups && !(ipaddr.IPv6.isValid(address) && ipaddr.IPv6.parse(address).toString() === address && ipaddr.IPv6.parse(address).parts.every((g, i) => g === groups[i]))) {
        expect.fail(`canonicalIpv6Groups accepted ${JSON.stringify(address)}`);
      }
      if (isCanonicalNetwork(text) !== strictCanonical(text)) expect.fail(`isCanonicalNetwork(${JSON.stringify(text)}) = ${isCanonicalNetwork(text)}`);
    }
  });
});
