import type { BudgetAlertPayload } from "./alert-message.js";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type WebhookOutcome =
  | { delivered: true; status: number }
  | {
      delivered: false;
      /** Undefined when no answer came (network error, timeout). */
      status: number | undefined;
      message: string;
      /** The webhook's `Retry-After`, in seconds, when it sent one. */
      retryAfterSeconds: number | undefined;
    };

/** POSTs one alert as JSON, with its idempotency key as a header too; any 2xx is delivered. */
export async function postAlert(
  fetch: FetchLike,
  url: string,
  payload: BudgetAlertPayload,
  timeoutMs: number,
): Promise<WebhookOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": payload.idempotency_key },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { delivered: false, status: undefined, message, retryAfterSeconds: undefined };
  }
  // Read (and drop) the body so the connection can be reused.
  const body = await response.text().catch(() => "");
  if (response.ok) return { delivered: true, status: response.status };
  return {
    delivered: false,
    status: response.status,
    message: `HTTP ${response.status}${body ? `: ${body.slice(0, 500)}` : ""}`,
    retryAfterSeconds: retryAfterSeconds(response.headers.get("retry-after")),
  };
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
