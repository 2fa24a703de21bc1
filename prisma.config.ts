import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// Prisma 6.19's JS schema engine runs offline; the native one would be downloaded (no download is possible on a closed network).
const url = process.env.DATABASE_URL || "file:./data/portcullis.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => {
    // `prisma migrate deploy` on a fresh clone: the data folder does not exist yet.
    fs.mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
