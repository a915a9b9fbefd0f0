// Kortompedia query time after loading: node bench/search/query_time.js INDEX_DIR QUERY...
// Loads what each query needs once, then times engine.search (median of 20 runs) and the
// first page of results (fragments cached).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const search = require('../../Sources/KortompediaSearch/Resources/search.js');

const [dir, ...queries] = process.argv.slice(2);
const engine = new search.Engine({
  fetchJSON: async (file) => {
    try { return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')); } catch (e) { if (e.code === 'ENOENT') return null; throw e; }
  },
});

(async () => {
  for (const q of queries) {
    const first = await engine.search(q);
    await engine.results(first, 0, 10);
    const times = [];
    let result;
    for (let i = 0; i < 20; i++) {
      const t0 = process.hrtime.bigint();
      result = await engine.search(q);
      await engine.results(result, 0, 10);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`query time ${JSON.stringify(q)}: ${times[10].toFixed(2)} ms median (max ${times[19].toFixed(2)} ms), ${result.total} results`);
  }
})();
