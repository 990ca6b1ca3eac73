import type { IncomingMessage } from "node:http";
import { BadRequestError } from "./request-arguments.js";

/** The budget form's body is a few hundred bytes; anything near this is not from the page. */
const MAXIMUM_BODY_BYTES = 16 * 1024;

/** The body of a POST, as text: `application/json` and at most 16 KiB, else a 400 that says why. */
export async function readJsonBody(request: IncomingMessage): Promise<string> {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new BadRequestError("send the request body as application/json");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAXIMUM_BODY_BYTES)
      throw new BadRequestError(`the request body is over ${MAXIMUM_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
