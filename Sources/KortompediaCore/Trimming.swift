extension String {
    /// The text without leading and trailing white space (any Unicode white space, including
    /// line breaks and no-break spaces), without Foundation: front-matter values and link
    /// destinations are trimmed alike.
    public func trimmingBlanks() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
