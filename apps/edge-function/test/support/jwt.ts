import { SignJWT } from "jose";

/** The project's JWT secret in the tests (Supabase's are at least 32 characters). */
export const JWT_SECRET = "test-only-jwt-secret-0123456789-abcdefghijklmnop";

export interface AccessTokenClaims {
  sub?: string;
  email?: string;
  role?: string;
  app_metadata?: Record<string, unknown>;
}

/**
 * A token shaped like a Supabase access token (HS256, aud/role "authenticated", sub = the user id,
 * app_metadata from the server side), signed with `secret`.
 */
export function signAccessToken(
  claims: AccessTokenClaims,
  options: { secret?: string; expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT({ role: "authenticated", aal: "aal1", ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("http://127.0.0.1:54321/auth/v1")
    .setAudience("authenticated")
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "1h")
    .sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}
