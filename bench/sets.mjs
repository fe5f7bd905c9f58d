// Section "sets" (issue 15): a set of 1,000,000 children over 100,000 parents, CLI end to end
// (`node dist/cli.js generate --set … --format jsonl`, process start to exit): records per second
// over all entities and the process's peak RSS (target < 200 MB). The children reference their
// parent (per = 10) and, skewed, one of 1,000 products whose uuid keys must be read from the
// products' records (the value cache), so both ways a referenced value is found are exercised.
// Peak RSS is the kernel's high-water mark (process.resourceUsage().maxRSS), read in the CLI's
// process as it exits. Benchmarks print; they do not assert.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT, int, mb } from "./lib.mjs";

const PARENTS = Number(process.env.SPECMINT_BENCH_SETS_PARENTS ?? 100_000);
const PER = Number(process.env.SPECMINT_BENCH_SETS_PER ?? 10);
const PRODUCTS = 1_000;

const DRAFT = "https://json-schema.org/draft/2020-12/schema";
const CUSTOMER = {
  $schema: DRAFT,
  type: "object",
  additionalProperties: false,
  required: ["id", "email", "name", "signed_up_at"],
  properties: {
    id: { type: "string", pattern: "^C[0-9]{7}$", "x-unique": true },
    email: { type: "string", format: "email", "x-unique": true },
    name: { type: "string", minLength: 2, maxLength: 60 },
    signed_up_at: { type: "string", format: "date-time" },
  },
};
const PRODUCT = {
  $schema: DRAFT,
  type: "object",
  additionalProperties: false,
  required: ["sku", "title", "price"],
  properties: {
    sku: { type: "string", format: "uuid", "x-unique": true },
    title: { type: "string", minLength: 3, maxLength: 40 },
    price: { type: "number", exclusiveMinimum: 0, maximum: 1000, multipleOf: 0.01 },
  },
};
const VISIT = {
  $schema: DRAFT,
  type: "object",
  additionalProperties: false,
  required: ["id", "customer_id", "product_sku", "at", "channel", "amount"],
  properties: {
    id: { type: "string", format: "uuid", "x-unique": true },
    customer_id: { type: "string", pattern: "^C[0-9]{7}$", "x-ref": "customers.id" },
    product_sku: { type: "string", "x-ref": "products.sku", "x-ref-distribution": "skewed" },
    at: { type: "string", format: "date-time" },
    channel: { enum: ["web", "app", "store"] },
    amount: { type: "number", minimum: 0, maximum: 500, multipleOf: 0.01 },
  },
};

function setFile(work) {
  const write = (name, schema) => fs.writeFileSync(path.join(work, name), JSON.stringify(schema, null, 2));
  write("customer.json", CUSTOMER);
  write("product.json", PRODUCT);
  write("visit.json", VISIT);
  const file = path.join(work, "visits.toml");
  fs.writeFileSync(
    file,
    `seed = 1\nformat = "jsonl"\n\n` +
      `[[entity]]\nname = "customers"\nschema = "customer.json"\ncount = ${PARENTS}\n\n` +
      `[[entity]]\nname = "products"\nschema = "product.json"\ncount = ${PRODUCTS}\n\n` +
      `[[entity]]\nname = "visits"\nschema = "visit.json"\nper = { parent = "customers", min = ${PER}, max = ${PER} }\n`,
  );
  return file;
}

function run(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

export async function benchSets({ out = console.log } = {}) {
  const children = PARENTS * PER;
  out(
    `sets, CLI end to end: ${int(children)} children (visits, ${PER} per customer) over ${int(PARENTS)} customers, ` +
      `each visit also referencing one of ${int(PRODUCTS)} products (skewed); jsonl; target peak RSS < 200 MB`,
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-bench-sets-"));
  try {
    const set = setFile(work);
    const rssFile = path.join(work, "rss.txt");
    const probe = path.join(work, "rss.cjs");
    fs.writeFileSync(
      probe,
      `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));\n`,
    );
    const t0 = performance.now();
    const res = await run(
      ["-r", probe, path.join(PROJECT_ROOT, "dist", "cli.js"), "generate", "--set", set, "--out", path.join(work, "out")],
      work,
    );
    const seconds = (performance.now() - t0) / 1000;
    if (res.code !== 0)
      throw new Error(
        `specmint generate --set exited with ${res.signal ?? res.code}: ${res.stderr.trim().split("\n").slice(-3).join(" | ")}`,
      );
    const manifest = JSON.parse(fs.readFileSync(path.join(work, "out", "manifest.json"), "utf8"));
    const records = manifest.stats.records;
    const peakRss = Number(fs.readFileSync(rssFile, "utf8"));
    const recPerSec = records / seconds;
    out(`  ${int(records)} records in ${seconds.toFixed(1)} s: ${int(recPerSec)} rec/s; peak RSS ${mb(peakRss)} MB (target < 200 MB)`);
    return { records, seconds, recPerSec, peakRss };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
