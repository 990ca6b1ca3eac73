import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogKeyText } from "../src/catalog/catalog-row.js";
import { SNAPSHOT_PATH } from "../src/catalog-files.js";
import { type SyncOptions, syncCatalog } from "../src/sync/sync-catalog.js";
import { SyncError } from "../src/sync/sync-error.js";
import { type CatalogDatabase, catalogDatabase, databaseToday } from "./catalog-database.js";

let database: CatalogDatabase;
let folder: string;

beforeAll(async () => {
  database = await catalogDatabase();
  folder = await mkdtemp(join(tmpdir(), "prices-sync-"));
});
afterAll(async () => {
  await database?.close();
  await rm(folder, { recursive: true, force: true });
});

function sync(options: Partial<SyncOptions>) {
  const lines: string[] = [];
  const run = syncCatalog(
    {
      file: SNAPSHOT_PATH,
      databaseUrl: database.url,
      apply: false,
      reprice: false,
      verbose: false,
      ...options,
    },
    (line) => lines.push(line),
  );
  return run.then((result) => ({ ...result, output: lines.join("\n") }));
}

/** The snapshot with o3-pro's output rate raised and a new model added, plus `change`. */
async function modifiedSnapshot(name: string, change: (entries: Entries) => void = () => undefined) {
  const entries = JSON.parse(await readFile(SNAPSHOT_PATH, "utf8")) as Entries;
  entries["o3-pro"]!.output_cost_per_token = 9e-5;
  entries["gpt-test-new"] = {
    litellm_provider: "openai",
    mode: "chat",
    input_cost_per_token: 1e-6,
    output_cost_per_token: 4e-6,
    cache_read_input_token_cost: 1e-7,
  };
  change(entries);
  const path = join(folder, `litellm-model-prices-${name}.json`);
  await writeFile(path, JSON.stringify(entries, null, 4));
  return path;
}

type Entries = Record<string, Record<string, unknown>>;

describe("prices:sync", () => {
  it("finds nothing to change in a database that has the generated catalog", async () => {
    const { diff, output } = await sync({});
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.unchanged).toBe(475);
    expect(output).toContain("Nothing to change.");
    expect(output).toMatch(/Skipped entries: 146 \(--verbose lists them\)/);
    expect(output).toMatch(/Duplicates: 8 \(the gemini\/ entry wins\), 3 with different rates:/);
    expect(output).toContain(
      "claude-3-opus-20240229: cache write 1h: table 6 contradicts Anthropic's 2x input",
    );
  });

  it("proposes exactly a changed rate and a new model, writes them as new rows, and then nothing", async () => {
    const file = await modifiedSnapshot("2026-09-01");
    const today = await databaseToday(database.pool);
    const before = await database.pool.query(
      "SELECT id, output_per_mtok::text, effective_from FROM ai_model_prices WHERE model_match = 'o3-pro' AND service_tier = 'standard'",
    );
    expect(before.rows).toHaveLength(1);

    const proposal = await sync({ file, effectiveFrom: today });
    expect(proposal.diff.changed.map(({ row }) => catalogKeyText(row))).toEqual(["openai o3-pro standard"]);
    expect(proposal.diff.added.map(({ row, firstPrice }) => [catalogKeyText(row), firstPrice])).toEqual([
      ["openai gpt-test-new standard", true],
      ["openai gpt-test-new batch", true],
    ]);
    expect(proposal.output).toContain("~ openai o3-pro standard: output 80 -> 90");
    expect(proposal.output).toContain(
      "Dry run: nothing written. --apply writes these 3 rows in one transaction.",
    );

    const applied = await sync({ file, effectiveFrom: today, apply: true });
    expect(applied.applied.map((price) => [catalogKeyText(price.row), price.effectiveFrom])).toEqual([
      ["openai gpt-test-new standard", "2024-01-01 00:00:00+00"],
      ["openai gpt-test-new batch", "2024-01-01 00:00:00+00"],
      ["openai o3-pro standard", `${today} 00:00:00+00`],
    ]);
    expect(applied.output).toMatch(/Wrote 3 prices in one transaction/);

    // History: the old row keeps its id and rates; the change is a new row from --effective-from.
    const after = await database.pool.query(
      `SELECT id, output_per_mtok::text, to_char(effective_from AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS starts
         FROM ai_model_prices WHERE model_match = 'o3-pro' AND service_tier = 'standard' ORDER BY effective_from`,
    );
    expect(after.rows).toEqual([
      { id: before.rows[0].id, output_per_mtok: before.rows[0].output_per_mtok, starts: "2024-01-01" },
      { id: expect.any(String), output_per_mtok: "90.000000", starts: today },
    ]);

    const again = await sync({ file, effectiveFrom: today });
    expect(again.diff.added).toEqual([]);
    expect(again.diff.changed).toEqual([]);
    expect(again.output).toContain("Nothing to change.");
  });

  it("re-prices stored usage with --reprice", async () => {
    const userId = randomUUID();
    const today = await databaseToday(database.pool);
    await database.pool.query(
      "SELECT log_ai_usage(p_user_id => $1, p_model_used => 'o3-mini-2025-01-31', p_provider => 'openai', p_input_tokens => 1000000)",
      [userId],
    );
    // On top of the previous test's file, which this database now has.
    const file = await modifiedSnapshot("2026-10-01", (entries) => {
      entries["o3-mini-2025-01-31"]!.input_cost_per_token = 2e-6;
    });
    const result = await sync({ file, effectiveFrom: today, apply: true, reprice: true });
    expect(result.applied.map((price) => [catalogKeyText(price.row), price.storedRows])).toEqual([
      ["openai o3-mini-2025-01-31 standard", 1],
      // The batch row is derived from the standard one (50%), so it changes too; no batch usage.
      ["openai o3-mini-2025-01-31 batch", 0],
    ]);
    expect(result.repriced).toEqual([
      { modelUsed: "o3-mini-2025-01-31", from: `${today} 00:00:00+00`, rows: 1 },
    ]);
    const { rows } = await database.pool.query(
      "SELECT total_cost_usd::text FROM ai_usage_log WHERE user_id = $1",
      [userId],
    );
    expect(rows).toEqual([{ total_cost_usd: "2.000000000000" }]);
  });

  it("explains a file it cannot read, a database it cannot reach and a user who is not an admin", async () => {
    const invalid = join(folder, "invalid.json");
    await writeFile(
      invalid,
      '{"gpt-x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "1"}}',
    );
    await expect(sync({ file: invalid })).rejects.toThrow(/"gpt-x".input_cost_per_token: expected a number/);
    await expect(sync({ file: join(folder, "missing.json") })).rejects.toThrow(/cannot read the price file/);
    await expect(sync({ databaseUrl: "postgresql://nobody@127.0.0.1:1/none" })).rejects.toMatchObject({
      name: "SyncError",
      exitCode: 3,
    });
    const role = `plain_${randomUUID().slice(0, 8)}`;
    await database.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'plain'`);
    const url = new URL(database.url);
    url.username = role;
    url.password = "plain";
    const refused = sync({ databaseUrl: url.toString() });
    await expect(refused).rejects.toBeInstanceOf(SyncError);
    await expect(refused).rejects.toThrow(/not allowed to .*admin, the service role or the owner/);
  });
});
