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
  /** The schemas every element of the array at `template` is held to (for items made to match a contains). */
  itemSchemas?(template: string): Schema[];
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
 * How far `reach` goes to make a place that the record does not have:
 * - "add" (boundary records): an absent property on the way is added with a valid value of its
 *   schema, an empty array under `*` gets one element; a value of another type on the way, or an
 *   index past the end, cannot be reached.
 * - "last" (invalid records, first try): only an absent property at the last step is added.
 * - "lenient" (invalid records, second try): as "add", and an array too short for an index gets
 *   elements of their schemas, a value of another type on the way becomes an empty object or array
 *   (the check of the finished record tells whether that was allowed).
 * In "last" and "lenient" a value made at the last step is null when its schema gives none: the
 * breaking value replaces it.
 */
export type ReachMode = "add" | "last" | "lenient";

/**
 * The value at `steps` in the record (the first element for `*`), made reachable as `mode` says;
 * undefined when it cannot be. With `copyOnWrite` the containers on the way are copied first.
 */
export function reach(
  root: { value: unknown },
  steps: readonly SiteStep[],
  fresh: MutationContext,
  mode: ReachMode = "add",
  copyOnWrite = false,
): Place | undefined {
  const lenient = mode === "lenient";
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
    const last = k === steps.length - 1;
    /** A value made at the last step: null in place of none, outside "add". */
    const orNull = (made: unknown) => (made === undefined && last && mode !== "add" ? null : made);
    // copyOnWrite: the record is shared with the one it was made from; each object or array on the
    // way is copied (one level) before it is changed or gone into, so that the original stays as it was.
    if (copyOnWrite && typeof value === "object" && value !== null) set((value = Array.isArray(value) ? value.slice() : { ...value }));
    if (s.kind === "name") {
      if (!isObj(value)) {
        if (!lenient) return undefined;
        set((value = {}));
      }
      const holder = value as Record<string, unknown>;
      if (!Object.prototype.hasOwnProperty.call(holder, s.name)) {
        if (mode === "last" && !last) return undefined;
        const made = orNull(fresh.at(template(), 0));
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
      if (!Array.isArray(value)) {
        if (!lenient) return undefined;
        set((value = []));
      }
      const list = value as unknown[];
      const at = s.kind === "index" ? s.index : 0;
      // Elements are made: in "add" only the one of an empty array under `*`, in "lenient" up to the index.
      const grow = lenient || (mode === "add" && s.kind === "wildcard" && list.length === 0);
      if (!grow && at >= list.length) return undefined;
      const parent = stepsText(steps.slice(0, k));
      for (let j = list.length; j <= at; j++) {
        const made = fresh.at(s.kind === "index" ? `${parent}/${j}` : template(), 0) ?? (j === at ? orNull(undefined) : undefined);
        if (made === undefined) return undefined;
        list.push(made);
      }
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
