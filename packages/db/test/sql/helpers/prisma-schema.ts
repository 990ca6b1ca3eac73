import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../src/package-paths.js";

/**
 * A small reader for the parts of prisma/schema.prisma that describe columns: models, their scalar
 * fields (`name Type? @map("col") @db.X(...)`), and `@@map`. Relation fields (whose type is another
 * model) are left out: they are not columns. Enough for this schema; not a Prisma parser.
 */

export interface PrismaField {
  field: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  /** The native type attribute without `@db.`, e.g. `Uuid`, `Timestamptz(6)`, `Decimal(12, 6)`; null if none. */
  nativeType: string | null;
  /** Marked `@id`. */
  id: boolean;
}

export interface PrismaModel {
  model: string;
  table: string;
  fields: PrismaField[];
  /** The fields of `@@id([...])`, or null. */
  compoundId: string[] | null;
}

const SCALAR_TYPES = new Set([
  "String",
  "Int",
  "BigInt",
  "Decimal",
  "DateTime",
  "Boolean",
  "Float",
  "Json",
  "Bytes",
]);

export function readPrismaSchema(path = join(packageRoot(), "prisma", "schema.prisma")): PrismaModel[] {
  const source = readFileSync(path, "utf8").replace(/\/\/.*$/gm, "");
  const models: PrismaModel[] = [];
  for (const match of source.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, model = "", body = ""] = match;
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model;
    const compoundId =
      /@@id\(\[([^\]]+)\]\)/
        .exec(body)?.[1]
        ?.split(",")
        .map((name) => name.trim()) ?? null;
    const fields: PrismaField[] = [];
    for (const line of body.split("\n").map((text) => text.trim())) {
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field || line.startsWith("@@")) continue;
      const [, name = "", type = "", list, optional, attributes = ""] = field;
      if (!SCALAR_TYPES.has(type)) continue; // a relation field
      fields.push({
        field: name,
        column: /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? name,
        type,
        optional: optional === "?",
        list: list === "[]",
        nativeType: /@db\.(\w+(?:\([^)]*\))?)/.exec(attributes)?.[1] ?? null,
        id: /@id\b/.test(attributes),
      });
    }
    models.push({ model, table, fields, compoundId });
  }
  return models;
}

/**
 * The PostgreSQL type a Prisma field must have, in information_schema's words (data_type, with
 * precision and scale for numeric). Prisma's defaults: String -> text, DateTime -> timestamp(3)
 * without time zone, Decimal -> numeric(65,30); @db attributes narrow them.
 */
export function expectedColumnType(field: PrismaField): string {
  if (field.list) return `${expectedColumnType({ ...field, list: false })}[]`;
  const native = field.nativeType;
  switch (field.type) {
    case "String":
      if (native === "Uuid") return "uuid";
      if (native === null || native === "Text") return "text";
      break;
    case "Int":
      if (native === null || native === "Integer") return "integer";
      break;
    case "BigInt":
      if (native === null) return "bigint";
      break;
    case "Boolean":
      if (native === null) return "boolean";
      break;
    case "Decimal": {
      const [precision, scale] =
        /^Decimal\((\d+),\s*(\d+)\)$/.exec(native ?? "Decimal(65, 30)")?.slice(1) ?? [];
      if (precision && scale) return `numeric(${precision},${scale})`;
      break;
    }
    case "DateTime":
      if (native === "Date") return "date";
      if (native?.startsWith("Timestamptz")) return "timestamp with time zone";
      if (native === null || native.startsWith("Timestamp")) return "timestamp without time zone";
      break;
  }
  throw new Error(`No mapping for ${field.field} ${field.type} @db.${native}`);
}
