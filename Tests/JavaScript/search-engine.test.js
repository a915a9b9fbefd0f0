// Queries the committed fixture indexes (Tests/Fixtures/search/index-public and index-members,
// written by SearchIndexWriter from Tests/Fixtures/search/site; SearchIndexWriterTests asserts
// that the writer still produces exactly these files) with the engine of search.js.
// Run with: node --test Tests/JavaScript/
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const search = require('../../Sources/KortompediaSearch/Resources/search.js');
const fixtures = path.join(__dirname, '..', 'Fixtures', 'search');

function engine(audience, fetched) {
  const folder = path.join(fixtures, 'index-' + audience);
  return new search.Engine({
    fetchJSON: async (file) => {
      if (fetched) fetched.push(file);
      try {
        return JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
      } catch (error) {
        if (error.code === 'ENOENT') return null;
        throw error;
      }
    },
  });
}

const publicEngine = engine('public');
const membersEngine = engine('members');

async function find(query, options, which) {
  const e = which || publicEngine;
  const result = await e.search(query, options);
  const items = await e.results(result, 0, 20);
  return { result, items, urls: items.map((item) => item.url.replace(/^\.\.\/\.\.\//, '').replace(/#.*$/, '')) };
}

test('stemming: opleiding finds opleidingen', async () => {
  const { urls, items } = await find('opleiding');
  assert.strictEqual(urls[0], 'kortompedia/opleidingen/');
  const marked = items[0].excerpt.filter((p) => p.mark).map((p) => p.text.toLowerCase());
  assert.ok(marked.some((text) => text.startsWith('opleiding')), JSON.stringify(items[0].excerpt));
});

test('folding: cooperatie finds coöperatie, with a deep link to its section', async () => {
  for (const q of ['cooperatie', 'coöperatie', 'COOPERATIE ']) {
    const { urls, items } = await find(q);
    assert.deepStrictEqual(urls, ['kortompedia/opleidingen/'], q);
    assert.strictEqual(items[0].anchor, 'cooperatie-met-andere-diensten');
    assert.ok(items[0].excerpt.some((p) => p.mark && p.text === 'coöperatie'));
  }
  assert.deepStrictEqual((await find('enquete ')).urls, ['kortompedia/opleidingen/']);
});

test('compounds: communicatie finds crisiscommunicatie', async () => {
  const { urls, items } = await find('communicatie ');
  assert.ok(urls.includes('kortompedia/crisis-draaiboek/'), urls.join());
  assert.strictEqual(urls[0], 'kortompedia/communicatieplan/');
  const crisis = items[urls.indexOf('kortompedia/crisis-draaiboek/')];
  assert.ok(crisis.excerpt.some((p) => p.mark && p.text === 'crisiscommunicatie'), JSON.stringify(crisis.excerpt));
});

test('prefix of the last word: gemeent', async () => {
  const { urls } = await find('gemeent');
  assert.ok(urls.includes('kortompedia/sociale-media/'), urls.join());
  assert.ok(urls.includes('kortompedia/communicatieplan/'), urls.join());
  const comm = await find('comm');
  assert.ok(comm.urls.includes('kortompedia/communicatieplan/'));
});

test('one typo in a long word: nieuwsbrieff', async () => {
  const { urls } = await find('nieuwsbrieff ');
  assert.deepStrictEqual(urls.slice().sort(), ['blog/nieuwsbrief-vernieuwd/', 'kortompedia/sociale-media/']);
  assert.deepStrictEqual((await find('nieuwsbrif ')).urls.length, 2);
  // Short words get no typo tolerance.
  assert.deepStrictEqual((await find('plen ')).urls, []);
});

test('a typo in the first letters: ineuwsbrief, nnieuwsbrief, kommunicatie', async () => {
  const expected = (await find('nieuwsbrief ')).urls.slice().sort();
  assert.ok(expected.length > 0);
  assert.deepStrictEqual((await find('ineuwsbrief ')).urls.slice().sort(), expected);
  assert.deepStrictEqual((await find('nnieuwsbrief ')).urls.slice().sort(), expected);
  const communicatie = (await find('communicatie ')).urls;
  assert.ok(communicatie.length > 0);
  assert.deepStrictEqual((await find('kommunicatie ')).urls.slice().sort(), communicatie.slice().sort());
  // Only a word that matches nothing looks further, in at most a few shards.
  const fetched = [];
  const e = engine('public', fetched);
  await e.search('kommunicatie ');
  assert.ok(fetched.filter((f) => f.startsWith('t/')).length <= 5, fetched.join(' '));
  const plain = [];
  await engine('public', plain).search('nieuwsbrief ');
  assert.strictEqual(plain.filter((f) => f.startsWith('t/')).length, 1);
});

test('a word that matches nothing gets the nearest indexed word as a suggestion', async () => {
  // Two typos (k for c, twice): nothing found, communicatie suggested, in place in the query.
  const none = await find('Kommunikatie!');
  assert.strictEqual(none.result.total, 0);
  assert.strictEqual(none.result.suggestion, 'communicatie!');
  // The other words stay as written, and a query with results still gets it.
  const some = await find('Crisis  kommunikatie ');
  assert.ok(some.result.total > 0);
  assert.strictEqual(some.result.suggestion, 'Crisis  communicatie ');
  // A swap of two letters is one edit, enough in a word of four letters; in a phrase too.
  assert.strictEqual((await find('plna ')).result.suggestion, 'plan ');
  assert.strictEqual((await find('"kommunikatie plan" ')).result.suggestion, '"communicatie plan" ');
  // A word that matches, or is too short, or has nothing near, gets none.
  for (const q of ['communicatie ', 'nieuwsbrif ', 'pln ', 'xyzzyq ']) {
    assert.strictEqual((await find(q)).result.suggestion, null, q);
  }
  // The suggestion finds what it says (the stem communicati is shown as communicatie).
  assert.ok((await find(none.result.suggestion)).result.total > 0);
});

test('editDistance counts a swap of neighbours as one edit and stops past its limit', () => {
  assert.strictEqual(search.editDistance('pers', 'pres', 2), 1);
  assert.strictEqual(search.editDistance('kitten', 'sitting', 5), 3);
  assert.strictEqual(search.editDistance('communicatie', 'kommunikatie', 2), 2);
  assert.strictEqual(search.editDistance('abc', 'xyz', 1), 2);
  assert.strictEqual(search.editDistance('coöperatie', 'cooperatie', 1), 1);
});

test('phrases: "sociale media" needs the words side by side', async () => {
  const loose = await find('sociale media ');
  assert.ok(loose.urls.includes('kortompedia/media-en-pers/'));
  const { urls, result } = await find('"sociale media"');
  assert.deepStrictEqual(urls, ['kortompedia/sociale-media/']);
  assert.strictEqual(result.total, 1);
  assert.strictEqual(result.exact, true);
});

test('ranking: title matches first', async () => {
  const { urls } = await find('media ');
  assert.strictEqual(urls[0], 'kortompedia/sociale-media/');
});

test('filters by type and theme', async () => {
  assert.deepStrictEqual((await find('nieuwsbrief', { types: ['blog'] })).urls, ['blog/nieuwsbrief-vernieuwd/']);
  assert.deepStrictEqual((await find('nieuwsbrief', { types: ['article'] })).urls, ['kortompedia/sociale-media/']);
  assert.deepStrictEqual((await find('nieuwsbrief', { themes: ['crisis'] })).urls, []);
  assert.deepStrictEqual((await find('nieuwsbrief', { themes: ['digitaal', 'crisis'] })).urls, ['kortompedia/sociale-media/']);
});

test('members-only articles: a teaser in public, in full for members', async () => {
  const teaser = await find('budgettering');
  assert.deepStrictEqual(teaser.urls, ['kortompedia/ledenartikel/']);
  assert.strictEqual(teaser.items[0].members, true);
  assert.strictEqual(teaser.items[0].teaser, true);
  assert.deepStrictEqual(teaser.items[0].themes, ['Communicatiebeleid', 'Digitale kanalen']);
  assert.ok(teaser.items[0].excerpt.map((p) => p.text).join('').includes('budget'));
  assert.deepStrictEqual((await find('zwartekatgeheim')).urls, []);
  const full = await find('zwartekatgeheim', {}, membersEngine);
  assert.deepStrictEqual(full.urls, ['kortompedia/ledenartikel/']);
  assert.strictEqual(full.items[0].members, true);
  assert.strictEqual(full.items[0].teaser, false);
});

test('multi-word queries: every word, else most words', async () => {
  assert.deepStrictEqual((await find('opleidingen coöperatie ')).urls, ['kortompedia/opleidingen/']);
  const some = await find('opleidingen xyzzyqq ');
  assert.deepStrictEqual(some.urls, ['kortompedia/opleidingen/']);
  assert.strictEqual(some.result.allWords, false);
  assert.deepStrictEqual((await find('de het')).urls, []);
});

test('a query loads the manifest, its shards and only the fragments shown', async () => {
  const fetched = [];
  const e = engine('public', fetched);
  const result = await e.search('opleiding ');
  await e.results(result, 0, 10);
  assert.deepStrictEqual(fetched.slice().sort(), ['manifest.json', 'p/4.json', 't/op.json']);
});
