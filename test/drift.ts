// Compares the Prisma schema (its DMMF, written by scripts/dmmf-generator.mjs) with what the SQL
// migrations actually built in a database: tables, columns, types, nullability, defaults,
// unique constraints and indexes. Returns human-readable differences.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

type Field = {
  name: string;
  dbName: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  isUpdatedAt: boolean;
  type: string;
  nativeType: [string, string[]] | null;
  default?: unknown;
};
type Model = { name: string; dbName: string | null; fields: Field[] };
type Index = { model: string; type: "id" | "normal" | "unique" | "fulltext"; fields: { name: string; sortOrder?: "asc" | "desc" }[] };
export type Datamodel = { models: Model[]; indexes: Index[] };

export function loadDatamodel(): Datamodel {
  return JSON.parse(readFileSync(path.join(process.cwd(), "generated", "dmmf", "dmmf.json"), "utf8")) as Datamodel;
}

function expectedType(f: Field): string {
  if (f.isList) return "ARRAY";
  if (f.kind === "enum") return `enum:${f.type}`;
  const native = f.nativeType?.[0];
  switch (f.type) {
    case "String":
      return native === "Uuid" ? "uuid" : "text";
    case "Int":
      return "integer";
    case "BigInt":
      return "bigint";
    case "Boolean":
      return "boolean";
    case "DateTime":
      return native === "Timestamptz" ? "timestamp with time zone" : "timestamp without time zone";
    case "Json":
      return "jsonb";
    case "Float":
      return "double precision";
    case "Bytes":
      return "bytea";
    default:
      return `unknown:${f.type}`;
  }
}

/** Defaults Prisma computes in the client (uuid(), cuid()) or @updatedAt leave no DB default. */
function expectsDbDefault(f: Field): boolean {
  if (!f.hasDefaultValue || f.isUpdatedAt) return false;
  const d = f.default as { name?: string } | undefined;
  return !(d && typeof d === "object" && (d.name === "uuid" || d.name === "cuid"));
}

export async function findDrift(databaseUrl: string, dm: Datamodel = loadDatamodel()): Promise<string[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const cols = await c.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
      column_default: string | null;
    }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const idx = await c.query<{ table_name: string; is_unique: boolean; is_primary: boolean; cols: string[] }>(
      `SELECT t.relname AS table_name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
              array_agg(a.attname || CASE WHEN (i.indoption[k.ord - 1] & 1) = 1 THEN ' desc' ELSE '' END ORDER BY k.ord) AS cols
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`,
    );
    const problems: string[] = [];
    const tables = new Set(cols.rows.map((r) => r.table_name));
    const modelTables = new Set<string>();
    for (const m of dm.models) {
      const table = m.dbName ?? m.name;
      modelTables.add(table);
      if (!tables.has(table)) {
        problems.push(`table ${table} (model ${m.name}) is missing`);
        continue;
      }
      const dbCols = new Map(cols.rows.filter((r) => r.table_name === table).map((r) => [r.column_name, r]));
      const modelCols = new Set<string>();
      for (const f of m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum")) {
        const col = f.dbName ?? f.name;
        modelCols.add(col);
        const row = dbCols.get(col);
        if (!row) {
          problems.push(`column ${table}.${col} (${m.name}.${f.name}) is missing`);
          continue;
        }
        const actual = row.data_type === "USER-DEFINED" ? `enum:${row.udt_name}` : row.data_type;
        if (actual !== expectedType(f)) problems.push(`column ${table}.${col} is ${actual}, schema says ${expectedType(f)}`);
        const nullable = row.is_nullable === "YES";
        if (!f.isList && nullable === f.isRequired)
          problems.push(`column ${table}.${col} is ${nullable ? "nullable" : "NOT NULL"}, schema says ${f.isRequired ? "required" : "optional"}`);
        const hasDefault = row.column_default !== null;
        if (hasDefault !== expectsDbDefault(f))
          problems.push(`column ${table}.${col} ${hasDefault ? "has" : "lacks"} a database default, schema ${expectsDbDefault(f) ? "has one" : "has none"}`);
      }
      for (const col of dbCols.keys()) if (!modelCols.has(col)) problems.push(`column ${table}.${col} exists in the database but not in the schema`);
      const fieldCol = (name: string) => {
        const f = m.fields.find((x) => x.name === name);
        return f?.dbName ?? name;
      };
      const dbIdx = idx.rows.filter((r) => r.table_name === table);
      for (const i of dm.indexes.filter((i) => i.model === m.name)) {
        const want = i.fields.map((f) => fieldCol(f.name) + (f.sortOrder === "desc" ? " desc" : ""));
        const unique = i.type === "unique" || i.type === "id";
        const found = dbIdx.find((r) => r.cols.join(",") === want.join(",") && r.is_unique === unique && (i.type === "id") === r.is_primary);
        if (!found) problems.push(`${i.type} index on ${table}(${want.join(", ")}) is missing`);
      }
      for (const r of dbIdx) {
        const declared = dm.indexes.some(
          (i) => i.model === m.name && i.fields.map((f) => fieldCol(f.name) + (f.sortOrder === "desc" ? " desc" : "")).join(",") === r.cols.join(","),
        );
        if (!declared) problems.push(`index on ${table}(${r.cols.join(", ")}) exists in the database but not in the schema`);
      }
    }
    for (const t of tables) if (!modelTables.has(t) && t !== "_prisma_migrations") problems.push(`table ${t} exists in the database but not in the schema`);
    return problems;
  } finally {
    await c.end();
  }
}
