import Foundation

/// Maps request paths onto the files of a built site folder, the way a static host does:
/// `index.html` for a folder, a redirect to add the trailing slash (the site's links are
/// relative), and never anything outside the folder.
enum StaticSite {
    /// What a request path leads to.
    enum Resolution: Equatable, Sendable {
        case file(URL)
        /// Redirect to this path (a folder asked for without its trailing slash).
        case redirect(String)
        case notFound
    }

    /// Resolves the raw (percent-encoded) path of a request inside `root`.
    static func resolve(_ rawPath: String, in root: URL) -> Resolution {
        guard let decoded = rawPath.removingPercentEncoding, decoded.hasPrefix("/"),
            !decoded.contains("\0"), !decoded.contains("\\")
        else { return .notFound }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else { return .notFound }

        var url = root
        for segment in segments { url.appendPathComponent(String(segment)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard decoded.hasSuffix("/") else { return .redirect("/" + rawPath.drop { $0 == "/" } + "/") }
            url.appendPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                return .notFound
            }
        }
        // A symbolic link in the output must not lead out of it.
        let realRoot = root.resolvingSymlinksInPath().path
        let real = url.resolvingSymlinksInPath().path
        guard real.hasPrefix(realRoot + "/") else { return .notFound }
        return .file(url)
    }

    /// The `Content-Type` for a file name; text types say UTF-8.
    static func contentType(for path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        return contentTypes[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    private static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "json": "application/json", "map": "application/json", "webmanifest": "application/manifest+json",
        "xml": "application/xml; charset=utf-8", "rss": "application/rss+xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "pdf": "application/pdf", "zip": "application/zip", "wasm": "application/wasm",
        "mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav", "m4a": "audio/mp4",
        "mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime",
        "vtt": "text/vtt; charset=utf-8",
        "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    ]
}
