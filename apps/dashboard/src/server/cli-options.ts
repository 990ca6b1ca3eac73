import { z } from "zod";

/** The ranges the page offers; `--days` picks the one it opens with. */
export const RANGES = [7, 30, 90] as const;

const port = z.coerce
  .number({ error: "--port must be a number" })
  .int({ error: "--port must be a whole number" })
  .min(0, { error: "--port must be between 0 and 65535" })
  .max(65_535, { error: "--port must be between 0 and 65535" });

// An environment variable set to "" means not set, as for a secret.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const httpUrl = (name: string) => z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` });

/** `pnpm dashboard` options as commander hands them over (strings), checked and converted. */
export const CliOptionsSchema = z.object({
  host: z.string().min(1),
  port,
  days: z.coerce
    .number()
    .refine((days): days is (typeof RANGES)[number] => (RANGES as readonly number[]).includes(days), {
      error: `--days must be one of ${RANGES.join(", ")}`,
    }),
  databaseUrl: z.string().min(1).optional(),
  migrate: z.boolean(),
  seed: z.boolean(),
  printAdminToken: z.boolean(),
  supabaseUrl: optional(httpUrl("--supabase-url (SUPABASE_URL)")),
  jwtIssuer: optional(httpUrl("--jwt-issuer (JWT_ISSUER)")),
  jwtAudience: z.preprocess(
    (value) => (value === "" || value === undefined ? "authenticated" : value),
    z.string().trim().min(1, { error: "--jwt-audience (JWT_AUDIENCE) must not be blank" }),
  ),
});
export type CliOptions = z.infer<typeof CliOptionsSchema>;

/**
 * The `iss` session tokens must carry: `--jwt-issuer` as given, else the one Supabase Auth signs with
 * for the project at `--supabase-url` (`<url>/auth/v1`), else none (not checked).
 */
export function expectedIssuer(options: Pick<CliOptions, "supabaseUrl" | "jwtIssuer">): string | undefined {
  if (options.jwtIssuer) return options.jwtIssuer;
  if (options.supabaseUrl) return `${options.supabaseUrl.replace(/\/+$/, "")}/auth/v1`;
  return undefined;
}
