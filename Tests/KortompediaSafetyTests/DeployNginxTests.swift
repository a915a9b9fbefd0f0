import Foundation
import Testing

/// Runs `deploy/test-nginx.sh`: a real nginx over a fresh build of the example site, with
/// anonymous, member and path-traversal requests. Skipped (with a message) without nginx.
@Suite struct DeployNginxTests {
    static func find(_ name: String, in folders: [String]) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":").map(String.init) + folders {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    @Test func nginxRecipeServesPublicAndGuardsMembers() throws {
        guard let nginx = Self.find("nginx", in: ["/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"]),
            Self.find("curl", in: ["/usr/bin"]) != nil
        else {
            print("skipped: nginx or curl is not installed (.ci/run installs them); deploy/test-nginx.sh was not run")
            return
        }
        let kortompedia = try Safety.requireProduct("kortompedia")
        let script = Safety.repository.appendingPathComponent("deploy/test-nginx.sh")
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/bash"), [script.path], timeout: 300,
            environment: ["KORTOMPEDIA": kortompedia.path, "NGINX_BIN": nginx.path])
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let failures = lines.filter { $0.hasPrefix("FAIL") }
        #expect(!result.timedOut)
        #expect(result.status == 0, "deploy/test-nginx.sh failed:\n\(failures.joined(separator: "\n"))\n\(result.standardError.suffix(2000))")
        #expect(lines.last?.hasSuffix(" passed, 0 failed") == true, "\(lines.suffix(5))")
        print("deploy/test-nginx.sh: \(lines.last ?? "no output")")
    }
}
