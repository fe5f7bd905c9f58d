// A whole SQL script: the frame, a CREATE TABLE per table, then each table's INSERTs, in the order
// the tables are given (parents first, so that foreign keys hold as rows arrive). SqlScript makes
// the text piece by piece for a writer that already has the records (writeDataset); writeSql asks
// each table for its records and streams the text to a sink, waiting for it, so that memory stays
// flat however many rows there are.
import { AbortedError } from "../aborted";
import type { SqlDialect } from "./dialect";
import { createTable, scriptHead, scriptTail } from "./ddl";
import { InsertBatcher } from "./inserts";
import { tableShapes, type SqlTable, type SqlTableDefinition, type SqlTableShape } from "./table";

/** Where the text goes: resolves when the chunk may be followed by the next (backpressure). */
export type SqlSink = (chunk: string) => Promise<void>;

const CHUNK_CHARS = 1 << 16;
const YIELD_MS = 50;

export class SqlScript {
  readonly shapes: readonly SqlTableShape[];
  private readonly batchers: InsertBatcher[];

  constructor(
    tables: readonly SqlTableDefinition[],
    readonly dialect: SqlDialect,
  ) {
    this.shapes = tableShapes(tables, dialect);
    this.batchers = this.shapes.map((s) => new InsertBatcher(s, dialect));
  }

  /** The frame's start and every CREATE TABLE. */
  head(): string {
    return scriptHead(this.dialect) + this.shapes.map((s) => createTable(s, this.dialect)).join("");
  }

  /** Record `index` of table `table` (its position in the list): a finished INSERT, or "" while the batch fills. */
  row(table: number, record: unknown, index: number): string {
    return this.batchers[table].add(record, index);
  }

  /** The last INSERT of table `table`. */
  endTable(table: number): string {
    return this.batchers[table].flush();
  }

  tail(): string {
    return scriptTail();
  }
}

/**
 * Writes `tables` (parents first) as one script: CREATE TABLEs, then each table's rows in INSERTs of
 * up to 500, all in one transaction. Chunks of about 64 KiB go to `out`, each awaited; between them
 * `signal` is honoured (AbortedError).
 */
export async function writeSql(tables: readonly SqlTable[], dialect: SqlDialect, out: SqlSink, signal?: AbortSignal): Promise<void> {
  const script = new SqlScript(tables, dialect);
  let chunk = script.head();
  let lastYield = performance.now();
  for (let t = 0; t < tables.length; t++) {
    const table = tables[t];
    for (let i = 1; i <= table.count; i++) {
      if (signal?.aborted) throw new AbortedError();
      chunk += script.row(t, table.record(i), i);
      if (chunk.length >= CHUNK_CHARS) {
        await out(chunk);
        chunk = "";
        // A sink that never waits (a file that keeps up) still lets the event loop see a signal.
        if (performance.now() - lastYield >= YIELD_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
      }
    }
    chunk += script.endTable(t);
  }
  if (signal?.aborted) throw new AbortedError();
  await out(chunk + script.tail());
}

/**
 * A sink writing to a stream (a file, stdout), waiting for `drain` when the stream asks to. An error
 * of the stream (also one that comes after a write returned) fails the next chunk.
 */
export function writableSink(stream: NodeJS.WritableStream): SqlSink {
  let failure: Error | undefined;
  let waiting: ((e?: Error) => void) | undefined;
  stream.on("error", (e: Error) => {
    failure ??= e;
    waiting?.(e);
  });
  stream.on("close", () => waiting?.(new Error("the SQL output stream closed before everything was written")));
  stream.on("drain", () => waiting?.());
  return (chunk) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      if (stream.write(chunk)) return resolve();
      waiting = (e) => {
        waiting = undefined;
        if (e) reject(e);
        else resolve();
      };
    });
}
