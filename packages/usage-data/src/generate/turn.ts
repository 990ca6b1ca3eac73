import { drawFailure, errorRate } from "./failures.js";
import type { Random } from "./random.js";
import type { Session, TypeChoices } from "./session.js";
import {
  appendToHistory,
  type ConversationState,
  drawLatencyMs,
  splitTurnTokens,
  type TurnTokens,
} from "./turn-usage.js";

/** One request of a session, before it gets its request id. */
export interface Turn {
  /** Offset from the session start while drawing, then the absolute time (shifted in place). */
  createdAtMs: number;
  readonly session: Session;
  readonly toolTurns: number;
  readonly input: number;
  readonly output: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  readonly cacheRead: number;
  readonly latencyMs: number;
  readonly errorMessage: string | undefined;
}

const noTokens: TurnTokens = { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };

/**
 * One request of a conversation: the new message and tool results, the answer, how the provider
 * bills it, and how long it took; or a failure (rejected up front and billed nothing, or timed out
 * after the prompt was processed). Only answered turns join the conversation's history.
 */
export function drawTurn(
  random: Random,
  session: Session,
  type: TypeChoices,
  conversation: ConversationState,
  minutesSincePrevious: number | undefined,
  offsetMs: number,
): Turn {
  const model = session.model;
  const toolTurns = type.toolTurns.pick(random);
  let newInput = Math.round(random.logNormal(150, 0.9));
  for (let tool = 0; tool < toolTurns; tool++) newInput += Math.round(random.logNormal(700, 1.0));
  const output = clamp(Math.round(random.logNormal(type.profile.outputMedianTokens, 0.8)), 1, 8192);

  if (random.chance(errorRate)) {
    const failure = drawFailure(random, model);
    const billed =
      failure.usage === "none"
        ? noTokens
        : splitTurnTokens(model, conversation, newInput, random.int(0, 40), 0, minutesSincePrevious);
    return turnOf(session, offsetMs, 0, billed, failure.latencyMs, failure.message);
  }

  const tokens = splitTurnTokens(model, conversation, newInput, output, toolTurns, minutesSincePrevious);
  appendToHistory(conversation, newInput, output);
  const latencyMs = drawLatencyMs(random, model, tokens, toolTurns);
  return turnOf(session, offsetMs, toolTurns, tokens, latencyMs, undefined);
}

function turnOf(
  session: Session,
  createdAtMs: number,
  toolTurns: number,
  tokens: TurnTokens,
  latencyMs: number,
  errorMessage: string | undefined,
): Turn {
  return {
    createdAtMs,
    session,
    toolTurns,
    input: tokens.input,
    output: tokens.output,
    cacheWrite5m: tokens.cacheWrite5m,
    cacheWrite1h: tokens.cacheWrite1h,
    cacheRead: tokens.cacheRead,
    latencyMs,
    errorMessage,
  };
}

export function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, value));
}
