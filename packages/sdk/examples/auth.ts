import { getUserUsage } from "@org/ai-usage-sdk";
import { createAccessTokenVerifier, UsageAccessTokenError } from "@org/ai-usage-sdk/auth";
import { createPgTransport } from "@org/ai-usage-sdk/pg";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));

// Once, at startup: a secret shorter than 32 bytes throws here, not at the first request.
const verifier = createAccessTokenVerifier({
  secret: process.env.SUPABASE_JWT_SECRET!,
  issuer: `${process.env.SUPABASE_URL}/auth/v1`,
});

/** `GET /my-usage` with the user's Supabase access token: their usage, read as PostgREST would. */
export async function myUsage(request: Request): Promise<Response> {
  try {
    const claims = await verifier.verifyAuthorization(request.headers.get("authorization"));
    const asUser = createPgTransport(pool, { identity: { role: "authenticated", claims } });
    return Response.json(await getUserUsage(asUser, { userId: claims.sub, days: 7 }));
  } catch (error) {
    if (!(error instanceof UsageAccessTokenError)) throw error;
    // A valid token that may not do this (the service role key, an anonymous sign-in) is a 403.
    const forbidden = error.reason === "role_not_allowed" || error.reason === "anonymous_not_allowed";
    return Response.json(
      { error: { code: error.reason, message: error.message } },
      { status: forbidden ? 403 : 401 },
    );
  }
}

export const close = () => pool.end();
