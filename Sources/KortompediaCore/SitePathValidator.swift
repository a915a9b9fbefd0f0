/// Checks a site path written by an editor (an alias) and normalises it to the form the
/// writer uses: no leading slash, a trailing slash, no `.`/`..` segments, no drive letter,
/// no backslash, no scheme, no segment longer than a folder name can be. This keeps every
/// written file inside the output folder, and makes a path that cannot be written an error in
/// its source rather than a failed write.
public enum SitePathValidator {
    /// The longest folder name, in UTF-8 bytes, that the usual file systems take (ext4, XFS,
    /// APFS, NTFS in practice). Slugs, tags and theme slugs that name a folder are held to it too.
    public static let maximumSegmentBytes = 255

    /// Why a path was refused.
    public enum Rejection: Error, Equatable, Sendable {
        case empty
        case parentSegment
        case absoluteOrDrive
        case invalidCharacter(Character)
        case segmentTooLong(bytes: Int)

        /// Explains the rejection, to follow the path in a diagnostic.
        public var message: String {
            switch self {
            case .empty: "is empty"
            case .parentSegment: "must not contain '.' or '..' segments"
            case .absoluteOrDrive: "must be a path on this site, not a URL or a drive"
            case .invalidCharacter(let c): "contains a character not allowed in a site path: '\(c)'"
            case .segmentTooLong(let bytes): "has a segment of \(bytes) bytes; a folder name takes at most \(SitePathValidator.maximumSegmentBytes)"
            }
        }
    }

    /// `path` in the writer's form, or why it cannot be written.
    public static func normalise(_ path: String) -> Result<String, Rejection> {
        var text = path
        if text.contains("://") || text.hasPrefix("//") { return .failure(.absoluteOrDrive) }
        if text.count >= 2, text.dropFirst().first == ":" { return .failure(.absoluteOrDrive) }
        for character in text {
            if character == "\\" || character == "\0" || character == "?" || character == "#"
                || character == ":" || character.isNewline || character == "%"
            {
                return .failure(.invalidCharacter(character))
            }
        }
        while text.hasPrefix("/") { text.removeFirst() }
        let segments = text.split(separator: "/", omittingEmptySubsequences: true)
        if segments.isEmpty { return .failure(.empty) }
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return .failure(.parentSegment) }
        if let long = segments.first(where: { $0.utf8.count > maximumSegmentBytes }) { return .failure(.segmentTooLong(bytes: long.utf8.count)) }
        return .success(segments.joined(separator: "/") + "/")
    }
}
