/**
 * The server-name migration on a real SQLite file: the earlier migrations are deployed, rows with
 * names the old form accepted are written, then `prisma migrate deploy` applies the rename.
 */
import { serverSchema } from "@/lib/firewall/policy/server";
import { describeRenameMigration, type RenameRow } from "@/tests/support/migrations";

/** [name as stored before, name after, created at] — the oldest profile keeps the lowest suffix. */
const ROWS: RenameRow[] = [
  ["web", "web", "2026-01-01 00:00:00"],
  ["web-2", "web-2", "2026-01-02 00:00:00"],
  ["-web", "web-3", "2026-01-03 00:00:00"],
  ["_web", "web-4", "2026-01-04 00:00:00"],
  [".hidden", "hidden", "2026-01-05 00:00:00"],
  ["---", "server", "2026-01-06 00:00:00"],
  ["- . _", "server-2", "2026-01-07 00:00:00"],
  ["Copy of web (2)", "Copy of web 2", "2026-01-08 00:00:00"],
  [`-${"a".repeat(63)}`, "a".repeat(63), "2026-01-09 00:00:00"],
  [`_${"a".repeat(63)}`, `${"a".repeat(62)}-2`, "2026-01-10 00:00:00"],
  ["Mail server 1", "Mail server 1", "2026-01-11 00:00:00"],
];

describeRenameMigration("20261202000000_server_names", ROWS, (name) => serverSchema.shape.name.safeParse(name).data === name);
