// Reads app.mjs's output line (JSON) on stdin and fails unless the Anthropic call came back through
// the report helper with the upstream's tokens and claude-sonnet-4's price.
let input = "";
for await (const chunk of process.stdin) input += chunk;
const { message, usage, last } = JSON.parse(input.trim().split("\n").at(-1));
const expected = {
  "message id": [message, "msg_outside_app_1"],
  "request id": [last?.request_id, "msg_outside_app_1"],
  requests: [usage?.total_requests, 1],
  "total tokens": [usage?.total_tokens, 5150],
  "input tokens": [last?.input_tokens, 100],
  "cache write tokens": [last?.cache_write_tokens, 2000],
  "cache read tokens": [last?.cache_read_tokens, 3000],
  "output tokens": [last?.output_tokens, 50],
  "cost of the request (USD)": [Number(last?.cost), 0.010575],
  "total cost (USD, 4 dp)": [Number(usage?.total_cost_usd), 0.0106],
};
const wrong = Object.entries(expected).filter(([, [actual, wanted]]) => actual !== wanted);
for (const [name, [actual, wanted]] of wrong)
  console.error(`outside-app: ${name}: got ${actual}, expected ${wanted}`);
if (wrong.length > 0) process.exit(1);
console.log("outside-app: the call is recorded with its tokens (5150) and cost ($0.010575)");
