import { SignJWT } from "jose";

export const JWT_SECRET = "test-only-jwt-secret-with-at-least-32-characters";

/** A Supabase-style HS256 JWT (service role key, anon key, or a user's access token). */
export function signJwt(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(JWT_SECRET));
}
