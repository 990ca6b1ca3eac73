import { type ClientRequest, request } from "node:http";

export interface StreamedPostResult {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes of body written before the answer arrived. */
  sentBytes: number;
}

/**
 * POSTs a body of `totalBytes` in chunks, with Transfer-Encoding: chunked and no Content-Length,
 * as fast as the server reads it, and stops writing as soon as an answer arrives. The body is a
 * JSON object with one huge prompt, so a server that reads it all answers something else than 413.
 */
export function postChunked(url: string, token: string, totalBytes: number): Promise<StreamedPostResult> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, "x");
    const outgoing = request(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "transfer-encoding": "chunked",
      },
    });
    outgoing.on("response", (response) => {
      answered = true;
      const sentAtAnswer = sentBytes;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        outgoing.destroy();
        const text = Buffer.concat(parts).toString("utf8");
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(text) as unknown,
          headers: response.headers,
          sentBytes: sentAtAnswer,
        });
      });
    });
    // Once answered, the server may close the connection under our feet: that is expected.
    outgoing.on("error", (error) => {
      if (!answered) reject(error);
    });
    (async () => {
      outgoing.write('{"prompt":"');
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.byteLength;
        if (!outgoing.write(chunk)) await drainedOrDone(outgoing);
      }
      if (!answered) outgoing.end('"}');
    })().catch(reject);
  });
}

/** Resolves when the socket can take more, or when writing more is pointless. */
function drainedOrDone(outgoing: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const events = ["drain", "response", "close"] as const;
    const done = () => {
      for (const event of events) outgoing.off(event, done);
      resolve();
    };
    for (const event of events) outgoing.on(event, done);
  });
}
