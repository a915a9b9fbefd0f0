/*
 * Kortompedia search (browser side). Dependency-free ES2017, no modules.
 *
 * Two parts:
 * - The engine (no DOM): the Dutch analyzer, which mirrors DutchAnalyzer.swift step for step
 *   (checked against the same sentences by Tests/JavaScript/), query parsing, shard loading
 *   through an injectable fetchJSON function, BM25 scoring on the impacts the index writer
 *   stored, prefix and one-typo matching, phrase checks and excerpts.
 * - The search page: enhances the form on zoeken/ (#search-form, #search-input,
 *   #search-filters, #search-status, #search-results) and reads the index from the folder
 *   named by this script's data-index attribute, relative to the page.
 *
 * Index layout (see SearchIndexFormat.swift): manifest.json, t/<key>.json term shards,
 * p/<id>.json page fragments.
 *
 * In Node: const search = require('./search.js'); new search.Engine({ fetchJSON }).
 */
var KortompediaSearch = (function () {
  'use strict';

  var Stemmer = typeof KortompediaStemmer !== 'undefined' ? KortompediaStemmer
    : (typeof require === 'function' ? require('./stemmer-nl.js') : null);

  var FORMAT_VERSION = 1;

  // ---------------------------------------------------------------------------------------
  // Analysis: a mirror of DutchAnalyzer.swift and TextFolding.swift.

  var MAXIMUM_TERM_LENGTH = 40;

  var STOP_WORDS = new Set((
    'aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus ' +
    'een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand ' +
    'iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets ' +
    'nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel ' +
    'voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou'
  ).split(' '));

  // TextFolding: precomposed Latin letters to their folded form.
  var LATIN = Object.create(null);
  [
    ['a', 'àáâãäåāăąǎÀÁÂÃÄÅĀĂĄǍ'], ['c', 'çćĉċčÇĆĈĊČ'], ['d', 'ďđĎĐ'],
    ['e', 'èéêëēĕėęěÈÉÊËĒĔĖĘĚ'], ['g', 'ĝğġģĜĞĠĢ'], ['h', 'ĥħĤĦ'],
    ['i', 'ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ'], ['j', 'ĵĴ'], ['k', 'ķĶ'], ['l', 'ĺļľŀłĹĻĽĿŁ'],
    ['n', 'ñńņňŉÑŃŅŇ'], ['o', 'òóôõöōŏőǒøÒÓÔÕÖŌŎŐǑØ'], ['r', 'ŕŗřŔŖŘ'],
    ['s', 'śŝşšșŚŜŞŠȘ'], ['t', 'ţťțŧŢŤȚŦ'], ['u', 'ùúûüũūŭůűųǔÙÚÛÜŨŪŬŮŰŲǓ'],
    ['w', 'ŵŴ'], ['y', 'ýÿŷÝŶŸ'], ['z', 'źżžŹŻŽ'],
    ['ss', 'ß'], ['ae', 'æÆ'], ['oe', 'œŒ'], ['ij', 'ĳĲ'], ['th', 'þÞ']
  ].forEach(function (group) {
    for (var letter of group[1]) LATIN[letter] = group[0];
  });

  /** TextFolding.fold: lowercase, base letters, combining marks dropped, ligatures expanded. */
  function fold(text) {
    var out = '';
    for (var ch of text) {
      var v = ch.codePointAt(0);
      if (v < 0x80) {
        out += (v >= 0x41 && v <= 0x5A) ? String.fromCharCode(v + 0x20) : ch;
      } else if (v >= 0x300 && v <= 0x36F) {
        continue;
      } else if (LATIN[ch] !== undefined) {
        out += LATIN[ch];
      } else {
        out += ch.toLowerCase();
      }
    }
    return out;
  }

  /** DutchAnalyzer.isWordCharacter. */
  function isWordChar(v) {
    if (v < 0x80) return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A);
    if (v < 0xC0) return false;
    if (v === 0xD7 || v === 0xF7) return false;
    if (v < 0x2000) return true;
    if (v < 0x3040) return false;
    if (v >= 0xD800 && v <= 0xF8FF) return false;
    if (v >= 0xFE00 && v <= 0xFFFF) return false;
    if (v >= 0x1F000 && v <= 0x1FAFF) return false;
    if (v >= 0xE0000) return false;
    return true;
  }
  function isMark(v) { return v >= 0x300 && v <= 0x36F; }
  function isApostrophe(v) { return v === 0x27 || v === 0x2019; }
  function isHyphen(v) { return v === 0x2D || v === 0x2010 || v === 0x2011; }

  // DutchAnalyzer.compose: base letter + combining mark → precomposed letter.
  var COMPOSE = {
    0x61: { 0x300: 0xE0, 0x301: 0xE1, 0x302: 0xE2, 0x308: 0xE4 },
    0x65: { 0x300: 0xE8, 0x301: 0xE9, 0x302: 0xEA, 0x308: 0xEB },
    0x69: { 0x300: 0xEC, 0x301: 0xED, 0x302: 0xEE, 0x308: 0xEF },
    0x6F: { 0x300: 0xF2, 0x301: 0xF3, 0x302: 0xF4, 0x308: 0xF6 },
    0x75: { 0x300: 0xF9, 0x301: 0xFA, 0x302: 0xFB, 0x308: 0xFC },
    0x6E: { 0x303: 0xF1 },
    0x63: { 0x327: 0xE7 }
  };

  /** The lowercase form of one word character (not a mark), as WordScanner.appendLowercase. */
  function lowerChar(v) {
    if (v < 0x80) return String.fromCharCode(v >= 0x41 && v <= 0x5A ? v + 0x20 : v);
    if (v >= 0xC0 && v <= 0xDE && v !== 0xD7) return String.fromCharCode(v + 0x20);
    if (v >= 0xDF && v <= 0xFF) return String.fromCharCode(v);
    return String.fromCodePoint(v).toLowerCase();
  }

  /**
   * Steps 1-3 of the analysis: calls fn(lowercaseWord, start, end, hasHyphen) for every word
   * of text, where start/end are UTF-16 offsets of the word in text. Hyphenated words come
   * whole (with '-'); forEachWord splits them.
   */
  function forEachRawWord(text, fn) {
    var buf = '', lastLen = 0, lastValue = 0, hyphen = false, start = -1, end = -1;
    var n = text.length, i = 0;
    function append(s, v) { lastLen = s.length; lastValue = v; buf += s; }
    function appendLower(v) {
      var lower = lowerChar(v);
      if (lower.length === 1 || (lower.length === 2 && lower.codePointAt(0) > 0xFFFF)) {
        append(lower, lower.codePointAt(0));
      } else {
        for (var ch of lower) append(ch, ch.codePointAt(0));
      }
    }
    function flush() {
      if (buf.length > 0) fn(buf, start, end, hyphen);
      buf = ''; hyphen = false; lastValue = 0; lastLen = 0; start = -1;
    }
    while (i < n) {
      var at = i;
      var v = text.codePointAt(i);
      i += v > 0xFFFF ? 2 : 1;
      if (isMark(v)) {
        if (buf.length === 0) continue;
        var table = COMPOSE[lastValue];
        var composed = table && table[v];
        if (composed) {
          buf = buf.slice(0, buf.length - lastLen);
          append(String.fromCharCode(composed), composed);
        }
        end = i;
      } else if (isWordChar(v)) {
        if (buf.length === 0) start = at;
        appendLower(v);
        end = i;
      } else if (buf.length > 0 && i < n && (isApostrophe(v) || isHyphen(v)) && isWordChar(text.codePointAt(i))) {
        if (isHyphen(v)) { hyphen = true; append('-', 0x2D); } else { append("'", 0x27); }
      } else {
        flush();
      }
    }
    flush();
  }

  /** DutchAnalyzer.forEachWord: fn(lowercaseWord, isJoined) per word, hyphenated words split. */
  function forEachWord(text, fn) {
    forEachRawWord(text, function (word, start, end, hyphen) {
      splitHyphens(word, hyphen, fn);
    });
  }

  function splitHyphens(word, hyphen, fn) {
    if (!hyphen) { fn(word, false); return; }
    var parts = word.split('-');
    for (var k = 0; k < parts.length; k++) fn(parts[k], false);
    if (parts.length > 1) fn(parts.join(''), true);
  }

  var analysisCache = new Map();

  /** DutchAnalyzer.analyze: { word, term, stop } for one lowercase word. */
  function analyzeWord(lower) {
    var cached = analysisCache.get(lower);
    if (cached) return cached;
    var word = fold(lower), result;
    if (STOP_WORDS.has(word)) {
      result = { word: word, term: null, stop: true };
    } else {
      var count = 0, allDigits = true;
      for (var ch of word) {
        count++;
        var c = ch.charCodeAt(0);
        if (!(c >= 0x30 && c <= 0x39)) allDigits = false;
      }
      var term = (count < 2 && !allDigits) || count > MAXIMUM_TERM_LENGTH ? null : fold(Stemmer.stem(lower));
      result = { word: word, term: term, stop: false };
    }
    if (analysisCache.size > 100000) analysisCache.clear();
    analysisCache.set(lower, result);
    return result;
  }

  /** DutchAnalyzer.tokens: [{ word, term, joined }]. */
  function tokens(text) {
    var out = [];
    forEachWord(text, function (lower, joined) {
      var a = analyzeWord(lower);
      out.push({ word: a.word, term: a.term, joined: joined });
    });
    return out;
  }

  /** DutchAnalyzer.terms. */
  function terms(text) {
    return tokens(text).filter(function (t) { return t.term !== null; }).map(function (t) { return t.term; });
  }

  /** DutchAnalyzer.words: folded surface words, stop words kept, joined forms left out. */
  function words(text) {
    return tokens(text).filter(function (t) { return !t.joined; }).map(function (t) { return t.word; });
  }

  // ---------------------------------------------------------------------------------------
  // Index formats (SearchIndexFormat.swift).

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = new Int8Array(128).fill(-1);
  for (var d = 0; d < 64; d++) DIGIT[ALPHABET.charCodeAt(d)] = d;

  /** Decodes a posting list into { pages: Int32Array, impacts: Uint8Array }. */
  function decodePostings(text) {
    var pages = [], impacts = [], previous = -1, i = 0, n = text.length;
    while (i < n) {
      var value = 0, shift = 0, digit;
      while ((digit = DIGIT[text.charCodeAt(i++)]) >= 32) { value += (digit - 32) * Math.pow(2, shift); shift += 5; }
      value += digit * Math.pow(2, shift);
      previous = previous + value + 1;
      pages.push(previous);
      impacts.push(DIGIT[text.charCodeAt(i++)]);
    }
    return { pages: pages, impacts: impacts };
  }

  /** SearchIndexFormat.key. */
  function keyOf(text, length) {
    var out = '', count = 0;
    for (var ch of text) {
      if (count === length) break;
      var v = ch.codePointAt(0);
      out += (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) ? ch : '_';
      count++;
    }
    return out;
  }

  var MAXIMUM_KEY_LENGTH = 4;

  /** SearchIndexFormat.shard: the longest existing key of text, else its two-letter key. */
  function shardOf(text, keys) {
    for (var length = MAXIMUM_KEY_LENGTH; length >= 1; length--) {
      var key = keyOf(text, length);
      if (Array.from(key).length === length && keys.has(key)) return key;
    }
    return keyOf(text, 2);
  }

  /** Whether a and b are at most one edit apart (insert, delete, substitute, swap neighbours). */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /**
   * The edit distance of a and b, a swap of two neighbouring letters counting as one edit as in
   * withinOneEdit (optimal string alignment), or limit + 1 as soon as it is more than limit.
   */
  function editDistance(a, b, limit) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var beforePrevious = null, previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i], rowMinimum = i;
      for (var k = 1; k <= b.length; k++) {
        var value = Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        if (beforePrevious && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          value = Math.min(value, beforePrevious[k - 2] + 1);
        }
        current.push(value);
        if (value < rowMinimum) rowMinimum = value;
      }
      if (rowMinimum > limit) return limit + 1;
      beforePrevious = previous;
      previous = current;
    }
    return Math.min(previous[b.length], limit + 1);
  }

  // ---------------------------------------------------------------------------------------
  // Queries.

  var PREFIX_MINIMUM = 3;
  var TYPO_MINIMUM = 5;
  var SUGGESTION_MINIMUM = 4;
  var MAX_EXPANSIONS = 40;
  var WEIGHT_EXACT = 1, WEIGHT_PREFIX = 0.85, WEIGHT_TYPO = 0.7, WEIGHT_PART = 0.9;

  /**
   * Parses a query: quoted parts ("…", “…”, „…”) are phrases; the last word is a prefix unless
   * the query ends with a space or a quote. Returns { clauses, phrases } where each clause is
   * { word, term, lower, prefix, parts, from, to } (one per searchable word; parts for
   * hyphenated words; from and to its place in the query) and each phrase is a list of folded
   * words.
   */
  function parseQuery(query) {
    var clauses = [], phrases = [];
    var text = String(query || '');
    var segments = [], re = /["“”„]/g, last = 0, inQuote = false, m;
    while ((m = re.exec(text)) !== null) {
      segments.push({ text: text.slice(last, m.index), quoted: inQuote, base: last });
      inQuote = !inQuote;
      last = m.index + 1;
    }
    segments.push({ text: text.slice(last), quoted: inQuote, base: last });
    var endsOpen = text.length > 0 && !/[\s"“”„]$/.test(text) && !segments[segments.length - 1].quoted;
    segments.forEach(function (segment) {
      var phraseWords = [];
      forEachRawWord(segment.text, function (lower, start, end, hyphen) {
        var parts = [];
        splitHyphens(lower, hyphen, function (w, joined) { parts.push({ lower: w, joined: joined }); });
        parts.forEach(function (p) { if (!p.joined) phraseWords.push(analyzeWord(p.lower).word); });
        // A hyphenated word is one clause: its joined form, or all its parts.
        var main = parts[parts.length - 1];
        var a = analyzeWord(main.lower);
        var alternatives = parts.length > 1 ? parts.slice(0, -1).map(function (p) { return analyzeWord(p.lower); })
          .filter(function (x) { return x.term !== null; }) : [];
        if (a.term === null && alternatives.length === 0) return;
        clauses.push({
          word: a.word, term: a.term, lower: main.lower, prefix: false, quoted: segment.quoted,
          parts: alternatives, from: segment.base + start, to: segment.base + end
        });
      });
      if (segment.quoted && phraseWords.length > 1) phrases.push(phraseWords);
    });
    if (endsOpen && clauses.length > 0) {
      var lastClause = clauses[clauses.length - 1];
      if (!lastClause.quoted && lastClause.parts.length === 0 && Array.from(lastClause.word).length >= PREFIX_MINIMUM) {
        lastClause.prefix = true;
      }
    }
    return { clauses: clauses, phrases: phrases };
  }

  // ---------------------------------------------------------------------------------------
  // The engine.

  /**
   * new Engine({ fetchJSON }) where fetchJSON(path) returns a promise of the parsed JSON file
   * at path relative to the index folder (null when missing).
   */
  function Engine(options) {
    this.fetchJSON = options.fetchJSON;
    this.manifestPromise = null;
    this.shards = new Map();
    this.pages = new Map();
  }

  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.manifestPromise = Promise.resolve(this.fetchJSON('manifest.json')).then(function (m) {
        if (!m || m.version !== FORMAT_VERSION) throw new Error('Kortompedia: unknown search index version');
        m.keys = new Set(m.shards);
        m.themeTitles = Object.create(null);
        m.themes.forEach(function (t) { m.themeTitles[t.slug] = t.title; });
        self.manifestData = m;
        return m;
      }).catch(function (error) { self.manifestPromise = null; throw error; });
    }
    return this.manifestPromise;
  };

  /** Loads a shard (cached); resolves to { terms, postings, words, index: Map, decoded: Map }. */
  Engine.prototype.shard = function (key) {
    var self = this;
    if (!this.shards.has(key)) {
      var promise = Promise.resolve(this.fetchJSON('t/' + key + '.json')).then(function (data) {
        data = data || { terms: [], postings: [], words: {} };
        var index = new Map();
        data.terms.forEach(function (t, i) { index.set(t, i); });
        data.index = index;
        data.decoded = new Map();
        data.key = key;
        return data;
      });
      promise.catch(function () { self.shards.delete(key); });
      this.shards.set(key, promise);
    }
    return this.shards.get(key);
  };

  /** Loads the fragment of a page (cached). */
  Engine.prototype.page = function (id) {
    var self = this;
    if (!this.pages.has(id)) {
      var promise = Promise.resolve(this.fetchJSON('p/' + id + '.json'));
      promise.catch(function () { self.pages.delete(id); });
      this.pages.set(id, promise);
    }
    return this.pages.get(id);
  };

  function postingsOf(shard, i) {
    var decoded = shard.decoded.get(i);
    if (!decoded) { decoded = decodePostings(shard.postings[i]); shard.decoded.set(i, decoded); }
    return decoded;
  }

  /**
   * The shard keys of a clause's word with its first letters changed the way they are most
   * often mistyped or misspelled: the first two swapped, the first doubled, and the Dutch
   * spelling variants c/k (`kommunicatie`), s/z and f/v. Only keys the index has.
   */
  function firstLetterVariantKeys(clause, keys) {
    var w = Array.from(clause.word);
    var variants = [w.slice(1), [w[1], w[0]].concat(w.slice(2))];
    var swaps = { c: 'k', k: 'c', s: 'z', z: 's', f: 'v', v: 'f' };
    [0, 1].forEach(function (i) {
      if (swaps[w[i]] && (i === 0 || w[i] === 'c' || w[i] === 'k')) {
        var v = w.slice();
        v[i] = swaps[w[i]];
        variants.push(v);
      }
    });
    var found = [];
    variants.forEach(function (v) {
      var key = shardOf(v.join(''), keys);
      if (keys.has(key) && found.indexOf(key) < 0) found.push(key);
    });
    return found;
  }

  /** The shard keys a clause needs. */
  function clauseKeys(clause, keys) {
    var needed = new Set();
    var all = [clause].concat(clause.parts);
    all.forEach(function (c) {
      if (c.term !== null) needed.add(shardOf(c.term, keys));
      needed.add(shardOf(c.word, keys));
    });
    if (clause.prefix) {
      var p = keyOf(clause.word, MAXIMUM_KEY_LENGTH);
      keys.forEach(function (k) {
        if (p.indexOf(k) === 0 || (k.length > p.length && k.indexOf(p) === 0)) needed.add(k);
      });
    }
    return needed;
  }

  /**
   * The alternatives of a clause: a Map "key/index" → { shard, index, weight, term }, using
   * exact terms and surface words, then prefixes of the last word, then (only when nothing
   * matched exactly) words one typo away.
   */
  function expandClause(clause, shards) {
    var found = new Map();
    function add(shard, index, weight) {
      var id = shard.key + '/' + index;
      var known = found.get(id);
      if (!known || known.weight < weight) {
        found.set(id, { shard: shard, index: index, weight: weight, term: shard.terms[index] });
      }
    }
    var exactTerms = [clause].concat(clause.parts).filter(function (c) { return c.term !== null; });
    shards.forEach(function (shard) {
      exactTerms.forEach(function (c, k) {
        var weight = k === 0 ? WEIGHT_EXACT : WEIGHT_PART;
        var i = shard.index.get(c.term);
        if (i !== undefined) add(shard, i, weight);
        var w = shard.words[c.word];
        if (typeof w === 'number') add(shard, w, weight);
      });
    });
    if (clause.prefix) {
      var p = clause.word, prefixHits = [];
      shards.forEach(function (shard) {
        shard.terms.forEach(function (t, i) { if (t.indexOf(p) === 0) prefixHits.push([shard, i]); });
        Object.keys(shard.words).forEach(function (w) {
          if (w.indexOf(p) === 0) prefixHits.push([shard, shard.words[w]]);
        });
      });
      if (prefixHits.length > MAX_EXPANSIONS) {
        prefixHits.sort(function (a, b) { return b[0].postings[b[1]].length - a[0].postings[a[1]].length; });
        prefixHits = prefixHits.slice(0, MAX_EXPANSIONS);
      }
      prefixHits.forEach(function (h) { add(h[0], h[1], WEIGHT_PREFIX); });
    }
    if (found.size === 0 && Array.from(clause.word).length >= TYPO_MINIMUM) {
      shards.forEach(function (shard) {
        if (clause.term !== null) {
          shard.terms.forEach(function (t, i) { if (withinOneEdit(t, clause.term)) add(shard, i, WEIGHT_TYPO); });
        }
        Object.keys(shard.words).forEach(function (w) {
          if (withinOneEdit(w, clause.word)) add(shard, shard.words[w], WEIGHT_TYPO);
        });
      });
    }
    return Array.from(found.values());
  }

  /**
   * For a clause that matched nothing, the indexed word nearest to its word, for "Bedoelde je
   * …?": at most one edit away in a word of four letters, two in a longer one (one typo in
   * those is matched already); among equally near words the one on most pages, then the first
   * alphabetically. Looked for in the shards the clause loaded. A term is shown as the nearest
   * of itself and the words the index maps to it (a stem such as `communicati` is nearer as
   * `communicatie`), a word ahead of a stem when they are as near. Null when there is none.
   */
  function suggestionFor(clause, shards) {
    var word = clause.word, length = Array.from(word).length;
    if (length < SUGGESTION_MINIMUM) return null;
    var limit = length >= TYPO_MINIMUM ? 2 : 1;
    var best = null;
    shards.forEach(function (shard) {
      // Per term index: the nearest way to write it, { text, distance, isWord }.
      var nearest = new Map();
      function offer(index, text, isWord) {
        var distance = editDistance(text, word, limit);
        if (distance > limit) return;
        var known = nearest.get(index);
        if (!known || distance < known.distance || (distance === known.distance && isWord && !known.isWord)) {
          nearest.set(index, { text: text, distance: distance, isWord: isWord });
        }
      }
      Object.keys(shard.words).forEach(function (w) { offer(shard.words[w], w, true); });
      shard.terms.forEach(function (t, i) { offer(i, t, false); });
      nearest.forEach(function (candidate, index) {
        var pages = postingsOf(shard, index).pages.length;
        if (!best || candidate.distance < best.distance ||
            (candidate.distance === best.distance && (pages > best.pages || (pages === best.pages && candidate.text < best.text)))) {
          best = { text: candidate.text, distance: candidate.distance, pages: pages };
        }
      });
    });
    return best ? best.text : null;
  }

  /** The query with each clause's suggestion in place of its word, or null when none has one. */
  function suggestedQuery(query, clauses) {
    var text = String(query || ''), changed = false;
    clauses.slice().sort(function (a, b) { return b.from - a.from; }).forEach(function (clause) {
      if (!clause.suggestion) return;
      text = text.slice(0, clause.from) + clause.suggestion + text.slice(clause.to);
      changed = true;
    });
    return changed ? text : null;
  }

  function idf(pageCount, df) {
    return Math.log(1 + (pageCount - df + 0.5) / (df + 0.5));
  }

  /**
   * Searches. options: { themes: [slug], types: ['article'|'blog'] }. Resolves to a result
   * { query, clauses, phrases, ids (ranked), scores, total, exact, matchedTerms, suggestion };
   * total is exact unless the query has phrases that are checked as results are loaded (see
   * results()); suggestion is the query with its words that matched nothing replaced by the
   * nearest indexed words (see suggestionFor), or null.
   */
  Engine.prototype.search = function (query, options) {
    var self = this;
    options = options || {};
    var parsed = parseQuery(query);
    return this.manifest().then(function (manifest) {
      var clauses = parsed.clauses;
      if (clauses.length === 0) {
        return { query: query, clauses: [], phrases: parsed.phrases, ids: [], total: 0, exact: true, matchedTerms: new Set() };
      }
      var perClause = clauses.map(function (c) { return Array.from(clauseKeys(c, manifest.keys)); });
      var allKeys = new Set();
      perClause.forEach(function (keys) { keys.forEach(function (k) { allKeys.add(k); }); });
      var keyList = Array.from(allKeys).filter(function (k) { return manifest.keys.has(k); });
      var byKey = new Map();
      function shardsOf(keys) {
        return keys.filter(function (k) { return byKey.has(k); }).map(function (k) { return byKey.get(k); });
      }
      function load(keys) {
        return Promise.all(keys.map(function (k) { return self.shard(k); })).then(function (loaded) {
          loaded.forEach(function (s) { byKey.set(s.key, s); });
        });
      }
      return load(keyList).then(function () {
        // A word that matches nothing, not even one typo away, may have its typo in the first
        // letters, which choose the shard: look in the shards of those variants too.
        var extra = [];
        clauses.forEach(function (clause, c) {
          if (Array.from(clause.word).length < TYPO_MINIMUM || expandClause(clause, shardsOf(perClause[c])).length > 0) return;
          firstLetterVariantKeys(clause, manifest.keys).forEach(function (k) {
            if (perClause[c].indexOf(k) < 0) { perClause[c].push(k); extra.push(k); }
          });
        });
        return load(extra.filter(function (k) { return !byKey.has(k); }));
      }).then(function () {
        return rank(manifest, query, parsed, perClause.map(shardsOf), options);
      });
    });
  };

  function passesFilters(manifest, id, options) {
    var themes = options.themes || [], types = options.types || [];
    if (themes.length === 0 && types.length === 0) return true;
    var width = manifest.flagWidth, value = 0;
    for (var k = 0; k < width; k++) value = value * 64 + DIGIT[manifest.flags.charCodeAt(id * width + k)];
    if (types.length > 0) {
      var kind = value & 1 ? 'blog' : 'article';
      if (types.indexOf(kind) < 0) return false;
    }
    if (themes.length > 0) {
      var ok = false;
      for (var t = 0; t < manifest.themes.length && !ok; t++) {
        if (themes.indexOf(manifest.themes[t].slug) >= 0 && (value & Math.pow(2, 2 + t))) ok = true;
      }
      if (!ok) return false;
    }
    return true;
  }

  /** Scores and orders the pages (pure computation on loaded shards). */
  function rank(manifest, query, parsed, shardsPerClause, options) {
    var n = manifest.pageCount;
    var total = new Float64Array(n);
    var matched = new Uint16Array(n);
    var matchedTerms = new Set();
    var clauseScore = new Float64Array(n);
    var touched = [];
    parsed.clauses.forEach(function (clause, c) {
      var alternatives = expandClause(clause, shardsPerClause[c]);
      clause.alternatives = alternatives.map(function (a) { return a.term; });
      clause.suggestion = alternatives.length === 0 ? suggestionFor(clause, shardsPerClause[c]) : null;
      touched.length = 0;
      alternatives.forEach(function (alt) {
        matchedTerms.add(alt.term);
        var postings = postingsOf(alt.shard, alt.index);
        var weight = alt.weight * idf(n, postings.pages.length);
        for (var k = 0; k < postings.pages.length; k++) {
          var page = postings.pages[k], score = weight * postings.impacts[k];
          if (clauseScore[page] === 0) touched.push(page);
          if (score > clauseScore[page]) clauseScore[page] = score;
        }
      });
      touched.forEach(function (page) {
        total[page] += clauseScore[page];
        matched[page] += 1;
        clauseScore[page] = 0;
      });
    });
    var need = parsed.clauses.length;
    var ids = [];
    for (var id = 0; id < n; id++) {
      if (matched[id] === need && passesFilters(manifest, id, options)) ids.push(id);
    }
    var exactAll = true;
    if (ids.length === 0 && need > 1 && parsed.phrases.length === 0) {
      // Nobody has every word: fall back to pages with most of them.
      exactAll = false;
      for (var j = 0; j < n; j++) if (matched[j] > 0 && passesFilters(manifest, j, options)) ids.push(j);
    }
    ids.sort(function (a, b) {
      return (matched[b] - matched[a]) || (total[b] - total[a]) || (a - b);
    });
    return {
      query: query, clauses: parsed.clauses, phrases: parsed.phrases, ids: ids,
      scores: ids.map(function (i) { return total[i]; }), total: ids.length,
      exact: parsed.phrases.length === 0, allWords: exactAll, matchedTerms: matchedTerms,
      suggestion: suggestedQuery(query, parsed.clauses), checked: 0, verified: []
    };
  }

  /** Whether words (folded, in order) contain phrase as consecutive words. */
  function containsPhrase(list, phrase) {
    outer: for (var i = 0; i + phrase.length <= list.length; i++) {
      for (var k = 0; k < phrase.length; k++) if (list[i + k] !== phrase[k]) continue outer;
      return true;
    }
    return false;
  }

  function pageMatchesPhrases(page, phrases) {
    var fields = [page.title, page.summary].concat(page.sections.map(function (s) { return s[1]; }))
      .concat(page.sections.map(function (s) { return s[2]; }));
    var fieldWords = fields.map(words);
    return phrases.every(function (phrase) {
      return fieldWords.some(function (list) { return containsPhrase(list, phrase); });
    });
  }

  /**
   * The displayable results from start to start+count: loads their fragments, drops pages that
   * fail a phrase check (and fills up from the next ones), and builds excerpts. Each item:
   * { id, url (relative to the index folder), title, kind, members, themes: [title], date,
   *   excerpt: [{ text, mark }], anchor }.
   * For phrase queries result.total becomes exact once every candidate has been checked;
   * result.exact tells which it is.
   */
  Engine.prototype.results = function (result, start, count) {
    var self = this;
    return this.manifest().then(function (manifest) {
      if (result.phrases.length === 0) {
        var ids = result.ids.slice(start, start + count);
        return Promise.all(ids.map(function (id) { return self.page(id); })).then(function (pages) {
          return pages.map(function (page, k) { return describe(manifest, result, ids[k], page); });
        });
      }
      // Phrase queries: check candidates in order until enough pass.
      function fill() {
        if (result.verified.length >= start + count || result.checked >= result.ids.length) {
          if (result.checked >= result.ids.length) { result.total = result.verified.length; result.exact = true; }
          var chosen = result.verified.slice(start, start + count);
          return Promise.all(chosen.map(function (id) { return self.page(id); })).then(function (pages) {
            return pages.map(function (page, k) { return describe(manifest, result, chosen[k], page); });
          });
        }
        var batch = result.ids.slice(result.checked, result.checked + Math.max(count, 10));
        return Promise.all(batch.map(function (id) { return self.page(id); })).then(function (pages) {
          pages.forEach(function (page, k) {
            if (page && pageMatchesPhrases(page, result.phrases)) result.verified.push(batch[k]);
          });
          result.checked += batch.length;
          return fill();
        });
      }
      return fill();
    });
  };

  /** Whether a token (from a page text) shows a match of the query. */
  function tokenMatches(result, word, term) {
    if (term !== null && result.matchedTerms.has(term)) return true;
    for (var c = 0; c < result.clauses.length; c++) {
      var clause = result.clauses[c];
      if (clause.prefix && word.indexOf(clause.word) === 0) return true;
      if (word === clause.word) return true;
      // Compounds: the query word inside a longer word (communicatie in crisiscommunicatie).
      if (clause.word.length >= 4 && word.length > clause.word.length && word.indexOf(clause.word) >= 0) return true;
    }
    return false;
  }

  /** The words of text with offsets and whether each matches: [{ start, end, hit }]. */
  function markWords(result, text) {
    var list = [];
    forEachRawWord(text, function (lower, start, end, hyphen) {
      var hit = false;
      splitHyphens(lower, hyphen, function (w) {
        var a = analyzeWord(w);
        if (!a.stop && tokenMatches(result, a.word, a.term)) hit = true;
      });
      list.push({ start: start, end: end, hit: hit });
    });
    return list;
  }

  var EXCERPT_WORDS = 30;

  /** An excerpt of text around its best run of matches, as [{ text, mark }]. */
  function excerpt(result, text, marks) {
    if (marks.length === 0) return [];
    var best = 0, bestHits = -1, hits = 0;
    var window = Math.min(EXCERPT_WORDS, marks.length);
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].hit) hits++;
      if (i >= window && marks[i - window].hit) hits--;
      if (i >= window - 1 && hits > bestHits) { bestHits = hits; best = i - window + 1; }
    }
    // Start a few words before the first match in the window.
    var first = best;
    while (first < best + window && !marks[first].hit) first++;
    var from = Math.max(0, Math.min(best, first - 4));
    var to = Math.min(marks.length, from + window);
    var pieces = [];
    var cursor = marks[from].start;
    if (from > 0) pieces.push({ text: '… ', mark: false });
    for (var k = from; k < to; k++) {
      var m = marks[k];
      if (m.hit) {
        if (m.start > cursor) pieces.push({ text: text.slice(cursor, m.start), mark: false });
        pieces.push({ text: text.slice(m.start, m.end), mark: true });
        cursor = m.end;
      }
    }
    var endOffset = to < marks.length ? marks[to - 1].end : text.length;
    if (endOffset > cursor) pieces.push({ text: text.slice(cursor, endOffset), mark: false });
    if (to < marks.length) pieces.push({ text: ' …', mark: false });
    return pieces;
  }

  function describe(manifest, result, id, page) {
    page = page || { title: '', url: '', kind: 'article', members: false, themes: [], sections: [], summary: '' };
    var chosen = null, chosenHits = 0, chosenMarks = null;
    page.sections.forEach(function (section, k) {
      var marks = markWords(result, section[2]);
      var hits = 0;
      marks.forEach(function (m) { if (m.hit) hits++; });
      if (section[1]) markWords(result, section[1]).forEach(function (m) { if (m.hit) hits += 2; });
      if (hits > chosenHits) { chosen = k; chosenHits = hits; chosenMarks = marks; }
    });
    var pieces, anchor = '';
    if (chosen !== null) {
      pieces = excerpt(result, page.sections[chosen][2], chosenMarks);
      if (chosen > 0 && page.sections[chosen][0]) anchor = page.sections[chosen][0];
    } else if (page.summary) {
      pieces = excerpt(result, page.summary, markWords(result, page.summary));
    } else if (page.sections.length > 0) {
      pieces = excerpt(result, page.sections[0][2], markWords(result, page.sections[0][2]));
    } else {
      pieces = [];
    }
    return {
      id: id,
      url: manifest.root + page.url + (anchor ? '#' + anchor : ''),
      title: page.title,
      kind: page.kind,
      members: page.members,
      teaser: page.teaser,
      date: page.date,
      themes: page.themes.map(function (slug) { return manifest.themeTitles[slug] || slug; }),
      excerpt: pieces,
      anchor: anchor
    };
  }

  // ---------------------------------------------------------------------------------------
  // The search page.

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 150;

  function statusText(result, queryText) {
    var shown = '“' + queryText.trim() + '”';
    // Phrase queries not yet checked to the end: count what passed so far.
    var total = result.exact ? result.total : result.verified.length;
    var prefix = result.exact ? '' : 'Minstens ';
    if (total === 0) return 'Geen resultaten voor ' + shown;
    return prefix + total + (total === 1 ? ' resultaat' : ' resultaten') + ' voor ' + shown;
  }

  function initPage(script) {
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-input');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var filters = document.getElementById('search-filters');
    if (!form || !input || !list) return;

    var indexURL = new URL((script && script.getAttribute('data-index')) || 'index/', location.href);
    var engine = new Engine({
      fetchJSON: function (path) {
        return fetch(new URL(path, indexURL).href).then(function (response) {
          return response.ok ? response.json() : null;
        });
      }
    });

    var more = document.createElement('button');
    more.type = 'button';
    more.className = 'search-more';
    more.textContent = 'Meer resultaten';
    // style.display rather than the hidden attribute, which a theme's button styles override.
    function showMoreButton(visible) { more.style.display = visible ? '' : 'none'; }
    showMoreButton(false);
    list.parentNode.insertBefore(more, list.nextSibling);

    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    var checkedThemes = params.getAll('thema'), checkedTypes = params.getAll('type');
    if (filters) {
      Array.prototype.forEach.call(filters.querySelectorAll('input[type=checkbox]'), function (box) {
        if (box.name === 'thema') box.checked = checkedThemes.indexOf(box.value) >= 0;
        if (box.name === 'type') box.checked = checkedTypes.indexOf(box.value) >= 0;
      });
    }

    function selected(name) {
      if (!filters) return [];
      return Array.prototype.filter.call(filters.querySelectorAll('input[name="' + name + '"]'), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; });
    }

    function updateURL(q, themes, types) {
      var next = new URLSearchParams();
      if (q) next.set('q', q);
      themes.forEach(function (t) { next.append('thema', t); });
      types.forEach(function (t) { next.append('type', t); });
      var search = next.toString();
      history.replaceState(null, '', location.pathname + (search ? '?' + search : '') + location.hash);
    }

    function render(item) {
      var li = document.createElement('li');
      li.className = 'search-result';
      var heading = document.createElement('h2');
      heading.className = 'search-result-title';
      var link = document.createElement('a');
      link.href = new URL(item.url, indexURL).href;
      link.textContent = item.title;
      heading.appendChild(link);
      li.appendChild(heading);
      var meta = document.createElement('p');
      meta.className = 'search-result-meta';
      var facts = [];
      if (item.kind === 'blog') facts.push('Blog');
      facts = facts.concat(item.themes);
      if (facts.length > 0) {
        var themes = document.createElement('span');
        themes.className = 'search-result-themes';
        themes.textContent = facts.join(' · ');
        meta.appendChild(themes);
      }
      if (item.members) {
        if (facts.length > 0) meta.appendChild(document.createTextNode(' '));
        var badge = document.createElement('span');
        badge.className = 'badge badge-members';
        badge.textContent = 'Alleen voor leden';
        meta.appendChild(badge);
      }
      if (meta.childNodes.length > 0) li.appendChild(meta);
      if (item.excerpt.length > 0) {
        var p = document.createElement('p');
        p.className = 'search-result-excerpt';
        item.excerpt.forEach(function (piece) {
          if (piece.mark) {
            var mark = document.createElement('mark');
            mark.textContent = piece.text;
            p.appendChild(mark);
          } else {
            p.appendChild(document.createTextNode(piece.text));
          }
        });
        li.appendChild(p);
      }
      return li;
    }

    var generation = 0, current = null, shownCount = 0, timer = null;

    function showMore(result, mine) {
      return engine.results(result, shownCount, PAGE_SIZE).then(function (items) {
        if (mine !== generation) return;
        items.forEach(function (item) { list.appendChild(render(item)); });
        shownCount += items.length;
        showMoreButton(shownCount < result.total && items.length > 0);
        showStatus(result);
      });
    }

    // The count, and for words that matched nothing the nearest indexed words as a link that
    // searches them: "Geen resultaten voor “kommunikatie”. Bedoelde je communicatie?"
    function showStatus(result) {
      if (!status) return;
      status.textContent = statusText(result, result.query);
      var suggestion = result.suggestion;
      if (!suggestion) return;
      status.appendChild(document.createTextNode('. Bedoelde je '));
      var link = document.createElement('a');
      link.className = 'search-suggestion';
      var next = new URLSearchParams(location.search);
      next.set('q', suggestion.trim());
      link.href = location.pathname + '?' + next.toString();
      link.textContent = suggestion.trim();
      link.addEventListener('click', function (event) {
        event.preventDefault();
        input.value = suggestion;
        input.focus();
        clearTimeout(timer);
        run();
      });
      status.appendChild(link);
      status.appendChild(document.createTextNode('?'));
    }

    function run() {
      var mine = ++generation;
      var q = input.value;
      var themes = selected('thema'), types = selected('type');
      updateURL(q, themes, types);
      if (!q.trim()) {
        list.textContent = '';
        showMoreButton(false);
        if (status) status.textContent = '';
        return Promise.resolve();
      }
      return engine.search(q, { themes: themes, types: types }).then(function (result) {
        if (mine !== generation) return;
        current = result;
        list.textContent = '';
        shownCount = 0;
        return showMore(result, mine);
      }).catch(function (error) {
        if (mine !== generation) return;
        if (status) status.textContent = 'Zoeken lukt nu niet. Probeer het later opnieuw.';
        if (typeof console !== 'undefined') console.error(error);
      });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    }

    input.addEventListener('input', schedule);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    if (filters) filters.addEventListener('change', function () { clearTimeout(timer); run(); });
    more.addEventListener('click', function () {
      if (!current) return;
      var first = shownCount;
      showMore(current, generation).then(function () {
        var link = list.children[first] && list.children[first].querySelector('a');
        if (link) link.focus();
      });
    });

    // Arrow keys move between the search box and the result links.
    function links() { return Array.prototype.slice.call(list.querySelectorAll('.search-result-title a')); }
    form.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' && event.target === input) {
        var all = links();
        if (all.length > 0) { event.preventDefault(); all[0].focus(); }
      }
    });
    list.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      var all = links(), at = all.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      if (event.key === 'ArrowDown' && at + 1 < all.length) all[at + 1].focus();
      else if (event.key === 'ArrowUp') (at > 0 ? all[at - 1] : input).focus();
    });

    if (input.value.trim()) run();
  }

  if (typeof document !== 'undefined' && typeof window !== 'undefined') {
    var script = document.currentScript;
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', function () { initPage(script); });
    } else {
      initPage(script);
    }
  }

  return {
    fold: fold,
    forEachWord: forEachWord,
    analyzeWord: analyzeWord,
    tokens: tokens,
    terms: terms,
    words: words,
    parseQuery: parseQuery,
    decodePostings: decodePostings,
    keyOf: keyOf,
    shardOf: shardOf,
    withinOneEdit: withinOneEdit,
    editDistance: editDistance,
    Engine: Engine
  };
})();

if (typeof module !== 'undefined' && module.exports) {
  module.exports = KortompediaSearch;
}
