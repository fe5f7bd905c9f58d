// What every value maker of the plan shares: the generation options, the limits that keep
// recursion finite, the context a value is made in, and how a maker says it failed.
import type { Key } from "../base/rng";
import type { SchemaObject } from "../schema/load";
import { DEFAULT_OPTIONAL_PROBABILITY, DEFAULT_REFERENCE_DATE } from "../../common/settings";
import { DEFAULT_LOCALE } from "../generate/locales";

export const FAIL: unique symbol = Symbol("fail");
export type Out = unknown;

export interface GenerationOptions {
  seed: number;
  /** "today" for dates and rules (ISO 8601). */
  referenceDate: string;
  /** Probability that an optional property is present (at shallow depth). */
  optionalProbability: number;
  /** Share of values taken from a node's `default` when it has one. */
  defaultProbability: number;
  /** Share of values taken from a node's `examples` when it has some. */
  examplesProbability: number;
  /** Locale of names, addresses, postal codes and phone numbers (core/generate/locales). */
  locale: string;
}

export const DEFAULT_OPTIONS: Omit<GenerationOptions, "seed"> = {
  referenceDate: DEFAULT_REFERENCE_DATE,
  optionalProbability: DEFAULT_OPTIONAL_PROBABILITY,
  defaultProbability: 0.1,
  examplesProbability: 0.1,
  locale: DEFAULT_LOCALE,
};

/** Limits that keep recursive schemas finite (documented in docs/determinism.md). */
export const LIMITS = {
  /** Below this nesting depth optional properties keep their full probability. */
  fullDepth: 3,
  /** At and beyond this depth only required properties and minimum array lengths are generated. */
  minimalDepth: 8,
  /** Beyond this depth generation gives up (a schema that requires infinite nesting). */
  maxDepth: 48,
  /** Attempts at one node that has choices (anyOf/oneOf/if/not) before it fails. */
  choiceAttempts: 8,
  /** Attempts at one array element for uniqueItems/maxContains. */
  elementAttempts: 12,
  /** Plan.gen calls allowed per record attempt. */
  budget: 250_000,
  /**
   * Plan.gen calls after which a record is made lean: optional properties are left out and arrays
   * take their minimum length, as at minimalDepth. A schema with hundreds of optional properties at
   * every level (renovate's) would otherwise make records of millions of values and exhaust the
   * budget; ordinary records stay far below this, so their values do not depend on it.
   */
  recordSize: 1_000,
  /** Objects with more optional properties than this get each with a probability scaled down to match. */
  optionalProperties: 64,
};

export interface Failure {
  at: SchemaObject | undefined;
  why: string;
  depth: number;
}

export interface Ctx {
  depth: number;
  budget: number;
  /** Below this remaining budget the record is lean (LIMITS.recordSize). */
  lean: number;
  failure?: Failure;
  /** Property name of the value being made (for realistic strings). */
  name?: string;
  // Coherent values (core/generate/coherence.ts), kept by the object builders:
  /** Key of the object whose identities the current object's fields read; undefined outside objects. */
  scope: Key | undefined;
  /** Role of the current object under that scope (a billing_address's "billing"). */
  role: number;
  /** DECLARES_* bits of the current object (and the objects it shares identities with). */
  bits: number;
  /** Set by an object for the one child object that shares its identities, while that child is made. */
  inherit: boolean;
}

/** A generation context; always built here so every Ctx has one hidden class. */
export function newCtx(depth: number, budget: number, name?: string): Ctx {
  return {
    depth,
    budget,
    lean: budget > LIMITS.recordSize ? budget - LIMITS.recordSize : -1,
    failure: undefined,
    name,
    scope: undefined,
    role: 0,
    bits: 0,
    inherit: false,
  };
}

/** Whether only what the schema requires is made here: deep enough, or the record is big enough already. */
export function isLean(ctx: Ctx): boolean {
  return ctx.depth >= LIMITS.minimalDepth || ctx.budget < ctx.lean;
}

/** Records why the value at `at` could not be made (the deepest failure wins) and returns FAIL. */
export function fail(ctx: Ctx, at: SchemaObject | undefined, why: string): typeof FAIL {
  if (!ctx.failure || ctx.depth >= ctx.failure.depth) ctx.failure = { at, why, depth: ctx.depth };
  return FAIL;
}

/** Makes one value from its stream key (see Plan.valueMaker). */
export type ValueMaker = (key: Key, ctx: Ctx) => Out;

/**
 * Value makers that read their key before returning and keep nothing of it (enum, boolean,
 * number and string leaves: LEAF_RNG copies the key's words, and a leaf makes no other value).
 * Object builders hand these a reused key object.
 */
export const KEY_USED_AT_ONCE = new WeakSet<ValueMaker>();
