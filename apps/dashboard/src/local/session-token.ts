import { SignJWT } from "jose";

export interface LocalSessionOptions {
  userId: string;
  email: string;
  /** Puts `app_metadata.role = 'admin'` in the token, which the database reads as an AI usage admin. */
  admin: boolean;
  /** Default: 12 hours. */
  expiresInSeconds?: number;
  /** The `iss` the server checks, when it checks one (`<Supabase URL>/auth/v1`). */
  issuer?: string | undefined;
}

/** The fixed user the local demo signs in as (not a real account anywhere). */
export const LOCAL_ADMIN = {
  userId: "00000000-0000-4000-8000-00000000ad01",
  email: "admin@localhost",
} as const;

/**
 * Signs an access token shaped like Supabase Auth's (HS256, role `authenticated`, `aud`, `sub`,
 * `email`, `app_metadata`, `is_anonymous`, and `iss` when given), for the local demo and the tests.
 * Never used against a real project, where the admin signs in and the browser holds their own
 * session token.
 */
export async function signLocalSessionToken(
  jwtSecret: string,
  options: LocalSessionOptions,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const token = new SignJWT({
    role: "authenticated",
    email: options.email,
    app_metadata: options.admin ? { provider: "email", role: "admin" } : { provider: "email" },
    user_metadata: {},
    is_anonymous: false,
  });
  if (options.issuer !== undefined) token.setIssuer(options.issuer);
  return token
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.userId)
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 12 * 3600))
    .sign(new TextEncoder().encode(jwtSecret));
}
