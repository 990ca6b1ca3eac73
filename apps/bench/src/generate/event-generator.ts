import {
  type CacheBehaviour,
  errorMessages,
  errorRate,
  models,
  type RequestTypeProfile,
  requestTypes,
  timeoutMessage,
  timeoutShare,
} from "./catalog.js";
import { type DatasetSpec, requestId, requestIdPrefix } from "./dataset-spec.js";
import { IsoTimeFormatter } from "./iso-time.js";
import { buildPopulation, type Population } from "./population.js";
import { Random, WeightedTable } from "./random.js";

const dayMs = 86_400_000;
const sessionMs = 30 * 60_000;
/** Share of an admin's requests made while helping a customer (the rest have no customer context). */
const adminCustomerShare = 0.7;

/** Generous: a typical event is ~550 bytes; the buffer grows if a batch needs more. */
const bytesPerEventEstimate = 800;

export interface EventGeneratorOptions {
  /** Request-id prefix. Default: the dataset's (see requestIdPrefix), so reruns store nothing new. */
  requestIdPrefix?: string;
  /** false: leave created_at out, so the database stamps now(), as for live traffic. Default true. */
  stampCreatedAt?: boolean;
  /**
   * Seed of the event stream alone: another stream of requests by the dataset's own users and
   * customers (the population always comes from spec.seed). Default: spec.seed, the dataset itself.
   */
  streamSeed?: number;
}

export interface GeneratedBatch {
  /** Index of the batch's first event in the dataset. */
  readonly firstIndex: number;
  readonly size: number;
  /** A JSON array of `size` events (ASCII). */
  readonly json: Buffer;
}

interface Tokens {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

/**
 * The benchmark's events, oldest first, as JSON objects in `log_ai_usage_batch`'s format. Event
 * `i` is created at start + (i + u) * span / events (u uniform in [0, 1)), so times are strictly
 * increasing and spread evenly over the days: events reach the database in time order, as in
 * production. JSON is built as text from pre-built fragments, because JSON.stringify of an object
 * per event would make the generator, not the database, the bottleneck.
 */
export class EventGenerator {
  readonly population: Population;
  readonly prefix: string;
  private readonly random: Random;
  private readonly modelChoice = new WeightedTable(
    models,
    models.map((model) => model.weight),
  );
  private readonly modelJson = new Map(
    models.map((model) => [model, `"provider":"${model.provider}","model_used":"${model.model}"`]),
  );
  private readonly typeChoice = new WeightedTable(
    requestTypes,
    requestTypes.map((type) => type.weight),
  );
  private readonly spanMs: number;
  private readonly isoTime = new IsoTimeFormatter();
  private nextIndex = 0;

  private readonly stampCreatedAt: boolean;

  constructor(
    readonly spec: DatasetSpec,
    /** Creation time of the dataset's first instant (ms since the epoch). */
    readonly startMs: number,
    options: EventGeneratorOptions = {},
  ) {
    const random = new Random(spec.seed);
    this.population = buildPopulation(random, spec.users, spec.customers);
    // Without a stream seed, the events continue the population's sequence: the dataset as built.
    this.random = options.streamSeed === undefined ? random : new Random(options.streamSeed);
    this.prefix = options.requestIdPrefix ?? requestIdPrefix(spec);
    this.stampCreatedAt = options.stampCreatedAt ?? true;
    this.spanMs = spec.days * dayMs;
  }

  /** Index of the event the next call returns. */
  get index(): number {
    return this.nextIndex;
  }

  get done(): boolean {
    return this.nextIndex >= this.spec.events;
  }

  /** The next event as a JSON object (text). */
  next(): string {
    const index = this.nextIndex++;
    const random = this.random;
    const createdAtMs =
      this.startMs + Math.floor(((index + random.float()) * this.spanMs) / this.spec.events);
    const user = this.population.userChoice.pick(random);
    const customerIndex = user.isAdmin
      ? random.chance(adminCustomerShare)
        ? this.population.customerChoice.pick(random)
        : undefined
      : user.customerIndex;
    const model = this.modelChoice.pick(random);
    const type = this.typeChoice.pick(random);
    const failed = random.chance(errorRate);
    const timedOut = failed && random.chance(timeoutShare);
    const tokens = failed && !timedOut ? noTokens() : drawTokens(random, model.cache, timedOut);
    const latencyMs = failed
      ? timedOut
        ? 60_000 + random.int(0, 250)
        : Math.round(random.logNormal(600, 0.6))
      : Math.round(model.firstTokenMs * random.logNormal(1, 0.3) + tokens.output * model.msPerOutputToken);
    const status = failed
      ? `"status":"error","error_message":"${timedOut ? timeoutMessage : errorMessages[random.int(0, errorMessages.length - 1)]}"`
      : `"status":"success"`;
    const customer = customerIndex === undefined ? "" : `${this.population.customerJson[customerIndex]},`;
    return (
      `{"request_id":"${requestId(this.prefix, index)}",` +
      (this.stampCreatedAt ? `"created_at":"${this.isoTime.format(createdAtMs)}",` : "") +
      `${user.json},${customer}"request_type":"${type.name}",` +
      `"session_id":"s-${user.userId.slice(0, 8)}-${Math.floor(createdAtMs / sessionMs)}",` +
      `${this.modelJson.get(model)},"input_tokens":${tokens.input},"output_tokens":${tokens.output},` +
      `"cache_write_5m_tokens":${tokens.cacheWrite5m},"cache_write_1h_tokens":${tokens.cacheWrite1h},` +
      `"cache_read_tokens":${tokens.cacheRead},"latency_ms":${latencyMs},` +
      `"tool_turns":${toolTurns(random, type)},${status}}`
    );
  }

  /**
   * The next `count` events (fewer at the end) as one JSON array in a Buffer, ready to be sent as
   * log_ai_usage_batch's argument. Each event is written into the buffer as it is made: joining
   * thousands of concatenated strings first costs several times more (V8 flattens each of them).
   */
  nextBatch(count: number): GeneratedBatch {
    const firstIndex = this.nextIndex;
    let buffer: Buffer = Buffer.allocUnsafe(count * bytesPerEventEstimate + 2);
    let length = 0;
    buffer[length++] = 0x5b; // [
    for (let size = 0; size < count && !this.done; size++) {
      if (size > 0) buffer[length++] = 0x2c; // ,
      const event = this.next();
      if (length + event.length + 1 > buffer.length) buffer = grow(buffer, length + event.length + 1);
      length += buffer.write(event, length, "latin1"); // the JSON is ASCII only
    }
    buffer[length++] = 0x5d; // ]
    return { firstIndex, size: this.nextIndex - firstIndex, json: buffer.subarray(0, length) };
  }

  /** Advances past `count` events without keeping them (resuming an interrupted build). */
  skip(count: number): void {
    for (let skipped = 0; skipped < count && !this.done; skipped++) this.next();
  }
}

function grow(buffer: Buffer, needed: number): Buffer {
  const larger = Buffer.allocUnsafe(Math.max(needed, buffer.length * 2));
  buffer.copy(larger);
  return larger;
}

function noTokens(): Tokens {
  return { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
}

/** Disjoint buckets, as the providers' helpers normalise them (see docs/database-api.md). */
function drawTokens(random: Random, cache: CacheBehaviour, timedOut: boolean): Tokens {
  const tokens = noTokens();
  tokens.input = Math.min(200_000, Math.round(random.logNormal(1_200, 0.9)));
  tokens.output = timedOut ? random.int(0, 40) : Math.min(32_000, Math.round(random.logNormal(350, 0.8)));
  if (cache === "anthropic-explicit") {
    const roll = random.float();
    if (roll < 0.35) tokens.cacheRead = Math.round(random.logNormal(6_000, 0.7));
    else if (roll < 0.43) tokens.cacheWrite5m = Math.round(random.logNormal(4_000, 0.7));
    else if (roll < 0.45) tokens.cacheWrite1h = Math.round(random.logNormal(4_000, 0.7));
  } else if (cache === "openai-automatic" && random.chance(0.3)) {
    tokens.cacheRead = 128 * random.int(8, 60); // cached prefixes are >= 1024 tokens, in 128-token steps
  }
  return tokens;
}

function toolTurns(random: Random, type: RequestTypeProfile): number {
  return type.maxToolTurns === 0 ? 0 : random.int(0, type.maxToolTurns);
}
