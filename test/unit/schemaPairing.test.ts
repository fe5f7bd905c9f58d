// Which schema Validate Dataset and Inspect Dataset use (client/schemaPairing.ts), decided from plain
// facts: the argument, the earlier choice for the dataset, its manifest.json, the active schema
// editor, else ask; and the summary that names the schema and says when it is probably the wrong one.
import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import {
  chooseSchema,
  looksMispaired,
  manifestBases,
  manifestFolderOf,
  manifestSchemaCandidates,
  manifestSchemaOf,
  validationSummary,
  type PairingFacts,
} from "../../client/schemaPairing";

const ws = path.resolve("/ws");
const at = (...p: string[]) => path.join(ws, ...p);
const files =
  (...present: string[]) =>
  (f: string) =>
    present.includes(f);
const people = at("people.schema.json");
const story = at("story.schema.json");
const fixtures = at("fixtures", "people");
const manifest = { path: "people.schema.json", sha256: "aaa", datasetId: "smnt_1" };
const fromFixtures = { manifest, manifestBases: manifestBases(fixtures, [ws]) };

test("with nothing to go by, nobody decides: the extension asks", () => {
  assert.equal(chooseSchema({ isFile: files(people, story) }), undefined);
});

test("the active editor is used when it is a schema and nothing else decides", () => {
  assert.deepEqual(chooseSchema({ activeSchema: story, isFile: files(story) }), { file: story, source: "active-editor" });
});

test("a generated folder's manifest.json wins over another schema in the active editor", () => {
  const facts: PairingFacts = { ...fromFixtures, activeSchema: story, isFile: files(people, story) };
  assert.deepEqual(chooseSchema(facts), { file: people, source: "manifest" });
});

test("a manifest whose schema is no longer on disk falls back to the active editor", () => {
  assert.deepEqual(chooseSchema({ ...fromFixtures, activeSchema: story, isFile: files(story) }), { file: story, source: "active-editor" });
});

test("the command's argument wins over everything", () => {
  const facts: PairingFacts = {
    argument: story,
    remembered: { schema: people, datasetId: "smnt_1" },
    ...fromFixtures,
    activeSchema: people,
    isFile: files(people, story),
  };
  assert.deepEqual(chooseSchema(facts), { file: story, source: "argument" });
});

test("a schema chosen earlier for the dataset wins over its manifest and the active editor", () => {
  const facts: PairingFacts = {
    remembered: { schema: story, datasetId: "smnt_1" },
    ...fromFixtures,
    activeSchema: people,
    isFile: files(people, story),
  };
  assert.deepEqual(chooseSchema(facts), { file: story, source: "remembered" });
});

test("a dataset generated again since the choice (another dataset_id) follows its new manifest", () => {
  const facts: PairingFacts = { remembered: { schema: story, datasetId: "smnt_0" }, ...fromFixtures, isFile: files(people, story) };
  assert.deepEqual(chooseSchema(facts), { file: people, source: "manifest" });
});

test("an earlier choice whose file is gone is not used", () => {
  const facts: PairingFacts = { remembered: { schema: at("gone.json") }, activeSchema: story, isFile: files(story) };
  assert.deepEqual(chooseSchema(facts), { file: story, source: "active-editor" });
});

test("a relative manifest path is tried from the output folder's ancestors, then the workspace folders", () => {
  const bases = manifestBases(at("a", "fixtures", "people"), [ws, path.resolve("/other")]);
  assert.deepEqual(bases.slice(0, 3), [at("a", "fixtures"), at("a"), ws]);
  assert.equal(bases.at(-1), path.resolve("/other"));
  // The CLI run from /ws/a wrote "schemas/p.json": found under /ws/a, not /ws.
  const inA = at("a", "schemas", "p.json");
  const facts: PairingFacts = { manifest: { path: "schemas/p.json" }, manifestBases: bases, isFile: files(inA, at("schemas", "p.json")) };
  assert.deepEqual(chooseSchema(facts), { file: inA, source: "manifest" });
});

test("of two files the path may mean, the one with the manifest's sha256 is the dataset's schema", () => {
  const near = at("fixtures", "people.schema.json");
  const facts: PairingFacts = {
    ...fromFixtures,
    isFile: files(near, people),
    sha256: (f) => (f === people ? "aaa" : "bbb"),
  };
  assert.deepEqual(chooseSchema(facts), { file: people, source: "manifest" });
  assert.deepEqual(chooseSchema({ ...facts, sha256: () => "ccc" }), { file: near, source: "manifest" });
});

test("absolute paths and file: URIs are taken as they are; an unsaved document's URI names no file", () => {
  assert.deepEqual(manifestSchemaCandidates(people, [at("x")]), [people]);
  assert.deepEqual(manifestSchemaCandidates("file:///ws/people.schema.json", []), [path.resolve("/ws/people.schema.json")]);
  assert.deepEqual(manifestSchemaCandidates("untitled:Untitled-1", [ws]), []);
});

test("a folder is its own manifest folder; of its files only SpecMint's own pair with its manifest", () => {
  assert.equal(manifestFolderOf(fixtures, true), fixtures);
  assert.equal(manifestFolderOf(path.join(fixtures, "dataset.jsonl"), false), fixtures);
  assert.equal(manifestFolderOf(path.join(fixtures, "record_0001.json"), false), fixtures);
  assert.equal(manifestFolderOf(path.join(fixtures, "notes.jsonl"), false), undefined);
  assert.equal(manifestFolderOf(at("data", "people-bad.jsonl"), false), undefined);
});

test("the manifest's fields are read defensively", () => {
  assert.deepEqual(manifestSchemaOf({ dataset_id: "smnt_9", schema: { path: "p.json", sha256: "abc" } }), {
    path: "p.json",
    sha256: "abc",
    datasetId: "smnt_9",
  });
  for (const bad of [null, {}, { schema: {} }, { schema: { path: 3 } }, { schema: { path: "" } }, "text"]) {
    assert.equal(manifestSchemaOf(bad), undefined, JSON.stringify(bad));
  }
});

test("the summary names the schema and how it was chosen", () => {
  const r = { records: 4, schema: 50, rules: 100, uniqueness: 100, total: 80 };
  assert.equal(
    validationSummary(r, "people.schema.json", "manifest"),
    "SpecMint: 4 records · schema 50.00 · rules 100.00 · uniqueness 100.00 · total 80.00 against people.schema.json (from manifest.json)",
  );
  assert.match(validationSummary(r, "s.json", "active-editor"), /against s\.json \(the active editor\)$/);
  assert.equal(looksMispaired(r), false);
});

test("no valid record: the summary says the schema is probably not the dataset's", () => {
  const r = { records: 5, schema: 0, rules: 100, uniqueness: 100, total: 60 };
  assert.equal(looksMispaired(r), true);
  assert.match(
    validationSummary(r, "story.schema.json", "active-editor"),
    /^SpecMint: no record is valid against story\.schema\.json \(the active editor\) — is it this dataset's schema\?/,
  );
  assert.equal(looksMispaired({ ...r, records: 1000, schema: 0.5 }), true);
  assert.match(validationSummary({ ...r, records: 1000, schema: 0.5 }, "s.json", "picked"), /almost no record is valid/);
  assert.equal(looksMispaired({ ...r, records: 0 }), false);
});
