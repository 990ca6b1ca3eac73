import { z } from "zod";

/**
 * The claims of a Supabase access token that proves a signed-in user, after its signature, expiry,
 * audience and issuer have been verified. Everything else (`email`, `app_metadata`, ...) is kept
 * as the token says it; `user_metadata` is the user's own to edit, so never trust it for access.
 */
export const AccessTokenClaimsSchema = z.looseObject({
  sub: z.guid({ error: "the access token's sub claim must be a user id (UUID)" }),
  role: z.literal("authenticated"),
  exp: z.number(),
  is_anonymous: z
    .boolean({ error: "the access token's is_anonymous claim must be true or false" })
    .optional(),
});

export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;
