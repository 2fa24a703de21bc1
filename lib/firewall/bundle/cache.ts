/**
 * Finished bundles for servers. A saved revision renders the same bytes every time as long as
 * its time stamp is the revision's own (its save time, not the clock), so a download route can
 * build each revision's ZIP once and serve it again. Keys are the caller's, e.g. `${id}:${version}`
 * (the version grows on every save). The least recently used go first once the cached ZIPs and
 * texts together pass `maxBytes`; a bundle larger than that is built but not kept.
 */
import type { Bundle } from "./index";

const sizeOf = (b: Bundle) => b.zip.byteLength + b.entries.reduce((n, e) => n + e.content.length * 2, 0);

export class BundleCache {
  private readonly bundles = new Map<string, { bundle: Bundle; bytes: number }>();
  private total = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The cached bundle for `key`, or the one `build` makes (and keeps). */
  get(key: string, build: () => Bundle): Bundle {
    const hit = this.bundles.get(key);
    if (hit) {
      this.bundles.delete(key);
      this.bundles.set(key, hit);
      return hit.bundle;
    }
    const bundle = build();
    const bytes = sizeOf(bundle);
    if (bytes > this.maxBytes) return bundle;
    this.bundles.set(key, { bundle, bytes });
    this.total += bytes;
    for (const [oldKey, old] of this.bundles) {
      if (this.total <= this.maxBytes) break;
      this.bundles.delete(oldKey);
      this.total -= old.bytes;
    }
    return bundle;
  }

  get size(): number {
    return this.bundles.size;
  }
}
