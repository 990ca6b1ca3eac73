import type { UsageDashboard } from "@org/ai-usage-sdk";
import { compareMonthToDate, MONTH_TO_DATE_DAYS, type MonthToDate } from "@org/ai-usage-sdk";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ADMIN, signLocalSessionToken } from "../src/local/session-token.js";
import { type DashboardFixture, startDashboardFixture, TEST_ISSUER } from "./support/dashboard-fixture.js";
import { expectEqualToOneOf, readAround } from "./support/read-around.js";
import { USERS } from "./support/usage-dataset.js";

// The JSON API over HTTP, against a real PostgreSQL: who gets what is the database's decision.
let fixture: DashboardFixture;

beforeAll(async () => {
  fixture = await startDashboardFixture();
});

afterAll(async () => {
  await fixture?.stop();
});

async function get(path: string, token?: string) {
  const response = await fetch(`${fixture.dashboard.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

describe("an admin's token", () => {
  it("gets exactly what get_ai_usage_dashboard returns for the same range", async () => {
    for (const days of [7, 30, 90]) {
      const {
        before,
        value: response,
        after,
      } = await readAround(
        () => fixture.sql("select public.get_ai_usage_dashboard($1) as result", [days]),
        () => get(`/api/dashboard?days=${days}`, fixture.adminToken),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expectEqualToOneOf(response.json(), before, after, `days=${days}`);
    }
  });

  it("gets the cost summary and any user's usage", async () => {
    const {
      before,
      value: summary,
      after,
    } = await readAround(
      () => fixture.sql("select public.get_ai_cost_summary() as result"),
      () => get("/api/cost-summary", fixture.adminToken),
    );
    expect(summary.status).toBe(200);
    expectEqualToOneOf(summary.json(), before, after);

    const user = await get(`/api/users/${USERS.alice.id}?days=90`, fixture.adminToken);
    expect(user.status).toBe(200);
    const direct = await fixture.sql<{ recent_requests: unknown[] }>(
      "select public.get_user_ai_usage($1, 90) as result",
      [USERS.alice.id],
    );
    expect(user.json().recent_requests).toEqual(direct.recent_requests);
    expect(user.json().recent_requests).toHaveLength(5);
  });

  it("gets this month so far against the same days of last month, from get_ai_usage_dashboard(62)", async () => {
    const fromSql = async () => {
      const months = await fixture.sql<UsageDashboard>("select public.get_ai_usage_dashboard($1) as result", [
        MONTH_TO_DATE_DAYS,
      ]);
      return compareMonthToDate(months.daily_trend, months.period.end_date, months.previous_month);
    };
    const {
      before,
      value: response,
      after,
    } = await readAround(fromSql, () => get("/api/month-to-date", fixture.adminToken));
    expect(response.status).toBe(200);
    expectEqualToOneOf(response.json(), before, after);
    const { today, current, previous } = response.json() as MonthToDate;
    // The same days of the month: as many as today's day of the month, unless last month is shorter.
    expect(current.start_date.slice(8)).toBe("01");
    expect(previous.start_date.slice(8)).toBe("01");
    expect(current.end_date).toBe(today);
    expect(Number(previous.end_date.slice(8))).toBeLessThanOrEqual(Number(today.slice(8)));
  });

  it("defaults to the server's range and refuses bad arguments with 400", async () => {
    expect((await get("/api/dashboard", fixture.adminToken)).json().period.days).toBe(30);
    for (const days of ["0", "3661", "abc", "-5", "7.5"]) {
      const response = await get(`/api/dashboard?days=${days}`, fixture.adminToken);
      expect(response.status, `days=${days}`).toBe(400);
      expect(response.json().error.message).toMatch(/days/);
    }
    const badUser = await get("/api/users/not-a-uuid", fixture.adminToken);
    expect(badUser.status).toBe(400);
    expect(badUser.json().error.message).toMatch(/UUID/);
  });
});

describe("a signed-in user who is not an admin", () => {
  it("gets the database's 42501 as 403 for the admin reports", async () => {
    for (const path of [
      "/api/dashboard?days=30",
      "/api/cost-summary",
      "/api/month-to-date",
      `/api/users/${USERS.alice.id}`,
    ]) {
      const response = await get(path, fixture.userToken);
      expect(response.status, path).toBe(403);
      expect(response.json().error.code).toBe("42501");
      expect(response.json().error.message).toMatch(/permission denied/);
    }
  });

  it("may read their own usage, as the database allows", async () => {
    const response = await get(`/api/users/${USERS.bob.id}?days=90`, fixture.userToken);
    expect(response.status).toBe(200);
    expect(response.json().summary.total_requests).toBe(4);
  });

  it("cannot become an admin through user_metadata", async () => {
    const forged = await sign({ ...session(USERS.bob.id), user_metadata: { role: "admin" } });
    expect((await get("/api/dashboard", forged)).status).toBe(403);
  });
});

/** A valid session's claims as Supabase Auth signs them, expiring in 10 minutes. */
function session(userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: userId,
    role: "authenticated",
    aud: "authenticated",
    iss: TEST_ISSUER,
    exp: Math.floor(Date.now() / 1000) + 600,
    ...extra,
  };
}

/** Signs the claims with the fixture's secret; a claim set to `undefined` is left out. */
function sign(claims: Record<string, unknown>, secret = fixture.jwtSecret): Promise<string> {
  const present = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
  return new SignJWT(present).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret));
}

describe("a token signed with the project's secret but not an admin's session here", () => {
  const admin = { app_metadata: { role: "admin" } };

  it("is refused with 401 when minted for another audience or by another issuer", async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["no aud", { aud: undefined }, /aud claim must be "authenticated"/],
      ["aud of another service", { aud: "realtime" }, /aud claim must be "authenticated"/],
      ["no iss", { iss: undefined }, /iss claim must be "http:\/\/127\.0\.0\.1:54321\/auth\/v1"/],
      ["another project's iss", { iss: "https://other.supabase.co/auth/v1" }, /iss claim must be/],
    ];
    expect((await get("/api/dashboard", await sign(session(LOCAL_ADMIN.userId, admin)))).status).toBe(200);
    for (const [name, change, message] of cases) {
      const response = await get(
        "/api/dashboard",
        await sign(session(LOCAL_ADMIN.userId, { ...admin, ...change })),
      );
      expect(response.status, name).toBe(401);
      expect(response.json().error, name).toMatchObject({
        code: "unauthorized",
        message: expect.stringMatching(message),
      });
    }
  });

  it("is refused with 403 for an anonymous sign-in, even the user's own usage", async () => {
    const anonymous = await sign(session(USERS.bob.id, { ...admin, is_anonymous: true }));
    for (const path of ["/api/dashboard", `/api/users/${USERS.bob.id}?days=90`]) {
      const response = await get(path, anonymous);
      expect(response.status, path).toBe(403);
      expect(response.json().error.code, path).toBe("anonymous_not_allowed");
      expect(response.json().error.message, path).toMatch(/anonymous sign-ins may not use the dashboard/);
    }
    const notAnonymous = await sign(session(USERS.bob.id, { is_anonymous: false }));
    expect((await get(`/api/users/${USERS.bob.id}?days=90`, notAnonymous)).status).toBe(200);
    const unclear = await sign(session(USERS.bob.id, { is_anonymous: "true" }));
    expect((await get(`/api/users/${USERS.bob.id}?days=90`, unclear)).status).toBe(401);
  });
});

describe("the budgets API", () => {
  /** A budget's status, or the error body. */
  interface Answer {
    budget_id: string;
    effective_to: string | null;
    error: { code: string; message: string; field?: string };
  }

  async function post(path: string, token: string, body: unknown, contentType = "application/json") {
    const response = await fetch(`${fixture.dashboard.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Answer };
  }

  it("sets, lists and ends a budget for an admin, as the SQL functions do", async () => {
    const set = await post("/api/budgets", fixture.adminToken, {
      scope: "customer",
      customerId: 101,
      limitUsd: 25,
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ scope: "customer", customer_id: 101, limit_usd: 25, period: "month" });
    const listed = await get("/api/budgets", fixture.adminToken);
    expect(listed.json().budgets.map((budget: { budget_id: string }) => budget.budget_id)).toContain(
      set.json.budget_id,
    );
    expect(listed.json().alerts).toEqual([]);

    const ended = await post(`/api/budgets/${set.json.budget_id}/end`, fixture.adminToken, {});
    expect(ended.status).toBe(200);
    expect(ended.json.effective_to).not.toBeNull();
    expect((await get("/api/budgets", fixture.adminToken)).json().budgets).toEqual([]);
    const withEnded = await get("/api/budgets?include_ended=true", fixture.adminToken);
    expect(withEnded.json().budgets).toMatchObject([{ budget_id: set.json.budget_id, ended: true }]);
  });

  it("answers the checks' own words: 400 with the field from the SDK, 400 from the database, 404", async () => {
    const noUser = await post("/api/budgets", fixture.adminToken, { scope: "user", limitUsd: 5 });
    expect(noUser.status).toBe(400);
    expect(noUser.json.error).toEqual({
      code: "invalid_argument",
      message: "userId: a user budget needs userId",
      field: "userId",
    });
    const backwards = await post("/api/budgets", fixture.adminToken, {
      scope: "project",
      limitUsd: 5,
      effectiveTo: "2000-01-01T00:00:00Z",
    });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error).toMatchObject({
      code: "22023",
      message: "effective_to must be after effective_from",
    });
    const missing = await post("/api/budgets/999999/end", fixture.adminToken, {});
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("P0002");
  });

  it("refuses anyone but an admin (the database's 42501), and bodies that are not JSON", async () => {
    const refused = await post("/api/budgets", fixture.userToken, { scope: "project", limitUsd: 5 });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("42501");
    expect((await get("/api/budgets", fixture.userToken)).status).toBe(403);
    // Their own budgets they may read.
    expect((await get("/api/my-budgets", fixture.userToken)).json()).toEqual({ budgets: [] });

    expect((await post("/api/budgets", fixture.adminToken, "scope=project", "text/plain")).status).toBe(400);
    const broken = await post("/api/budgets", fixture.adminToken, "{not json");
    expect(broken.json.error.message).toBe("the request body is not valid JSON");
    expect((await post("/api/budgets", fixture.adminToken, "x".repeat(20_000))).status).toBe(400);
    expect((await post("/api/dashboard", fixture.adminToken, {})).status).toBe(405);
    const getEnd = await get("/api/budgets/1/end", fixture.adminToken);
    expect(getEnd.status).toBe(405);
    expect(getEnd.headers.get("allow")).toBe("POST");
  });
});

describe("a request without a valid session token", () => {
  it("is refused with 401 before the database is asked", async () => {
    const now = Math.floor(Date.now() / 1000);
    const admin = { ...session(LOCAL_ADMIN.userId), app_metadata: { role: "admin" }, exp: undefined };
    const cases: [string, string | undefined][] = [
      ["no token", undefined],
      ["garbage", "not.a.jwt"],
      [
        "wrong secret",
        await signLocalSessionToken("another-secret", { ...LOCAL_ADMIN, admin: true, issuer: TEST_ISSUER }),
      ],
      ["expired", await sign({ ...admin, exp: now - 60 })],
      ["no expiry", await sign(admin)],
      ["anon role", await sign({ ...admin, role: "anon", exp: now + 600 })],
      ["service role", await sign({ ...admin, role: "service_role", exp: now + 600 })],
      ["no user id", await sign({ ...admin, sub: undefined, exp: now + 600 })],
    ];
    for (const [name, token] of cases) {
      const response = await get("/api/dashboard", token);
      expect(response.status, name).toBe(401);
      expect(response.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
      expect(response.json().error.code, name).toBe("unauthorized");
    }
  });
});

describe("the page", () => {
  it("is served with a strict content security policy and holds no secret", async () => {
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    expect(page.text).toContain('<meta name="default-days" content="30" />');
    for (const asset of ["/", "/app.js", "/api.js", "/styles.css"]) {
      const text = (await get(asset)).text;
      expect(text).not.toContain(fixture.jwtSecret);
      expect(text).not.toContain(fixture.database.url);
      expect(text).not.toMatch(/postgres(ql)?:\/\//);
    }
  });

  it("answers 404 for unknown paths and 405 for writes", async () => {
    expect((await get("/../package.json")).status).toBe(404);
    expect((await get("/format.test.ts")).status).toBe(404);
    expect((await get("/api/nope", fixture.adminToken)).status).toBe(404);
    const post = await fetch(`${fixture.dashboard.url}/api/dashboard`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await fetch(`${fixture.dashboard.url}/`, { method: "DELETE" })).status).toBe(405);
  });

  it("logged no unexpected failure", () => {
    expect(fixture.serverLog).toEqual([]);
  });
});
