import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { denoEnvironment } from "./support/deno-function.js";
import { type Harness, startHarness } from "./support/harness.js";
import { signAccessToken } from "./support/jwt.js";
import { APP_DIR, DENO_CONFIG, denoBinary } from "./support/paths.js";
import { postChunked } from "./support/streamed-post.js";

// A body is refused once it passes 1 MB, however it is framed: nothing may make the function
// buffer what a client keeps sending (a chunked 150 MB body once took Deno to 608 MB).
const LIMIT = 1_000_000;
const SENT_IN_FULL = 32 * 1024 * 1024;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

test("a chunked body (no Content-Length) is refused with 413 while the client is still sending", async () => {
  const userId = randomUUID();
  const token = await signAccessToken({ sub: userId });
  const calledBefore = harness.anthropic.received.length;

  const result = await postChunked(harness.url, token, SENT_IN_FULL);

  expect(result.status).toBe(413);
  expect(result.body).toEqual({
    error: { code: "body_too_large", message: `the body must be at most ${LIMIT} bytes` },
  });
  expect(result.headers["access-control-allow-origin"]).toBe("*");
  // The answer came long before the end: the function stopped reading (socket buffers hold a few MB).
  expect(result.sentBytes).toBeLessThan(SENT_IN_FULL / 2);
  expect(harness.anthropic.received.length).toBe(calledBefore);
});

test("a Content-Length that lies (20 bytes over 32 MB) is not believed: 413, and the stream is cancelled", async () => {
  const output = await runDeno(join(APP_DIR, "test/support/body-limit-probe.ts"));
  const outcome = JSON.parse(output.trim().split("\n").at(-1) ?? "") as {
    status: number;
    code: string;
    pulledBytes: number;
    cancelled: boolean;
  };
  expect(outcome).toMatchObject({ status: 413, code: "body_too_large", cancelled: true });
  // At most one 64 KB chunk (plus the stream's own read-ahead) past the limit was pulled.
  expect(outcome.pulledBytes).toBeLessThan(LIMIT + 4 * 64 * 1024);
});

function runDeno(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(denoBinary(), ["run", "--config", DENO_CONFIG, "--frozen", script], {
      env: denoEnvironment({}),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`deno exited with ${code}:\n${output}`)),
    );
  });
}
