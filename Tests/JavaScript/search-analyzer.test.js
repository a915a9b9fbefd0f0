// Cross-checks the query-time analyzer in search.js against the index-time analyzer in
// DutchAnalyzer.swift: Tests/Fixtures/search/analyzer-tokens.jsonl holds the Swift tokens of
// every sentence of analyzer-sentences.txt (DutchAnalyzerTests asserts that it still does).
// Run with: node --test Tests/JavaScript/
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const search = require('../../Sources/KortompediaSearch/Resources/search.js');
const fixtures = path.join(__dirname, '..', 'Fixtures', 'search');

function lines(name) {
  return fs.readFileSync(path.join(fixtures, name), 'utf8').split('\n').filter((line) => line !== '');
}

test('tokens agree with the Swift analyzer on every fixture sentence', () => {
  const sentences = lines('analyzer-sentences.txt');
  const expected = lines('analyzer-tokens.jsonl').map((line) => JSON.parse(line));
  assert.strictEqual(sentences.length, expected.length);
  assert.ok(sentences.length >= 15);
  sentences.forEach((sentence, i) => {
    const actual = search.tokens(sentence).map((t) => [t.word, t.term, t.joined]);
    assert.deepStrictEqual(actual, expected[i], sentence);
  });
});

test('folding, stemming and stop words', () => {
  assert.deepStrictEqual(search.terms('Coöperatie'), search.terms('cooperatie'));
  assert.deepStrictEqual(search.terms('ENQUÊTE'), search.terms('enquete'));
  assert.deepStrictEqual(search.terms('opleidingen'), search.terms('opleiding'));
  assert.deepStrictEqual(search.terms('gemeentelijke'), search.terms('gemeentelijk'));
  assert.deepStrictEqual(search.terms('De kat en de hond'), ['kat', 'hond']);
  assert.deepStrictEqual(search.words('De kat en de hond'), ['de', 'kat', 'en', 'de', 'hond']);
  // Words that are also names of Object properties are ordinary words.
  assert.deepStrictEqual(search.terms('constructor __proto__ hasOwnProperty'), ['constructor', 'proto', 'hasownproperty']);
});

test('query parsing: phrases, prefixes, hyphens', () => {
  const q = search.parseQuery('"sociale media" gemeent');
  assert.deepStrictEqual(q.phrases, [['sociale', 'media']]);
  assert.deepStrictEqual(q.clauses.map((c) => [c.word, c.prefix]), [['sociale', false], ['media', false], ['gemeent', true]]);
  assert.strictEqual(search.parseQuery('gemeent ').clauses[0].prefix, false);
  assert.strictEqual(search.parseQuery('co').clauses[0].prefix, false);  // too short to expand
  const hyphen = search.parseQuery('e-mail').clauses;
  assert.strictEqual(hyphen.length, 1);
  assert.strictEqual(hyphen[0].word, 'email');
  assert.deepStrictEqual(search.parseQuery('de het een').clauses, []);
});

test('one-edit distance', () => {
  assert.ok(search.withinOneEdit('nieuwsbrief', 'nieuwsbrieff'));
  assert.ok(search.withinOneEdit('nieuwsbrief', 'nieuwsbief'));
  assert.ok(search.withinOneEdit('nieuwsbrief', 'nieuwsbriaf'));
  assert.ok(search.withinOneEdit('nieuwsbrief', 'nieuwsbreif'));
  assert.ok(!search.withinOneEdit('nieuwsbrief', 'nieuwbreif'));
  assert.ok(!search.withinOneEdit('plan', 'plannen'));
});

test('postings decode', () => {
  // Pages 0 (impact 12), 1 (impact 11), 40 (impact 27): gaps 0, 0, 38 (38 = 6 + 32×1).
  assert.deepStrictEqual(search.decodePostings('AMALmBb'), { pages: [0, 1, 40], impacts: [12, 11, 27] });
});
