// A set as the editor checks it: every entity's schema loaded through the editor's loader (open
// documents win over the disk, the document being edited is its current model), then every problem
// of the set (core/set setProblems), not only the first. Loads are kept per file while its text stays.
import { readRegularFile, type LoadedSchema } from "../core/schema";
import { messageOf } from "../core/base";
import { setProblems, type EntitySpec, type SetPlan, type SetProblem, type SetSpec } from "../core/set";

/** A set with all its problems, and why the entities whose schema did not load did not. */
export interface ExaminedSet {
  spec: SetSpec;
  plan: SetPlan;
  problems: SetProblem[];
  /** Entity name → why its schema could not be used (missing file, not JSON, not a schema). */
  unloaded: Map<string, string>;
}

/** Loads a schema file's text as the editor does (the caller's loadForEditor with the document's settings). */
export type EntitySchemaLoader = (text: string, file: string) => LoadedSchema;

export class SetContext {
  /** Loads by file, kept while the text and the loader's settings (`key`) are the same. */
  private readonly loads = new Map<string, { text: string; key: string; result: LoadedSchema | string }>();

  constructor(
    private readonly overlay: (file: string) => string | undefined,
    private readonly trusted: () => boolean,
  ) {}

  /**
   * Every problem of `spec`; `current` is the schema being edited (its model, already loaded),
   * `key` what the loader depends on besides the text (its settings).
   */
  examine(spec: SetSpec, load: EntitySchemaLoader, key: string, current?: { file: string; loaded: LoadedSchema }): ExaminedSet {
    const unloaded = new Map<string, string>();
    const loadEntity = (entity: EntitySpec): LoadedSchema | undefined => {
      if (current && entity.schema === current.file) return current.loaded;
      const result = this.loadFile(entity.schema, load, key);
      if (typeof result === "string") {
        unloaded.set(entity.name, result);
        return undefined;
      }
      return result;
    };
    const { plan, problems } = setProblems(spec, loadEntity);
    return { spec, plan, problems, unloaded };
  }

  /** Forget the loads (a file changed on disk, or the trust changed). */
  clear(): void {
    this.loads.clear();
  }

  private loadFile(file: string, load: EntitySchemaLoader, key: string): LoadedSchema | string {
    let text = this.overlay(file);
    if (text === undefined) {
      if (!this.trusted())
        return "this workspace is not trusted, so the server reads no schema that is not open; open it or trust the workspace";
      try {
        text = readRegularFile(file);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return code === "ENOENT" ? `schema file ${file} does not exist` : `schema file ${file} cannot be read (${code ?? messageOf(e)})`;
      }
    }
    const kept = this.loads.get(file);
    if (kept && kept.text === text && kept.key === key) return kept.result;
    let result: LoadedSchema | string;
    try {
      result = load(text, file);
    } catch (e) {
      result = `schema file ${file} cannot be loaded: ${messageOf(e)}`;
    }
    this.loads.set(file, { text, key, result });
    return result;
  }
}
