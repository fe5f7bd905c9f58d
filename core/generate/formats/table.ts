// The format name → generator table, and which names it knows.
import { retrying, type FormatGenerator } from "./context";
import { date, dateTime, duration, time } from "./dates";
import { email, hostname, idnEmail, idnHostname } from "./hosts";
import { ipv4, ipv6 } from "./ip";
import { iri, iriReference, uri, uriReference, uriTemplate, url } from "./uri";
import { jsonPointer, jsonPointerUriFragment, regex, relativeJsonPointer, uuidFormat } from "./identifiers";
import { binary, byte, password } from "./opaque";

export const formatGenerators: Readonly<Record<string, FormatGenerator>> = Object.freeze({
  date,
  "date-time": dateTime(false),
  time: time(false),
  "iso-date-time": dateTime(true),
  "iso-time": time(true),
  duration: retrying(duration),
  email,
  "idn-email": idnEmail,
  hostname,
  "idn-hostname": idnHostname,
  ipv4: retrying(ipv4),
  ipv6: retrying(ipv6),
  uri,
  "uri-reference": uriReference,
  iri,
  "iri-reference": iriReference,
  "uri-template": uriTemplate,
  url,
  uuid: uuidFormat,
  "json-pointer": jsonPointer,
  "json-pointer-uri-fragment": jsonPointerUriFragment,
  "relative-json-pointer": relativeJsonPointer,
  regex,
  byte,
  password,
  binary,
});

/** True for the string formats above (numeric formats such as int32 are not generated here). */
export function isKnownFormat(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(formatGenerators, name);
}
