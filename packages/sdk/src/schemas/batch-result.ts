import { z } from "zod";

/** One row of `log_ai_usage_batch`: `inserted = false` means the request id was already stored. */
export const BatchResultRowSchema = z.object({
  event_index: z.number().int(),
  id: z.string(),
  request_id: z.string(),
  inserted: z.boolean(),
});
export type BatchResultRow = z.infer<typeof BatchResultRowSchema>;

export const BatchResultSchema = z.array(BatchResultRowSchema);
