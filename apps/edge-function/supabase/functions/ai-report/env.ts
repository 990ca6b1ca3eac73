import { MIN_HS256_SECRET_BYTES } from "@org/ai-usage-sdk/auth";
import { z } from "zod";

/**
 * Supabase's access-token secret is at least 32 characters; a shorter HS256 key is guessable. The
 * SDK's verifier refuses one under 32 bytes too; checking here names the variable in the boot error.
 */
const MIN_JWT_SECRET_LENGTH = MIN_HS256_SECRET_BYTES;

// Unset and "" mean the same thing for a secret: not configured.
const setting = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);

const required = (hint: string) =>
  setting(
    z.string({ error: (issue) => (issue.input === undefined ? `is missing (${hint})` : "must be text") }),
  );

const integer = (min: number, max: number, fallback: number) => {
  const error = `must be an integer between ${min} and ${max}`;
  return setting(
    z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback),
  );
};

const jwtSecret = z.string().min(MIN_JWT_SECRET_LENGTH, {
  error: `must be at least ${MIN_JWT_SECRET_LENGTH} characters (the project's JWT secret, Settings > API)`,
});

/**
 * What the function reads from its environment (Supabase secrets). Validated once at start, so a
 * missing secret fails the deploy's first boot with its name, not the first user's request.
 */
export const EnvSchema = z
  .object({
    // Provided by Supabase to every function: a direct connection as the database owner (postgres).
    SUPABASE_DB_URL: required("Supabase sets it on hosted projects; locally point it at your database").pipe(
      z.string().regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// connection string" }),
    ),
    // The project's JWT secret. Supabase's CLI refuses custom secrets named SUPABASE_*, so on a hosted
    // project set it as JWT_SECRET; SUPABASE_JWT_SECRET is honoured where the platform provides it.
    SUPABASE_JWT_SECRET: setting(jwtSecret.optional()),
    JWT_SECRET: setting(jwtSecret.optional()),
    // Provided by Supabase (https://<ref>.supabase.co); its Auth server signs tokens as <url>/auth/v1.
    SUPABASE_URL: setting(z.url({ error: "must be an http(s) URL" }).optional()),
    // Comma-separated accepted `iss` values; overrides the one derived from SUPABASE_URL (needed under
    // `supabase start`, where the function sees http://kong:8000 but tokens name the public URL).
    JWT_ISSUER: setting(
      z
        .string()
        .transform(splitList)
        .pipe(
          z
            .array(z.url({ error: "must be a comma-separated list of http(s) URLs" }))
            .min(1, { error: "must name at least one issuer URL" }),
        )
        .optional(),
    ),
    JWT_AUDIENCE: setting(z.string().trim().min(1).default("authenticated")),
    // Supabase anonymous sign-ins are users nobody vouched for: refused unless the project opts in.
    ALLOW_ANONYMOUS_USERS: setting(z.stringbool({ error: "must be true or false" }).default(false)),
    ANTHROPIC_API_KEY: required("supabase secrets set ANTHROPIC_API_KEY=sk-ant-..."),
    ANTHROPIC_BASE_URL: setting(z.url({ error: "must be an http(s) URL" }).optional()),
    ANTHROPIC_MODEL: setting(z.string().min(1).max(200).default("claude-sonnet-4-20250514")),
    ANTHROPIC_MAX_TOKENS: integer(1, 128_000, 1024),
    ANTHROPIC_MAX_RETRIES: integer(0, 10, 2),
    // What a request does while its budgets cannot be checked (the database is unreachable): closed
    // refuses it (503), open lets it through unchecked. Closed by default: the budgets are there so
    // that nobody can spend without limit, an outage included.
    BUDGET_WHEN_UNAVAILABLE: setting(
      z.enum(["closed", "open"], { error: 'must be "closed" or "open"' }).default("closed"),
    ),
    CORS_ALLOW_ORIGIN: setting(z.string().min(1).default("*")),
    // Only for `deno run` (tests, local serving); the Supabase runtime chooses its own port.
    PORT: integer(0, 65_535, 8000),
  })
  // Refinements on the whole object run only once every field is valid; `when` lets this one report
  // together with the other problems, so one failed boot names everything that is missing.
  .refine((env) => env.SUPABASE_JWT_SECRET !== undefined || env.JWT_SECRET !== undefined, {
    path: ["SUPABASE_JWT_SECRET"],
    error:
      "is missing (set SUPABASE_JWT_SECRET, or JWT_SECRET on hosted Supabase, to the project's JWT secret from Settings > API)",
    when: () => true,
  })
  .transform((env) => ({
    databaseUrl: env.SUPABASE_DB_URL,
    token: {
      secret: (env.SUPABASE_JWT_SECRET ?? env.JWT_SECRET) as string,
      audience: env.JWT_AUDIENCE,
      issuers: env.JWT_ISSUER ?? issuerOf(env.SUPABASE_URL),
      allowAnonymous: env.ALLOW_ANONYMOUS_USERS,
    },
    anthropic: {
      apiKey: env.ANTHROPIC_API_KEY,
      baseURL: env.ANTHROPIC_BASE_URL,
      model: env.ANTHROPIC_MODEL,
      maxTokens: env.ANTHROPIC_MAX_TOKENS,
      maxRetries: env.ANTHROPIC_MAX_RETRIES,
    },
    budget: { whenUnavailable: env.BUDGET_WHEN_UNAVAILABLE },
    corsAllowOrigin: env.CORS_ALLOW_ORIGIN,
    port: env.PORT,
  }));

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function issuerOf(supabaseUrl: string | undefined): string[] | undefined {
  return supabaseUrl === undefined ? undefined : [`${supabaseUrl.replace(/\/+$/, "")}/auth/v1`];
}

export type FunctionConfig = z.output<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment, or throws a ConfigError naming every missing or invalid variable. */
export function loadConfig(env: Record<string, string | undefined>): FunctionConfig {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")} ${issue.message}`);
  throw new ConfigError(`ai-report: invalid environment:\n${problems.join("\n")}`);
}
