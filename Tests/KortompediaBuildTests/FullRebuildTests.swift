import Foundation
import KortompediaBuild
import KortompediaCore
import Testing

/// A full build on two threads writes each page into its staging folder as soon as it is
/// rendered; from the third build over an output on, that folder is the spare of an earlier
/// output (see `SiteWriter`). Whatever that folder held, the result is the bytes of a fresh
/// build on one thread, which writes everything at the end.
@Suite struct FullRebuildTests {
    @Test func buildsOverEarlierOutputsGiveTheBytesOfAFreshOne() throws {
        let work = try IncrementalOutputTests.Workspace()
        defer { work.remove() }
        let output = work.site.appendingPathComponent("out-rebuilt")
        func buildAndCompare(_ step: String) throws {
            _ = try BuildPipeline(options: BuildOptions(root: work.site, output: output, workers: 2)).run()
            try? FileManager.default.removeItem(at: work.full)
            _ = try BuildPipeline(options: BuildOptions(root: work.site, output: work.full, workers: 1)).run()
            let rebuilt = try work.siteFiles(output), fresh = try work.siteFiles(work.full)
            #expect(rebuilt.keys.sorted() == fresh.keys.sorted(), "\(step): other files than a fresh build")
            for (path, data) in fresh where rebuilt[path] != nil && rebuilt[path] != data {
                Issue.record("\(step): \(path) differs from a fresh build")
            }
        }
        try work.write("articles/tijdelijk.md", "---\ntitle: Tijdelijk\nsummary: Een tijdelijk artikel.\ndate: 2024-01-01\nthemes: [digitale-communicatie]\naccess: public\n---\n\nEven hier.\n")
        try buildAndCompare("first")
        try work.edit("articles/tijdelijk.md") { $0.replacingOccurrences(of: "access: public", with: "access: members") }
        try buildAndCompare("second")
        // Into the first build's folder: the page is gone, its folder must go too.
        try FileManager.default.removeItem(at: work.site.appendingPathComponent("articles/tijdelijk.md"))
        try buildAndCompare("third")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".kortompedia-spare-public").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("public/kortompedia/tijdelijk").path))
        try buildAndCompare("fourth")
    }
}
