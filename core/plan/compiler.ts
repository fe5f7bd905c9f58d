// A schema compiled into plans: one per distinct conjunction of schema objects, built lazily and
// kept. A plan turns a stream key into a value; it never reads anything but its key and the
// generation options, so record i depends only on (schema, options, seed, i).
import { FactsBuilder } from "../schema/facts";
import type { LoadedSchema, Schema, SchemaObject } from "../schema/load";
import type { SchemaValidator } from "../validate/ajv";
import type { GenerationOptions } from "./options";
import { Plan } from "./plan";

const EMPTY_SET: ReadonlySet<SchemaObject> = new Set();

export class Compiler {
  private readonly builder: FactsBuilder;
  private readonly plans = new Map<string, Plan>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(
    readonly loaded: LoadedSchema,
    readonly validator: SchemaValidator,
    readonly options: GenerationOptions,
  ) {
    this.builder = new FactsBuilder(loaded, loaded.draft, options.optionalProbability);
  }

  private id(s: Schema): string {
    if (typeof s === "boolean") return s ? "T" : "F";
    let n = this.ids.get(s);
    if (n === undefined) this.ids.set(s, (n = this.nextId++));
    return String(n);
  }

  /** The plan for values that satisfy every schema in `list`, with the disjunctions of `decided` already chosen. */
  plan(list: readonly Schema[], decided: ReadonlySet<SchemaObject> = EMPTY_SET): Plan {
    let key = list.map((s) => this.id(s)).join(",");
    if (decided.size)
      key +=
        "|" +
        [...decided]
          .map((s) => this.id(s))
          .sort()
          .join(",");
    let p = this.plans.get(key);
    if (!p) {
      p = new Plan(this, this.builder.build(list as Schema[], decided), decided);
      this.plans.set(key, p);
    }
    return p;
  }

  private readonly absentSchemas = new Map<string, SchemaObject>();

  /** `{properties: {name: false}}`, one object per name (so that plans made with it are shared). */
  absent(name: string): SchemaObject {
    let s = this.absentSchemas.get(name);
    if (!s) this.absentSchemas.set(name, (s = { properties: { [name]: false } }));
    return s;
  }

  valid(schema: Schema, value: unknown): boolean {
    return !this.validator.rejectsAtOnce(schema, value) && this.validator.forSchema(schema)(value);
  }
}
