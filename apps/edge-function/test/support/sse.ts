/** One Server-Sent Event as the function sends it. */
export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Parses a complete SSE body (`event:` / `data:` lines, events separated by a blank line). */
export function parseServerSentEvents(body: string): ServerSentEvent[] {
  return body
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))?.slice("event: ".length) ?? "message";
      const data = lines
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice("data: ".length))
        .join("\n");
      return { event, data: JSON.parse(data) as unknown };
    });
}
