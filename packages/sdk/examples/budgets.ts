import Anthropic from "@anthropic-ai/sdk";
import {
  createBudgetGuard,
  createUsageRecorder,
  describeBudgetStatus,
  getBudgetStatus,
  setBudget,
  UsageBudgetExceededError,
} from "@org/ai-usage-sdk";
import { trackAnthropic } from "@org/ai-usage-sdk/anthropic";
import { createPgSink, createPgTransport } from "@org/ai-usage-sdk/pg";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));
// Connected as the table owner: "the server" (reserving and releasing holds is server-only).
const server = createPgTransport(pool);
const recorder = createUsageRecorder({ sink: createPgSink(pool) });

// 1. An admin sets a budget (or does it on the dashboard): $5 a calendar month for Lin, hard.
const userId = "6a1f0c3e-2b4d-4e8f-9a7c-5d3e1f0b2c4a";
await setBudget(server, { scope: "user", userId, limitUsd: 5, name: "Lin monthly" });

// 2. One guard for the app. "closed": while the database is unreachable, calls are refused
//    (UsageConnectionError) rather than spent unchecked; "open" would let them through.
const budget = createBudgetGuard({ transport: server, whenUnavailable: "closed" });
const anthropic = trackAnthropic(new Anthropic(), { recorder, budget, context: { userId } });

// 3. Every call reserves its upper cost first (max_tokens is required with a guard). Over budget,
//    it throws UsageBudgetExceededError before anything is sent to Anthropic.
export async function ask(prompt: string): Promise<{ status: number; body: unknown }> {
  try {
    const message = await anthropic.messages.create({
      model: "claude-sonnet-4-20250514",
      max_tokens: 1024,
      messages: [{ role: "user", content: prompt }],
    });
    return {
      status: 200,
      body: { text: message.content.map((block) => (block.type === "text" ? block.text : "")).join("") },
    };
  } catch (error) {
    // { error: { code: "budget_exceeded", message: "Monthly AI budget reached: $5.00 of $5.00 used; resets 1 January 2027.", budget: {...} } }
    if (error instanceof UsageBudgetExceededError) return { status: 402, body: error.toJSON() };
    throw error;
  }
}

export const answered = await ask("Summarise last week's sales.");
await recorder.flush(); // the recorded usage settles the call's hold: its real cost now counts

// 4. The user's own status, for their settings page: "$0.01 of $5.00 this month, resets 1 January".
const [status] = await getBudgetStatus(server, { userId });
export const statusLine = describeBudgetStatus(status!);

// An admin lowers the limit below what is spent: the next call is refused without reaching Anthropic.
await setBudget(server, { scope: "user", userId, limitUsd: 0.01, name: "Lin monthly" });
export const refused = await ask("And the week before?");

await recorder.close();
await pool.end();
