/**
 * Finished bundles for servers. A saved revision renders the same bytes every time as long as
 * its time stamp is the revision's own (its save time, not the clock), so a download route can
 * build each revision's ZIP once and serve it again. Keys are the caller's, e.g. `${id}:${version}`
 * (the version grows on every save). The least recently used go first once the cached ZIPs
 * together pass `maxBytes`; a bundle larger than that is built but not kept.
 */
import type { Bundle } from "./index";
import { SizedLru } from "../lru";

const sizeOf = (b: Bundle) => b.zip.byteLength + b.files.length * 128;

export class BundleCache {
  private readonly bundles: SizedLru<Bundle>;

  constructor(maxBytes = 64 * 1024 * 1024) {
    this.bundles = new SizedLru(maxBytes);
  }

  /** The cached bundle for `key`, or the one `build` makes (and keeps). */
  get(key: string, build: () => Bundle): Bundle {
    const hit = this.bundles.get(key);
    if (hit) return hit;
    const bundle = build();
    this.bundles.set(key, bundle, sizeOf(bundle));
    return bundle;
  }

  get size(): number {
    return this.bundles.size;
  }
}
