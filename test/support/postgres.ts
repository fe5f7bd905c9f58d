// A throwaway PostgreSQL server for tests that load SQL into the real thing: initdb into a
// temporary folder, listening only on a unix socket in that folder (no TCP port), stopped with
// `pg_ctl stop -m fast`. PostgreSQL refuses to run as root, so under root (CI) the server runs as an
// unprivileged user (`postgres` when the package made one, else `nobody`) through runuser; a
// developer's own account runs it directly. The binaries are found in SPECMINT_PG_BIN, else
// /usr/lib/postgresql/<newest version>/bin (Debian), else on PATH.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const DEBIAN_ROOT = "/usr/lib/postgresql";

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && fs.existsSync(path.join(dir, name))) return dir;
  return undefined;
}

/** The folder holding initdb, pg_ctl and postgres; undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const given = process.env.SPECMINT_PG_BIN;
  if (given) return given;
  const versions = fs.existsSync(DEBIAN_ROOT)
    ? fs
        .readdirSync(DEBIAN_ROOT)
        .filter((v) => fs.existsSync(path.join(DEBIAN_ROOT, v, "bin", "initdb")))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length) return path.join(DEBIAN_ROOT, versions[0], "bin");
  return onPath("initdb");
}

/** The psql program: beside the server's binaries, else on PATH. */
function psqlProgram(bin: string): string | undefined {
  if (fs.existsSync(path.join(bin, "psql"))) return path.join(bin, "psql");
  const dir = onPath("psql");
  return dir ? path.join(dir, "psql") : undefined;
}

function idOf(user: string, flag: "-u" | "-g"): number | undefined {
  const r = spawnSync("id", [flag, user], { encoding: "utf8" });
  return r.status === 0 ? Number(r.stdout.trim()) : undefined;
}

export interface PostgresServer {
  /** Runs psql against `database` (default postgres), stopping at the first error; `input` goes to its stdin. */
  psql(args: string[], input?: string, database?: string): SpawnSyncReturns<string>;
  /** The server's log, for a failure's message. */
  log(): string;
  stop(): void;
}

/** Starts a server, or says why it cannot (PostgreSQL missing). Throws when it is there but fails to start. */
export function startPostgres(): PostgresServer | { missing: string } {
  const bin = postgresBinDir();
  if (!bin || !fs.existsSync(path.join(bin, "pg_ctl"))) return { missing: "PostgreSQL's initdb and pg_ctl were not found" };
  const psql = psqlProgram(bin);
  if (!psql) return { missing: "psql was not found" };
  const root = process.getuid?.() === 0;
  const user = root ? (idOf("postgres", "-u") !== undefined ? "postgres" : "nobody") : undefined;
  // The server's user must reach the folder: under root, /tmp rather than a TMPDIR that may sit in
  // root's home. The path stays short (a unix socket's path has at most 107 bytes) and without spaces.
  const dir = fs.mkdtempSync(path.join(root ? "/tmp" : os.tmpdir(), "specmint-pg-"));
  if (user) fs.chownSync(dir, idOf(user, "-u")!, idOf(user, "-g")!);
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const asServer = (program: string, args: string[]) => {
    const [cmd, argv] = user ? ["runuser", ["-u", user, "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];
    return spawnSync(cmd, argv, { encoding: "utf8", cwd: dir, env: { ...process.env, LC_ALL: "C" } });
  };
  const check = (r: SpawnSyncReturns<string>, what: string) => {
    if (r.status !== 0) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`${what} failed (${r.status}): ${r.error?.message ?? ""}${r.stderr}${r.stdout}${log}`);
    }
  };
  check(asServer("initdb", ["-D", data, "-U", "specmint", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"]), "initdb");
  // Only the unix socket in the temporary folder: nothing listens on the network.
  const options = `-k ${dir} -h '' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  check(asServer("pg_ctl", ["-D", data, "-l", logFile, "-o", options, "-w", "-t", "60", "start"]), "pg_ctl start");
  let stopped = false;
  return {
    psql(args, input, database = "postgres") {
      return spawnSync(psql, ["-h", dir, "-U", "specmint", "-d", database, "-X", "-q", "-v", "ON_ERROR_STOP=1", ...args], {
        encoding: "utf8",
        input,
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, PGTZ: "UTC", PGCLIENTENCODING: "UTF8" },
      });
    },
    log() {
      return fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asServer("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
