import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { sourceListSchema } from "@/lib/firewall/policy/schema";
import { runCliCaptured } from "../test-run";

const FIXTURE = join(__dirname, "../../tests/fixtures/aws-ip-ranges.json");

describe("source-list", () => {
  test("webpros prints the preset as a valid source list", async () => {
    const run = await runCliCaptured(["source-list", "webpros"]);
    expect(run.code).toBe(0);
    expect(sourceListSchema.parse(JSON.parse(run.out))).toMatchObject({ id: "webpros-seo-scanner", origin: "webpros-seo" });
  });

  test("aws filters the file by service and region", async () => {
    const run = await runCliCaptured(["source-list", "aws", FIXTURE, "--service", "ROUTE53_HEALTHCHECKS", "--region", "eu-west-1", "--id", "sqm"]);
    expect(run.code).toBe(0);
    expect(sourceListSchema.parse(JSON.parse(run.out))).toMatchObject({ id: "sqm", addresses: ["15.177.64.0/23", "54.228.16.0/26", "176.34.159.192/26", "2a05:d018:f00::/40"] });
  });

  test.each([
    [["source-list", "aws", FIXTURE], /at least one AWS service[\s\S]*Services in the file: AMAZON, EC2, ROUTE53_HEALTHCHECKS/],
    [["source-list", "aws", FIXTURE, "--service", "EC2", "--id", "Bad Id"], /not a valid id/],
    [["source-list", "other"], /Give webpros, or aws and one file/],
  ])("%j is refused with exit code 2", async (args, message) => {
    const run = await runCliCaptured(args);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });
});
