import Foundation
import Testing

/// The `kortompedia` command's allocator: jemalloc (see Package.swift), with its own defaults.
/// jemalloc prints its settings at exit when `MALLOC_CONF` has `stats_print:true`.
@Suite struct AllocatorTests {
    #if os(Linux)
    /// The command runs on jemalloc, not glibc's malloc, and leaves transparent huge pages to the
    /// system: asking for them (`thp:always`) made builds slower on this project's machines (see
    /// README, "The code"). `MALLOC_CONF` still decides.
    @Test func theCommandRunsOnJemallocWithItsDefaultsUnlessTheEnvironmentSaysOtherwise() throws {
        let executable = try Safety.requireProduct("kortompedia")
        let ours = try ProcessRunner.run(executable, ["--help"], timeout: 60, environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(ours.status == 0, "\(ours.standardError)")
        #expect(ours.standardError.contains("Begin jemalloc statistics"), "\(ours.standardError.prefix(2_000))")
        #expect(ours.standardError.contains(#"opt.thp: "default""#), "\(ours.standardError.prefix(2_000))")

        let overridden = try ProcessRunner.run(
            executable, ["--help"], timeout: 60, environment: ["MALLOC_CONF": "thp:always,stats_print:true"])
        #expect(overridden.status == 0, "\(overridden.standardError)")
        #expect(overridden.standardError.contains(#"opt.thp: "always""#), "\(overridden.standardError.prefix(2_000))")
    }
    #endif
}
