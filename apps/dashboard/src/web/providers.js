// @ts-check
// How the page names a request's provider. The same model id can come from more than one provider
// (gpt-4o from OpenAI and through a gateway or Azure; claude-* from Anthropic and Bedrock), at
// different prices or none, so wherever the page names a model it names the provider beside it.

/** A row's provider as the page shows it: the stored name, `unknown` when none was recorded. */
export function providerName(/** @type {string | null | undefined} */ provider) {
  return provider || "unknown";
}
