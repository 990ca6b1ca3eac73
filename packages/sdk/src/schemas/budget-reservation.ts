import { z } from "zod";
import { BudgetStatusSchema } from "./budget-status.js";
import { timestamp, usd } from "./json-values.js";

/** `reserve_ai_usage` admitted the request: a hold was written, or no budget applies (hold_id null). */
export const AdmittedReservationSchema = z.object({
  admitted: z.literal(true),
  hold_id: z.guid().nullable(),
  /** The hold's amount: the request's upper bound in USD (null when no budget applies and none was given). */
  amount_usd: usd.nullable(),
  expires_at: timestamp.nullable(),
});

/** Why a hard budget refused: the request would overrun it, or its model has no price to bound it with. */
export const RefusalReasonSchema = z.enum(["budget_exceeded", "unpriced_model"]);
export type BudgetRefusalReason = z.infer<typeof RefusalReasonSchema>;

/**
 * `reserve_ai_usage` refused: the first hard budget the request could overrun, with the figures the
 * decision was made on (reserve is server-only, so they are never hidden).
 */
export const RefusedReservationSchema = z.object({
  admitted: z.literal(false),
  reason: RefusalReasonSchema,
  budget: BudgetStatusSchema.extend({
    limit_usd: usd,
    spent_usd: usd,
    held_usd: usd,
    /** This request's upper bound; null when the model has no price. */
    request_usd: usd.nullable(),
  }),
});

/** What `reserve_ai_usage(...)` returns. */
export const ReservationAnswerSchema = z.discriminatedUnion("admitted", [
  AdmittedReservationSchema,
  RefusedReservationSchema,
]);
export type ReservationAnswer = z.infer<typeof ReservationAnswerSchema>;
export type RefusedReservation = z.infer<typeof RefusedReservationSchema>;
