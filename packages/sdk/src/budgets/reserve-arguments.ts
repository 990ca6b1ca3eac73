import { z } from "zod";
import { SERVICE_TIERS } from "../schemas/usage-event.js";

const common = {
  /** Who the request is for (Supabase Auth's `auth.users.id`): user budgets are theirs. */
  userId: z.guid({ error: "must be a UUID" }),
  /** The customer the request is made for, when customer budgets should apply. */
  customerId: z.int32({ error: "must be a 32-bit integer" }).nullish(),
};
const tokens = z
  .int({ error: "must be an integer from 0 to 100,000,000" })
  .min(0, { error: "must be an integer from 0 to 100,000,000" })
  .max(100_000_000, { error: "must be an integer from 0 to 100,000,000" });

/** The database prices the bound itself, at the model's rate in force. */
export const ReserveByTokensSchema = z.strictObject({
  ...common,
  /** The model id sent to the provider; it selects the price. */
  model: z.string().min(1).max(200),
  /** `anthropic`, `openai`, ...: narrows the price lookup to that provider's catalog entry. */
  provider: z.string().min(1).max(64).optional(),
  /** An upper bound on the request's input tokens (see `defaultInputTokenBound`). */
  maxInputTokens: tokens,
  /** The request's `max_tokens` (or `max_completion_tokens`, `max_output_tokens`). */
  maxOutputTokens: tokens,
  /** The tier the request asks for (OpenAI priority costs more): priced at that tier's entry. Default standard. */
  serviceTier: z.enum(SERVICE_TIERS).optional(),
});

/** The caller states the bound in USD (any provider, any model, a tool's own cost). */
export const ReserveByCostSchema = z.strictObject({
  ...common,
  maxCostUsd: z.number({ error: "must be a number of USD" }).min(0).lt(1_000_000),
});

export const ReserveArgumentsSchema = z.union([ReserveByTokensSchema, ReserveByCostSchema], {
  error: "give { userId, model, maxInputTokens, maxOutputTokens } or { userId, maxCostUsd }",
});
export type ReserveArguments = z.input<typeof ReserveArgumentsSchema>;
