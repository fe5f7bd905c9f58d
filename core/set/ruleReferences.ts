// What `ref(path)` in a child's x-cross-field-rules reads (issue 15): the record the reference at
// `path` points to. While a child record is made, its references are placed first (core/set/generate.ts)
// and each one noted here with the parent record it came from; the rules then ask for that record,
// which is made again from its index (a small cache keeps the recent ones), never kept for all.
import type { LoadedSchema } from "../schema/load";
import type { RuleReferences } from "../rules/references";
import { anyElement } from "./references";

export type { RuleReferences };

/** The entity at the other end of a reference: its schema and its records by index. */
export interface ReferencedEntity {
  readonly loaded: LoadedSchema;
  record(index: number): unknown;
}

interface Noted {
  value: unknown;
  parent: number;
}

/** The references of the record being made, by the path of their x-ref. */
export class MadeReferences implements RuleReferences {
  private readonly noted = new Map<string, Noted[]>();

  /** `targets`: for each x-ref path of the entity, the entity it points into. */
  constructor(private readonly targets: ReadonlyMap<string, ReferencedEntity>) {}

  /** A new record (or a new attempt at one): forget the last one's references. */
  begin(): void {
    for (const list of this.noted.values()) list.length = 0;
  }

  /** The reference at `path` now holds `value`, the field of parent record `parent`. */
  note(path: string, value: unknown, parent: number): void {
    let list = this.noted.get(path);
    if (!list) this.noted.set(path, (list = []));
    list.push({ value, parent });
  }

  /** The parent record index the reference at `path` holding `value` came from. */
  parentOf(path: string, value: unknown): number | undefined {
    const list = this.noted.get(path) ?? this.noted.get(anyElement(path));
    return list?.find((n) => n.value === value)?.parent;
  }

  resolve(path: string, value: unknown): unknown {
    const parent = this.parentOf(path, value);
    if (parent === undefined) return undefined;
    const target = this.targets.get(path) ?? this.targets.get(anyElement(path));
    return target?.record(parent);
  }

  schemaAt(path: string): LoadedSchema | undefined {
    return (this.targets.get(path) ?? this.targets.get(anyElement(path)))?.loaded;
  }
}
