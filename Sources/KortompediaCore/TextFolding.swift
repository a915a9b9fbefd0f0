/// Case and diacritic folding shared by slugs and the search analyzer, so that `Coöperatie`,
/// `cooperatie` and `COÖPERATIE` meet. Pure Swift and table driven (no locale, no Foundation):
/// the same on every machine, and cheap enough to run on every token of a large site.
public enum TextFolding {
    /// Lowercases, maps precomposed Latin letters to their base letter (`ë` → `e`), drops
    /// combining marks (text typed in decomposed form), and expands ligatures (`ß` → `ss`,
    /// `æ` → `ae`, `œ` → `oe`, `ĳ` → `ij`). Other scripts are lowercased and kept.
    public static func fold(_ text: String) -> String {
        // ASCII text (most headings, most words) only has its capitals lowered, byte by byte.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append((v >= 0x41 && v <= 0x5A) ? Unicode.Scalar(UInt8(v + 0x20)) : scalar)
            } else if (0x0300...0x036F).contains(v) {
                continue  // a combining diacritical mark
            } else if let folded = latinTable[scalar] {
                out.append(contentsOf: folded.unicodeScalars)
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// Precomposed Latin letters (Latin-1 Supplement, Latin Extended-A and a few more) to their
    /// folded ASCII form. Covers Dutch, French, German and the languages Flemish editors quote.
    private static let latinTable: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("a", "àáâãäåāăąǎÀÁÂÃÄÅĀĂĄǍ"), ("c", "çćĉċčÇĆĈĊČ"), ("d", "ďđĎĐ"),
            ("e", "èéêëēĕėęěÈÉÊËĒĔĖĘĚ"), ("g", "ĝğġģĜĞĠĢ"), ("h", "ĥħĤĦ"),
            ("i", "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ"), ("j", "ĵĴ"), ("k", "ķĶ"), ("l", "ĺļľŀłĹĻĽĿŁ"),
            ("n", "ñńņňŉÑŃŅŇ"), ("o", "òóôõöōŏőǒøÒÓÔÕÖŌŎŐǑØ"), ("r", "ŕŗřŔŖŘ"),
            ("s", "śŝşšșŚŜŞŠȘ"), ("t", "ţťțŧŢŤȚŦ"), ("u", "ùúûüũūŭůűųǔÙÚÛÜŨŪŬŮŰŲǓ"),
            ("w", "ŵŴ"), ("y", "ýÿŷÝŶŸ"), ("z", "źżžŹŻŽ"),
            ("ss", "ß"), ("ae", "æÆ"), ("oe", "œŒ"), ("ij", "ĳĲ"), ("th", "þÞ"),
        ]
        for (folded, letters) in groups {
            for letter in letters.unicodeScalars { table[letter] = folded }
        }
        return table
    }()
}
