import { z } from "zod";
import { HttpError } from "./http.ts";

const MAX_PROMPT_CHARACTERS = 200_000;
/** Anything bigger cannot be a valid body (a 200,000-character prompt is at most ~800 KB of UTF-8). */
const MAX_BODY_BYTES = 1_000_000;

/**
 * The JSON body. Limits match the database's (docs/database-api.md), so a body that passes here
 * never makes the usage row fail. Unknown keys are rejected: they are usually typos.
 */
export const ReportRequestSchema = z.strictObject({
  prompt: z.string().trim().min(1).max(MAX_PROMPT_CHARACTERS),
  /** The customer the caller is working for (audit context; the caller is still the one charged). */
  customer_id: z.int32().optional(),
  customer_name: z.string().trim().min(1).max(200).optional(),
  request_type: z.string().trim().min(1).max(64).default("report"),
  session_id: z.string().trim().min(1).max(200).optional(),
  /** true: Server-Sent Events as the answer is generated; false: one JSON object at the end. */
  stream: z.boolean().default(false),
});

export type ReportRequest = z.output<typeof ReportRequestSchema>;

export async function readReportRequest(request: Request): Promise<ReportRequest> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new HttpError(413, "body_too_large", `the body must be at most ${MAX_BODY_BYTES} bytes`);
  }
  let body: unknown;
  try {
    body = await request.json();
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
