import { HttpError } from "./http.ts";

/**
 * The request body as text, read chunk by chunk and given up as soon as it passes `maxBytes`.
 * Content-Length is only a shortcut for an honest client: a chunked body has none, and a lying one
 * would otherwise make us buffer whatever arrives (a 150 MB chunked body once took Deno to 608 MB).
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (request.body === null) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      // Stop reading: the connection is closed after the 413 instead of draining the rest.
      reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return decodeUtf8(chunks, received);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, "body_too_large", `the body must be at most ${maxBytes} bytes`);
}

function decodeUtf8(chunks: Uint8Array[], length: number): string {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "invalid_json", "the body must be a JSON object in UTF-8");
  }
}
