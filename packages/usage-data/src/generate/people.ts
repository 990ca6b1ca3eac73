import { customerName, personName, slug } from "./names.js";
import type { Random } from "./random.js";
import { WeightedChoice } from "./weighted-choice.js";

export interface Customer {
  readonly customerId: number;
  readonly customerName: string;
}

export interface User {
  readonly userId: string;
  readonly email: string;
  readonly isAdmin: boolean;
  /** The customer a customer user belongs to; admins belong to none and impersonate any. */
  readonly customer: Customer | undefined;
}

export interface Population {
  readonly customers: readonly Customer[];
  readonly admins: readonly User[];
  readonly customerUsers: readonly User[];
  /** Customer users by activity: a few power users, a long tail of occasional ones. */
  readonly customerUserChoice: WeightedChoice<User> | undefined;
  readonly adminChoice: WeightedChoice<User>;
  /** Customers by size (heavy-tailed), for admins choosing whom to help. */
  readonly customerChoice: WeightedChoice<Customer>;
}

/** Ids start here so they do not look like row numbers; name and id depend only on the index. */
const firstCustomerId = 1001;
const staffDomain = "ourapp.example";

/** A few admins: about 1 in 20 users, at least 1, at most 6. */
export function adminCount(users: number): number {
  return Math.min(6, Math.max(1, Math.round(users / 20)));
}

export function buildPopulation(random: Random, userCount: number, customerCount: number): Population {
  const customers: Customer[] = Array.from({ length: customerCount }, (_, index) => ({
    customerId: firstCustomerId + index,
    customerName: customerName(index),
  }));
  // Zipf-like sizes in a seed-dependent order: the biggest customer is not always the first one.
  const customerWeights = customers.map(() => 1 / random.int(1, customerCount));
  const customerChoice = new WeightedChoice(customers, customerWeights);

  const admins: User[] = [];
  const customerUsers: User[] = [];
  const userWeights: number[] = [];
  const admin = adminCount(userCount);
  for (let index = 0; index < userCount; index++) {
    const name = personName(index);
    const local = `${name.first}.${name.last}${name.suffix}`.toLowerCase();
    const userId = random.uuid();
    if (index < admin) {
      admins.push({ userId, email: `${local}@${staffDomain}`, isAdmin: true, customer: undefined });
      continue;
    }
    // The first users cover every customer once; the rest join customers in proportion to size.
    const customerIndex = index - admin;
    const customer = customerIndex < customerCount ? customers[customerIndex]! : customerChoice.pick(random);
    customerUsers.push({
      userId,
      email: `${local}@${slug(customer.customerName)}.example`,
      isAdmin: false,
      customer,
    });
    userWeights.push(random.logNormal(1, 1.1));
  }

  return {
    customers,
    admins,
    customerUsers,
    customerUserChoice: customerUsers.length > 0 ? new WeightedChoice(customerUsers, userWeights) : undefined,
    adminChoice: new WeightedChoice(
      admins,
      admins.map(() => random.logNormal(1, 0.5)),
    ),
    customerChoice,
  };
}
