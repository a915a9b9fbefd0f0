/// A place in a source file: a path relative to the site root, and 1-based line and column
/// (column in bytes of UTF-8, as cmark counts). Line 0 means "the file as a whole".
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`, or `path` alone when the line is unknown.
    public var description: String {
        guard line > 0 else { return path }
        return "\(path):\(line):\(max(column, 1))"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// A problem found in the sources: printed as `articles/a.md:12:5: error: broken link 'foo.md'`.
/// Diagnostics are collected through a whole run and reported together.
public struct Diagnostic: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is; errors fail the build.
    public enum Severity: String, Sendable, Hashable, Comparable, Codable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A short stable code for tools and JSON output (`broken-link`, `unknown-theme`, ...).
    public var code: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, code: String) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
    }

    public static func error(_ location: SourceLocation, _ message: String, code: String) -> Diagnostic {
        Diagnostic(.error, location, message, code: code)
    }

    /// A warning: its code is one of `WarningCode`, which `site.json` can name to leave it out.
    public static func warning(_ location: SourceLocation, _ message: String, code: WarningCode) -> Diagnostic {
        Diagnostic(.warning, location, message, code: code.rawValue)
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// Ordered by file, position, then errors before warnings, so reports are stable.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return (lhs.message, lhs.code) < (rhs.message, rhs.code)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Thrown by a stage that cannot go on; carries every diagnostic found so far.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
