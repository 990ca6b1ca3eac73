import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FIXTURE_DELTAS, FIXTURE_USAGE } from "./support/anthropic-fixture.js";
import { MODEL } from "./support/expected.js";
import { type Harness, startHarness } from "./support/harness.js";
import { signAccessToken } from "./support/jwt.js";
import { type ErrorBody, postReport } from "./support/requests.js";
import { parseServerSentEvents } from "./support/sse.js";
import { usageRows } from "./support/usage-rows.js";

// Anthropic's error text can name our organisation or workspace, and a proxy's 5xx is an HTML page.
// The caller gets a stable code and a fixed message; the row (which the user can read) keeps only
// the status and Anthropic's error type; the function's own log keeps the details.
const ORG = "org-7f3e2a9c1b";
const WORKSPACE = "wrkspc_01HZX4Q9";
const HTML_PAGE = `<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1><p>upstream ${ORG} failed</p></body></html>\n`;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function failedCall(
  behaviour: Parameters<Harness["anthropic"]["behave"]>[0],
  stream = false,
): Promise<{ response: Response; text: string; userId: string }> {
  const userId = randomUUID();
  const token = await signAccessToken({ sub: userId });
  harness.anthropic.behave(behaviour);
  const response = await postReport(harness.url, { prompt: "Fail, please", stream }, token);
  return { response, text: await response.text(), userId };
}

function expectNoUpstreamText(text: string): void {
  for (const secret of [ORG, WORKSPACE, "<html", "Overloaded", "Internal server error"]) {
    expect(text).not.toContain(secret);
  }
}

describe("Anthropic answers with an error before any output", () => {
  const cases = [
    {
      name: "overloaded (529)",
      behaviour: { status: 529, message: `Overloaded for ${ORG}` },
      answer: [503, "upstream_overloaded", "The AI provider is overloaded; try again later"],
      stored: "Anthropic answered 529 (overloaded_error)",
    },
    {
      name: "rate limited (429), the message naming the organisation",
      behaviour: { status: 429, message: `Number of requests has exceeded your rate limit for ${ORG}` },
      answer: [503, "upstream_rate_limited", "The AI provider is rate limiting us; try again later"],
      stored: "Anthropic answered 429 (rate_limit_error)",
    },
    {
      name: "bad request (400), the message naming the workspace",
      behaviour: { status: 400, message: `Your credit balance is too low in workspace ${WORKSPACE}` },
      answer: [502, "upstream_error", "The AI provider returned an error"],
      stored: "Anthropic answered 400 (invalid_request_error)",
    },
    {
      name: "an HTML error page (500) from a proxy",
      behaviour: { status: 500, html: HTML_PAGE },
      answer: [502, "upstream_error", "The AI provider returned an error"],
      stored: "Anthropic answered 500",
    },
  ] as const;

  test.each(cases)("$name: a stable code and a generic message, a cleaned error row", async (item) => {
    for (const stream of [false, true]) {
      const { response, text, userId } = await failedCall(item.behaviour, stream);
      const [status, code, message] = item.answer;
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(JSON.parse(text) as ErrorBody).toEqual({ error: { code, message } });
      expectNoUpstreamText(text);

      const rows = await usageRows(harness.pool, userId);
      expect(rows).toEqual([
        expect.objectContaining({
          user_id: userId,
          model_used: MODEL,
          status: "error",
          error_message: item.stored,
          input_tokens: 0,
          output_tokens: 0,
          total_cost_usd: "0.000000000000",
          request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        }),
      ]);
    }
    // The operator can still see what Anthropic said, in the function's own log.
    expect(harness.deno.output()).toContain("Anthropic failed");
  });
});

test("a stream that breaks after it started ends with an error event (code only) and a cleaned row", async () => {
  const { response, text, userId } = await failedCall(
    { breakStream: { message: `Overloaded for ${ORG}` } },
    true,
  );

  expect(response.status).toBe(200);
  expect(parseServerSentEvents(text)).toEqual([
    { event: "delta", data: { text: FIXTURE_DELTAS[0] } },
    {
      event: "error",
      data: {
        error: { code: "upstream_overloaded", message: "The AI provider is overloaded; try again later" },
      },
    },
  ]);
  expectNoUpstreamText(text);
  // What message_start reported was used (input and cache); output only the first token.
  const rows = await usageRows(harness.pool, userId);
  expect(rows).toEqual([
    expect.objectContaining({
      request_id: harness.anthropic.messageIds.at(-1),
      status: "error",
      error_message: "Anthropic reported an error (overloaded_error)",
      input_tokens: FIXTURE_USAGE.input_tokens,
      cache_read_tokens: FIXTURE_USAGE.cache_read_input_tokens,
      output_tokens: 1,
    }),
  ]);
});

describe("Anthropic unreachable", () => {
  let unreachable: Harness;
  beforeAll(async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    unreachable = await startHarness({ env: { ANTHROPIC_BASE_URL: "http://127.0.0.1:9" } });
  });
  afterAll(async () => {
    await unreachable?.stop();
  });

  test("502 upstream_unreachable, and an error row saying so", async () => {
    const userId = randomUUID();
    const token = await signAccessToken({ sub: userId });

    const response = await postReport(unreachable.url, { prompt: "Anyone there?" }, token);

    expect(response.status).toBe(502);
    expect(((await response.json()) as ErrorBody).error).toEqual({
      code: "upstream_unreachable",
      message: "The AI provider could not be reached",
    });
    const rows = await usageRows(unreachable.pool, userId);
    expect(rows).toEqual([
      expect.objectContaining({ status: "error", error_message: "Anthropic could not be reached" }),
    ]);
  });
});
