import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PgPool } from "@org/ai-usage-sdk/pg";
import { apiErrorResponse } from "./api-error.js";
import { findRoute, runRoute } from "./api-routes.js";
import { createTokenVerifier } from "./auth.js";
import { methodNotAllowed, send, sendJson } from "./http-responses.js";
import { readJsonBody } from "./request-body.js";
import { loadStaticAssets } from "./static-assets.js";

export interface DashboardServerOptions {
  /** Connects as a role that may switch into `authenticated` (the table owner, `postgres`, or `authenticator`). */
  pool: PgPool;
  /** The secret the session tokens are signed with (Supabase: the project's JWT secret). */
  jwtSecret: string;
  /** The `aud` every session token must carry. Default: "authenticated", as Supabase Auth signs sessions. */
  jwtAudience?: string;
  /** The `iss` every session token must carry (Supabase: `<project URL>/auth/v1`). Default: not checked. */
  jwtIssuer?: string;
  /** Default: 127.0.0.1, so nothing outside this machine reaches it unless asked. */
  host?: string;
  /** Default: 0 (any free port). */
  port?: number;
  /** The range the page opens with, and the API's default `days`. Default 30. */
  defaultDays?: number;
  /** One line per unexpected failure. Default: console.error. */
  log?: (message: string) => void;
}

export interface RunningDashboard {
  /** `http://host:port` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Starts the dashboard: the static page at `/` and the JSON API under `/api/`. */
export async function startDashboardServer(options: DashboardServerOptions): Promise<RunningDashboard> {
  const defaultDays = options.defaultDays ?? 30;
  const log = options.log ?? ((message: string) => console.error(message));
  const assets = await loadStaticAssets(defaultDays);
  const verifier = createTokenVerifier({
    jwtSecret: options.jwtSecret,
    audience: options.jwtAudience ?? "authenticated",
    issuer: options.jwtIssuer,
  });
  const context = { pool: options.pool, defaultDays };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://dashboard.local");
    const method = request.method ?? "GET";
    if (url.pathname === "/api/health") return sendJson(response, 200, { ok: true });
    if (url.pathname.startsWith("/api/")) {
      const found = findRoute(method, url.pathname);
      if (!found)
        return sendJson(response, 404, { error: { code: "not_found", message: "no such API route" } });
      if ("methodNotAllowed" in found) return methodNotAllowed(response, found.methodNotAllowed);
      try {
        const claims = await verifier.verify(request.headers.authorization);
        // Writes come as JSON from the page's own script: the Bearer header (never a cookie) is what
        // keeps another site from posting here, and the content type is checked besides.
        const body = method === "POST" ? await readJsonBody(request) : undefined;
        return sendJson(
          response,
          200,
          await runRoute(context, found, { query: url.searchParams, body }, claims),
        );
      } catch (error) {
        const answer = apiErrorResponse(error);
        if (answer.unexpected)
          log(`${request.method} ${url.pathname}: ${String((error as Error)?.stack ?? error)}`);
        const challenge: Record<string, string> =
          answer.status === 401 ? { "www-authenticate": 'Bearer error="invalid_token"' } : {};
        return sendJson(response, answer.status, answer.body, challenge);
      }
    }
    if (method !== "GET" && method !== "HEAD") return methodNotAllowed(response, ["GET"]);
    const asset = assets.get(url.pathname);
    if (!asset) return send(response, 404, "text/plain; charset=utf-8", "Not found");
    return send(response, 200, asset.contentType, asset.body, { "cache-control": "no-cache" });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`unhandled: ${String(error)}`);
      if (!response.headersSent)
        sendJson(response, 500, { error: { code: "internal", message: "server error" } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
