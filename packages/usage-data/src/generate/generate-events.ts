import type { BatchEvent } from "@org/ai-usage-sdk";
import { Calendar } from "./calendar.js";
import { endOfUtcDay, type GenerationOptions } from "./generation-options.js";
import { buildPopulation, type Population } from "./people.js";
import { Random } from "./random.js";
import { requestId, requestIdPrefix } from "./request-id.js";
import { requestTypes } from "./request-types.js";
import { type Session, SessionFactory } from "./session.js";
import type { Turn } from "./turn.js";

/**
 * The fields the generator leaves out when they do not apply (no customer, no session, success),
 * the budget hold a request was admitted with (demo usage is logged without holds) and the service
 * tier (demo usage runs at the standard tier, the default).
 */
type SometimesAbsent =
  | "customer_id"
  | "customer_name"
  | "session_id"
  | "error_message"
  | "budget_hold_id"
  | "service_tier";

/** A batch event as the generator makes it: every field set but those that do not apply. */
export type SeedEvent = BatchEvent & Required<Pick<BatchEvent, Exclude<keyof BatchEvent, SometimesAbsent>>>;

/** How a stream of events departs from the dataset of its options (both default to the dataset). */
export interface EventStreamOptions {
  /**
   * Seed of the requests alone: another stream of requests by the dataset's own users and
   * customers (the population always comes from `options.seed`), e.g. live traffic on top of it.
   */
  streamSeed?: number;
  /** Request ids start with this instead of the dataset's prefix (see requestIdPrefix). */
  requestIdPrefix?: string;
}

const scheduledShare = requestTypes
  .filter((profile) => profile.scheduled)
  .reduce((sum, profile) => sum + profile.eventShare, 0);

/**
 * The dataset for `options`, oldest event first. Pure: the same options always yield the same
 * events. Days are generated one at a time and sorted, so memory holds one day, and rows reach
 * the database in time order like a live app's (which the log's BRIN index on created_at and the
 * daily summaries are built for). An `end` inside a day stops the stream there: the events before
 * it are exactly the first events of the dataset that ends at that day's midnight (same ids), so
 * the demo can run up to "now" without a day that looks like an outage.
 */
export function* generateEvents(
  options: GenerationOptions,
  stream: EventStreamOptions = {},
): Generator<SeedEvent> {
  const populationRandom = new Random(options.seed);
  const population = buildPopulation(populationRandom, options.users, options.customers);
  // Without a stream seed, the requests continue the population's sequence: the dataset itself.
  const random = stream.streamSeed === undefined ? populationRandom : new Random(stream.streamSeed);
  const endMs = options.end.getTime();
  const calendar = new Calendar(random, endOfUtcDay(options.end).getTime(), options.days);
  const sessions = new SessionFactory(population, calendar);
  const idPrefix = stream.requestIdPrefix ?? requestIdPrefix(options);
  const scheduledEvents = Math.round(options.events * scheduledShare);

  let index = 0;
  for (const day of calendar.plan(options.events - scheduledEvents, scheduledEvents)) {
    const dayTurns: Turn[] = [];
    for (let count = 0; count < day.scheduledEvents; ) {
      count += collectTurns(
        sessions.drawScheduled(random, day.dayStart),
        day.scheduledEvents - count,
        dayTurns,
      );
    }
    for (let count = 0; count < day.interactiveEvents; ) {
      count += collectTurns(
        sessions.drawInteractive(random, day.dayStart),
        day.interactiveEvents - count,
        dayTurns,
      );
    }
    // Stable sort: equal timestamps keep generation order, so the output stays deterministic.
    dayTurns.sort((left, right) => left.createdAtMs - right.createdAtMs);
    for (const turn of dayTurns) {
      // Only the last day can reach `end`, and its turns are sorted: the rest would be later still.
      if (turn.createdAtMs >= endMs) return;
      yield toBatchEvent(turn, requestId(idPrefix, index));
      index++;
    }
  }
}

/** The users and customers of the dataset for `options` (the same ones its events name). */
export function datasetPopulation(
  options: Pick<GenerationOptions, "seed" | "users" | "customers">,
): Population {
  return buildPopulation(new Random(options.seed), options.users, options.customers);
}

/** Adds up to `room` turns of `session` (a day's quota can end a conversation early). */
function collectTurns(session: Session, room: number, into: Turn[]): number {
  const taken = Math.min(room, session.turns.length);
  for (let index = 0; index < taken; index++) into.push(session.turns[index]!);
  return taken;
}

function toBatchEvent(turn: Turn, id: string): SeedEvent {
  const session = turn.session;
  return {
    request_id: id,
    created_at: new Date(turn.createdAtMs).toISOString(),
    user_id: session.user.userId,
    user_email: session.user.email,
    customer_id: session.customer?.customerId,
    customer_name: session.customer?.customerName,
    request_type: session.requestType,
    session_id: session.sessionId,
    provider: session.model.provider,
    model_used: session.model.model,
    input_tokens: turn.input,
    output_tokens: turn.output,
    cache_write_5m_tokens: turn.cacheWrite5m,
    cache_write_1h_tokens: turn.cacheWrite1h,
    cache_read_tokens: turn.cacheRead,
    latency_ms: turn.latencyMs,
    tool_turns: turn.toolTurns,
    status: turn.errorMessage === undefined ? "success" : "error",
    error_message: turn.errorMessage,
  };
}

/** Groups items into arrays of `size` (the last one may be shorter) for batch ingestion. */
export function* inBatches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
