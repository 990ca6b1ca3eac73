import { z } from "zod";
import { UsageValidationError } from "../errors/validation-error.js";

/**
 * HS256 signs with HMAC-SHA-256: a key shorter than the hash (32 bytes) weakens it, and a short
 * secret can be guessed offline from a single token. Supabase's JWT secrets are longer.
 */
export const MIN_HS256_SECRET_BYTES = 32;

const byteLength = (text: string) => new TextEncoder().encode(text).byteLength;

/** What a token must carry to be accepted, besides a valid HS256 signature and an `exp` in the future. */
export const AccessTokenPolicySchema = z.object({
  /** The project's JWT secret (Supabase: Settings > API > JWT secret); at least 32 bytes (UTF-8). */
  secret: z
    .string({ error: "must be the project's JWT secret (text)" })
    .refine((secret) => byteLength(secret) >= MIN_HS256_SECRET_BYTES, {
      error: (issue) =>
        `must be at least ${MIN_HS256_SECRET_BYTES} bytes for HS256, got ${byteLength(String(issue.input))}: ` +
        "use the project's JWT secret (Supabase: Settings > API > JWT secret)",
    }),
  /** Required `aud`. Default "authenticated": Supabase Auth signs user sessions for it. */
  audience: z.string().trim().min(1, { error: "must not be blank" }).default("authenticated"),
  /**
   * Accepted `iss`: one value or several (Supabase Auth: `<project URL>/auth/v1`). Undefined: not
   * checked, which accepts tokens of anything else signed with the same secret.
   */
  issuer: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
      error: "must be an issuer URL or a non-empty list of them",
    })
    .optional(),
  /** Supabase anonymous sign-ins (`is_anonymous: true`) are refused unless this is true. Default false. */
  allowAnonymous: z.boolean().default(false),
});

export type AccessTokenPolicyInput = z.input<typeof AccessTokenPolicySchema>;
export type AccessTokenPolicy = z.output<typeof AccessTokenPolicySchema>;

/** Checks the policy once, when the verifier is made: a weak secret stops the app at startup. */
export function parseAccessTokenPolicy(input: AccessTokenPolicyInput): AccessTokenPolicy {
  const parsed = AccessTokenPolicySchema.safeParse(input);
  if (!parsed.success)
    throw UsageValidationError.fromZod(parsed.error, "options", "createAccessTokenVerifier");
  return parsed.data;
}
