/**
 * portcullis.nft as bundles before the split blocklist layout wrote it: every blocked entry of a
 * family in one auto-merging interval set (`block_v4`, `block_v6`), one lookup per family and
 * direction. Derived from a file of today's layout, for the verify test (a server applied with an
 * older bundle) and the nft load bench (the old layout's figures).
 */
export function oneSetLayout(text: string, blocked: { v4: readonly string[]; v6: readonly string[] }): string {
  const out: string[] = [];
  const declared = new Set<"v4" | "v6">();
  let skipping = false;
  for (const line of text.split("\n")) {
    const set = /^ {2}set block(?:net)?_(v4|v6) \{$/.exec(line);
    if (skipping) skipping = line !== "  }";
    else if (set) {
      const f = set[1] as "v4" | "v6";
      skipping = true;
      if (declared.has(f)) continue;
      declared.add(f);
      out.push(`  set block_${f} {`, `    type ${f === "v4" ? "ipv4_addr" : "ipv6_addr"}; flags interval; auto-merge`, `    elements = { ${blocked[f].join(",\n      ")} }`, "  }");
    } else if (!/^ {2}# Blocked (single addresses|networks)/.test(line)) {
      const old = line.replace("@blocknet_", "@block_");
      if (old !== out[out.length - 1]) out.push(old);
    }
  }
  return out.join("\n");
}
