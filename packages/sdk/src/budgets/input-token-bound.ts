import { UsageValidationError } from "../errors/validation-error.js";

/**
 * An upper bound on the input tokens of a provider request, counted from the request itself before
 * it is sent: no tokenizer, no network.
 *
 * Text: a token is never shorter than one byte of UTF-8 (tokenizers split bytes, and every token
 * stands for at least one), so the UTF-8 length of the request serialized as JSON (messages,
 * system, tools and every other field, with JSON's quotes and escapes on top) is more than the
 * tokens its text can make. What the provider adds around it (the chat template's role markers, the
 * tool-use system prompt, the schemas of provider-defined tools such as `bash` or `computer`) is
 * not in the request, so a fixed allowance is added per request and per such tool.
 *
 * Images are priced by their pixels, not their bytes (a small PNG can cost more tokens than it has
 * bytes), so each image counts the providers' largest image at the time of writing on top of its
 * bytes. Content the request only points at (a document or file, audio, a previous response or
 * stored conversation, a stored prompt, and server tools such as web search whose results become
 * input) cannot be bounded from the request: the bound refuses it with `UsageValidationError`
 * rather than guess. Give the guard your own `inputTokenBound` for such requests.
 */
export function defaultInputTokenBound(request: unknown): number {
  const problem = unboundedContent(request, "request");
  if (problem) {
    throw new UsageValidationError(
      `${problem.path}: ${problem.what} is not in the request, so its input tokens cannot be bounded from the ` +
        "request's bytes; give the budget guard an inputTokenBound that knows it",
      {
        retryable: false,
        context: {
          source: "arguments",
          field: problem.path,
          issues: [{ path: problem.path, message: `${problem.what} cannot be bounded` }],
        },
      },
    );
  }
  const counts = { images: 0, providerTools: 0 };
  countAllowances(request, counts, false);
  return (
    utf8Length(JSON.stringify(request) ?? "") +
    REQUEST_ALLOWANCE_TOKENS +
    counts.images * IMAGE_ALLOWANCE_TOKENS +
    counts.providerTools * PROVIDER_TOOL_ALLOWANCE_TOKENS
  );
}

/** Role markers and other template tokens, and the tool-use system prompt (a few hundred tokens). */
export const REQUEST_ALLOWANCE_TOKENS = 2_048;
/** Anthropic: at most about 1,600 tokens an image; OpenAI: up to about 3,800 (patch models). */
export const IMAGE_ALLOWANCE_TOKENS = 6_000;
/** Anthropic's computer-use, bash, text-editor and memory tools bring schemas of up to ~1,000 tokens. */
export const PROVIDER_TOOL_ALLOWANCE_TOKENS = 2_048;

const IMAGE_TYPES = new Set(["image", "image_url", "input_image"]);
const UNBOUNDED_BLOCK_TYPES = new Set(["document", "file", "input_file", "input_audio", "container_upload"]);
const UNBOUNDED_TOP_LEVEL: Record<string, string> = {
  previous_response_id: "a previous response",
  conversation: "a stored conversation",
  prompt: "a stored prompt",
  container: "a code-execution container",
  mcp_servers: "an MCP server's tools",
};
/** Tools whose schema is the caller's (the bytes count): Anthropic custom tools, OpenAI functions. */
const CALLER_DEFINED_TOOL_TYPES = new Set(["custom", "function"]);
/** Provider-defined tools that run on the caller's side: their results come back in a later request. */
const CLIENT_SIDE_PROVIDER_TOOL =
  /^(bash|text_editor|str_replace_editor|str_replace_based_edit_tool|computer|memory)/;

interface Unbounded {
  path: string;
  what: string;
}

function unboundedContent(request: unknown, path: string): Unbounded | undefined {
  if (typeof request !== "object" || request === null) return undefined;
  const top = request as Record<string, unknown>;
  for (const [key, what] of Object.entries(UNBOUNDED_TOP_LEVEL)) {
    if (top[key] != null && top[key] !== "") return { path: `${path}.${key}`, what };
  }
  if (Array.isArray(top.tools)) {
    for (const [index, tool] of top.tools.entries()) {
      const type = (tool as { type?: unknown } | null)?.type;
      if (typeof type !== "string" || CALLER_DEFINED_TOOL_TYPES.has(type)) continue;
      if (CLIENT_SIDE_PROVIDER_TOOL.test(type)) continue;
      return { path: `${path}.tools.${index}`, what: `the results of the server tool ${type}` };
    }
  }
  return unboundedBlock(request, path);
}

function unboundedBlock(value: unknown, path: string): Unbounded | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unboundedBlock(item, `${path}.${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  if (typeof type === "string" && UNBOUNDED_BLOCK_TYPES.has(type)) return { path, what: `a ${type} block` };
  for (const [key, child] of Object.entries(value)) {
    // Tool definitions were checked above; their schemas may use "type" freely.
    if (key === "tools" || key === "input_schema" || key === "parameters") continue;
    const found = unboundedBlock(child, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

function countAllowances(
  value: unknown,
  counts: { images: number; providerTools: number },
  inTools: boolean,
): void {
  if (Array.isArray(value)) {
    for (const item of value) countAllowances(item, counts, inTools);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const type = (value as { type?: unknown }).type;
  if (inTools) {
    if (typeof type === "string" && CLIENT_SIDE_PROVIDER_TOOL.test(type)) counts.providerTools += 1;
    return;
  }
  if (typeof type === "string" && IMAGE_TYPES.has(type)) counts.images += 1;
  for (const [key, child] of Object.entries(value)) {
    if (key === "input_schema" || key === "parameters") continue;
    countAllowances(child, counts, key === "tools");
  }
}

/** Bytes of `text` as UTF-8, without encoding it (Deno and Node alike). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
