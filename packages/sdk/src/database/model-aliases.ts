import { z } from "zod";
import {
  DeleteModelAliasResultSchema,
  type SetModelAliasResult,
  SetModelAliasResultSchema,
} from "../schemas/admin.js";
import { callFunction, parseArguments } from "./call-function.js";
import type { UsageTransport } from "./function-call.js";

const modelId = z.string().min(1).max(200);

export const ModelAliasSchema = z.strictObject({
  /** The id requests record, e.g. an Azure deployment name (`prod-gpt4o-eu`). */
  alias: modelId,
  /** The model id it is priced as (`gpt-4o-2024-08-06`); the usual matching applies to it. */
  model: modelId,
  /** Why the alias exists, for the next admin. */
  note: z.string().max(500).optional(),
});
export type ModelAliasInput = z.input<typeof ModelAliasSchema>;

/**
 * Admin only: prices an id of your own as a catalog model from now on (`set_ai_model_alias`,
 * replacing an alias of the same name). Resolves to the alias and how many stored rows carry the
 * id; they keep their rates until `repriceUsage({ model: alias })`.
 */
export async function setModelAlias(
  transport: UsageTransport,
  alias: ModelAliasInput,
): Promise<SetModelAliasResult> {
  const parsed = parseArguments(ModelAliasSchema, alias, "setModelAlias");
  return callFunction(
    transport,
    {
      name: "set_ai_model_alias",
      args: [
        { name: "p_alias", value: parsed.alias, type: "text" },
        { name: "p_model", value: parsed.model, type: "text" },
        { name: "p_note", value: parsed.note, type: "text" },
      ],
      returns: "value",
    },
    SetModelAliasResultSchema,
  );
}

/** Admin only: removes an alias (`delete_ai_model_alias`); resolves to whether there was one. */
export async function deleteModelAlias(transport: UsageTransport, alias: string): Promise<boolean> {
  const parsed = parseArguments(modelId, alias, "deleteModelAlias.alias");
  return callFunction(
    transport,
    {
      name: "delete_ai_model_alias",
      args: [{ name: "p_alias", value: parsed, type: "text" }],
      returns: "value",
    },
    DeleteModelAliasResultSchema,
  );
}
