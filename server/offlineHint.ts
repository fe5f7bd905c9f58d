// How an unresolved `$ref` URL says to make its document available, in the editor's words: its
// settings, not the CLI's flags.
import type { OfflineHint } from "../core/analyze";

export const EDITOR_OFFLINE_HINT: OfflineHint = (url, prefix) =>
  `add a folder holding a schema whose "$id" is ${url} to the specmint.schemaDirs setting, or map "${prefix}" to a local folder in specmint.refs`;
