import { z } from "zod";

/** A moment given by a caller: a Date, or an ISO 8601 timestamp with a zone. */
export const instantSchema = z.union([z.date(), z.iso.datetime({ offset: true })], {
  error: "must be a Date or an ISO 8601 timestamp",
});
