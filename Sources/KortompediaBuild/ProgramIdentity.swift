import Foundation

/// Tells one build of the `kortompedia` program from another, for `build --incremental`: pages
/// rendered by another program (a newer version may render the same values differently) are
/// not reused. The size and modification time of the executable; a fresh random value each run
/// when they cannot be read (nothing is then reused).
enum ProgramIdentity {
    static let current: String = {
        if let path = Bundle.main.executablePath, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        {
            return "program \(size.int64Value) \(Int64(modified.timeIntervalSince1970 * 1000))"
        }
        return "unknown \(UInt64.random(in: 0...UInt64.max))"
    }()
}
