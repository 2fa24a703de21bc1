/**
 * Amazon's published address ranges (https://ip-ranges.amazonaws.com/ip-ranges.json), uploaded by
 * the user and turned into a named source list: cPanel's Site Quality Monitoring, for one, checks
 * sites from AWS. The file is read strictly (zod), filtered by service and region, and reduced to
 * the fewest canonical networks; the list keeps the file's syncToken and createDate and the filter,
 * so the report can say where its addresses came from.
 */
import { z } from "zod";
import { parseNetwork, type Network } from "../address";
import { AWS_REGION_PATTERN, AWS_SERVICE_PATTERN, awsRangesOriginSchema, type SourceList } from "../policy/schema";

/** The real file is about 2 MB; anything far larger is not it. */
export const AWS_RANGES_MAX_BYTES = 8 * 1024 * 1024;
/** As many addresses as one service's sources may hold. */
export const AWS_LIST_MAX_ADDRESSES = 10_000;

const service = z.string().regex(AWS_SERVICE_PATTERN, "is not an AWS service name");
const region = z.string().regex(AWS_REGION_PATTERN, "is not an AWS region name");
const fileSchema = z.object({
  syncToken: awsRangesOriginSchema.shape.syncToken,
  createDate: awsRangesOriginSchema.shape.createDate,
  prefixes: z.array(z.object({ ip_prefix: z.string().max(64), region, service })).max(200_000),
  ipv6_prefixes: z.array(z.object({ ipv6_prefix: z.string().max(64), region, service })).max(200_000),
});

export type AwsRange = { network: Network; region: string; service: string };
export type AwsIpRanges = {
  syncToken: string;
  createDate: string;
  ranges: AwsRange[];
  /** Sorted, for the pickers. */
  services: string[];
  regions: string[];
};
export type AwsFilter = { services: readonly string[]; regions: readonly string[] };

type Result<T> = { ok: true; value: T } | { ok: false; message: string };

function rangeOf(text: string, where: string, entry: { region: string; service: string }): Result<AwsRange> {
  const r = parseNetwork(text);
  return r.ok ? { ok: true, value: { network: r.value, region: entry.region, service: entry.service } } : { ok: false, message: `${where}: ${r.error}` };
}

/** Read the text of an ip-ranges.json; every failure is a sentence naming what is wrong. */
export function readAwsIpRanges(text: string): Result<AwsIpRanges> {
  if (text.length > AWS_RANGES_MAX_BYTES) return { ok: false, message: `The file is larger than ${AWS_RANGES_MAX_BYTES / 1024 / 1024} MB; AWS's ip-ranges.json is about 2 MB.` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "Not a JSON file: upload the ip-ranges.json AWS publishes." };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join(".") || "(root)";
    return { ok: false, message: `Not an AWS ip-ranges.json: ${path} ${issue.code === "invalid_type" ? "is missing or of the wrong type" : issue.message}.` };
  }
  const ranges: AwsRange[] = [];
  const entries = [
    ...parsed.data.prefixes.map((p, i) => [p.ip_prefix, `prefixes[${i}]`, p] as const),
    ...parsed.data.ipv6_prefixes.map((p, i) => [p.ipv6_prefix, `ipv6_prefixes[${i}]`, p] as const),
  ];
  for (const [prefix, where, entry] of entries) {
    const r = rangeOf(prefix, where, entry);
    if (!r.ok) return r;
    ranges.push(r.value);
  }
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    ok: true,
    value: { syncToken: parsed.data.syncToken, createDate: parsed.data.createDate, ranges, services: sorted(ranges.map((r) => r.service)), regions: sorted(ranges.map((r) => r.region)) },
  };
}

/** Regions that hold ranges of any of these services (all regions when none is chosen). */
export function regionsOf(file: AwsIpRanges, services: readonly string[]): string[] {
  const wanted = new Set(services);
  return [...new Set(file.ranges.filter((r) => wanted.size === 0 || wanted.has(r.service)).map((r) => r.region))].sort();
}

/** Without duplicates and without networks inside another one; IPv4 first, then by address. */
export function aggregateNetworks(networks: readonly Network[]): Network[] {
  const sorted = [...networks].sort((a, b) => (a.family !== b.family ? (a.family === "ipv4" ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : a.prefix - b.prefix));
  const out: Network[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === n.family && n.last <= last.last) continue;
    out.push(n);
  }
  return out;
}

function awsLabel(filter: AwsFilter): string {
  const label = `AWS ${filter.services.join(" + ")}, ${filter.regions.length > 0 ? filter.regions.join(", ") : "all regions"}`;
  return label.length <= 100 ? label : `${label.slice(0, 97)}...`;
}

/**
 * The source list for these services and regions (no region: every region). Refuses an empty
 * result and one above AWS_LIST_MAX_ADDRESSES, asking for a narrower filter.
 */
export function awsSourceList(file: AwsIpRanges, filter: AwsFilter, id: string): Result<SourceList> {
  if (filter.services.length === 0) return { ok: false, message: "Choose at least one AWS service." };
  const services = new Set(filter.services);
  const regions = new Set(filter.regions);
  const chosen = file.ranges.filter((r) => services.has(r.service) && (regions.size === 0 || regions.has(r.region)));
  const networks = aggregateNetworks(chosen.map((r) => r.network));
  if (networks.length === 0) return { ok: false, message: "No ranges in the file match this service and region." };
  if (networks.length > AWS_LIST_MAX_ADDRESSES) {
    return { ok: false, message: `${networks.length.toLocaleString("en")} networks match; at most ${AWS_LIST_MAX_ADDRESSES.toLocaleString("en")} fit one list. Choose fewer services or regions.` };
  }
  const aws = { syncToken: file.syncToken, createDate: file.createDate, services: [...services].sort(), regions: [...regions].sort() };
  return { ok: true, value: { id, label: awsLabel(aws), origin: "aws-ip-ranges", aws, addresses: networks.map((n) => n.text) } };
}
