// swift-tools-version: 6.0
import PackageDescription

/// Kortompedia: a static site generator for a Dutch knowledge base with a members build
/// and a public build. One target per stage; dependencies point one way:
/// Core ← Source ← Markdown ← Site ← Render/Search ← Output ← Build ← Commands.
let package = Package(
    name: "Kortompedia",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kortompedia", targets: ["kortompedia"]),
        .library(name: "KortompediaBuild", targets: ["KortompediaBuild"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Already built for Hummingbird (through swift-certificates); SHA-256 for build --incremental.
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "KortompediaCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "KortompediaSource",
            dependencies: ["KortompediaCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "KortompediaMarkdown", dependencies: ["KortompediaCore", "CCmark"]),
        .target(
            name: "KortompediaSite",
            dependencies: ["KortompediaCore", "KortompediaSource", "KortompediaMarkdown"]
        ),
        .target(
            name: "KortompediaRender",
            dependencies: ["KortompediaSite", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "KortompediaSearch",
            dependencies: ["KortompediaSite"],
            resources: [.embedInCode("Resources/stemmer-nl.js"), .embedInCode("Resources/search.js")]
        ),
        .target(name: "KortompediaOutput", dependencies: ["KortompediaCore"]),
        .target(
            name: "KortompediaBuild",
            dependencies: [
                "KortompediaSource", "KortompediaSite", "KortompediaRender", "KortompediaSearch",
                "KortompediaOutput",
            ]
        ),
        .target(
            name: "KortompediaServe",
            dependencies: ["KortompediaBuild", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .target(
            name: "KortompediaCommands",
            dependencies: [
                "KortompediaBuild", "KortompediaRender", "KortompediaServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kortompedia",
            dependencies: ["KortompediaCommands"],
            // jemalloc (Debian's libjemalloc-dev) replaces glibc's malloc in the command: a build
            // allocates millions of small strings, arrays and dictionaries on two threads, and
            // with glibc's allocator that cost a seventh of a build's time (see README). It runs
            // with jemalloc's own defaults; `MALLOC_CONF` in the environment changes them.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "KortompediaFuzz",
            dependencies: ["KortompediaCore", "KortompediaSource", "KortompediaMarkdown", "KortompediaSite"]
        ),

        .testTarget(name: "KortompediaCoreTests", dependencies: ["KortompediaCore"]),
        .testTarget(name: "KortompediaSourceTests", dependencies: ["KortompediaSource"]),
        .testTarget(name: "KortompediaMarkdownTests", dependencies: ["KortompediaMarkdown", "KortompediaCore", "CCmark"]),
        .testTarget(name: "KortompediaSiteTests", dependencies: ["KortompediaSite"]),
        .testTarget(name: "KortompediaRenderTests", dependencies: ["KortompediaRender"]),
        .testTarget(name: "KortompediaSearchTests", dependencies: ["KortompediaSearch", "KortompediaSource"]),
        .testTarget(name: "KortompediaOutputTests", dependencies: ["KortompediaOutput"]),
        .testTarget(name: "KortompediaBuildTests", dependencies: ["KortompediaBuild", "KortompediaCommands"]),
        .testTarget(
            name: "KortompediaServeTests",
            dependencies: ["KortompediaServe", "KortompediaCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "KortompediaBrowserTests", dependencies: ["KortompediaBuild", "KortompediaServe"]),
        .testTarget(name: "KortompediaSafetyTests", dependencies: ["KortompediaBuild", "KortompediaCommands"]),
    ],
    swiftLanguageModes: [.v6]
)
