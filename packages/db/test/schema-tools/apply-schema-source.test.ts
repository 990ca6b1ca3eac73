import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { resolveApplyOrder } from "../../src/schema-tools/apply-order.js";
import { applySchemaSource } from "../../src/schema-tools/apply-schema-source.js";
import { createScratchDatabase, withClient } from "../../src/schema-tools/scratch-server.js";

/** A source folder holding `files` (path relative to it → text). */
async function sourceFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ai-usage-source-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function emptyDatabase(): Promise<string> {
  const serverUrl = inject("databaseUrl");
  const name = `source_${randomBytes(6).toString("hex")}`;
  onTestFinished(async () => {
    await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  return createScratchDatabase(serverUrl, name);
}

describe("apply-order.txt", () => {
  it("orders files line by line, a glob's matches by path, a file matched twice at its first line", async () => {
    const folder = await sourceFolder({
      "apply-order.txt":
        "# comment\n\ntables/b.sql   # first, on purpose\ntables/*.sql\nfunctions/**/*.sql\n",
      "tables/a.sql": "",
      "tables/b.sql": "",
      "tables/c.sql": "",
      "functions/z.sql": "",
      "functions/reports/y.sql": "",
    });
    const order = (await resolveApplyOrder(folder)).map((file) => file.relativePath);
    expect(order).toEqual([
      "tables/b.sql",
      "tables/a.sql",
      "tables/c.sql",
      "functions/reports/y.sql",
      "functions/z.sql",
    ]);
  });

  it("fails naming a *.sql file that no line matches", async () => {
    const folder = await sourceFolder({
      "apply-order.txt": "tables/*.sql\n",
      "tables/a.sql": "",
      "functions/forgotten.sql": "",
    });
    await expect(resolveApplyOrder(folder)).rejects.toThrow(
      `${join(folder, "functions/forgotten.sql")} is matched by no line of ${join(folder, "apply-order.txt")}`,
    );
  });

  it("fails naming a line that matches no file", async () => {
    const folder = await sourceFolder({
      "apply-order.txt": "tables/*.sql\ntabels/typo.sql\n",
      "tables/a.sql": "",
    });
    await expect(resolveApplyOrder(folder)).rejects.toThrow('"tabels/typo.sql" matches no *.sql file');
  });
});

describe("applySchemaSource", () => {
  it("applies the stand-in, then every file in order in one transaction", async () => {
    const folder = await sourceFolder({
      "apply-order.txt": "a.sql\nb.sql\n",
      "a.sql": "CREATE TABLE public.t (x int);\nINSERT INTO public.t VALUES (1);",
      "b.sql":
        "INSERT INTO public.t SELECT x + 1 FROM public.t;\nCREATE FUNCTION public.f() RETURNS uuid LANGUAGE sql AS $$ SELECT auth.uid() $$;",
    });
    const url = await emptyDatabase();
    await withClient(url, (client) => applySchemaSource(client, folder));
    const rows = await withClient(
      url,
      async (client) => (await client.query("SELECT x FROM public.t ORDER BY x")).rows,
    );
    expect(rows).toEqual([{ x: 1 }, { x: 2 }]);
  });

  it("names the file and line of an error, and applies nothing of the source", async () => {
    const folder = await sourceFolder({
      "apply-order.txt": "tables/a.sql\ntables/b.sql\n",
      "tables/a.sql": "CREATE TABLE public.t (x int);",
      "tables/b.sql": "-- a comment\nSELECT 1;\nSELEC 2;\n",
    });
    const url = await emptyDatabase();
    const failure = withClient(url, (client) => applySchemaSource(client, folder));
    await expect(failure).rejects.toThrow(`at ${join(folder, "tables/b.sql")}:3:1 (tables/b.sql)`);
    await expect(failure).rejects.toThrow('syntax error at or near "SELEC"');
    const table = await withClient(
      url,
      async (client) => (await client.query("SELECT to_regclass('public.t') AS t")).rows[0],
    );
    expect(table).toEqual({ t: null });
  });
});
