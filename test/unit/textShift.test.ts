// textShift/ShiftedView: a position outside an edit is carried into the older text exactly, one
// inside it is not, and ranges come back to the same characters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ShiftedView, textShift, toNewOffset, toOldOffset } from "../../server/textShift";

test("the differing region of two texts is their common prefix and suffix apart", () => {
  assert.deepEqual(textShift("abcdef", "abXYcdef"), { start: 2, oldEnd: 2, newEnd: 4 });
  assert.deepEqual(textShift("abcdef", "abef"), { start: 2, oldEnd: 4, newEnd: 2 });
  assert.deepEqual(textShift("same", "same"), { start: 4, oldEnd: 4, newEnd: 4 });
  // A repeated character: prefix and suffix do not overlap.
  assert.deepEqual(textShift("aaa", "aaaa"), { start: 3, oldEnd: 3, newEnd: 4 });
  const s = textShift("abcdef", "abXYcdef");
  assert.equal(toOldOffset(s, 1), 1);
  assert.equal(toOldOffset(s, 3), undefined);
  assert.equal(toOldOffset(s, 5), 3);
  assert.equal(toNewOffset(s, 3), 5);
});

test("a hover position after an edit on an earlier line lands on the same word of the older text", () => {
  const before = '{\n  "title": "T",\n  "properties": {\n    "name": { "type": "string" }\n  }\n}\n';
  const after = before.replace('"T"', '"Typed more"').replace("{\n", "{\n\n");
  const oldDoc = TextDocument.create("file:///a.json", "json", 1, before);
  const newDoc = TextDocument.create("file:///a.json", "json", 2, after);
  const view = ShiftedView.between(before, oldDoc, after, newDoc);
  const at = newDoc.positionAt(after.indexOf('"name"') + 2);
  const old = view.toOld(at);
  assert.ok(old);
  assert.equal(before.slice(oldDoc.offsetAt(old), oldDoc.offsetAt(old) + 4), 'ame"');
  const range = { start: oldDoc.positionAt(before.indexOf('"name"')), end: oldDoc.positionAt(before.indexOf('"name"') + 6) };
  const back = view.toNew(range)!;
  assert.equal(after.slice(newDoc.offsetAt(back.start), newDoc.offsetAt(back.end)), '"name"');
  // Inside the edit there is no old position.
  assert.equal(view.toOld(newDoc.positionAt(after.indexOf("Typed") + 3)), undefined);
});
