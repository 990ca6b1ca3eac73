import type { AccessTokenClaims } from "@org/ai-usage-sdk/auth";
import { z } from "zod";
import { HttpError } from "./http.ts";

/**
 * The customer a user works for, set by the project's server in `app_metadata` (the Auth admin API
 * or SQL on auth.users); users cannot edit app_metadata. `user_metadata` is user-editable and is
 * never read. A name without an id would be shown as nobody's customer, so it needs the id.
 */
const AppMetadataSchema = z
  .looseObject({
    customer_id: z.int32({ error: "app_metadata.customer_id must be a 32-bit integer" }).optional(),
    customer_name: z
      .string({ error: "app_metadata.customer_name must be text" })
      .trim()
      .min(1, { error: "app_metadata.customer_name must not be empty" })
      .max(200, { error: "app_metadata.customer_name must be at most 200 characters" })
      .optional(),
  })
  .refine((metadata) => metadata.customer_name === undefined || metadata.customer_id !== undefined, {
    error: "app_metadata.customer_name needs app_metadata.customer_id",
  });

// The verified token's claims this function reads besides `sub` (already checked to be a UUID).
const UserClaimsSchema = z.looseObject({
  email: z.string().optional(),
  app_metadata: z.unknown().optional(),
});

export interface Customer {
  id: number;
  name: string | undefined;
}

/** Who is calling: charged as `userId`, always; `customer` is the context the server assigned. */
export interface Caller {
  userId: string;
  email: string | undefined;
  customer: Customer | undefined;
}

/**
 * The caller in a token the SDK's verifier accepted (signature, expiry, audience, issuer, role
 * `authenticated`, `sub` a UUID, anonymous sign-ins as configured): who is charged, and for which
 * customer.
 */
export function callerFromClaims(claims: AccessTokenClaims): Caller {
  const user = UserClaimsSchema.safeParse(claims);
  if (!user.success) {
    throw new HttpError(401, "invalid_token", user.error.issues[0]?.message ?? "invalid claims");
  }
  return { userId: claims.sub, email: user.data.email, customer: customerOf(user.data.app_metadata) };
}

function customerOf(appMetadata: unknown): Customer | undefined {
  if (appMetadata === undefined || appMetadata === null) return undefined;
  const metadata = AppMetadataSchema.safeParse(appMetadata);
  if (!metadata.success) {
    // The server wrote it: refusing is better than charging the wrong customer or none.
    throw new HttpError(
      403,
      "invalid_customer_claim",
      metadata.error.issues[0]?.message ?? "app_metadata is not an object",
    );
  }
  const { customer_id: id, customer_name: name } = metadata.data;
  return id === undefined ? undefined : { id, name };
}
