import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderUsageEventTable, withUsageEventTable } from "./usage-event-docs.js";

// `pnpm --filter @org/ai-usage-sdk docs:event`: rewrites the event table of docs/database-api.md
// from the definition (src/event/usage-event-fields.ts).
const docs = fileURLToPath(new URL("../../../../docs/database-api.md", import.meta.url));
const before = readFileSync(docs, "utf8");
const after = withUsageEventTable(before, renderUsageEventTable());
if (after === before) {
  console.log(`${docs}: the event table is up to date`);
} else {
  writeFileSync(docs, after);
  console.log(`${docs}: event table rewritten`);
}
