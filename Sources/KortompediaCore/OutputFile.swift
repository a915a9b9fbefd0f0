/// One file of a generated site: a path relative to the audience's root (`kortompedia/x/index.html`)
/// and its bytes. Stages produce these; only the writer touches the disk.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}

/// Site paths of the pages, as the contract fixes them (relative to an audience root, no leading
/// slash; directories end in `/`).
public enum SitePath {
    public static func page(_ kind: PageKind, _ slug: Slug) -> String { "\(kind.outputFolder)/\(slug)/" }
    public static func theme(_ slug: Slug) -> String { "themas/\(slug)/" }
    public static let themes = "themas/"
    public static func tag(_ slug: Slug) -> String { "tags/\(slug)/" }
    public static let tags = "tags/"
    public static let blogIndex = "blog/"
    public static let articleIndex = "kortompedia/"
    public static let search = "zoeken/"
    public static let home = ""

    /// The file that serves a directory path: `kortompedia/x/` → `kortompedia/x/index.html`.
    public static func file(for path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }
}

extension SitePath {
    /// A relative URL from the page at `from` to the site path `to`, so that a build works at any
    /// mount point (`/` for the public build, `/leden/` for members) and from a preview server.
    /// `relative(from: "kortompedia/a/", to: "themas/x/")` is `../../themas/x/`.
    public static func relative(from: String, to: String) -> String {
        let url = up(from: from) + to
        return url.isEmpty ? "./" : url
    }

    /// How many folders deep the page or file at `path` lies: 0 for `""` and `index.html`,
    /// 2 for `kortompedia/a/` and `kortompedia/a/index.html`.
    public static func depth(of path: String) -> Int {
        // The non-empty runs between slashes, counted without making them (every page asks).
        var components = 0, afterSlash = true, last: UInt8 = UInt8(ascii: "/")
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                afterSlash = true
            } else if afterSlash {
                components += 1
                afterSlash = false
            }
            last = byte
        }
        return components - (last == UInt8(ascii: "/") ? 0 : 1)
    }

    /// The way from the page or file at `path` to the root: `../../` from `kortompedia/a/`.
    public static func up(from path: String) -> String {
        up(depth: depth(of: path))
    }

    /// `../` repeated `depth` times: the way from a page at that depth to the root.
    public static func up(depth: Int) -> String {
        String(repeating: "../", count: max(0, depth))
    }
}
