/** Ports and port ranges: their schema and the one way a range is written as text. */
import { z } from "zod";

export const portSchema = z
  .number({ error: "A port is a whole number." })
  .int("A port is a whole number.")
  .min(1, "Ports run from 1 to 65535.")
  .max(65535, "Ports run from 1 to 65535.");

/** A single port is a range with from === to. */
export const portRangeSchema = z
  .object({ from: portSchema, to: portSchema })
  .refine((r) => r.from <= r.to, { message: "The range must start at or below its end.", path: ["to"] });
export type PortRange = z.infer<typeof portRangeSchema>;

/** `22`, or `49152-65534`; `sep` is what the target syntax puts between the ends (`:` for iptables). */
export function formatPorts(r: PortRange, sep = "-"): string {
  return r.from === r.to ? String(r.from) : `${r.from}${sep}${r.to}`;
}
