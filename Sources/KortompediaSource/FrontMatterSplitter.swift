import KortompediaCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A source file cut in two: the YAML between the `---` lines and the Markdown after them.
public struct SplitSource: Sendable, Hashable {
    /// The YAML text, without the fence lines.
    public var yaml: String
    /// The Markdown body.
    public var body: String
    /// The 1-based line of the file where the YAML starts (the line after the opening `---`).
    public var yamlFirstLine: Int
    /// The 1-based line of the file where the body starts.
    public var bodyFirstLine: Int
}

/// Splits a source file into front matter and body by lines, never by substring, so that a
/// title like `x --- y` or a `---` thematic break in the body is left alone. Accepts a UTF-8
/// byte-order mark and CRLF line endings (normalised to LF).
public enum FrontMatterSplitter {
    /// Why a file could not be split.
    public enum Failure: Error, Equatable, Sendable {
        /// The first line is not `---`.
        case missing
        /// No closing `---` line follows the opening one.
        case notClosed
    }

    /// Normalises line endings and strips a byte-order mark.
    public static func normalise(_ text: String) -> String {
        var text = text
        // The byte test first: `hasPrefix` with a non-ASCII string compares Characters.
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]), text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let hasCarriageReturn = text.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? false : memchr($0.baseAddress!, 0x0D, $0.count) != nil }
            ?? text.utf8.contains(UInt8(ascii: "\r"))
        if hasCarriageReturn {
            text = text.replacingCRLF()
        }
        return text
    }

    /// Splits normalised text. The fence lines must be exactly `---` (trailing blanks allowed).
    public static func split(_ text: String) -> Result<SplitSource, Failure> {
        let utf8 = text.utf8
        guard let firstEnd = lineEnd(in: utf8, from: utf8.startIndex),
            isFence(utf8[utf8.startIndex..<firstEnd])
        else { return .failure(.missing) }
        // A file that is just `---` has no line after the opening fence.
        guard firstEnd < utf8.endIndex else { return .failure(.notClosed) }

        var lineStart = utf8.index(after: firstEnd)
        var line = 2
        while lineStart < utf8.endIndex {
            let end = lineEnd(in: utf8, from: lineStart) ?? utf8.endIndex
            if isFence(utf8[lineStart..<end]) {
                let yaml = String(text[utf8.index(after: firstEnd)..<lineStart])
                let bodyStart = end < utf8.endIndex ? utf8.index(after: end) : end
                return .success(
                    SplitSource(
                        yaml: yaml, body: String(text[bodyStart...]), yamlFirstLine: 2,
                        bodyFirstLine: line + 1))
            }
            guard end < utf8.endIndex else { break }
            lineStart = utf8.index(after: end)
            line += 1
        }
        return .failure(.notClosed)
    }

    private static func lineEnd(in utf8: String.UTF8View, from start: String.Index) -> String.Index? {
        utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? (start < utf8.endIndex ? utf8.endIndex : nil)
    }

    private static func isFence(_ line: Substring.UTF8View) -> Bool {
        var bytes = Array(line)
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            bytes.removeLast()
        }
        return bytes == Array("---".utf8)
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
