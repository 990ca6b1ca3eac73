import type { ModelKey } from "./model-catalog.js";

/**
 * How each request type of the spec ('report', 'insight', 'scheduled', 'widget') behaves.
 * `eventShare` is the target share of events (sessions are drawn so that, after multiplying by
 * the mean turns per session, each type lands on this share).
 */
export interface RequestTypeProfile {
  readonly requestType: string;
  readonly eventShare: number;
  /** Weights of 1, 2, 3, ... turns per session. */
  readonly turnWeights: readonly number[];
  /** Weights of 0, 1, 2, ... tool turns inside one request. */
  readonly toolTurnWeights: readonly number[];
  readonly modelWeights: Readonly<Partial<Record<ModelKey, number>>>;
  /** Median tokens of the system prompt and context sent with every turn. */
  readonly contextMedianTokens: number;
  readonly outputMedianTokens: number;
  /** Runs at a fixed time every day from a job, not during a user's working hours. */
  readonly scheduled: boolean;
}

export const requestTypes: readonly RequestTypeProfile[] = [
  {
    requestType: "report",
    eventShare: 0.42,
    turnWeights: [10, 15, 20, 20, 14, 10, 6, 5],
    toolTurnWeights: [25, 30, 22, 13, 7, 3],
    modelWeights: { sonnet: 70, opus: 9, gpt4o: 12, haiku: 4, mistralLarge: 5 },
    contextMedianTokens: 4_000,
    outputMedianTokens: 750,
    scheduled: false,
  },
  {
    requestType: "insight",
    eventShare: 0.26,
    turnWeights: [50, 35, 15],
    toolTurnWeights: [60, 30, 10],
    modelWeights: {
      sonnet: 60,
      opus: 4,
      gpt4o: 14,
      haiku: 12,
      gpt4oMini: 8,
      geminiFlash: 8,
      mistralLarge: 2,
    },
    contextMedianTokens: 2_500,
    outputMedianTokens: 450,
    scheduled: false,
  },
  {
    requestType: "widget",
    eventShare: 0.22,
    turnWeights: [1],
    toolTurnWeights: [1],
    modelWeights: { haiku: 34, gpt4oMini: 39, geminiFlash: 12, sonnet: 15 },
    contextMedianTokens: 1_200,
    outputMedianTokens: 120,
    scheduled: false,
  },
  {
    requestType: "scheduled",
    eventShare: 0.1,
    turnWeights: [1],
    toolTurnWeights: [0, 40, 40, 20],
    modelWeights: { sonnet: 80, opus: 8, gpt4o: 12 },
    contextMedianTokens: 5_000,
    outputMedianTokens: 1_200,
    scheduled: true,
  },
];

/** Mean of a 1-based weight table (turnWeights[0] is the weight of 1 turn). */
export function meanOfOneBased(weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.reduce((sum, weight, index) => sum + weight * (index + 1), 0) / total;
}
