import {
  createUsageRecorder,
  getUsageDashboard,
  getUserUsage,
  UsagePermissionError,
} from "@org/ai-usage-sdk";
import { createPgSink, createPgTransport } from "@org/ai-usage-sdk/pg";
import pg from "pg";

// Server side: connect as the table owner (or a role that may act as service_role).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
// node-postgres emits "error" when an idle connection drops (database restart); without a
// listener that would crash the process.
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));

const recorder = createUsageRecorder({
  sink: createPgSink(pool),
  onError: (error) => console.error(error.name, error.message, error.context),
});

const userId = "5d0f3c52-2a8e-4b8e-9a51-0d6b1f0e7a11";

// After each AI call (the provider helpers do this for you):
recorder.record({
  userId,
  userEmail: "ada@example.com",
  customerId: 42,
  customerName: "Acme",
  requestType: "insight",
  modelUsed: "claude-sonnet-4-20250514",
  provider: "anthropic",
  inputTokens: 1200, // uncached input
  cacheReadTokens: 8000,
  outputTokens: 350,
  latencyMs: 2140,
  requestId: "msg_01XFDUDYJgAACzvnptvVoYEL", // the provider's id: a retried write never counts twice
});

// On shutdown: write what is buffered (within closeTimeoutMs, default 10 s).
await recorder.close();

// Reports as the server:
const server = createPgTransport(pool);
export const dashboard = await getUsageDashboard(server, { days: 30 });
console.log(`last 30 days: $${dashboard.summary.total_cost_usd}`, dashboard.by_user[0]?.user_email);

// Reports as a signed-in user: each call runs like PostgREST (role and JWT claims, one transaction).
const asUser = createPgTransport(pool, {
  identity: { role: "authenticated", claims: { sub: userId, role: "authenticated" } },
});
export const myUsage = await getUserUsage(asUser, { userId, days: 7 });
try {
  await getUsageDashboard(asUser);
} catch (error) {
  if (!(error instanceof UsagePermissionError)) throw error;
  console.log("the dashboard is for admins:", error.message);
}

await pool.end();
