import Foundation
import Testing

/// Every input the fuzzer ever failed on (`Tests/Fixtures/fuzz-regressions/`) runs through the
/// fuzz harness again, and a few thousand generated inputs after them. The harness runs in the
/// `KortompediaFuzz` executable (built by `swift build` in replay mode, without libFuzzer), in a
/// child process so that a crash fails this test instead of ending the test run.
@Suite struct FuzzRegressionTests {
    static let regressions = Safety.fixtures.appendingPathComponent("fuzz-regressions")

    @Test func everyKeptCrashInputPasses() throws {
        let fuzz = try Safety.requireProduct("KortompediaFuzz")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: Self.regressions.path).filter { !$0.hasPrefix(".") }
        #expect(!inputs.isEmpty)
        let result = try ProcessRunner.run(fuzz, [Self.regressions.path], timeout: 300)
        let lastInput = result.standardError.split(separator: "\n").last { $0.hasPrefix("input ") } ?? "none"
        #expect(result.status == 0 && !result.timedOut, "the fuzz harness failed (last \(lastInput)):\n\(result.standardError.suffix(3000))")
        #expect(result.standardOutput.contains("ok: \(inputs.count) inputs"), "\(result.standardOutput)")
    }

    @Test func generatedInputsPass() throws {
        let fuzz = try Safety.requireProduct("KortompediaFuzz")
        // A new seed every run (printed on failure), so that the suite keeps exploring.
        let seed = UInt64.random(in: 1...1_000_000_000)
        let result = try ProcessRunner.run(fuzz, ["--stress", "2000", "--seed", "\(seed)"], timeout: 300)
        #expect(result.status == 0 && !result.timedOut, "stress run with seed \(seed) failed; replay with `KortompediaFuzz --stress 2000 --seed \(seed)`:\n\(result.standardError.suffix(3000))")
    }
}
