import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./run";

const INPUTS = [
  "app", "components", "lib", "public", "prisma/schema.prisma", "proxy.ts", "next.config.ts",
  "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json",
];
const STAMP = path.join(ROOT, ".next", "portcullis-build-hash");

function* files(entry: string): Generator<string> {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(full).sort()) {
    if (name.endsWith(".test.ts") || name === "node_modules") continue;
    yield* files(path.join(entry, name));
  }
}

/** Hash of everything `next build` reads from the repository. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const entry of INPUTS) {
    for (const file of files(entry)) {
      hash.update(file).update("\0").update(fs.readFileSync(path.join(ROOT, file))).update("\0");
    }
  }
  return hash.digest("hex");
}

/** True when .next holds a production build of exactly the current sources. */
export function isBuildFresh(hash: string): boolean {
  return fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === hash;
}

export function markBuilt(hash: string): void {
  fs.writeFileSync(STAMP, hash);
}
