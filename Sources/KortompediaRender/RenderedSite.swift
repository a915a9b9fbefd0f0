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
    public var files: [OutputFile]
    public var copies: [FileCopy]
}
