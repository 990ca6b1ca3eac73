import pg from "pg";

// How far past the faked instant a run may be when it checks: the clock keeps running from there,
// and one instant of the clock matrix takes a few minutes.
const LATEST_AFTER_MS = 30 * 60_000;
// Processes started before the check (the database server) are ahead; none may be behind.
const EARLIEST_BEFORE_MS = 5_000;

/**
 * When AI_USAGE_TEST_FAKED_NOW (an ISO instant) is set, as .ci/clock-matrix does, fails unless both
 * Node's clock and PostgreSQL's now() read just after it: a faked clock that did not reach the
 * database (whose now() decides "today" in every report) would make the matrix prove nothing.
 */
export async function assertFakedClock(databaseUrl: string): Promise<void> {
  const faked = process.env.AI_USAGE_TEST_FAKED_NOW?.trim();
  if (!faked) return;
  const expected = Date.parse(faked);
  if (Number.isNaN(expected)) {
    throw new Error(
      `AI_USAGE_TEST_FAKED_NOW must be an ISO instant such as 2027-12-31T23:59:30Z (got "${faked}")`,
    );
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let databaseNow: Date;
  try {
    databaseNow = (await client.query<{ now: Date }>("SELECT now()")).rows[0]!.now;
  } finally {
    await client.end();
  }
  for (const [whose, now] of [
    ["Node's clock", Date.now()],
    ["PostgreSQL's now()", databaseNow.getTime()],
  ] as const) {
    if (now < expected - EARLIEST_BEFORE_MS || now > expected + LATEST_AFTER_MS) {
      throw new Error(
        `${whose} reads ${new Date(now).toISOString()}, not just after the faked ${faked}: ` +
          "is libfaketime preloaded (LD_PRELOAD, FAKETIME) into this process and the server it starts?",
      );
    }
  }
}
