#if !KORTOMPEDIA_FUZZER
    import Foundation
    import KortompediaCore

    /// The `main` of an ordinary build (a fuzzer build, compiled with `-D KORTOMPEDIA_FUZZER`,
    /// hands its command line to libFuzzer instead). Runs the fuzz harness without libFuzzer:
    ///
    ///     KortompediaFuzz FILE|FOLDER...          every file once (the regression inputs)
    ///     KortompediaFuzz --stress N [--seed S]   N generated inputs, the same for the same seed
    ///
    /// A failing input crashes the process after its name was printed to standard error.
    @main
    enum FuzzReplay {
        static func main() {
            var arguments = Array(CommandLine.arguments.dropFirst())
            var stress = 0
            var seed: UInt64 = 1
            var paths: [String] = []
            while !arguments.isEmpty {
                let argument = arguments.removeFirst()
                switch argument {
                case "--stress": stress = Int(arguments.isEmpty ? "" : arguments.removeFirst()) ?? 0
                case "--seed": seed = UInt64(arguments.isEmpty ? "" : arguments.removeFirst()) ?? 1
                case "-h", "--help":
                    print("usage: KortompediaFuzz [FILE|FOLDER...] [--stress N] [--seed S]")
                    return
                case _ where argument.hasPrefix("-"):
                    FileHandle.standardError.write(Data("""
                        unknown option \(argument): this is the replay build of KortompediaFuzz. To fuzz, build with
                          swift build -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address \\
                            -Xswiftc -DKORTOMPEDIA_FUZZER --product KortompediaFuzz

                        """.utf8))
                    exit(2)
                default: paths.append(argument)
                }
            }
            var count = 0
            for path in paths {
                for file in files(at: path) {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                        exit(2)
                    }
                    FileHandle.standardError.write(Data("input \(file)\n".utf8))
                    FuzzHarness.run(Array(data))
                    count += 1
                }
            }
            var generator = StressGenerator(seed: seed)
            for iteration in 0..<stress {
                let input = generator.next()
                FuzzHarness.run(input)
                count += 1
                if iteration % 1000 == 999 { FileHandle.standardError.write(Data("stress \(iteration + 1)/\(stress)\n".utf8)) }
            }
            print("ok: \(count) inputs without a failure")
        }

        /// The file itself, or every regular file below a folder, sorted.
        static func files(at path: String) -> [String] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("no such file: \(path)\n".utf8))
                exit(2)
            }
            guard isDirectory.boolValue else { return [path] }
            let names = (FileManager.default.subpaths(atPath: path) ?? []).sorted()
            return names.map { path + "/" + $0 }.filter {
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && !isFolder.boolValue
            }
        }
    }

    /// Generates structured random inputs (front matter, Markdown, links, bytes) from a seed:
    /// the deterministic fallback when libFuzzer is not at hand.
    struct StressGenerator {
        var generator: SplitMix64

        init(seed: UInt64) { generator = SplitMix64(seed: seed) }

        mutating func random() -> UInt64 { generator.next() }

        mutating func below(_ n: Int) -> Int { Int(random() % UInt64(max(n, 1))) }

        static let pieces: [String] = [
            "---\n", "---", "title: ", "date: 2024-02-29\n", "date: 2023-02-29\n", "themes: [thema]\n",
            "themes:\n  - thema\n", "access: members\n", "access: public\n", "slug: ", "aliases: [", "../", "..",
            "/", "C:", "\\", "summary: ", "tags: [", "author: ", "extra: ", "draft: true\n", "]", "[", "{", "}",
            ": ", "\n", "  ", "- ", "> ", "* ", "1. ", "# ", "## ", "```\n", "`", "[[", "]]", "|", "#", "[[geheim#kop-geheim]]",
            "[[openbaar]]", "[t](geheim.md#kop-geheim)", "![a](img/open.png)", "![a](img/geheim.png)", "](", ")",
            "<script>alert(1)</script>", "<b>", "&amp;", "&#0;", "javascript:", "JaVaScRiPt:", "data:", "http://x",
            "| a | b |\n| --- | --- |\n", "| c | d |\n", "\\|", "é", "ĳ", "ß", "\u{FEFF}", "\r\n", "\r", "\t", "\u{0}",
            "*", "_", "~", "!", "&", "\"", "'", "<", ">", "%2e%2e", "%", "0", "9", "z", "-", "*anker &a", "&a ", "!!binary ",
            "? ", "|\n  ", ">-\n  ", "'x'", "\"\\u0000\"", "1e9999", "0x", "null", "~\n", "yes", ".inf",
            "[^1]", "[^a]", "[^", "^", "\n[^1]: ", "\n[^a]: Een noot.\n", "[^1]: http://x\n", "[^a]: Ibidem.\n",
        ]

        mutating func next() -> [UInt8] {
            var bytes: [UInt8] = []
            let count = 1 + below(60)
            for _ in 0..<count {
                switch below(10) {
                case 0: bytes.append(UInt8(truncatingIfNeeded: random()))
                case 1:
                    let depth = below(200)
                    bytes += Array(String(repeating: below(2) == 0 ? ">" : "- ", count: depth).utf8)
                default: bytes += Array(Self.pieces[below(Self.pieces.count)].utf8)
                }
            }
            return bytes
        }
    }
#endif
