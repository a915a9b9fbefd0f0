/*
 * Kortompedia Dutch stemmer (browser side).
 *
 * An independent implementation of the Snowball Dutch stemming algorithm of
 * Snowball 3.x (algorithms/dutch.sbl, based on Kraaij & Pohlmann; not the old
 * Porter-based "dutch_porter"). It mirrors DutchStemmer.swift step for step and
 * gives identical results; both are checked against the Snowball reference
 * vocabulary in Tests/Fixtures/snowball-dutch.
 *
 * Input: one lowercase word, NFC, diacritics kept (the algorithm handles
 * accented vowels and ë/ï itself). Works on code points, like Snowball.
 *
 * Usage: KortompediaStemmer.stem("opleidingen") === "opleid"
 */
var KortompediaStemmer = (function () {
  'use strict';

  // Letter groups as bit flags.
  var A = 1, E = 2, I = 4, O = 8, U = 16, Y = 32, WX = 64;
  var AEIOU = A | E | I | O | U, AIOU = A | I | O | U, AOU = A | O | U;
  var VOWEL = AEIOU | Y;
  var FLAGS = {};
  function group(letters, flag) {
    for (var k = 0; k < letters.length; k++) FLAGS[letters[k]] = flag;
  }
  group('aäáàâ', A); group('eëéèê', E); group('iïíìî', I);
  group('oöóòô', O); group('uüúùû', U); group('y', Y); group('wx', WX);

  function flags(ch) { return FLAGS[ch] || 0; }

  // A word being stemmed: s is an array of code points (one string each);
  // positions are gaps between characters, as in Snowball.
  function Word(word) {
    this.s = Array.from(word);
    this.p1 = 0;
    this.p2 = 0;
  }

  var W = Word.prototype;

  W.isIn = function (i, f) { return i >= 0 && i < this.s.length && (flags(this.s[i]) & f) !== 0; };
  W.isNotIn = function (i, f) { return i >= 0 && i < this.s.length && (flags(this.s[i]) & f) === 0; };

  // Does the string lit end at position c (default: the end of the word)?
  W.ends = function (lit, c) {
    if (c === undefined) c = this.s.length;
    var n = lit.length;  // all literals are single-unit characters
    if (c - n < 0 || c > this.s.length) return false;
    for (var k = 0; k < n; k++) if (this.s[c - n + k] !== lit[k]) return false;
    return true;
  };
  W.starts = function (lit, c) { return this.ends(lit, c + lit.length); };

  W.r1 = function (c) { return this.p1 <= c; };
  W.r2 = function (c) { return this.p2 <= c; };
  // Snowball V: a vowel or "ij" before c.
  W.vowelBefore = function (c) { return this.isIn(c - 1, VOWEL) || this.ends('ij', c); };
  // Snowball VX: one character back, then V.
  W.vowelBeforeNext = function (c) { return c >= 1 && this.vowelBefore(c - 1); };
  // Snowball C: a consonant (not the j of "ij") before c.
  W.consonantBefore = function (c) { return !this.ends('ij', c) && this.isNotIn(c - 1, VOWEL); };

  // Replace the suffix starting at position b with str (default: nothing).
  W.cut = function (b, str) {
    this.s.length = b;
    if (str) for (var k = 0; k < str.length; k++) this.s.push(str[k]);
  };

  // Snowball lengthen_V at the end of the word: double a single vowel before
  // a final consonant (mak -> maak); eë -> eëe, ië -> iee.
  W.lengthenVowel = function () {
    var s = this.s, ket = s.length - 1;
    if (!this.isNotIn(ket, VOWEL | WX)) return;
    if (ket >= 2 && s[ket - 1] === 'ë') {
      if (s[ket - 2] === 'e') s.splice(ket - 2, 2, 'e', 'ë', 'e');
      else if (s[ket - 2] === 'i') s.splice(ket - 2, 2, 'i', 'e', 'e');
      return;
    }
    var bra = ket - 1;
    if (bra < 0) return;
    var v = s[bra];
    if (flags(v) & AOU) {
      if (bra === 0 || this.isNotIn(bra - 1, AEIOU)) s.splice(bra, 0, v);
    } else if (v === 'e' || v === 'é' || v === 'è' || v === 'ê') {
      var q;
      if (this.isNotIn(bra - 1, AEIOU)) q = bra - 1;
      else if (bra === 0) q = 0;
      else return;
      if (this.isIn(q - 1, AIOU) || (q - 1 === 0 && this.isIn(0, E))) return;
      if (q >= 3 && this.isIn(q - 2, AIOU) && this.isNotIn(q - 3, AEIOU)) return;
      s.splice(bra, 0, v);
    }
  };

  // Snowball measure: R1 and R2 start after the first and second
  // "non-vowels, vowels (ij counts as one), non-vowel" group.
  W.measure = function () {
    var n = this.s.length, i = 0;
    this.p1 = this.p2 = n;
    for (var region = 0; region < 2; region++) {
      while (this.isNotIn(i, VOWEL)) i++;
      var vowels = 0;
      for (;;) {
        if (this.starts('ij', i)) i += 2;
        else if (this.isIn(i, VOWEL)) i += 1;
        else break;
        vowels++;
      }
      if (vowels === 0 || !this.isNotIn(i, VOWEL)) return;
      i++;
      if (region === 0) this.p1 = i; else this.p2 = i;
    }
  };

  // Step 1: plural and other inflectional endings.
  W.step1 = function () {
    var n = this.s.length, b;
    if (this.ends('ies')) {
      if (!this.r1(n - 3)) return false;
      this.cut(n - 3, 'ie');
    } else if (this.ends('aus')) {
      b = n - 3;
      if (!(this.r1(b) && this.vowelBefore(b))) return false;
      this.cut(b, 'au');
    } else if (this.ends('nde')) {
      this.cut(n - 3, 'nd');
    } else if (this.ends("'s")) {
      this.cut(n - 2);
    } else if (this.ends('es')) {
      b = n - 2;
      if (this.ends('ar', b) && this.r1(b - 2) && this.consonantBefore(b - 2)) {
        this.cut(b); this.lengthenVowel();
      } else if (this.ends('er', b) && this.r1(b - 2) && this.consonantBefore(b - 2)) {
        this.cut(b);
      } else if (this.r1(b) && this.consonantBefore(b)) {
        this.cut(b, 'e');
      } else return false;
    } else if (this.ends('és')) {
      if (!this.r1(n - 2)) return false;
      this.cut(n - 2, 'é');
    } else if (this.ends('en')) {
      b = n - 2;
      if (this.ends('hed', b) && this.r1(b - 3)) {
        this.cut(b - 3, 'heid');
      } else if (this.ends('nd', b)) {
        this.cut(b);
      } else if (this.ends('d', b) && this.r1(b - 1) && this.consonantBefore(b - 1)) {
        this.cut(b - 1);
      } else if ((this.ends('i', b) || this.ends('j', b)) && this.vowelBefore(b - 1)) {
        this.cut(b);
      } else if (this.r1(b) && this.consonantBefore(b)) {
        this.cut(b); this.lengthenVowel();
      } else return false;
    } else if (this.ends('s')) {
      b = n - 1;
      if (!this.r1(b) || (this.ends('t', b) && this.r1(b - 1)) || !this.consonantBefore(b)) return false;
      this.cut(b);
    } else return false;
    return true;
  };

  // Step 2: diminutives (-je) and -e endings.
  W.step2 = function () {
    var n = this.s.length, b;
    if (this.ends('lijke') || this.ends('ische')) {
      if (!this.r1(n - 5)) return false;
      this.cut(n - 1);
    } else if (this.ends('ieve')) {
      b = n - 4;
      if (!(this.r1(b) && this.consonantBefore(b))) return false;
      this.cut(b, 'ief');
    } else if (this.ends('ene')) {
      b = n - 3;
      if (!(this.r1(b) && this.consonantBefore(b))) return false;
      this.cut(b, 'en'); this.lengthenVowel();
    } else if (this.ends('je')) {
      b = n - 2;
      if (this.ends("'t", b)) this.cut(b - 2);
      else if (this.ends('et', b) && this.r1(b - 2) && this.consonantBefore(b - 2)) this.cut(b - 2);
      else if (this.ends('rnt', b)) this.cut(b - 3, 'rn');
      else if (this.ends('t', b) && this.r1(b - 1) && this.vowelBeforeNext(b - 1)) this.cut(b - 1);
      else if (this.ends('ink', b)) this.cut(b - 3, 'ing');
      else if (this.ends('mp', b)) this.cut(b - 2, 'm');
      else if (this.ends("'", b) && this.r1(b - 1)) this.cut(b - 1);
      else if (this.r1(b) && this.consonantBefore(b)) this.cut(b);
      else return false;
    } else if (this.ends('ge') || this.ends('te') || this.ends('se') || this.ends('re')) {
      if (!this.r1(n - 2)) return false;
      this.cut(n - 1);
    } else if (this.ends('de')) {
      b = n - 2;
      if (!(this.r1(b) && this.consonantBefore(b))) return false;
      this.cut(b);
    } else if (this.ends('le')) {
      if (!this.r1(n - 2)) return false;
      this.cut(n - 1); this.lengthenVowel();
    } else return false;
    return true;
  };

  // Step 3: derivational suffixes such as -heid, -ing, -atie.
  W.step3 = function () {
    var n = this.s.length, b;
    if (this.ends('iteit')) {
      if (!this.r1(n - 5)) return false;
      this.cut(n - 5); this.lengthenVowel();
    } else if (this.ends('atie')) {
      if (!this.r1(n - 4)) return false;
      this.cut(n - 4, 'eer');
    } else if (this.ends('heid') || this.ends('ster') || this.ends('sel')) {
      b = this.ends('sel') ? n - 3 : n - 4;
      if (!this.r1(b)) return false;
      this.cut(b);
    } else if (this.ends('rder')) {
      this.cut(n - 4, 'r');
    } else if (this.ends('isme') || this.ends('erij') || this.ends('ing')) {
      b = this.ends('ing') ? n - 3 : n - 4;
      if (this.ends('ild', b)) this.cut(b, 'er');  // schilderij is not schild
      else if (this.r1(b)) { this.cut(b); this.lengthenVowel(); }
      else return false;
    } else if (this.ends('arij')) {
      b = n - 4;
      if (!(this.r1(b) && this.consonantBefore(b))) return false;
      this.cut(b, 'aar');
    } else if (this.ends('fie') || this.ends('gie')) {
      if (!this.r2(n - 3)) return false;
      this.cut(n - 2); this.lengthenVowel();
    } else if (this.ends('tst') || this.ends('dst')) {
      b = n - 3;
      if (!(this.r1(b) && this.consonantBefore(b))) return false;
      this.cut(b + 1);
    } else return false;
    return true;
  };

  // Step 4: adjective suffixes (-baar, -achtig, -ig, ...).
  W.step4 = function () {
    if (this.step4Main()) return true;
    var n = this.s.length, b;
    if (this.ends('iger') || this.ends('igst')) b = n - 4;
    else if (this.ends('ig')) b = n - 2;
    else return false;
    // innig (intimate) is not reduced to in (in).
    if (!this.r1(b) || (b === 3 && this.ends('inn', b)) || !this.consonantBefore(b)) return false;
    this.cut(b); this.lengthenVowel();
    return true;
  };

  W.step4Main = function () {
    var n = this.s.length, b;
    if (this.ends('achtiger') || this.ends('achtigst')) {
      if (!this.r1(n - 8)) return false;
      this.cut(n - 8);
    } else if (this.ends('ioneel')) {
      if (!this.r1(n - 6)) return false;
      this.cut(n - 6, 'ie');
    } else if (this.ends('lijker') || this.ends('lijkst')) {
      if (!this.r1(n - 6)) return false;
      this.cut(n - 6, 'lijk');
    } else if (this.ends('achtig')) {
      if (!this.r1(n - 6)) return false;
      this.cut(n - 6);
    } else if (this.ends('eriger') || this.ends('erigst') || this.ends('erig') || this.ends('end')) {
      b = this.ends('end') ? n - 3 : (this.ends('erig') ? n - 4 : n - 6);
      if (!(this.r1(b) && this.consonantBefore(b))) return false;
      this.cut(b); this.lengthenVowel();
    } else if (this.ends('atief')) {
      if (!this.r1(n - 5)) return false;
      this.cut(n - 5, 'eer');
    } else if (this.ends('baar')) {
      if (!this.r1(n - 4)) return false;
      this.cut(n - 4);
    } else if (this.ends('naar') || this.ends('laar') || this.ends('raar')) {
      b = n - 4;
      if (!(this.r1(b) && this.vowelBefore(b))) return false;
      this.cut(b + 1);
    } else if (this.ends('tant')) {
      if (!this.r1(n - 4)) return false;
      this.cut(n - 4, 'teer');
    } else return false;
    return true;
  };

  // Step 7: -kt, -ft, -pt lose the t.
  W.step7 = function () {
    if (!(this.ends('kt') || this.ends('ft') || this.ends('pt'))) return false;
    this.cut(this.s.length - 1);
    return true;
  };

  // Step 6: undouble a final consonant; final v -> f, z -> s.
  W.step6 = function () {
    var s = this.s, n = s.length;
    if (n < 1) return;
    var last = s[n - 1];
    if (n >= 2 && s[n - 2] === last && !(flags(last) & VOWEL) && last >= 'a' && last <= 'z') {
      if (last === 'n' && n === 3 && s[0] === 'i') return;  // innen is not in
      this.cut(n - 1);
    } else if (last === 'v') s[n - 1] = 'f';
    else if (last === 'z') s[n - 1] = 's';
  };

  // Step 1c, after removing ge-: drop a participle's final d or t.
  W.step1c = function () {
    var s = this.s, b = s.length - 1;
    if (b < 0 || !(s[b] === 'd' || s[b] === 't') || !this.r1(b) || !this.consonantBefore(b)) return;
    if (s[b] === 'd') {
      if (this.ends('n', b) && this.r1(b - 1)) return;
      if (b === 2 && this.ends('in', b)) s[b] = 'n';  // geïnd goes with innen
      else this.cut(b);
    } else {
      if (this.ends('h', b) && this.r1(b - 1)) return;
      if (b === 2 && this.ends('en', b)) return;  // geënt is not en
      this.cut(b);
    }
  };

  // From position c: a vowel (or ij) group followed by at least one more character?
  W.hasVowelThenMore = function (c) {
    var n = this.s.length, i = c;
    for (;;) {
      if (i >= n) return false;
      if (this.starts('ij', i)) { i += 2; break; }
      if (this.isIn(i, VOWEL)) { i += 1; break; }
      i++;
    }
    for (;;) {
      if (this.starts('ij', i)) i += 2;
      else if (this.isIn(i, VOWEL)) i += 1;
      else break;
    }
    return i < n;
  };

  W.dropDiaeresis = function (c) {
    if (this.s[c] === 'ë') this.s[c] = 'e';
    else if (this.s[c] === 'ï') this.s[c] = 'i';
  };

  // Remove a leading ge- (gemaakt -> maakt), with a few exceptions.
  W.losePrefix = function () {
    var n = this.s.length, after = 2;
    if (!this.starts('ge', 0) || n < 5 || !this.hasVowelThenMore(2)) return false;
    if (this.starts('vali', 2)) after = 6;
    else if (this.starts('vare', 2) || this.starts('eft', 2) || this.starts('val', 2) ||
             this.starts('vaa', 2)) return false;  // geeft, geval(len), gevaar, gevaren
    this.s.splice(0, 2);
    this.dropDiaeresis(after - 2);
    return true;
  };

  // Remove the first ge after the first letter (opgemaakt -> opmaakt).
  W.loseInfix = function () {
    var n = this.s.length, i = 1;
    if (n < 1) return false;
    while (i + 1 < n && !this.starts('ge', i)) i++;
    if (i + 1 >= n || i + 5 > n || !this.hasVowelThenMore(i + 2)) return false;
    this.s.splice(i, 2);
    this.dropDiaeresis(i);
    return true;
  };

  function stem(word) {
    var w = new Word(word), stemmed = false;
    w.measure();
    if (w.step1()) stemmed = true;
    if (w.step2()) stemmed = true;
    if (w.step3()) stemmed = true;
    if (w.step4()) stemmed = true;
    if (w.losePrefix()) { w.measure(); stemmed = true; w.step1c(); }
    if (w.loseInfix()) { w.measure(); stemmed = true; w.step1c(); }
    if (w.step7()) stemmed = true;
    if (stemmed) w.step6();
    return stemmed ? w.s.join('') : word;
  }

  return { stem: stem };
})();

if (typeof module !== 'undefined' && module.exports) {
  module.exports = KortompediaStemmer;
}
