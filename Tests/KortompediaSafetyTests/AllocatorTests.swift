import Foundation
import Testing

/// The `kortompedia` command's allocator: jemalloc, with the settings of `CAllocatorSettings`.
/// jemalloc prints its settings at exit when `MALLOC_CONF` has `stats_print:true`.
@Suite struct AllocatorTests {
    #if os(Linux)
    /// The command runs with transparent huge pages asked for (at 10,000 articles a build's
    /// page faults went from some 300,000 to under 20,000), and `MALLOC_CONF` still decides.
    @Test func theCommandAsksForHugePagesUnlessTheEnvironmentSaysOtherwise() throws {
        let executable = try Safety.requireProduct("kortompedia")
        let ours = try ProcessRunner.run(executable, ["--help"], timeout: 60, environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(ours.status == 0, "\(ours.standardError)")
        #expect(ours.standardError.contains(#"opt.thp: "always""#), "\(ours.standardError.prefix(2_000))")

        let overridden = try ProcessRunner.run(
            executable, ["--help"], timeout: 60, environment: ["MALLOC_CONF": "thp:default,stats_print:true"])
        #expect(overridden.status == 0, "\(overridden.standardError)")
        #expect(overridden.standardError.contains(#"opt.thp: "default""#), "\(overridden.standardError.prefix(2_000))")
    }
    #endif
}
