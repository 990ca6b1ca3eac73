// A local upstream speaking Anthropic's Messages API (POST /v1/messages, plain JSON answers), as the
// SDK's test fixture does: the official client talks to it through ANTHROPIC_BASE_URL. Prints
// "ANTHROPIC_BASE_URL <url>" and serves until killed.
import { createServer } from "node:http";

// The same usage as the SDK's fixture: at claude-sonnet-4's price, 0.010575 USD.
const USAGE = {
  input_tokens: 100,
  cache_creation_input_tokens: 2000,
  cache_read_input_tokens: 3000,
  cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 500 },
  output_tokens: 50,
};
let answered = 0;

const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    if (request.method !== "POST" || request.url !== "/v1/messages") {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ type: "error", error: { type: "not_found_error", message: "no route" } }),
      );
      return;
    }
    answered += 1;
    const { model } = JSON.parse(body);
    response.writeHead(200, { "content-type": "application/json", "request-id": `req_outside_${answered}` });
    response.end(
      JSON.stringify({
        id: `msg_outside_app_${answered}`,
        type: "message",
        role: "assistant",
        model,
        content: [{ type: "text", text: "Hello there" }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: USAGE,
      }),
    );
  });
});
server.listen(0, "127.0.0.1", () =>
  console.log(`ANTHROPIC_BASE_URL http://127.0.0.1:${server.address().port}`),
);
