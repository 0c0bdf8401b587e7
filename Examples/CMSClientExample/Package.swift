// swift-tools-version:6.2
import PackageDescription

// An app package that keeps its own CC-CMS pages (Docs/cms/) and gets its own client target from them:
//
//     swift package --allow-writing-to-package-directory generate-cms-client --target WidgetClient
//
// The client target depends on CMSRuntime only; the generator runs from the plugin.
let package = Package(
    name: "CMSClientExample",
    platforms: [.macOS(.v14)],
    dependencies: [
        // In an app: .package(url: "https://…/CMSKit.git", from: "…").
        .package(name: "CMSKit", path: "../.."),
    ],
    targets: [
        // Generated/ is written by the plugin, from the pages that cmsgen.json names.
        .target(
            name: "WidgetClient",
            dependencies: [.product(name: "CMSRuntime", package: "CMSKit")],
            exclude: ["cmsgen.json"]
        ),
        .executableTarget(
            name: "WidgetApp",
            dependencies: ["WidgetClient", .product(name: "CMSRuntime", package: "CMSKit")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
