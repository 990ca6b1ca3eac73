import { z } from "zod";
import { instantSchema } from "../schemas/instant.js";
import { type ModelPriceExplanation, ModelPriceExplanationSchema } from "../schemas/price-explanation.js";
import { SERVICE_TIERS } from "../schemas/usage-event.js";
import { callFunction, parseArguments } from "./call-function.js";
import type { UsageTransport } from "./function-call.js";

export const ExplainModelPriceArgumentsSchema = z.strictObject({
  /** The model id as a request would record it, e.g. `us.anthropic.claude-sonnet-4-20250514-v1:0`. */
  model: z.string().min(1).max(200),
  /** Omitted = any provider's entry (as an event without `provider` is priced). */
  provider: z.string().min(1).max(64).optional(),
  /** Default `standard`. */
  serviceTier: z.enum(SERVICE_TIERS).optional(),
  /** The request's prompt (input + cache read + cache write tokens), for long-context entries. Default 0. */
  promptTokens: z.int32().min(0).optional(),
  /** The moment to price at. Default: the database's now(). */
  at: instantSchema.optional(),
});
export type ExplainModelPriceArguments = z.input<typeof ExplainModelPriceArgumentsSchema>;

/**
 * Which catalog entry (if any) a model id resolves to and why (`explain_ai_model_price`): the same
 * rule ingest prices with. Any signed-in user and the service role may ask.
 */
export async function explainModelPrice(
  transport: UsageTransport,
  args: ExplainModelPriceArguments,
): Promise<ModelPriceExplanation> {
  const parsed = parseArguments(ExplainModelPriceArgumentsSchema, args, "explainModelPrice");
  return callFunction(
    transport,
    {
      name: "explain_ai_model_price",
      args: [
        { name: "p_model_used", value: parsed.model, type: "text" },
        { name: "p_provider", value: parsed.provider, type: "text" },
        { name: "p_service_tier", value: parsed.serviceTier, type: "text" },
        { name: "p_prompt_tokens", value: parsed.promptTokens, type: "integer" },
        { name: "p_at", value: parsed.at, type: "timestamptz" },
      ],
      returns: "value",
    },
    ModelPriceExplanationSchema,
  );
}
