import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Usage the fixture reports for every answer (Anthropic's fields: input_tokens excludes cache tokens). */
export const FIXTURE_USAGE = {
  input_tokens: 1200,
  cache_creation_input_tokens: 2000,
  cache_read_input_tokens: 10_000,
  output_tokens: 345,
} as const;

/** The answer's text, sent whole (plain) or in these deltas (stream). */
export const FIXTURE_DELTAS = ["Revenue grew ", "12% in Q3, ", "driven by renewals."] as const;
export const FIXTURE_TEXT = FIXTURE_DELTAS.join("");

/**
 * What the next request gets: an answer, an HTTP failure (Anthropic's JSON error, with its usual
 * type and message unless given, or an HTML page as a proxy in front of it sends), a stream that
 * breaks after it started (with `message` in its error event), or a slow stream (a second between
 * deltas) for a caller to walk away from.
 */
export type FixtureBehaviour =
  | "answer"
  | { status: number; type?: string; message?: string }
  | { status: number; html: string }
  | "break-stream"
  | { breakStream: { message: string } }
  | "slow-stream";

const ERROR_TYPES: Record<number, [type: string, message: string]> = {
  400: ["invalid_request_error", "Invalid request"],
  429: ["rate_limit_error", "Rate limited"],
  500: ["api_error", "Internal server error"],
  529: ["overloaded_error", "Overloaded"],
};

export interface ReceivedRequest {
  apiKey: string | undefined;
  body: {
    model: string;
    max_tokens: number;
    stream?: boolean;
    messages: { role: string; content: string }[];
  };
}

export interface AnthropicFixture {
  /** Base URL for the Anthropic client (`ANTHROPIC_BASE_URL`). */
  url: string;
  received: ReceivedRequest[];
  /** The behaviour of the requests to come, in order; after the list: "answer". */
  behave(...behaviours: FixtureBehaviour[]): void;
  /** Message ids handed out, newest last. */
  messageIds: string[];
  /** Streams whose reader hung up before message_stop. */
  abandonedStreams(): number;
  stop(): Promise<void>;
}

/** A local HTTP server speaking Anthropic's Messages API (POST /v1/messages), plain and SSE. */
export async function startAnthropicFixture(): Promise<AnthropicFixture> {
  const received: ReceivedRequest[] = [];
  const messageIds: string[] = [];
  let queue: FixtureBehaviour[] = [];
  let abandoned = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ type: "error", error: { type: "api_error", message: String(error) } }));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== "POST" || request.url !== "/v1/messages") {
      sendError(response, 404, "not_found_error", `no route ${request.method} ${request.url}`);
      return;
    }
    const body = JSON.parse(await readBody(request)) as ReceivedRequest["body"];
    received.push({ apiKey: apiKeyOf(request), body });
    const behaviour = queue.shift() ?? "answer";
    if (typeof behaviour === "object" && "html" in behaviour) {
      response.writeHead(behaviour.status, { "content-type": "text/html" });
      response.end(behaviour.html);
      return;
    }
    if (typeof behaviour === "object" && "status" in behaviour) {
      const [type, message] = ERROR_TYPES[behaviour.status] ?? ["api_error", "Error"];
      sendError(response, behaviour.status, behaviour.type ?? type, behaviour.message ?? message);
      return;
    }
    const id = `msg_fixture_${randomUUID().replaceAll("-", "")}`;
    messageIds.push(id);
    if (!body.stream) {
      sendMessage(response, id, body.model);
      return;
    }
    response.on("close", () => {
      if (!response.writableFinished) abandoned++;
    });
    await sendStream(response, id, body.model, behaviour);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    messageIds,
    abandonedStreams: () => abandoned,
    behave: (...behaviours) => {
      queue = behaviours;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendMessage(response: ServerResponse, id: string, model: string): void {
  response.writeHead(200, { "content-type": "application/json", "request-id": `req_${id}` });
  response.end(
    JSON.stringify({
      id,
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text: FIXTURE_TEXT }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: {
        ...FIXTURE_USAGE,
        cache_creation: {
          ephemeral_5m_input_tokens: FIXTURE_USAGE.cache_creation_input_tokens,
          ephemeral_1h_input_tokens: 0,
        },
        service_tier: "standard",
      },
    }),
  );
}

/**
 * Anthropic's event sequence: message_start (input and cache counts, output so far), one text block
 * in deltas, message_delta with the CUMULATIVE usage (input and cache counts repeated, as the API
 * does: a consumer that adds deltas up double-counts), message_stop.
 */
async function sendStream(
  response: ServerResponse,
  id: string,
  model: string,
  behaviour: "answer" | "break-stream" | { breakStream: { message: string } } | "slow-stream",
): Promise<void> {
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "request-id": `req_${id}`,
  });
  const send = (event: string, data: object) =>
    response.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  send("message_start", {
    message: {
      id,
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...FIXTURE_USAGE, output_tokens: 1 },
    },
  });
  send("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
  send("ping", {});
  for (const [index, text] of FIXTURE_DELTAS.entries()) {
    if (response.destroyed) return;
    send("content_block_delta", { index: 0, delta: { type: "text_delta", text } });
    await new Promise((resolve) => setTimeout(resolve, behaviour === "slow-stream" ? 1000 : 5));
    if (behaviour !== "answer" && behaviour !== "slow-stream" && index === 0) {
      const message = typeof behaviour === "object" ? behaviour.breakStream.message : "Overloaded";
      send("error", { error: { type: "overloaded_error", message } });
      response.end();
      return;
    }
  }
  if (response.destroyed) return;
  send("content_block_stop", { index: 0 });
  send("message_delta", {
    delta: { stop_reason: "end_turn", stop_sequence: null },
    usage: { ...FIXTURE_USAGE },
  });
  send("message_stop", {});
  response.end();
}

function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  response.writeHead(status, { "content-type": "application/json", "request-id": `req_${randomUUID()}` });
  response.end(JSON.stringify({ type: "error", error: { type, message } }));
}

// The API takes the key as `x-api-key`; recent SDKs send it as `Authorization: Bearer <key>`.
function apiKeyOf(request: IncomingMessage): string | undefined {
  const header = request.headers["x-api-key"];
  if (typeof header === "string") return header;
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
