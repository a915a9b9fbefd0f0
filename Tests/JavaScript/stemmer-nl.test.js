// Checks the browser Dutch stemmer against the Snowball reference vocabulary,
// the same fixtures DutchStemmerTests.swift uses, so the Swift and JavaScript
// stemmers are proven to agree. Run with: node --test Tests/JavaScript/
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const stemmer = require('../../Sources/KortompediaSearch/Resources/stemmer-nl.js');
const fixtures = path.join(__dirname, '..', 'Fixtures', 'snowball-dutch');

function lines(name) {
  const list = fs.readFileSync(path.join(fixtures, name), 'utf8').split('\n');
  if (list[list.length - 1] === '') list.pop();
  return list;
}

test('agrees with Snowball on the whole vocabulary', () => {
  const words = lines('voc.txt');
  const stems = lines('output.txt');
  assert.strictEqual(words.length, 45670);
  assert.strictEqual(stems.length, words.length);
  const mismatches = [];
  words.forEach((word, i) => {
    const actual = stemmer.stem(word);
    if (actual !== stems[i]) mismatches.push(`${word}: expected ${stems[i]}, got ${actual}`);
  });
  assert.deepStrictEqual(mismatches.slice(0, 20), [],
    `${words.length - mismatches.length}/${words.length} agree`);
  assert.strictEqual(mismatches.length, 0);
});

test('spot checks', () => {
  const cases = {
    opleidingen: 'opleid', opleiding: 'opleid',
    gemeentelijke: 'meentelijk', gemeentelijk: 'meentelijk',
    maken: 'maak', lopen: 'loop', huizen: 'huis', katten: 'kat',
    schilderij: 'schilder', gevallen: 'geval', geval: 'geval', geeft: 'geef',
    innig: 'innig', innen: 'inn', 'geïnd': 'inn', 'geënt': 'ent',
  };
  for (const [word, stem] of Object.entries(cases)) {
    assert.strictEqual(stemmer.stem(word), stem, word);
  }
});

test('edge cases', () => {
  assert.strictEqual(stemmer.stem(''), '');
  assert.strictEqual(stemmer.stem('a'), 'a');
  assert.strictEqual(stemmer.stem('ge'), 'ge');
  assert.strictEqual(stemmer.stem('日本語'), '日本語');
});
