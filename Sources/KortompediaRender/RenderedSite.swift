import KortompediaCore

/// A file of the output copied from the site folder as it is (theme assets, static files,
/// attachments): read by the writer, never by the renderer.
public struct FileCopy: Sendable, Hashable {
    /// Path relative to the site root (`theme/assets/style.css`, `articles/img/x.svg`).
    public var source: String
    /// Path relative to the audience root.
    public var destination: String

    public init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }
}

/// What the render stage produces for one audience.
public struct RenderedSite: Sendable {
    /// The files rendered.
    public var files: [OutputFile]
    public var copies: [FileCopy]
    /// Files not rendered because `RenderReuse` said the output already holds them (paths
    /// relative to the audience folder, sorted).
    public var kept: [String] = []
    /// The fingerprint of each page rendered or kept (see `RenderReuse`), by output path: what
    /// a next incremental build compares with. Feeds have none (they are always rendered).
    public var fingerprints: [String: ContentDigest] = [:]
    /// Files rendered and handed to the render's `emit` at once, not kept in `files`: their
    /// paths, relative to the audience folder.
    public var emitted: [String] = []
}

/// What `build --incremental` tells the renderer: whether the output already holds the file at
/// a path rendered from a fingerprint (the digest of the templates and of every value the
/// template sees). Such a file is not rendered again.
public struct RenderReuse: Sendable {
    public let isCurrent: @Sendable (_ path: String, _ fingerprint: ContentDigest) -> Bool

    public init(isCurrent: @escaping @Sendable (_ path: String, _ fingerprint: ContentDigest) -> Bool) {
        self.isCurrent = isCurrent
    }
}
