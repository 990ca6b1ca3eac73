import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDrift } from "../../src/schema-tools/drift-check.js";
import { isSameSchema } from "../../src/schema-tools/schema-comparison.js";
import { copyFixtures, editFile, scratchOptions } from "./support.js";

describe("db:drift", () => {
  it("finds none when the migrations build exactly the source", async () => {
    const copy = await copyFixtures();
    const difference = await checkDrift(scratchOptions(copy));
    expect(difference).toEqual({ statements: [], gaps: { onlyInFrom: [], onlyInTo: [] } });
    expect(isSameSchema(difference)).toBe(true);
  });

  it("catches a changed comment (migra does not compare comments)", async () => {
    const copy = await copyFixtures();
    await editFile(
      join(copy.sourceFolder, "tables/notes.sql"),
      "'The note, at most 1000 characters'",
      "'The note'",
    );
    const difference = await checkDrift(scratchOptions(copy));
    expect(difference.statements).toEqual([]);
    expect(difference.gaps).toEqual({
      onlyInFrom: ["comment on table column public.notes.body: The note, at most 1000 characters"],
      onlyInTo: ["comment on table column public.notes.body: The note"],
    });
  });

  it("catches a revoked grant on a function (migra does not compare function privileges)", async () => {
    const copy = await copyFixtures();
    await editFile(
      join(copy.sourceFolder, "functions/add_note.sql"),
      "GRANT EXECUTE ON FUNCTION public.add_note(text) TO authenticated;",
      "",
    );
    const difference = await checkDrift(scratchOptions(copy));
    expect(difference.gaps).toEqual({
      onlyInFrom: ["function public.add_note(pg_catalog.text): EXECUTE to authenticated"],
      onlyInTo: [],
    });
  });

  it("catches a revoked grant on a table, a view and a schema", async () => {
    const copy = await copyFixtures();
    await editFile(
      join(copy.sourceFolder, "tables/notes.sql"),
      "GRANT SELECT ON TABLE public.notes TO authenticated;",
      "",
    );
    await editFile(
      join(copy.sourceFolder, "tables/note_counts.sql"),
      "GRANT SELECT ON TABLE public.note_counts TO authenticated;",
      "",
    );
    await editFile(
      join(copy.sourceFolder, "private/schema.sql"),
      "GRANT USAGE ON SCHEMA ai_usage_private TO service_role;",
      "",
    );
    const difference = await checkDrift(scratchOptions(copy));
    // migra sees the table's grant; the view's and the schema's are for the catalog comparison.
    expect(difference.statements).toEqual(['revoke select on table "public"."notes" from "authenticated";']);
    expect(difference.gaps).toEqual({
      onlyInFrom: [
        "schema ai_usage_private: USAGE to service_role",
        "view public.note_counts: SELECT to authenticated",
      ],
      onlyInTo: [],
    });
  });

  it("catches a changed policy, trigger and index", async () => {
    const copy = await copyFixtures();
    const notes = join(copy.sourceFolder, "tables/notes.sql");
    await editFile(notes, "FOR SELECT TO authenticated", "FOR SELECT TO authenticated, service_role");
    await editFile(notes, "BEFORE INSERT ON public.notes", "BEFORE INSERT OR UPDATE ON public.notes");
    await editFile(notes, "(user_id, created_at)", "(user_id)");
    const { statements } = await checkDrift(scratchOptions(copy));
    const text = statements.join("\n");
    expect(text).toContain('create policy "notes_read_own"');
    expect(text).toContain("to authenticated, service_role");
    expect(text).toContain("BEFORE INSERT OR UPDATE ON public.notes");
    expect(text).toContain("CREATE INDEX notes_user_created_idx ON public.notes USING btree (user_id)");
  });
});
