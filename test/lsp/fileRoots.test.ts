// Where a schema's referenced files may come from in the editor (issue 12), over stdio to the real
// server: only inside the workspace folders, the schema's folder tree and the specmint.schemaDirs /
// specmint.refs folders, after resolving symlinks; a refused $ref gets a diagnostic that names the
// setting and never the file's content, and hovers and samples show nothing of it. In an untrusted
// workspace no file but the open documents is read.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  DidChangeConfigurationNotification,
  HoverRequest,
  type Diagnostic,
  type Hover,
  type MarkupContent,
} from "vscode-languageserver-protocol";
import { SamplesRequest, TrustChangedNotification } from "../../common/protocol";
import { LspClient, positionOf } from "./lspClient";

const SECRET = "SECRET-OUTSIDE-7f3a";
const MAIN = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": {
    "linked": { "$ref": "link.json" },
    "passwd": { "$ref": "../../../../../../../../etc/passwd" },
    "hostname": { "$ref": "/etc/hostname" },
    "fileUrl": { "$ref": "file:///etc/hostname" },
    "inside": { "$ref": "defs/inside.json" }
  },
  "required": ["linked", "passwd", "hostname", "fileUrl", "inside"]
}
`;
const INSIDE = JSON.stringify({ enum: ["inside-value"] });

let root: string;
let ws: string;
let outside: string;
let mainUri: string;
const hostname = (() => {
  try {
    return fs.readFileSync("/etc/hostname", "utf8").trim();
  } catch {
    return "";
  }
})();

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-lsp-roots-"));
  ws = path.join(root, "ws");
  outside = path.join(root, "outside");
  fs.mkdirSync(path.join(ws, "schemas", "defs"), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "secret.json"), JSON.stringify({ enum: [SECRET] }));
  fs.symlinkSync(path.join(outside, "secret.json"), path.join(ws, "schemas", "link.json"));
  fs.writeFileSync(path.join(ws, "schemas", "defs", "inside.json"), INSIDE);
  fs.writeFileSync(path.join(ws, "schemas", "main.schema.json"), MAIN);
  mainUri = pathToFileURL(path.join(ws, "schemas", "main.schema.json")).href;
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

const unresolved = (ds: Diagnostic[]) => ds.filter((d) => d.code === "ref-unresolved");
const text = (d: Diagnostic) => (typeof d.message === "string" ? d.message : (d.message as { value: string }).value);
const noContent = (s: string, what: string) => {
  assert.ok(!s.includes(SECRET), `${what} quotes the symlinked file:\n${s}`);
  assert.ok(!/root:x?:0:0/.test(s), `${what} quotes /etc/passwd:\n${s}`);
  if (hostname.length >= 4) assert.ok(!s.includes(hostname), `${what} quotes /etc/hostname:\n${s}`);
};

async function hover(client: LspClient, needle: string): Promise<string> {
  const h = await client.request<unknown, Hover | null>(HoverRequest.type, {
    textDocument: { uri: mainUri },
    position: positionOf(MAIN, needle, 1),
  });
  return h ? (h.contents as MarkupContent).value : "";
}

test("a symlink out, ../../etc/passwd, /etc/hostname and file:///etc/hostname: refused unopened, the setting named, no content anywhere", async () => {
  const client = await LspClient.start({ workspaceFolder: ws, settings: { seed: 1, hover: { samples: 3 } } });
  try {
    await client.open(mainUri, MAIN);
    const ds = unresolved(await client.diagnosticsFor(mainUri, 1, (d) => unresolved(d).length >= 4));
    const lines = ds.map((d) => d.range.start.line).sort();
    assert.deepEqual(lines, [4, 5, 6, 7], ds.map(text).join("\n"));
    for (const d of ds) {
      const m = text(d);
      assert.match(m, /outside the folders a schema may read in the editor/, m);
      assert.match(m, /it was not opened/, m);
      assert.match(m, /specmint\.schemaDirs/, m);
      assert.doesNotMatch(m, /--schema-dir|specmint\.toml/, m);
      noContent(m, "the diagnostic");
    }
    assert.match(text(ds.find((d) => d.range.start.line === 4)!), /a symlink to .*secret\.json/);
    for (const needle of ['"linked"', '"passwd"', '"hostname"', '"fileUrl"', '"properties"'])
      noContent(await hover(client, needle), `hover on ${needle}`);
    assert.match(await hover(client, '"inside"'), /inside-value/, "a file inside the schema's folder is still used");
    try {
      const r = await client.request<unknown, { samples: unknown[] }>(SamplesRequest, {
        uri: mainUri,
        pointer: "",
        count: 3,
        seed: 1,
      });
      noContent(JSON.stringify(r), "samples");
    } catch (e) {
      noContent((e as Error).message, "the samples error");
    }
    // The setting allows the outside folder: the symlinked file is then used.
    client.settings = { seed: 1, hover: { samples: 3 }, schemaDirs: [outside] };
    client.diagnostics.delete(mainUri);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { specmint: client.settings } });
    const allowed = unresolved(await client.diagnosticsFor(mainUri, 1, (d) => unresolved(d).length === 3));
    assert.ok(!allowed.some((d) => d.range.start.line === 4), allowed.map(text).join("\n"));
    assert.match(await hover(client, '"linked"'), new RegExp(SECRET));
  } finally {
    await client.stop();
  }
});

test("untrusted: no file but the open documents is read; opening the file or granting trust uses it", async () => {
  const client = await LspClient.start({ workspaceFolder: ws, trusted: false, settings: { seed: 1, hover: { samples: 3 } } });
  try {
    await client.open(mainUri, MAIN);
    const ds = unresolved(await client.diagnosticsFor(mainUri, 1, (d) => unresolved(d).length >= 5));
    const inside = ds.find((d) => d.range.start.line === 8);
    assert.ok(inside, ds.map(text).join("\n"));
    assert.match(text(inside), /not trusted.*reads no file that is not open/);
    assert.doesNotMatch(await hover(client, '"inside"'), /inside-value/);
    // Opened in the editor, the file is used.
    const insideUri = pathToFileURL(path.join(ws, "schemas", "defs", "inside.json")).href;
    client.diagnostics.delete(mainUri);
    await client.open(insideUri, INSIDE);
    await client.diagnosticsFor(mainUri, 1, (d) => !unresolved(d).some((x) => x.range.start.line === 8));
    assert.match(await hover(client, '"inside"'), /inside-value/);
    await client.close(insideUri);
    await client.diagnosticsFor(mainUri, 1, (d) => unresolved(d).some((x) => x.range.start.line === 8));
    // Trust granted: read from disk again; the outside files stay refused.
    client.diagnostics.delete(mainUri);
    await client.connection.sendNotification(TrustChangedNotification, { trusted: true });
    const trusted = unresolved(await client.diagnosticsFor(mainUri, 1, (d) => unresolved(d).length === 4));
    assert.ok(
      trusted.every((d) => /outside the folders/.test(text(d))),
      trusted.map(text).join("\n"),
    );
    assert.match(await hover(client, '"inside"'), /inside-value/);
  } finally {
    await client.stop();
  }
});
