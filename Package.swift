// swift-tools-version:6.2
import PackageDescription

// The package has three audiences, and the folders under Sources/ say which:
// - Runtime (Sources/Runtime): what an app that uses a generated client builds, and nothing else.
// - Generator (Sources/Generator): reading pages, extraction, the schema contract, rendering, the pipeline, `cmsgen`.
// - Tooling (Sources/Tooling): the local CC-CMS, OpenAPI, diff, fuzzing, benchmarks and hostile clients.
// Each target declares exactly the modules it imports.

/// Generated code must build without a single warning: the generated targets treat warnings as errors.
let generatedCode: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

let package = Package(
    name: "CMSKit",
    platforms: [.macOS(.v14)],
    products: [
        // Runtime
        .library(name: "CMSRuntime", targets: ["CMSRuntime"]),
        .library(name: "CMSKit", targets: ["CMSKit"]),
        // Only for deployments whose NSLB certificate comes from a private CA: the rest never build AsyncHTTPClient.
        .library(name: "CMSAsyncHTTPClient", targets: ["CMSAsyncHTTPClient"]),
        // Generator
        .executable(name: "cmsgen", targets: ["cmsgen"]),
        .library(name: "CMSSchema", targets: ["CMSSchema"]),
        .library(name: "CMSGenerator", targets: ["CMSGenerator"]),
        // `swift package --allow-writing-to-package-directory generate-cms-client [--target T]`.
        .plugin(name: "GenerateCMSClient", targets: ["GenerateCMSClient"]),
        // Tooling
        .executable(name: "cmsmock", targets: ["cmsmock"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Pinned to the minor version: the templates' output is compared byte for byte with reference files, so a
        // change in how swift-mustache renders is a change to review, not one to take silently.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", .upToNextMinor(from: "2.1.1")),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own dependencies, which the mock's channel handlers and TLS set-up import.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: Runtime

        // The hand-written runtime that generated code builds on: transport, signing, validation, tolerant decoding.
        // It depends on swift-log alone: SHA-256 and HMAC are its own (SHA256.swift says why).
        .target(
            name: "CMSRuntime",
            dependencies: [logging],
            path: "Sources/Runtime/CMSRuntime"
        ),
        // A transport over AsyncHTTPClient that can trust a given CA (URLSession on Linux cannot).
        .target(
            name: "CMSAsyncHTTPClient",
            dependencies: [
                "CMSRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Sources/Runtime/CMSAsyncHTTPClient"
        ),
        // The generated client: Generated/ (from specs/) compiled on the runtime.
        .target(name: "CMSKit", dependencies: ["CMSRuntime"], path: "Generated", swiftSettings: generatedCode),

        // MARK: Generator

        // libxml2, from Debian's libxml2-dev.
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/Generator/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // System calls Swift's Glibc module does not export (renameat2).
        .target(name: "CMSKitSystem", path: "Sources/Generator/CMSKitSystem"),
        // Utilities shared by the generator's stages (paths, parallel map, text search, Swift string escaping);
        // `package` access only, never part of a product's API.
        .target(name: "CMSSupport", path: "Sources/Generator/CMSSupport"),
        // Stage 0: the contract between the halves. Plain Codable values.
        .target(name: "CMSSchema", dependencies: ["CMSSupport"], path: "Sources/Generator/CMSSchema"),
        // Stage 1: markup (HTML, DITA) -> document model. Knows libxml2, nothing of CC-CMS.
        .target(name: "CMSReading", dependencies: ["CLibXML2", "CMSSchema", "CMSSupport"], path: "Sources/Generator/CMSReading"),
        // Stage 2: document model -> intermediate schema. Knows the vendor's conventions, nothing of libxml2.
        .target(name: "CMSExtraction", dependencies: ["CMSReading", "CMSSchema", "CMSSupport"], path: "Sources/Generator/CMSExtraction"),
        // Stage 3: schema -> Swift source, through the Mustache templates in Templates/. The templates and the word
        // list (Naming/Words) are compiled in at build time, so that a cmsgen binary runs anywhere.
        .target(
            name: "CMSRendering",
            dependencies: ["CMSSchema", "CMSSupport", .product(name: "Mustache", package: "swift-mustache")],
            path: "Sources/Generator/CMSRendering",
            exclude: ["Naming/Words"],
            plugins: ["EmbedBuiltIns"]
        ),
        .executableTarget(name: "cmsembed", dependencies: ["CMSSupport"], path: "Sources/Generator/cmsembed"),
        .plugin(name: "EmbedBuiltIns", capability: .buildTool(), dependencies: ["cmsembed"]),
        // The pipeline as a library call (read → extract → render → write the output folder, with its record), and
        // its reporting: what the CLI and the plugin run.
        .target(
            name: "CMSGenerator",
            dependencies: ["CMSExtraction", "CMSRendering", "CMSSchema", "CMSSupport", "CMSKitSystem"],
            path: "Sources/Generator/CMSGenerator"
        ),
        .executableTarget(
            name: "cmsgen",
            dependencies: ["CMSDiff", "CMSExtraction", "CMSGenerator", "CMSOpenAPI", "CMSRendering", "CMSSchema", argumentParser],
            path: "Sources/Generator/cmsgen"
        ),
        // Generates a client from pages: this package's own (specs/ → Generated/), or a target's of a package that
        // depends on CMSKit (its cmsgen.json names the pages).
        .plugin(
            name: "GenerateCMSClient",
            capability: .command(
                intent: .custom(verb: "generate-cms-client", description: "Generate a CC-CMS Swift client from interface pages"),
                permissions: [.writeToPackageDirectory(reason: "The client is generated into the package's sources")]
            )
            // No `dependencies: ["cmsgen"]`: the plugin builds cmsgen when it runs. A declared tool would be built a
            // second time, for the host, in every `swift build` of this package and of every package that uses it.
        ),

        // MARK: Tooling

        // A local CC-CMS built from the same schema: verifies signatures, validates bodies, answers with the examples.
        .target(
            name: "CMSMock",
            dependencies: [
                "CMSRuntime", "CMSSchema", "CMSSupport", logging,
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Tooling/CMSMock"
        ),
        .executableTarget(
            name: "cmsmock",
            dependencies: ["CMSExtraction", "CMSMock", "CMSRuntime", "CMSSchema", argumentParser, logging],
            path: "Sources/Tooling/cmsmock"
        ),
        // Views of the schema for other toolchains: OpenAPI 3.1.
        .target(name: "CMSOpenAPI", dependencies: ["CMSRendering", "CMSSchema"], path: "Sources/Tooling/CMSOpenAPI"),
        // Two editions of the docs compared: each change with a check id, a severity and its effect on the Swift API.
        .target(name: "CMSDiff", dependencies: ["CMSExtraction", "CMSRendering", "CMSSchema"], path: "Sources/Tooling/CMSDiff"),
        // Fuzz targets (page reading, JSON, tolerant decoding, signatures, the mock's request path) as a library, and
        // `cmsfuzz`, which runs them (campaigns, replays, libFuzzer: Scripts/fuzz.sh).
        .target(
            name: "CMSFuzzing",
            dependencies: ["CMSExtraction", "CMSKit", "CMSMock", "CMSReading", "CMSRuntime", "CMSSchema"],
            path: "Sources/Tooling/CMSFuzzing"
        ),
        .executableTarget(name: "cmsfuzz", dependencies: ["CMSFuzzing"], path: "Sources/Tooling/cmsfuzz"),
        // Clients that misbehave on purpose (raw sockets, trickled headers, held connections).
        .target(name: "CMSHostileClients", path: "Sources/Tooling/CMSHostileClients"),
        // Rerunnable speed figures: `swift run -c release cmsbench`.
        .executableTarget(
            name: "cmsbench",
            dependencies: ["CMSExtraction", "CMSKit", "CMSReading", "CMSRendering", "CMSRuntime", "CMSSchema"],
            path: "Sources/Tooling/cmsbench"
        ),
        // Rerunnable load figures against the local CC-CMS: `swift run -c release cmsloadbench`.
        .executableTarget(
            name: "cmsloadbench",
            dependencies: ["CMSExtraction", "CMSHostileClients", "CMSKit", "CMSMock", "CMSRuntime"],
            path: "Sources/Tooling/cmsloadbench"
        ),

        // MARK: Tests, one target per stage

        // Paths, child processes, swiftc, reference files, seeds, page and certificate makers, a log sink.
        .target(name: "CMSTestSupport", dependencies: [logging], path: "Tests/CMSTestSupport"),
        // The bundled pages, read and extracted, for the generator's stages.
        .target(name: "CMSPageTestSupport", dependencies: ["CMSExtraction", "CMSSchema", "CMSTestSupport"], path: "Tests/CMSPageTestSupport"),
        .testTarget(name: "CMSReadingTests", dependencies: ["CMSReading", "CMSSchema", "CMSTestSupport"]),
        .testTarget(name: "CMSExtractionTests", dependencies: ["CMSExtraction", "CMSReading", "CMSSchema", "CMSPageTestSupport", "CMSTestSupport"]),
        .testTarget(
            name: "CMSRenderingTests",
            dependencies: [
                "CMSExtraction", "CMSRendering", "CMSSchema", "CMSPageTestSupport", "CMSTestSupport",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(
            name: "CMSGeneratorTests",
            dependencies: ["CMSExtraction", "CMSGenerator", "CMSRendering", "CMSSchema", "CMSSupport", "CMSPageTestSupport", "CMSTestSupport"]
        ),
        .testTarget(name: "CMSRuntimeTests", dependencies: ["CMSHostileClients", "CMSRuntime", "CMSTestSupport"]),
        .testTarget(
            name: "CMSMockTests",
            dependencies: ["CMSExtraction", "CMSHostileClients", "CMSMock", "CMSRuntime", "CMSSchema", "CMSPageTestSupport", "CMSTestSupport", logging]
        ),
        .testTarget(name: "CMSDiffTests", dependencies: ["CMSDiff", "CMSExtraction", "CMSRendering", "CMSSchema", "CMSPageTestSupport", "CMSTestSupport"]),
        .testTarget(name: "CMSOpenAPITests", dependencies: ["CMSExtraction", "CMSOpenAPI", "CMSRendering", "CMSSchema", "CMSPageTestSupport", "CMSTestSupport"]),
        // The consumer: Generated/ compiled and used.
        .testTarget(
            name: "CMSKitTests",
            dependencies: ["CMSAsyncHTTPClient", "CMSExtraction", "CMSKit", "CMSRuntime", "CMSSchema", "CMSPageTestSupport", "CMSTestSupport"]
        ),
        // The client against the local CC-CMS, the example package, HTTPS, fuzzing.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "CMSAsyncHTTPClient", "CMSExtraction", "CMSFuzzing", "CMSKit", "CMSMock", "CMSRuntime", "CMSSchema",
                "CMSPageTestSupport", "CMSTestSupport", logging,
            ]
        ),

        // MARK: Test corpora, generated and used (regenerate with the commands in docs/testing.md)

        // Snippet pages (naming, enumerations, mandatory response fields) and the vendor error-code page.
        .target(name: "CMSKitSnippets", dependencies: ["CMSRuntime"], path: "Tests/Snippets/Generated", swiftSettings: generatedCode),
        .testTarget(name: "CMSKitSnippetTests", dependencies: ["CMSKitSnippets", "CMSRuntime"]),
        // The torture corpus: pages written to break generators (keywords, injections, cycles, no error-code page).
        .target(name: "CMSKitTorture", dependencies: ["CMSRuntime"], path: "Tests/Torture/Generated", swiftSettings: generatedCode),
        .testTarget(name: "CMSKitTortureTests", dependencies: ["CMSExtraction", "CMSKitTorture", "CMSMock", "CMSRuntime", "CMSSchema"]),
        // Pages in the vendor's second layout (a URI section with `METHOD /path`, token header, statuses).
        .target(name: "CMSKitCloud", dependencies: ["CMSRuntime"], path: "Tests/Cloud/Generated", swiftSettings: generatedCode),
        .testTarget(name: "CMSKitCloudTests", dependencies: ["CMSExtraction", "CMSKitCloud", "CMSMock", "CMSRuntime", "CMSSchema"]),
        // Two references as a maintainer downloads them (interface pages mixed with overviews, permission matrices,
        // appendices and fragments), one per layout, each with a client name of its own.
        .target(name: "CMSKitGizmo", dependencies: ["CMSRuntime"], path: "Tests/Published/Generated/Gizmo", swiftSettings: generatedCode),
        .target(name: "CMSKitWallboard", dependencies: ["CMSRuntime"], path: "Tests/Published/Generated/Wallboard", swiftSettings: generatedCode),
        .testTarget(
            name: "CMSKitPublishedTests",
            dependencies: ["CMSDiff", "CMSExtraction", "CMSGenerator", "CMSKitGizmo", "CMSKitWallboard", "CMSMock", "CMSRuntime", "CMSSchema"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: Testing one stage

// SwiftPM links every test target into one test product, so `swift test --filter` alone still builds all of them and
// everything they use. `CMSKIT_TESTS` names the test targets to declare (comma-separated): the package then holds only
// those, what they depend on and the plugins that build them, so that
//
//     CMSKIT_TESTS=CMSReadingTests swift test
//
// builds the reading stage and its test support, nothing else (docs/testing.md). Unset, the package is whole.

/// What a stage's tests use at run time beyond what they import, which SwiftPM has no way to declare: the package's
/// executables, which the tests run from the build folder, and CMSRuntime, whose module generated code is compiled
/// against. Kept with the stage, so that it never runs a stale binary (RepositoryTests checks the list).
let usedAtRunTime: [String: [String]] = [
    "CMSExtractionTests": ["cmsgen"],
    "CMSRenderingTests": ["cmsgen", "CMSRuntime"],
    "CMSGeneratorTests": ["cmsgen", "CMSRuntime"],
    "CMSDiffTests": ["cmsgen"],
    "CMSMockTests": ["cmsgen", "cmsmock"],
    "CMSKitTests": ["cmsgen"],
    "EndToEndTests": ["cmsgen", "cmsfuzz"],
]
if let selection = Context.environment["CMSKIT_TESTS"]?.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) {
    let targets = Dictionary(uniqueKeysWithValues: package.targets.map { ($0.name, $0) })
    let unknown = selection.filter { targets[$0]?.type != .test }
    precondition(unknown.isEmpty, "CMSKIT_TESTS names \(unknown.joined(separator: ", ")), which is not a test target of CMSKit")
    var kept: Set<String> = []
    var pending = selection
    while let name = pending.popLast() {
        guard let target = targets[name], kept.insert(name).inserted else { continue }
        pending += usedAtRunTime[name] ?? []
        for dependency in target.dependencies {
            switch dependency {
            case .targetItem(let name, _), .byNameItem(let name, _): pending.append(name)
            default: break
            }
        }
        for plugin in target.plugins ?? [] {
            if case .plugin(let name, nil) = plugin { pending.append(name) }
        }
    }
    package.targets = package.targets.filter { kept.contains($0.name) }
    package.products = package.products.filter { product in
        let names = (product as? Product.Library)?.targets ?? (product as? Product.Executable)?.targets ?? (product as? Product.Plugin)?.targets ?? []
        return !names.isEmpty && names.allSatisfy(kept.contains)
    }
}
