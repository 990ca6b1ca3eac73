import { type Calendar, dayMs } from "./calendar.js";
import { type ModelKey, type ModelProfile, models } from "./model-catalog.js";
import type { Customer, Population, User } from "./people.js";
import type { Random } from "./random.js";
import { type RequestTypeProfile, requestTypes } from "./request-types.js";
import { clamp, drawTurn, type Turn } from "./turn.js";
import type { ConversationState } from "./turn-usage.js";
import { WeightedChoice } from "./weighted-choice.js";

export interface Session {
  readonly sessionId: string | undefined;
  readonly requestType: string;
  readonly user: User;
  readonly customer: Customer | undefined;
  readonly model: ModelProfile;
  readonly turns: Turn[];
}

/** Share of sessions run by an admin (impersonating a customer most of the time). */
const adminSessionShare = 0.12;
const adminWithCustomerContext = 0.85;
/** Share of conversations whose app sets cache_control breakpoints (Anthropic). */
const promptCacheAdoption = 0.85;
/** Chance that another session already warmed the shared system prompt (same prompt, same minute). */
const sharedPrefixWarmChance: Record<string, number> = { scheduled: 0.6, widget: 0.5 };

/** A request type's profile with its weight tables ready to draw from. */
export interface TypeChoices {
  readonly profile: RequestTypeProfile;
  readonly turns: WeightedChoice<number>;
  readonly toolTurns: WeightedChoice<number>;
  readonly model: WeightedChoice<ModelKey>;
}

/** Draws sessions of several turns: who, which customer, which model, when, and each turn's usage. */
export class SessionFactory {
  private readonly interactiveTypes: WeightedChoice<TypeChoices>;
  private readonly scheduledTypes: WeightedChoice<TypeChoices>;

  constructor(
    private readonly population: Population,
    private readonly calendar: Calendar,
  ) {
    const choices = requestTypes.map((profile) => {
      const modelKeys = Object.keys(profile.modelWeights) as ModelKey[];
      return {
        profile,
        turns: new WeightedChoice(
          profile.turnWeights.map((_, index) => index + 1),
          profile.turnWeights,
        ),
        toolTurns: new WeightedChoice(
          profile.toolTurnWeights.map((_, index) => index),
          profile.toolTurnWeights,
        ),
        model: new WeightedChoice(
          modelKeys,
          modelKeys.map((key) => profile.modelWeights[key]!),
        ),
      };
    });
    // Sessions are drawn per type in proportion to share / mean turns, so events land on the share.
    const byShare = (list: TypeChoices[]) =>
      new WeightedChoice(
        list,
        list.map(({ profile, turns }) => profile.eventShare / meanOf(turns)),
      );
    this.interactiveTypes = byShare(choices.filter(({ profile }) => !profile.scheduled));
    this.scheduledTypes = byShare(choices.filter(({ profile }) => profile.scheduled));
  }

  /** A session somebody starts on the day beginning at `dayStart`. */
  drawInteractive(random: Random, dayStart: number): Session {
    return this.draw(random, this.interactiveTypes.pick(random), dayStart);
  }

  /** A scheduled job's run on the day beginning at `dayStart`. */
  drawScheduled(random: Random, dayStart: number): Session {
    return this.draw(random, this.scheduledTypes.pick(random), dayStart);
  }

  private draw(random: Random, type: TypeChoices, dayStart: number): Session {
    const { user, customer } = this.drawActor(random);
    const model = models[type.model.pick(random)];
    const turnCount = type.turns.pick(random);
    const scheduled = type.profile.scheduled;
    const conversation: ConversationState = {
      contextTokens: clamp(Math.round(random.logNormal(type.profile.contextMedianTokens, 0.5)), 200, 60_000),
      historyTokens: 0,
      cachedPrefixTokens: 0,
      usesPromptCache: random.chance(promptCacheAdoption),
      cacheTtl: scheduled || random.chance(0.12) ? "1h" : "5m",
    };
    const sessionId = scheduled ? undefined : `sess_${random.hex32()}${random.hex32()}`;

    let minutesSincePrevious: number | undefined;
    if (random.chance(sharedPrefixWarmChance[type.profile.requestType] ?? 0.05)) {
      conversation.cachedPrefixTokens = conversation.contextTokens;
      minutesSincePrevious = 0.5;
    }

    const session: Session = {
      sessionId,
      requestType: type.profile.requestType,
      user,
      customer,
      model,
      turns: [],
    };
    let offsetMs = 0;
    for (let index = 0; index < turnCount; index++) {
      const turn = drawTurn(random, session, type, conversation, minutesSincePrevious, offsetMs);
      session.turns.push(turn);
      // The user reads the answer and types the next message: a minute or two, sometimes much longer.
      const thinkMs = Math.round(random.logNormal(80_000, 1.0));
      offsetMs += turn.latencyMs + thinkMs;
      minutesSincePrevious = (turn.latencyMs + thinkMs) / 60_000;
    }

    const start = scheduled
      ? this.calendar.scheduledInstant(random, dayStart)
      : this.calendar.interactiveInstant(random, dayStart);
    // Keep the whole session inside its day (so days can be written in time order, one after
    // another) by starting it earlier when it would run past midnight.
    const lastOffset = session.turns[session.turns.length - 1]!.createdAtMs;
    const shift = Math.max(dayStart, Math.min(start, dayStart + dayMs - 1 - lastOffset));
    for (const turn of session.turns) turn.createdAtMs += shift;
    return session;
  }

  private drawActor(random: Random): { user: User; customer: Customer | undefined } {
    const customerUsers = this.population.customerUserChoice;
    if (customerUsers === undefined || random.chance(adminSessionShare)) {
      const admin = this.population.adminChoice.pick(random);
      const customer = random.chance(adminWithCustomerContext)
        ? this.population.customerChoice.pick(random)
        : undefined;
      return { user: admin, customer };
    }
    const user = customerUsers.pick(random);
    return { user, customer: user.customer };
  }
}

function meanOf(choice: WeightedChoice<number>): number {
  return choice.items.reduce((sum, value, index) => sum + value * choice.share(index), 0);
}
