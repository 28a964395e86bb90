#!/usr/bin/env node
// A tiny Prisma generator that writes the schema's full DMMF (nullability, defaults, unique
// constraints, indexes) to JSON, so test/drift.test.ts can compare schema.prisma with the
// hand-written SQL migrations without Prisma's (undownloadable) schema engine.
import helper from "@prisma/generator-helper";
const { generatorHandler } = helper;
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

generatorHandler({
  onManifest: () => ({ prettyName: "DMMF JSON", defaultOutput: "../generated/dmmf" }),
  onGenerate: async (options) => {
    const out = options.generator.output?.value ?? "generated/dmmf";
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "dmmf.json"), JSON.stringify(options.dmmf.datamodel, null, 2));
  },
});
