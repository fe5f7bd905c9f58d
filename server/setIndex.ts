// Which set files (TOML with [[entity]] tables, issue 15) the workspace holds, and which sets a schema
// belongs to: the editor checks and completes a schema's x-refs against the sets that list it. The
// folders are scanned once (bounded, like the $id search) and again after a TOML file is created,
// changed or deleted (didChangeWatchedFiles) or when the last scan is old; each set file is parsed
// again only when its text changed. Open documents win over the disk; an untrusted workspace reads
// nothing but open documents.
import { statSync } from "node:fs";
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import { readRegularFile } from "../core/schema";
import { parseSetFile, type SetSpec } from "../core/set";
import { workspaceFiles } from "./workspaceWalk";

/** At most this many TOML files are read per scan. */
export const MAX_SCANNED_SET_FILES = 200;
/** Folders this deep below a workspace folder are not entered (0: the folder itself). */
const MAX_SCAN_DEPTH = 5;
/** A TOML file bigger than this is no set file worth reading. */
const MAX_SET_FILE_BYTES = 1024 * 1024;
/** A scan older than this is made again on the next question (a client that sends no file events still sees new set files). */
const SCAN_MAX_AGE_MS = 10_000;

/** Whether a TOML text is a set file: it has an `[[entity]]` table (specmint.toml and other TOML files do not). */
export function isSetFileText(text: string): boolean {
  return /^\s*\[\[\s*entity\s*\]\]/m.test(text);
}

export function isTomlPath(file: string): boolean {
  return /\.toml$/i.test(file);
}

/** A set file as read: its spec, or the first problem parseSetFile found (a SpecMintError at its line). */
export interface SetFileState {
  file: string;
  text: string;
  /** The file's mtime and size when read from disk (undefined: an open document's text). */
  stamp?: string;
  spec?: SetSpec;
  error?: SpecMintError;
}

export interface SetIndexOptions {
  /** Folders to scan (the workspace folders). */
  roots: () => readonly string[];
  trusted: () => boolean;
  /** Text of an open document by file path. */
  overlay: (file: string) => string | undefined;
  /** Paths of the open documents (an open set file counts even outside the roots). */
  openFiles: () => readonly string[];
}

export class SetIndex {
  private scanned: string[] | undefined;
  private scannedAt = 0;
  private readonly parsed = new Map<string, SetFileState>();

  constructor(private readonly options: SetIndexOptions) {}

  /** Forget the scan (a TOML file was created or deleted, the folders or the trust changed). */
  invalidate(): void {
    this.scanned = undefined;
  }

  /** The set file at `file` (open text first, then disk); undefined when it is not a set file or cannot be read. */
  read(file: string): SetFileState | undefined {
    const cached = this.parsed.get(file);
    let text = this.options.overlay(file);
    let stamp: string | undefined;
    if (text === undefined) {
      if (!this.options.trusted()) return undefined;
      try {
        const st = statSync(file);
        if (st.size > MAX_SET_FILE_BYTES) return undefined;
        stamp = `${st.mtimeMs} ${st.size}`;
        // Asked on every check of a schema: the disk is read again only when the file changed.
        if (cached && cached.stamp === stamp) return isSetFileText(cached.text) ? cached : undefined;
        text = readRegularFile(file);
      } catch {
        return undefined;
      }
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (cached?.text === text && cached.stamp === stamp) return isSetFileText(text) ? cached : undefined;
    const state: SetFileState = { file, text, stamp };
    this.parsed.set(file, state);
    if (!isSetFileText(text)) return undefined;
    try {
      state.spec = parseSetFile(text, file);
    } catch (e) {
      if (!(e instanceof SpecMintError)) throw e;
      state.error = e;
    }
    return state;
  }

  /** Every set file of the workspace (and every open one), read. */
  all(): SetFileState[] {
    const files = new Set([...this.scan(), ...this.options.openFiles().filter(isTomlPath)]);
    const out: SetFileState[] = [];
    for (const f of files) {
      const s = this.read(f);
      if (s) out.push(s);
    }
    return out;
  }

  /** The sets (that parse) that list the schema at `file` as an entity's schema, with that entity's name. */
  setsOf(file: string): { spec: SetSpec; entity: string }[] {
    const wanted = path.resolve(file);
    const out: { spec: SetSpec; entity: string }[] = [];
    for (const s of this.all()) {
      const entity = s.spec?.entities.find((e) => e.schema === wanted);
      if (s.spec && entity) out.push({ spec: s.spec, entity: entity.name });
    }
    return out;
  }

  /** Set files that cannot be read as sets (a TOML or set-file error) and name the schema's file (a guess from the text). */
  brokenMentioning(file: string): string[] {
    const base = path.basename(file);
    return this.all()
      .filter((s) => s.error && s.text.includes(base))
      .map((s) => s.file);
  }

  private scan(): string[] {
    if (!this.options.trusted()) return [];
    if (this.scanned && performance.now() - this.scannedAt < SCAN_MAX_AGE_MS) return this.scanned;
    this.scanned = findTomlFiles(this.options.roots());
    this.scannedAt = performance.now();
    return this.scanned;
  }
}

/** The *.toml files under `roots`, breadth-first, bounded; node_modules and dot-folders are skipped. */
export function findTomlFiles(roots: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of workspaceFiles(roots, MAX_SCAN_DEPTH, isTomlPath)) {
    out.push(file);
    if (out.length >= MAX_SCANNED_SET_FILES) break;
  }
  return out;
}
