import { migraStatements } from "./migra-diff.js";
import { withClient } from "./scratch-server.js";

// migra compares two catalogs; it cannot know what CREATE does besides creating. A table it creates
// in "from" gets Supabase's default privileges there (ALL for anon, authenticated, service_role),
// which its GRANTs do not take away. So the statements are applied to "from" and migra is asked
// again, until it has nothing more to say; the second round holds those REVOKEs. A round that
// repeats the previous one would never converge (migra's text of an object reads back as another
// text), so it stops there.
const MAX_ROUNDS = 4;

export class MigraRoundsError extends Error {
  override readonly name = "MigraRoundsError";
}

export async function applyInOneTransaction(databaseUrl: string, statements: string[]): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    await client.query("BEGIN");
    for (const statement of statements) {
      try {
        await client.query(statement);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigraRoundsError(
          `migra generated a statement that fails on the migrated database: ` +
            `${error instanceof Error ? error.message : String(error)}\n  ${statement}`,
          { cause: error },
        );
      }
    }
    await client.query("COMMIT");
  });
}

/**
 * The statements that take the database of `fromUrl` to the schema of `toUrl`, found by migra in
 * rounds, each round applied to "from" (which therefore ends up with the schema of "to").
 */
export async function migraStatementsInRounds(fromUrl: string, toUrl: string): Promise<string[]> {
  const all: string[] = [];
  let previous = "";
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const statements = await migraStatements(fromUrl, toUrl);
    if (statements.length === 0) return all;
    const text = statements.join("\n");
    if (text === previous) {
      throw new MigraRoundsError(
        "migra keeps generating the same statements: after they are applied, the objects still read " +
          `back differently from the source:\n${statements.map((s) => `  ${s}`).join("\n")}\n` +
          "Write the object in the source as PostgreSQL prints it back (pg_get_constraintdef, " +
          "pg_get_functiondef, ...), or write this migration by hand.",
      );
    }
    previous = text;
    await applyInOneTransaction(fromUrl, statements);
    all.push(...statements);
  }
  throw new MigraRoundsError(`migra still finds differences after ${MAX_ROUNDS} rounds.`);
}
