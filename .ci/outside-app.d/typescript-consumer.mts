// Type-checked in the outside app (module and moduleResolution nodenext, strict, no skipLibCheck):
// every subpath of the SDK has its types in the package, and they are real types, not `any`.
import Anthropic from "@anthropic-ai/sdk";
import { createUsageRecorder, getUserUsage, type UserUsage } from "@org/ai-usage-sdk";
import { trackAnthropic } from "@org/ai-usage-sdk/anthropic";
import { createAccessTokenVerifier } from "@org/ai-usage-sdk/auth";
import { trackGemini } from "@org/ai-usage-sdk/gemini";
import { trackOpenAI } from "@org/ai-usage-sdk/openai";
import { createPgSink, createPgTransport } from "@org/ai-usage-sdk/pg";
import { createPrismaSink } from "@org/ai-usage-sdk/prisma";
import { createSupabaseSink } from "@org/ai-usage-sdk/supabase";
import { usageMiddleware } from "@org/ai-usage-sdk/vercel-ai";
import pg from "pg";

const pool = new pg.Pool();
const recorder = createUsageRecorder({ sink: createPgSink(pool) });
const anthropic = trackAnthropic(new Anthropic(), { recorder, context: { userId: "a-user-id" } });
const usage: UserUsage = await getUserUsage(createPgTransport(pool), { userId: "a-user-id", days: 1 });
const tokens: number = usage.summary.total_tokens;
// @ts-expect-error: a misspelled report field is an error (were the types `any`, this line would fail)
usage.summary.total_tokenz;

// The Gemini and Vercel AI SDK entries need neither client installed to type-check (structural types).
const middleware = usageMiddleware({ recorder, context: { userId: "a-user-id" } });
const specification: "v3" = middleware.specificationVersion;

export {
  anthropic,
  createAccessTokenVerifier,
  createPrismaSink,
  createSupabaseSink,
  specification,
  tokens,
  trackGemini,
  trackOpenAI,
};
