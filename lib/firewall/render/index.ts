/**
 * The renderer registry. Typed against every Backend, so adding a backend to the schema without a
 * renderer is a compile error.
 */
import type { Backend } from "../policy/schema";
import { iptablesRenderer } from "./iptables";
import { nftablesRenderer } from "./nftables";
import type { Renderer } from "./types";

export const RENDERERS = {
  nftables: nftablesRenderer,
  iptables: iptablesRenderer,
} satisfies Partial<Record<Backend, Renderer>>;

export type { Limitation, RenderMeta, Renderer, RuleFile } from "./types";
