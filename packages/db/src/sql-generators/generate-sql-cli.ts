// `pnpm db:generate-sql [--check]`: rewrites packages/db/schema/generated/ from the hand-written
// schema source (or, with --check, fails when the committed files are not what it would write).
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Command } from "commander";
import { parsePostgresMajor } from "../embedded/binaries.js";
import { packageRoot } from "../package-paths.js";
import { createScratchDatabase, startScratchServer, withClient } from "../schema-tools/scratch-server.js";
import { generateSql, readGeneratedFiles } from "./generate-sql.js";

const program = new Command("db:generate-sql")
  .description(
    "Write packages/db/schema/generated/ from the hand-written schema source (development time only)",
  )
  .option("--check", "write nothing; exit 1 when the committed generated files are out of date")
  .option("--source <folder>", "the schema source folder", join(packageRoot(), "schema"))
  .parse();
const options = program.opts<{ check?: boolean; source: string }>();

const say = (line: string) => process.stderr.write(`${line}\n`);
const major = parsePostgresMajor(process.env.PG_MAJOR ?? 17);

say(`starting a scratch PostgreSQL ${major}`);
const server = await startScratchServer(major);
let exitCode = 0;
try {
  const url = await createScratchDatabase(server.url, "generate_sql");
  say("applying the hand-written source, compiling the summary triggers, expanding inlined helpers");
  const wanted = await withClient(url, (client) => generateSql(client, options.source));
  const present = await readGeneratedFiles(options.source);
  const changed = [...wanted].filter(([path, text]) => present.get(path) !== text).map(([path]) => path);
  const stale = [...present.keys()].filter((path) => !wanted.has(path));
  if (options.check) {
    if (changed.length + stale.length > 0) {
      say(
        `The generated SQL is out of date (${[...changed, ...stale].join(", ")}): run \`pnpm db:generate-sql\`, ` +
          "then `pnpm db:diff <name>` for the migration, and commit both.",
      );
      exitCode = 1;
    } else say(`generated SQL is up to date (${wanted.size} files)`);
  } else {
    for (const path of changed) {
      await mkdir(dirname(join(options.source, path)), { recursive: true });
      await writeFile(join(options.source, path), wanted.get(path)!);
      say(`wrote ${path}`);
    }
    for (const path of stale) {
      await rm(join(options.source, path));
      say(`removed ${path}`);
    }
    if (changed.length + stale.length === 0) say("generated SQL already up to date");
  }
} finally {
  await server.stop();
}
process.exitCode = exitCode;
