import {
  type UsageValidationError,
  UsageValidationError as ValidationError,
} from "../../errors/validation-error.js";
import type { UsageRecorder } from "../../recorder/recorder-types.js";
import type { UsageContextInput } from "../context.js";
import { type AnthropicUsage, tokenUsageFromAnthropic } from "./anthropic-usage.js";

/** The part of an Anthropic client (`new Anthropic()`) that reads a Message Batch and its results. */
export interface AnthropicBatchClientLike {
  messages: {
    batches: {
      retrieve(
        batchId: string,
      ): PromiseLike<{ id: string; processing_status: string; ended_at?: string | null }>;
      results(batchId: string): PromiseLike<AsyncIterable<AnthropicBatchResultLine>>;
    };
  };
}

/** One line of a batch's results file (`MessageBatchIndividualResponse`). */
export interface AnthropicBatchResultLine {
  custom_id: string;
  /** `succeeded` (with its Message), `errored`, `canceled` or `expired`. */
  result: { type: string; message?: { id: string; model: string; usage?: AnthropicUsage | null } };
}

export interface AnthropicBatchResultsOptions {
  /** Where the events go. Batch results are recorded server-side (each is dated, see below). */
  recorder: Pick<UsageRecorder, "record">;
  /**
   * Who a request of the batch is attributed to, by the `custom_id` the app gave it when it
   * created the batch (and the Message, for anything the app put in it). `undefined` = not
   * recorded (listed in `unattributed`), e.g. a request of another app sharing the batch.
   */
  attribute: (customId: string, message: { id: string; model: string }) => UsageContextInput | undefined;
  /**
   * The time the events carry: by default the batch's `ended_at` (its requests were served by then,
   * and it is the same on every run, so a rerun prices and dates them alike). `"recorded"` = the
   * moment they are recorded (for a recorder whose sink writes as a signed-in user, which may not
   * set `created_at`, use that together with the recorder's `timestamp: "database"`).
   */
  datedAt?: "batch-end" | "recorded";
}

export interface AnthropicBatchResults {
  batchId: string;
  /** `in_progress` or `canceling`: nothing read or recorded yet; call again once it has `ended`. */
  processingStatus: string;
  /** Succeeded requests handed to the recorder (a message id already stored is not stored again). */
  recorded: number;
  /** Results Anthropic does not bill, so nothing is recorded for them. */
  errored: number;
  canceled: number;
  expired: number;
  /** Custom ids of succeeded requests that `attribute` gave no one: not recorded. */
  unattributed: string[];
  /** Succeeded requests the recorder refused (e.g. `attribute` gave a userId that is not a UUID). */
  refused: { customId: string; error: UsageValidationError }[];
}

/**
 * Records the usage of an ended Anthropic Message Batch: every `succeeded` result's Message at
 * service tier `batch` (so it is priced at the catalog's batch rates, half the standard ones),
 * with the message id as request id. Errored, canceled and expired requests are not billed and
 * recorded nowhere; they are counted. Running it again for the same batch adds nothing (the
 * database stores each request id once), so a job may simply run it until it reports `ended`.
 * The caller flushes or closes the recorder as usual.
 */
export async function recordAnthropicBatchResults(
  client: AnthropicBatchClientLike,
  batchId: string,
  options: AnthropicBatchResultsOptions,
): Promise<AnthropicBatchResults> {
  const batch = await client.messages.batches.retrieve(batchId);
  const summary: AnthropicBatchResults = {
    batchId,
    processingStatus: batch.processing_status,
    recorded: 0,
    errored: 0,
    canceled: 0,
    expired: 0,
    unattributed: [],
    refused: [],
  };
  if (batch.processing_status !== "ended") return summary;
  const createdAt = options.datedAt === "recorded" ? undefined : (batch.ended_at ?? undefined);
  for await (const line of await client.messages.batches.results(batchId)) {
    const { result } = line;
    if (result.type === "errored" || result.type === "canceled" || result.type === "expired") {
      summary[result.type]++;
      continue;
    }
    const message = result.type === "succeeded" ? result.message : undefined;
    if (!message) continue;
    try {
      const context = options.attribute(line.custom_id, message);
      if (context === undefined) {
        summary.unattributed.push(line.custom_id);
        continue;
      }
      options.recorder.record({
        ...context,
        ...tokenUsageFromAnthropic(message.usage),
        provider: "anthropic",
        modelUsed: message.model,
        // Whatever the line's usage says: a batch result is billed at the batch rate.
        serviceTier: "batch",
        status: "success",
        requestId: message.id,
        createdAt,
      });
      summary.recorded++;
    } catch (error) {
      summary.refused.push({
        customId: line.custom_id,
        error: error instanceof ValidationError ? error : ValidationError.fromThrown(error, "context"),
      });
    }
  }
  return summary;
}
