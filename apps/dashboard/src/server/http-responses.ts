import type { ServerResponse } from "node:http";

/**
 * Headers on every response. The page loads only its own scripts and styles and talks only to this
 * server; no inline script exists, so nothing injected could run. No Referer ever leaves the page.
 */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
} as const;

export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    ...extraHeaders,
  });
  response.end(response.req.method === "HEAD" ? undefined : body);
}

/** 405 with the methods the path does answer (HEAD along with GET). */
export function methodNotAllowed(response: ServerResponse, methods: string[]): void {
  const allow = [...new Set(methods.flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method])))];
  sendJson(
    response,
    405,
    { error: { code: "method_not_allowed", message: `${allow.join(", ")} only` } },
    { allow: allow.join(", ") },
  );
}

/** JSON that must never be cached: it is per-user and carries spend figures. */
export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  send(response, status, "application/json; charset=utf-8", JSON.stringify(value), {
    "cache-control": "no-store",
    ...extraHeaders,
  });
}
