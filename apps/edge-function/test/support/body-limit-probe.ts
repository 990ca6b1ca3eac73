// Run under Deno by body-limit.test.ts: hands the function's body reader a Request whose
// Content-Length header lies (it says 20 bytes) over a 32 MB body, and prints, as one JSON line, the
// answer it got and how much of the body was pulled. The real server (hyper) never delivers more
// than a Content-Length it accepted, but the reader must not depend on whoever sits in front of it.
import { HttpError } from "../../supabase/functions/ai-report/http.ts";
import { readReportRequest } from "../../supabase/functions/ai-report/request-body.ts";

const TOTAL_BYTES = 32 * 1024 * 1024;
const CHUNK = new TextEncoder().encode("x".repeat(64 * 1024));
let pulled = 0;
let cancelled = false;
const body = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (pulled === 0) {
      pulled += 11;
      controller.enqueue(new TextEncoder().encode('{"prompt":"'));
    } else if (pulled < TOTAL_BYTES) {
      pulled += CHUNK.byteLength;
      controller.enqueue(CHUNK);
    } else {
      controller.enqueue(new TextEncoder().encode('"}'));
      controller.close();
    }
  },
  cancel() {
    cancelled = true;
  },
});
const request = new Request("http://localhost/", {
  method: "POST",
  headers: { "content-type": "application/json", "content-length": "20" },
  body,
});

let outcome: { status: number; code: string };
try {
  await readReportRequest(request);
  outcome = { status: 200, code: "accepted" };
} catch (error) {
  if (!(error instanceof HttpError)) throw error;
  outcome = { status: error.status, code: error.code };
}
// Let a cancellation started without awaiting reach the source.
await new Promise((resolve) => setTimeout(resolve, 0));
console.log(JSON.stringify({ ...outcome, pulledBytes: pulled, cancelled }));
