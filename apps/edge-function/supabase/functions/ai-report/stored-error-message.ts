import type { UsageRecorder } from "@org/ai-usage-sdk";

/**
 * The SDK stores a failed call's error message as the client library phrased it, which for an
 * Anthropic HTTP error is the whole response body: Anthropic's text (it can name our organisation
 * or workspace) or an HTML error page. Users read their own rows, so a row keeps only the HTTP
 * status and Anthropic's error type: short, one line and the same for every user.
 */
export function storedErrorMessage(raw: string): string {
  const known = CLIENT_MESSAGES.get(raw.trim());
  if (known !== undefined) return known;
  // The client's APIError message is `<status> <body>`; a failure inside a stream is `<body>` alone.
  const match = /^(\d{3}) ([\s\S]*)$/.exec(raw);
  const type = errorTypeOf(match ? (match[2] ?? "") : raw);
  const detail = type === undefined ? "" : ` (${type})`;
  if (match) return `Anthropic answered ${match[1]}${detail}`;
  if (type !== undefined) return `Anthropic reported an error${detail}`;
  return "Anthropic call failed";
}

/** The recorder as the tracked client sees it: every error message cleaned before it is stored. */
export function withStoredErrorMessages(
  recorder: Pick<UsageRecorder, "tryRecord">,
): Pick<UsageRecorder, "tryRecord"> {
  return {
    tryRecord: (event) =>
      recorder.tryRecord(() => {
        const value = typeof event === "function" ? event() : event;
        return typeof value.errorMessage === "string"
          ? { ...value, errorMessage: storedErrorMessage(value.errorMessage) }
          : value;
      }),
  };
}

// The official client's own fixed messages (no upstream text in them).
const CLIENT_MESSAGES = new Map([
  ["Connection error.", "Anthropic could not be reached"],
  ["Request timed out.", "Anthropic timed out"],
  ["Request was aborted.", "aborted: the caller hung up"],
]);

// Anthropic's error types are snake_case words (overloaded_error, rate_limit_error, ...).
const ERROR_TYPE = /^[a-z][a-z0-9_]{0,63}$/;

function errorTypeOf(body: string): string | undefined {
  try {
    const type = (JSON.parse(body) as { error?: { type?: unknown } } | null)?.error?.type;
    return typeof type === "string" && ERROR_TYPE.test(type) ? type : undefined;
  } catch {
    return undefined;
  }
}
