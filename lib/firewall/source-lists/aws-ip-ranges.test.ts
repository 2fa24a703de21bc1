import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { sourceListSchema } from "../policy/schema";
import { awsSourceList, readAwsIpRanges, regionsOf, type AwsIpRanges } from "./aws-ip-ranges";

const FIXTURE = fs.readFileSync(path.join(__dirname, "../../../tests/fixtures/aws-ip-ranges.json"), "utf8");

function file(): AwsIpRanges {
  const r = readAwsIpRanges(FIXTURE);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe("readAwsIpRanges", () => {
  test("reads the stamps, every range and the sorted names", () => {
    const f = file();
    expect(f).toMatchObject({ syncToken: "1764671234", createDate: "2026-12-02-10-13-54" });
    expect(f.ranges).toHaveLength(13);
    expect(f.services).toEqual(["AMAZON", "EC2", "ROUTE53_HEALTHCHECKS"]);
    expect(f.regions).toContain("GLOBAL");
  });

  test.each([
    ["not JSON", "<html>", /Not a JSON file/],
    ["a JSON array", "[]", /Not an AWS ip-ranges.json: \(root\)/],
    ["no prefixes", JSON.stringify({ syncToken: "1", createDate: "2026-01-01-00-00-00", ipv6_prefixes: [] }), /prefixes is missing/],
    ["a bad date", JSON.stringify({ syncToken: "1", createDate: "yesterday", prefixes: [], ipv6_prefixes: [] }), /createDate/],
    ["a bad service name", JSON.stringify({ syncToken: "1", createDate: "2026-01-01-00-00-00", prefixes: [{ ip_prefix: "192.0.2.0/24", region: "eu-west-1", service: "x; rm -rf /" }], ipv6_prefixes: [] }), /prefixes\.0\.service/],
    ["a bad prefix", JSON.stringify({ syncToken: "1", createDate: "2026-01-01-00-00-00", prefixes: [{ ip_prefix: "192.0.2.1/24", region: "eu-west-1", service: "EC2" }], ipv6_prefixes: [] }), /prefixes\[0\]: .*192\.0\.2\.0\/24/],
    ["too large", " ".repeat(8 * 1024 * 1024 + 1), /larger than 8 MB/],
  ])("refuses %s with a sentence", (_name, text, message) => {
    const r = readAwsIpRanges(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe("awsSourceList", () => {
  test("filters by service and region, and records where the list came from", () => {
    const r = awsSourceList(file(), { services: ["ROUTE53_HEALTHCHECKS"], regions: ["eu-west-1"] }, "aws-1");
    expect(r.ok && r.value).toEqual({
      id: "aws-1",
      label: "AWS ROUTE53_HEALTHCHECKS, eu-west-1",
      origin: "aws-ip-ranges",
      aws: { syncToken: "1764671234", createDate: "2026-12-02-10-13-54", services: ["ROUTE53_HEALTHCHECKS"], regions: ["eu-west-1"] },
      addresses: ["15.177.64.0/23", "54.228.16.0/26", "176.34.159.192/26", "2a05:d018:f00::/40"],
    });
    if (r.ok) expect(sourceListSchema.parse(r.value)).toEqual(r.value);
  });

  test("drops duplicates and networks inside others; no region means every region", () => {
    const r = awsSourceList(file(), { services: ["AMAZON", "ROUTE53_HEALTHCHECKS"], regions: [] }, "aws-2");
    expect(r.ok && r.value.addresses).toEqual([
      "3.5.140.0/22", "15.177.0.0/18", "15.177.64.0/23", "52.93.178.234", "54.228.16.0/24", "107.23.255.0/26", "176.34.159.192/26",
      "2600:1f14:fff:f800::/53", "2a05:d018::/36",
    ]);
    expect(r.ok && r.value.label).toBe("AWS AMAZON + ROUTE53_HEALTHCHECKS, all regions");
  });

  test.each([
    [{ services: [], regions: [] }, /at least one AWS service/],
    [{ services: ["EC2"], regions: ["eu-west-1"] }, /No ranges/],
  ])("refuses %j", (filter, message) => {
    const r = awsSourceList(file(), filter, "aws-1");
    expect(!r.ok && r.message).toMatch(message);
  });

  test("offers only the regions where the chosen services have ranges", () => {
    expect(regionsOf(file(), ["EC2"])).toEqual(["eu-central-1"]);
    expect(regionsOf(file(), [])).toEqual(file().regions);
  });
});
