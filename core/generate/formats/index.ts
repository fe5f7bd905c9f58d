// Values for JSON Schema `format`s. Every value must pass the validator SpecMint checks records
// with (ajv-formats full mode + ajv-formats-draft2019 for the idn-/iri formats), so each
// generator only ever emits the subset of its format that both RFC and validator agree on.
// Everything that names something (domains, addresses) uses reserved or documentation ranges
// so that fixtures can never point at real people or machines.
// Hot path: called several times per record, so lists are precomputed and nothing uses regex.
//   context.ts     what a generator receives, shared length checks
//   words.ts       word lists (also used by realism.ts) and letter fillers
//   dates.ts       date, time, date-time, duration; the reference date and its window
//   hosts.ts       hostnames and e-mail addresses
//   ip.ts          IPv4 and IPv6
//   uri.ts         URIs, IRIs, URLs, references and templates
//   identifiers.ts UUIDs, JSON pointers, regexes
//   opaque.ts      byte, password, binary
//   table.ts       the name → generator table
export type { FormatContext, FormatGenerator } from "./context";
export { DEFAULT_REFERENCE_DATE, DATE_WINDOW, dateWindowBounds, BIRTH_AGES, birthDateWindow, dateIn, dateTime } from "./dates";
export { FIRST_NAMES, LAST_NAMES, WORDS, letters } from "./words";
export { formatGenerators, isKnownFormat } from "./table";
