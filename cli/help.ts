// Help a user can learn the tool from: every flag with its default, where else it can be set,
// an example, and what each exit code means. The defaults are common/settings.ts's (and the retry
// and breaker figures the enrichment stage's), so that the help cannot state others.
import { TOOL_VERSION } from "../core/output";
import { SCHEDULER_DEFAULTS, pullCommand } from "../core/enrich";
import { DEFAULT_SETTINGS, WORK_LIMITS } from "../common/settings";
import { groupDigits } from "../core/base";
import { EXIT } from "./failure";
import { VIOLABLE_KEYWORDS } from "../core/invalid";
import { DEFAULT_LOCALE, LOCALES } from "../core/generate";
import type { CliContext } from "./context";

/** `<command> --help`: the help on stdout, exit 0. */
export function printHelp(ctx: CliContext, text: string): number {
  ctx.stdout.write(text);
  return EXIT.ok;
}

const D = DEFAULT_SETTINGS;
const CALLS = SCHEDULER_DEFAULTS;
/** "default X" padded to `width`, so that what follows on the line stays in its column. */
const def = (value: unknown, width = 0) => `default ${String(value)}`.padEnd(width);

/** The keywords --violate takes, wrapped to the help's option column. */
const VIOLATE_KEYWORDS_TEXT = VIOLABLE_KEYWORDS.join(", ")
  .replace(/(.{1,68})(?:, |$)/g, "$1,\n")
  .replace(/,\n$/, "")
  .split("\n")
  .map((line) => `                            ${line}`)
  .join("\n");

/** The work limits, one line each: name, default, what it counts, how far it can be raised. */
const LIMITS_TABLE = WORK_LIMITS.map((l) => {
  const max = l.max !== undefined ? ` (at most ${groupDigits(l.max)})` : "";
  return `    ${l.name.padEnd(18)}${groupDigits(l.default).padStart(10)}  ${l.what}${max}`;
}).join("\n");

const LIMIT_FLAG_TEXT = `  --limit NAME=N          raise (or lower) a work limit; repeatable. Input beyond a limit is
                          refused with exit 2, naming the node (file, JSON pointer, line:column),
                          the limit and this flag; in specmint.toml: [limits] NAME = N; in the
                          editor: "specmint.limits": {"NAME": N}. Limits and defaults:
${LIMITS_TABLE}`;

export const EXIT_CODES_TEXT = `Exit codes:
  0   success
  2   the schema cannot be loaded, parsed, resolved or satisfied, or is beyond a work limit
  3   validation failures remain (validate), or edges a valid record can hold are missed (coverage)
  4   an LLM mode was requested and the host or model is unavailable at start
  6   I/O failure: cannot read input or write output
  64  usage error: unknown option, bad value
  130 interrupted (Ctrl-C); no output was written
  143 stopped by SIGTERM (kill, timeout, a cancelled CI job); no output was written
  1   anything else: a bug in SpecMint (the message says so)`;

export const MAIN_HELP = `SpecMint ${TOOL_VERSION} — deterministic, valid test fixtures from JSON Schemas

Usage:
  specmint generate --schema FILE [options]       make a dataset (records, JSON Lines, CSV, manifest)
  specmint validate --schema FILE --dataset PATH  score a dataset against a schema
  specmint inspect  --dataset PATH                field statistics of a dataset
  specmint coverage --schema FILE --dataset PATH  which edges and branches of the schema a dataset hits
  specmint doctor [--pull]                        check the Ollama setup (host, version, models)
  specmint --version | --help | <command> --help

The same schema, options and seed always give byte-identical records: record i depends
only on (schema, options, seed, i), so 100 records are the first 100 of 1,000.

Examples:
  specmint generate --schema schemas/user.schema.json --count 100 --seed 7
  specmint generate --schema schemas/user.schema.json --stdout | head -n 3
  specmint validate --schema schemas/user.schema.json --dataset fixtures/user

Run 'specmint <command> --help' for every option of a command.

${EXIT_CODES_TEXT}
`;

export const GENERATE_HELP = `Usage: specmint generate --schema FILE [options]
       specmint generate --set FILE [--out DIR] [options]

Makes COUNT records that are valid against the schema and writes them to a folder:
  record_0001.json … record_NNNN.json   one pretty-printed record per file
  dataset.jsonl                         one compact record per line, in order
  dataset.csv                           (with --format csv) nested fields as dotted columns,
                                        arrays as JSON text, null and absent as empty cells
  dataset.sql                           (with --format sql) CREATE TABLE and INSERTs (docs/sql.md)
  manifest.json                         dataset_id, tool, schema, options, stats; written last
The folder is written under a temporary name and renamed, so it is either the complete new
dataset or the previous one. Earlier SpecMint output in it is replaced whole (stale
record files included; files of yours in it are kept); a non-empty folder that is not
SpecMint output is refused unless --force.

Options:
  --schema FILE           JSON Schema (JSON or JSONC; drafts 04, 06, 07, 2019-09, 2020-12). Required
                          unless --set.
  --set FILE              a set of related entities (TOML: [[entity]] name, schema, count
                          or per = { parent, min, max }); writes DIR/<entity>/ per entity and
                          the set's DIR/manifest.json; x-ref fields hold the referenced records'
                          values (docs/sets.md). Default DIR: <set name>-fixtures beside the set
                          file. Its settings (seed, format, …) rank below flags, above
                          specmint.toml. Not with --schema, --count, --stdout, --kind invalid.
  --count N               number of records                       ${def(D.count, 12)}(env SPECMINT_COUNT)
  --seed S                non-negative integer seed               ${def(D.seed, 12)}(env SPECMINT_SEED)
  --out DIR               output folder     ${def(`./${D.outputDirectory}/<schema name>`, 34)}(env SPECMINT_OUT)
                          (<schema name> is the file name without extensions: user.schema.json → user)
  --stdout                print the records as JSON Lines on stdout instead of writing a folder;
                          line i is byte-identical to line i of dataset.jsonl (not with --out/--format)
  --format LIST           comma-separated: json, jsonl, csv, sql  ${def(D.formats.join(","))}
  --sql-dialect D         sqlite | postgres (with --format sql)   default sqlite
                          One table named after the schema file (user-profile.schema.json:
                          user_profile), a column per top-level property (objects, arrays and
                          mixed types as JSON: TEXT in SQLite, JSONB in PostgreSQL), the first
                          required x-unique property as primary key; one transaction. Not with
                          --kind invalid (such records would not load).
  --kind KIND             valid | invalid | boundary              default valid
                          invalid: record i is valid record i with the smallest change that
                          breaks one constraint of the schema, constraint (i-1) mod N of its N in
                          turn (one that cannot be broken alone in that record is passed over for
                          the next); each record fails the schema by that keyword at that place and
                          by nothing else. Its label is line i of violations.jsonl: {"index",
                          "instance_path", "schema_path", "keyword", "message", "expected"}:
                          message a sentence ("amount 0 is below minimum 0.01"), expected the
                          validator's (ajv's) error; "rule" for x-cross-field-rules, "matches"
                          (0 or 2) for oneOf, "duplicate_of" for x-unique (a value of an earlier
                          record). In dataset.csv a value of the wrong type is its JSON text. With
                          --stdout the records go to stdout and the labels to stderr, one JSON
                          line each. boundary: record i is valid record i with some of the
                          schema's edges set in it (numbers at and one step inside each bound,
                          shortest and longest strings and arrays, each enum value, oneOf/anyOf
                          branch and side of an if, optional properties absent and present, null,
                          special text), packed so that the first records cover every edge a
                          valid record can hold; every record is valid (docs/boundary.md).
                          manifest.json's "coverage" counts the edges the records hit (every kind).
  --violate LIST          with --kind invalid: break only constraints of these keywords,
                          comma-separated, of:
${VIOLATE_KEYWORDS_TEXT}
  --mirror                with --kind invalid: write <out>/valid/ (exactly what --kind valid
                          writes) and <out>/invalid/ (with violations.jsonl) side by side; each
                          invalid record differs from its valid twin only inside its label's
                          instance_path. Both appear together or not at all (not with --stdout)
  --force                 write into a non-empty folder that is not SpecMint output (its other
                          files are kept; SpecMint's own file names are replaced)
  --reference-date ISO    "today" for dates and rules, e.g. 2026-01-01 or 2026-01-01T12:00:00Z
                                                                 ${def(D.referenceDate)}
  --locale LOCALE         names, addresses, postal codes and phone numbers of a locale:
                          ${LOCALES.join(", ")}    ${def(DEFAULT_LOCALE, 14)}(env SPECMINT_LOCALE)
                          Fields that belong together agree within a record (a name and its
                          e-mail address; a city, its state, postal code and phone area code):
                          see docs/coherence.md.
  --draft D               the draft of a schema without "$schema": 2020-12, 2019-09, 07, 06, 04
                          (env SPECMINT_DRAFT); else inferred from its keywords, with a note
  --schema-dir DIR        a folder of schemas that "$ref"s by URL may point to, found by their
                          "$id" (repeatable; env SPECMINT_SCHEMA_DIRS). A URL prefix maps to a
                          folder in specmint.toml: [refs] "https://json.schemastore.org/" = "dir/".
                          SpecMint never fetches a schema from the network.
  --config FILE           settings file             default ./specmint.toml when it exists
${LIMIT_FLAG_TEXT}

LLM enrichment with a local model (Ollama):
  --llm-mode MODE         off | fields | record                   ${def(D.llm.mode)}
                          fields: values marked x-llm: true (or described "llm: …") are written
                          by the model; record: every string, number, boolean and enum value may
                          be rewritten for coherence. Keys, types and structure never change;
                          every answer is checked and a value that fails keeps its generated one.
  --ollama-host URL       Ollama server        default $OLLAMA_HOST or ${D.ollama.host}
  --model NAME            model name                              ${def(D.ollama.model)}
  --temperature T         0 to 2                                  ${def(D.llm.temperature)}
  --llm-workers N         parallel requests, 1 to 64              ${def(D.llm.workers)}
  --max-rps R             requests per second                     ${def(D.llm.maxRps)}
  --timeout-ms MS         timeout per request                     ${def(D.llm.timeoutMs)}
  --context FILE          plain-text domain context for the model
  --cache-dir DIR         LLM answer cache     default \${XDG_CACHE_HOME:-~/.cache}/specmint/llm
  --no-cache              do not read or write the LLM cache
                          With the cache, the same run twice asks the model nothing the second
                          time and writes byte-identical files. Failed calls are retried ${CALLS.retries} times
                          (timeouts, 5xx, dropped connections); after ${CALLS.breakerThreshold} failures in a row the model
                          is not called for ${CALLS.breakerCooldownMs / 1000} s. A host or model missing at start is exit 4 with
                          the fix ('ollama serve', '${pullCommand(D.ollama.model)}', 'specmint doctor --pull').

  -h, --help              show this help

Precedence: flags > config file > environment > defaults.

Config file (TOML): any option above by its name without the dashes; relative paths are
relative to the config file. Example specmint.toml:
  schema = "schemas/user.schema.json"
  count = 250
  seed = 42
  out = "fixtures/users"
  format = ["json", "jsonl", "csv"]   # or add "sql", with sql-dialect = "postgres"
  kind = "valid"                # or "invalid" (with violate = ["pattern"], mirror = true) or "boundary"
  locale = "en-US"
  reference-date = "2026-01-01"
  [limits]
  enum-size = 50000

Examples:
  specmint generate --schema schemas/user.schema.json
  specmint generate --schema schemas/user.schema.json --count 1000 --seed 7 --format jsonl,csv
  specmint generate --schema schemas/user.schema.json --format jsonl,sql --sql-dialect postgres
  specmint generate --schema schemas/user.schema.json --kind invalid --violate required,pattern
  specmint generate --schema schemas/user.schema.json --kind invalid --mirror --out fixtures/user
  specmint generate --schema schemas/user.schema.json --count 5 --stdout > users.jsonl
  specmint generate --set shop.toml --out fixtures/shop
  SPECMINT_SEED=3 specmint generate --schema schemas/user.schema.json --out /tmp/users

Progress (count, records/s, ETA) is shown on stderr when it is a terminal. Ctrl-C stops
cleanly: the temporary folder is removed and any previous output is left as it was.

${EXIT_CODES_TEXT}
`;

export const VALIDATE_HELP = `Usage: specmint validate --schema FILE --dataset PATH [--json]
       specmint validate --expect invalid --dataset PATH [--schema FILE] [--json]
       specmint validate --set FILE --dataset DIR [--json]

Scores a dataset against a schema:
  schema      % of records valid against the schema
  rules       % of (record, enforced x-cross-field-rule) pairs that hold (100 when none)
  uniqueness  % of x-unique fields with no duplicate value across the dataset (100 when none)
  total       0.4·schema + 0.4·rules + 0.2·uniqueness
and lists up to 5 violations of each kind with record number, file, line and JSON pointer.
Rules that use today() are checked against the reference date in the dataset's manifest.json
(${D.referenceDate} when there is none); rules that are not expressions are not counted.

Options:
  --schema FILE     JSON Schema the records should satisfy. Required (unless --set).
  --set FILE        a set file (shop.toml): DIR holds a folder per entity (DIR/<name>/, as
                    generate --set writes; DIR/manifest.json is read when there, not needed),
                    each scored against its schema as above, plus
                      references  % of its x-ref values (each array item one) equal to the
                                  referenced field of some record of the other entity
                                  (100 when none; null is no reference)
                    with total = 0.35·schema + 0.35·rules + 0.15·uniqueness + 0.15·references
                    and the first 5 dangling references (record, file, line, pointer, value).
                    Rules with ref(path) read the parent record the value points to.
                    A missing entity folder is exit 6. --json: {set, dataset, records,
                    entities: [{entity, dataset, ...the scores, referenceSites}], notes}
  --dataset PATH    a .jsonl file (one record per line; blank lines ignored), a .json file
                    (an array of records, or one record), or a folder of record_*.json files
                    (read in number order; a folder with only dataset.jsonl is read from it).
                    Required.
  --json            print the report as a JSON object on stdout
                    ({records, schema, rules, uniqueness, total, counts, violations, notes};
                    with --expect invalid {records, matched, mismatches})
  --expect KIND     valid (the default: the scores above) or invalid: the dataset is a labelled
                    invalid one (violations.jsonl beside it, as generate --kind invalid writes),
                    and every record must fail for its labelled reason: ajv reports the labelled
                    keyword at the labelled instance path; for x-cross-field-rules that rule
                    fails; for x-unique another record has the same value there. Exit 0 when all
                    do, else 3 with the first five mismatches (record, file, label, what was
                    found). --schema defaults to the schema the dataset's manifest.json names.
  --draft D         the draft of a schema without "$schema" (env SPECMINT_DRAFT); else inferred
  --schema-dir DIR  a folder of schemas that "$ref"s by URL may point to, by "$id" (repeatable)
  --limit NAME=N    raise a work limit (repeatable; names and defaults: specmint generate --help);
                    also [limits] in ./specmint.toml, the one table of it validate reads
  -h, --help        show this help

Exit status is 0 only when schema, rules and uniqueness are all 100 (with --expect invalid:
when every record fails as labelled; with --set: and references, for every entity), else 3.

Examples:
  specmint validate --schema schemas/user.schema.json --dataset fixtures/user
  specmint validate --schema schemas/user.schema.json --dataset users.jsonl --json | jq .total
  specmint validate --expect invalid --dataset fixtures/user/invalid
  specmint validate --set shop.toml --dataset fixtures/shop

${EXIT_CODES_TEXT}
`;

export const COVERAGE_HELP = `Usage: specmint coverage --schema FILE --dataset PATH [--json]

Lists the schema's boundary items — per place and keyword: numbers at and one step inside each
bound, the shortest and longest strings and arrays, the empty string, each enum value, each
oneOf/anyOf branch, both sides of each if, each optional property absent and present, null,
astral, combining and right-to-left text — and whether the dataset hits each one, read from its
records alone (any dataset: generated or made by hand). An item no valid record can hold (the
outside of an exclusive bound, an edge a cross-field rule forbids) is listed as unreachable, with
why. The summary line: covered / reachable items, the percentage, and how many of the first
records hit all that the dataset hits (what --kind boundary needed). Reachability is tried on the
records of the seed in the dataset's manifest.json (${D.seed} when there is none). See docs/boundary.md.

Options:
  --schema FILE     JSON Schema whose items are counted. Required.
  --dataset PATH    a .jsonl file, a .json file (an array of records, or one record), or a folder
                    of record_*.json files (as specmint validate reads it). Required.
  --json            print the report as a JSON object on stdout ({items, reachable, covered,
                    percent, records, records_needed, entries: [{instance, schema, keyword, edge,
                    status, record?, reason?}]}); the summary line goes to stderr
  --draft D         the draft of a schema without "$schema" (env SPECMINT_DRAFT); else inferred
  --schema-dir DIR  a folder of schemas that "$ref"s by URL may point to, by "$id" (repeatable)
  --limit NAME=N    raise a work limit (repeatable; names and defaults: specmint generate --help)
  -h, --help        show this help

Exit status is 0 when every reachable item is covered, else 3.

Examples:
  specmint generate --schema schemas/user.schema.json --kind boundary --count 40
  specmint coverage --schema schemas/user.schema.json --dataset fixtures/user

${EXIT_CODES_TEXT}
`;

export const INSPECT_HELP = `Usage: specmint inspect --dataset FILE|DIR [--schema FILE] [--json]
       specmint inspect --set FILE --dataset DIR [--json]

Per-field statistics of a dataset (JSON Lines, a JSON array, or a folder of record files): the
types seen, how often each field is present and null, distinct values, min/max/mean of numbers
(of lengths for strings and arrays), the earliest and latest of dates (fields with format date or
date-time in --schema, or whose every string is one), the most frequent values and a 10-bin
histogram (--json). Fields inside arrays are written with * (e.g. /lineItems/*/price).

Options:
  --dataset FILE|DIR  the dataset to inspect. Required.
  --schema FILE       list the schema's fields first, including those never present; its
                      format date / date-time fields are measured as dates
  --set FILE          a set file (shop.toml): DIR holds a folder per entity (DIR/<name>/); each
                      entity's statistics (its schema's fields first), and for each x-ref the %
                      of values that resolve and the fan-out: children per parent record (min,
                      median, mean, max, parents with none, parents by number of children)
  --json              print the statistics as JSON (the object the editor's view shows; with
                      --set {set, dataset, entities: [{entity, dataset, stats, references}]})
  --draft D           the draft of a schema without "$schema" (env SPECMINT_DRAFT); else inferred
  --schema-dir DIR    a folder of schemas that "$ref"s by URL may point to, by "$id" (repeatable)
  --limit NAME=N      raise a work limit, e.g. depth=200 for deeper records (repeatable; names
                      and defaults: specmint generate --help); also [limits] in ./specmint.toml,
                      the one table of it inspect reads

Examples:
  specmint inspect --dataset fixtures/user-profile
  specmint inspect --dataset fixtures/user-profile/dataset.jsonl --schema user.schema.json --json
  specmint inspect --set shop.toml --dataset fixtures/shop

Exit codes: 0 success · 2 schema cannot be loaded · 6 dataset cannot be read · 64 usage error
`;

export const DOCTOR_HELP = `Usage: specmint doctor [--ollama-host URL] [--model NAME] [--pull]

Checks the Ollama setup that 'specmint generate --llm-mode fields|record' would use: whether the
host answers and its version, the models it has (size, quantisation, parameters, family), and
whether the configured model is among them.

Options:
  --ollama-host URL   Ollama server         default $OLLAMA_HOST or ${D.ollama.host}
  --model NAME        model to look for     ${def(D.ollama.model)}
  --pull              pull the model when the host does not have it (a progress bar on a
                      terminal, one line per stage otherwise)
  -h, --help          show this help

Host and model also come from specmint.toml (ollama-host, model), as for generate.

Examples:
  specmint doctor
  specmint doctor --model llama3.2:1b --pull
  OLLAMA_HOST=http://gpu-box:11434 specmint doctor

Exit status: 0 when an LLM run can start; 4 when the host does not answer (start it with:
ollama serve) or the model is missing (ollama pull <model>, or specmint doctor --pull).

${EXIT_CODES_TEXT}
`;
