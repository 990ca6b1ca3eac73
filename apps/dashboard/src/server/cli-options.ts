import { z } from "zod";

/** The ranges the page offers; `--days` picks the one it opens with. */
export const RANGES = [7, 30, 90] as const;

const port = z.coerce
  .number({ error: "--port must be a number" })
  .int({ error: "--port must be a whole number" })
  .min(0, { error: "--port must be between 0 and 65535" })
  .max(65_535, { error: "--port must be between 0 and 65535" });

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
});
export type CliOptions = z.infer<typeof CliOptionsSchema>;
