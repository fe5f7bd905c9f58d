// Changing one place of a valid record, shared by the kinds made from valid record i (invalid and
// boundary): values made the way generation makes them for a place (freshValues), and the place
// itself, made reachable when the record does not have it (reach).
import { childKey, hashString, indexKey, type Key } from "../base/rng";
import { escapePointerSegment, type Schema } from "../schema/load";
import { stepsText, type SiteStep } from "../schema/sites";
import type { Generator } from "./generator";

/** What a change to a record needs of the engine: values made the way generation makes them, and the validator. */
export interface MutationContext {
  /** A valid value for the place `template` (an instance template such as `/lines/*`), try `t`; undefined when none. */
  at(template: string, t: number): unknown;
  /** A value of the conjunction of `schemas` (a `not` or a branch), try `t`; undefined when none. */
  of(schemas: Schema[], t: number): unknown;
  /** Whether `value` is valid against `schema` (a `contains` subschema). */
  matches(schema: Schema, value: unknown): boolean;
}

/**
 * Fresh values for one change of one record: a value for the place `template` from the schemas
 * that apply there (`schemasAt`, keyed by instance template) on the key
 * `indexKey(childKey(base, hashString(template)), t)`, and a value of other schemas on the key of
 * `ofTemplate` (the changed constraint's schema path), so that a value depends only on the record's
 * base key, where it goes and the try.
 */
export function freshValues(
  generator: Generator,
  schemasAt: ReadonlyMap<string, Schema[]>,
  base: Key,
  ofTemplate: string,
): MutationContext {
  const keyOf = (template: string) => childKey(base, hashString(template));
  return {
    at: (template, t) => {
      const schemas = schemasAt.get(template);
      if (!schemas) return undefined;
      const last = template
        .slice(template.lastIndexOf("/") + 1)
        .replace(/~1/g, "/")
        .replace(/~0/g, "~");
      return generator.valueFor(schemas, indexKey(keyOf(template), t), last === "*" ? undefined : last);
    },
    of: (schemas, t) => generator.valueFor(schemas, indexKey(keyOf(ofTemplate), t)),
    matches: (schema, value) => generator.validator.forSchema(schema)(value),
  };
}

/** Where a change applies in one record: the value, how to replace it, and its pointer. */
export interface Place {
  value: unknown;
  set(v: unknown): void;
  pointer: string;
  /** The object or array holding the value (undefined for the record itself) and its key there. */
  container?: object;
  key?: string | number;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * The value at `steps` in the record, made reachable when it is not: an absent property on the way is
 * added with a valid value of its schema, an empty array under `*` gets one element; the first element
 * is taken for `*`. undefined when the place cannot be reached (a value of another type on the way).
 */
export function reach(root: { value: unknown }, steps: readonly SiteStep[], fresh: MutationContext): Place | undefined {
  let set = (v: unknown) => {
    root.value = v;
  };
  let value = root.value;
  let pointer = "";
  let container: object | undefined;
  let key: string | number | undefined;
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k];
    // Only a value that has to be made needs its place's template.
    const template = () => stepsText(steps.slice(0, k + 1));
    if (s.kind === "name") {
      if (!isObj(value)) return undefined;
      const holder = value;
      if (!Object.prototype.hasOwnProperty.call(holder, s.name)) {
        const made = fresh.at(template(), 0);
        if (made === undefined) return undefined;
        holder[s.name] = made;
      }
      value = holder[s.name];
      set = (v) => {
        holder[s.name] = v;
      };
      pointer += `/${escapePointerSegment(s.name)}`;
      container = holder;
      key = s.name;
    } else {
      if (!Array.isArray(value)) return undefined;
      const list = value as unknown[];
      if (s.kind === "wildcard" && list.length === 0) {
        const made = fresh.at(template(), 0);
        if (made === undefined) return undefined;
        list.push(made);
      }
      const at = s.kind === "index" ? s.index : 0;
      if (at >= list.length) return undefined;
      value = list[at];
      set = (v) => {
        list[at] = v;
      };
      pointer += `/${at}`;
      container = list;
      key = at;
    }
  }
  return { value, set, pointer, container, key };
}
