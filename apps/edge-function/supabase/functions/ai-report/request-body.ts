import { z } from "zod";
import { HttpError } from "./http.ts";
import { readLimitedBody } from "./read-limited-body.ts";

const MAX_PROMPT_CHARACTERS = 200_000;
/** Anything bigger cannot be a valid body (a 200,000-character prompt is at most ~800 KB of UTF-8). */
export const MAX_BODY_BYTES = 1_000_000;

// A client once chose its own customer here, and the dashboard credited that customer with the
// spend under whatever name it sent. The customer now comes from the token's app_metadata (auth.ts);
// a client still sending these fields is told so at once rather than silently ignored.
const customerFromToken = z
  .never({
    error:
      "not accepted in the body: the customer is taken from the access token's app_metadata (customer_id, customer_name), which only your server can set",
  })
  .optional();

/**
 * The JSON body. Limits match the database's (docs/database-api.md), so a body that passes here
 * never makes the usage row fail. Unknown keys are rejected: they are usually typos.
 */
export const ReportRequestSchema = z.strictObject({
  prompt: z.string().trim().min(1).max(MAX_PROMPT_CHARACTERS),
  customer_id: customerFromToken,
  customer_name: customerFromToken,
  request_type: z.string().trim().min(1).max(64).default("report"),
  session_id: z.string().trim().min(1).max(200).optional(),
  /** true: Server-Sent Events as the answer is generated; false: one JSON object at the end. */
  stream: z.boolean().default(false),
});

export type ReportRequest = z.output<typeof ReportRequestSchema>;

export async function readReportRequest(request: Request): Promise<ReportRequest> {
  const text = await readLimitedBody(request, MAX_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", "the body must be a JSON object");
  }
  const parsed = ReportRequestSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
    );
    throw new HttpError(400, "invalid_body", problems.join("; "));
  }
  return parsed.data;
}
