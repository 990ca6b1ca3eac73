import { type Random, WeightedTable } from "./random.js";

export interface BenchUser {
  readonly userId: string;
  readonly isAdmin: boolean;
  /** The user's own customer (index into customers); admins have none and act for any customer. */
  readonly customerIndex: number | undefined;
  /** `"user_id":"…","user_email":"…"`: the user's part of every event's JSON, built once. */
  readonly json: string;
}

export interface Population {
  readonly users: readonly BenchUser[];
  /** `"customer_id":…,"customer_name":"…"` per customer, built once. */
  readonly customerJson: readonly string[];
  /** Users by activity: a few power users and a long tail (log-normal weights). */
  readonly userChoice: WeightedTable<BenchUser>;
  /** Customers by size (Zipf-like), for admins choosing whom to help. */
  readonly customerChoice: WeightedTable<number>;
}

const firstCustomerId = 1001;

/** About 1 user in 50 is an admin (at least one). */
export function adminCount(users: number): number {
  return Math.max(1, Math.round(users / 50));
}

export function buildPopulation(random: Random, userCount: number, customerCount: number): Population {
  const customerIndexes = Array.from({ length: customerCount }, (_, index) => index);
  const customerJson = customerIndexes.map((index) => {
    const number = String(index + 1).padStart(3, "0");
    return `"customer_id":${firstCustomerId + index},"customer_name":"Customer ${number}"`;
  });
  const customerChoice = new WeightedTable(
    customerIndexes,
    customerIndexes.map(() => 1 / random.int(1, customerCount)),
  );

  const admins = adminCount(userCount);
  const users: BenchUser[] = [];
  for (let index = 0; index < userCount; index++) {
    const userId = random.uuid();
    const isAdmin = index < admins;
    const customerIndex = isAdmin
      ? undefined
      : index - admins < customerCount
        ? index - admins // the first users cover every customer once
        : customerChoice.pick(random);
    const number = String(index + 1).padStart(4, "0");
    const email = isAdmin
      ? `admin${number}@ourapp.example`
      : `user${number}@customer-${String(customerIndex! + 1).padStart(3, "0")}.example`;
    users.push({ userId, isAdmin, customerIndex, json: `"user_id":"${userId}","user_email":"${email}"` });
  }
  const userChoice = new WeightedTable(
    users,
    users.map(() => random.logNormal(1, 1.1)),
  );
  return { users, customerJson, userChoice, customerChoice };
}
