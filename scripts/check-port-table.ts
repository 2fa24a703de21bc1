/**
 * Compares the committed cPanel port-table fixture with a saved copy of cPanel's documentation
 * page (the source the catalog was built from), row by row. Usage:
 *   npx tsx scripts/check-port-table.ts PATH/TO/SAVED-PAGE.txt
 * Exit 0 when they agree, 1 with the differing rows otherwise, 2 on bad usage.
 */
import { readFileSync } from "node:fs";
import { parseSeedPage, readFixture } from "../tests/support/port-table";

const file = process.argv[2];
if (!file) {
  console.error("usage: npx tsx scripts/check-port-table.ts SAVED-PAGE");
  process.exit(2);
}
const fromPage = parseSeedPage(readFileSync(file, "utf8"));
const fixture = readFixture();
const differing = fixture.filter((row, i) => JSON.stringify(row) !== JSON.stringify(fromPage[i]));
if (fromPage.length !== fixture.length || differing.length > 0) {
  console.error(`The fixture (${fixture.length} rows) differs from the page (${fromPage.length} rows):`);
  for (const row of differing) console.error(`  port ${row.port} (${row.service})`);
  process.exit(1);
}
console.log(`The fixture matches the page: ${fixture.length} rows.`);
