// Generates the TypeScript client types of the served OpenAPI document with
// openapi-typescript, type-checks and compiles smoke.ts against them with
// tsc, and runs it: a sign-up through the generated client against a
// running server. Needs STANDING_URL and STANDING_KEY; prints one line.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const url = process.env.STANDING_URL;
if (!url || !process.env.STANDING_KEY) {
  console.error("set STANDING_URL and STANDING_KEY");
  process.exit(2);
}
const out = join(here, "out");
mkdirSync(out, { recursive: true });
const ast = await openapiTS(new URL("/v1/openapi.json", url));
writeFileSync(join(out, "standing.d.ts"), astToString(ast));
execFileSync(join(here, "node_modules", ".bin", "tsc"), ["-p", join(here, "tsconfig.json")], { stdio: "inherit" });
execFileSync(process.execPath, [join(out, "smoke.js")], { stdio: "inherit" });
