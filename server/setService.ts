// What the server knows of the workspace's sets (issue 15), for the features: the examined sets a
// schema document belongs to, a set file's diagnostics, and which open documents to check again when
// a set file or an entity's schema changes. server/server.ts owns the documents and the settings.
import type { Diagnostic } from "vscode-languageserver";
import type { LoadedSchema } from "../core/schema";
import { SetContext, type EntitySchemaLoader, type ExaminedSet } from "./setContext";
import { SetIndex, isSetFileText, isTomlPath, type SetIndexOptions } from "./setIndex";
import { setFileDiagnostics } from "./features/setRefs";

/** What the service reads the workspace through: the set index's options. */
export type SetServiceOptions = SetIndexOptions;

/** How entity schemas are loaded for a document's settings, and a key that changes when those do. */
export interface EntityLoading {
  load: EntitySchemaLoader;
  key: string;
}

export class SetService {
  private readonly index: SetIndex;
  private readonly context: SetContext;

  constructor(options: SetServiceOptions) {
    this.index = new SetIndex(options);
    this.context = new SetContext(options.overlay, options.trusted);
  }

  /** A TOML file was created, changed or deleted on disk, or what may be read changed. */
  filesChanged(): void {
    this.index.invalidate();
    this.context.clear();
  }

  /** Every set that lists the schema at `file`, examined with `current` as that schema. */
  setsOfSchema(file: string | undefined, loaded: LoadedSchema, loading: EntityLoading): ExaminedSet[] {
    if (!file) return [];
    return this.index.setsOf(file).map(({ spec }) => this.context.examine(spec, loading.load, loading.key, { file, loaded }));
  }

  /** Set files with a problem of their own that seem to list the schema at `file`: its x-refs wait for them. */
  brokenSetsNaming(file: string | undefined): string[] {
    return file ? this.index.brokenMentioning(file) : [];
  }

  /** Whether an open document is a set file (a .toml with [[entity]] tables). */
  isSetFile(file: string | undefined, text: string): boolean {
    return file !== undefined && isTomlPath(file) && isSetFileText(text);
  }

  /** The diagnostics of a set file's current text. */
  setFileDiagnostics(file: string, text: string, loading: EntityLoading): Diagnostic[] {
    const state = this.index.read(file);
    if (!state) return [];
    const set = state.spec && this.context.examine(state.spec, loading.load, loading.key);
    return setFileDiagnostics(state.text, file, state.error, set);
  }

  /** Whether a change to `file` can change what the sets say: it is a set file or an entity's schema. */
  concernsSets(file: string | undefined): boolean {
    if (!file) return false;
    if (isTomlPath(file)) return true;
    return this.index.setsOf(file).length > 0;
  }
}
