// swift-tools-version:6.2
import PackageDescription

/// Generated code must build without a single warning: the generated targets treat warnings as errors.
let generatedCode: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "CMSKit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cmsgen", targets: ["cmsgen"]),
        .library(name: "CMSSchema", targets: ["CMSSchema"]),
        .library(name: "CMSGenerator", targets: ["CMSGenerator"]),
        .library(name: "CMSRuntime", targets: ["CMSRuntime"]),
        .library(name: "CMSKit", targets: ["CMSKit"]),
        // Only for deployments whose NSLB certificate comes from a private CA: the rest never build AsyncHTTPClient.
        .library(name: "CMSAsyncHTTPClient", targets: ["CMSAsyncHTTPClient"]),
        .executable(name: "cmsmock", targets: ["cmsmock"]),
        // `swift package --allow-writing-to-package-directory generate-cms-client [--target T]`.
        .plugin(name: "GenerateCMSClient", targets: ["GenerateCMSClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own dependencies, named for the mock's channel handlers (header deadline).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libxml2, from Debian's libxml2-dev.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Stage 0: the contract between the halves. Plain Codable values, no dependencies.
        .target(name: "CMSSchema"),
        // Stage 1: markup (HTML, DITA) -> document model. Knows libxml2, nothing of CC-CMS.
        .target(name: "CMSReading", dependencies: ["CLibXML2", "CMSSchema"]),
        // Stage 2: document model -> intermediate schema. Knows the vendor's conventions, nothing of libxml2.
        .target(name: "CMSExtraction", dependencies: ["CMSReading", "CMSSchema"]),
        // The hand-written runtime that generated code builds on: transport, validation, tolerant decoding, envelope.
        .target(name: "CMSRuntime", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Stage 3: schema -> Swift source, through the Mustache templates in Templates/.
        // The built-in templates are compiled in from Templates/, so that a cmsgen binary runs anywhere.
        .target(
            name: "CMSRendering",
            dependencies: ["CMSSchema", .product(name: "Mustache", package: "swift-mustache")],
            plugins: ["EmbedTemplates"]
        ),
        .executableTarget(name: "cmsembed", dependencies: ["CMSSchema"]),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["cmsembed"]),
        // Generates a client from pages: this package's own (specs/ → Generated/), or a target's of a package that
        // depends on CMSKit (its cmsgen.json names the pages).
        .plugin(
            name: "GenerateCMSClient",
            capability: .command(
                intent: .custom(verb: "generate-cms-client", description: "Generate a CC-CMS Swift client from interface pages"),
                permissions: [.writeToPackageDirectory(reason: "The client is generated into the package's sources")]
            ),
            dependencies: ["cmsgen"]
        ),
        // The pipeline as a library call (read → extract → render → write), with its reporting: what the CLI and the
        // plugins run.
        .target(name: "CMSGenerator", dependencies: ["CMSExtraction", "CMSRendering", "CMSSchema"]),
        // Two editions of the docs compared: each change with a check id, a severity and its effect on the Swift API.
        .target(name: "CMSDiff", dependencies: ["CMSExtraction", "CMSRendering", "CMSSchema"]),
        // The generated client: Generated/ compiled on top of the runtime.
        .target(name: "CMSKit", dependencies: ["CMSRuntime"], path: "Generated", swiftSettings: generatedCode),
        // A transport over AsyncHTTPClient that can trust a given CA (URLSession on Linux cannot).
        .target(name: "CMSAsyncHTTPClient", dependencies: [
            "CMSRuntime",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // A local CC-CMS built from the same schema: verifies signatures, validates bodies, answers with the examples.
        // A target of its own, so that `cmsgen generate` never waits for a web framework to build.
        .target(name: "CMSMock", dependencies: [
            "CMSExtraction", "CMSRuntime", "CMSSchema",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        .executableTarget(name: "cmsmock", dependencies: [
            "CMSMock", "CMSExtraction",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Clients that misbehave on purpose (raw sockets, trickled headers, held connections), for the mock's tests and
        // the load benchmark.
        .target(name: "CMSHostileClients"),
        // Rerunnable load figures against the local CC-CMS: `swift run -c release cmsloadbench`.
        .executableTarget(name: "cmsloadbench", dependencies: ["CMSMock", "CMSKit", "CMSRuntime", "CMSExtraction", "CMSHostileClients"]),
        // Views of the schema for other toolchains.
        .target(name: "CMSOpenAPI", dependencies: ["CMSRendering", "CMSSchema"]),
        .executableTarget(
            name: "cmsgen",
            dependencies: [
                "CMSDiff", "CMSExtraction", "CMSGenerator", "CMSOpenAPI", "CMSRendering", "CMSSchema",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets (page reading, JSON, tolerant decoding, signatures, the mock's request path) as a library the
        // tests replay corpora through, and `cmsfuzz`, their libFuzzer driver: Scripts/fuzz.sh.
        .target(name: "CMSFuzzing", dependencies: ["CMSExtraction", "CMSKit", "CMSMock", "CMSReading", "CMSRuntime", "CMSSchema"]),
        .executableTarget(name: "cmsfuzz", dependencies: ["CMSFuzzing"]),
        // Rerunnable speed figures: `swift run -c release cmsbench`.
        .executableTarget(name: "cmsbench", dependencies: ["CMSExtraction", "CMSReading", "CMSRendering", "CMSSchema", "CMSKit", "CMSRuntime"]),
        // Generated from the snippet pages (naming, enumerations, mandatory response fields) and the vendor error-code page:
        // cmsgen generate --specs Tests/Snippets/specs --specs specs/error-codes.html --output Tests/Snippets/Generated
        .target(name: "CMSKitSnippets", dependencies: ["CMSRuntime"], path: "Tests/Snippets/Generated", swiftSettings: generatedCode),
        .testTarget(name: "CMSKitSnippetTests", dependencies: ["CMSKitSnippets", "CMSRuntime"]),
        // Generated from the torture corpus, pages written to break generators (keywords, injections, cycles, no
        // error-code page): cmsgen generate --specs Tests/Torture/specs --output Tests/Torture/Generated
        .target(name: "CMSKitTorture", dependencies: ["CMSRuntime"], path: "Tests/Torture/Generated", swiftSettings: generatedCode),
        .testTarget(
            name: "CMSKitTortureTests",
            dependencies: ["CMSKitTorture", "CMSRuntime", "CMSMock", "CMSExtraction", "CMSSchema"]
        ),
        // Generated from pages in the vendor's second layout (a URI section with `METHOD /path`, token header, statuses),
        // written by the project: cmsgen generate --specs Tests/Cloud/specs --output Tests/Cloud/Generated
        .target(name: "CMSKitCloud", dependencies: ["CMSRuntime"], path: "Tests/Cloud/Generated", swiftSettings: generatedCode),
        .testTarget(
            name: "CMSKitCloudTests",
            dependencies: ["CMSKitCloud", "CMSRuntime", "CMSMock", "CMSExtraction", "CMSSchema"]
        ),
        // Generated from two references of our own as a maintainer downloads them (interface pages mixed with overviews,
        // permission matrices, appendices and fragments), one per layout, each with a client name of its own so that both
        // fit in one test target:
        // cmsgen generate --specs Tests/Published/cloud --output Tests/Published/Generated/Gizmo --client-name Gizmo
        // cmsgen generate --specs Tests/Published/cms --output Tests/Published/Generated/Wallboard --client-name Wallboard
        .target(name: "CMSKitGizmo", dependencies: ["CMSRuntime"], path: "Tests/Published/Generated/Gizmo", swiftSettings: generatedCode),
        .target(name: "CMSKitWallboard", dependencies: ["CMSRuntime"], path: "Tests/Published/Generated/Wallboard", swiftSettings: generatedCode),
        .testTarget(
            name: "CMSKitPublishedTests",
            dependencies: ["CMSKitGizmo", "CMSKitWallboard", "CMSRuntime", "CMSMock", "CMSExtraction", "CMSGenerator", "CMSDiff", "CMSSchema"]
        ),
        .testTarget(
            name: "CMSKitTests",
            dependencies: [
                "CMSReading", "CMSExtraction", "CMSOpenAPI", "CMSRendering", "CMSRuntime", "CMSKit", "CMSSchema", "CMSGenerator", "CMSDiff",
                "CMSFuzzing",
                "CMSMock", "CMSAsyncHTTPClient", "CMSHostileClients",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
