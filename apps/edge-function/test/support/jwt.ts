import { SignJWT } from "jose";

/** The project's JWT secret in the tests (Supabase's are at least 32 characters). */
export const JWT_SECRET = "test-only-jwt-secret-0123456789-abcdefghijklmnop";
/** The project URL the function is given; its Auth server issues tokens as `${SUPABASE_URL}/auth/v1`. */
export const SUPABASE_URL = "http://127.0.0.1:54321";

export interface AccessTokenClaims {
  sub?: string;
  email?: string;
  role?: string;
  is_anonymous?: boolean;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
}

export interface SigningOptions {
  secret?: string;
  expiresIn?: string | number;
  /** Default "authenticated"; null = no aud claim. */
  audience?: string | null;
  /** Default the test project's Auth URL; null = no iss claim. */
  issuer?: string | null;
}

/**
 * A token shaped like a Supabase access token (HS256, aud/role "authenticated", sub = the user id,
 * iss = the project's Auth URL, app_metadata from the server side), signed with `secret`.
 */
export function signAccessToken(claims: AccessTokenClaims, options: SigningOptions = {}): Promise<string> {
  const jwt = new SignJWT({ role: "authenticated", aal: "aal1", is_anonymous: false, ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "1h");
  const issuer = options.issuer === undefined ? `${SUPABASE_URL}/auth/v1` : options.issuer;
  if (issuer !== null) jwt.setIssuer(issuer);
  const audience = options.audience === undefined ? "authenticated" : options.audience;
  if (audience !== null) jwt.setAudience(audience);
  return jwt.sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}
