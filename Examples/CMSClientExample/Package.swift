// swift-tools-version:6.2
import PackageDescription

// An app package that keeps the pages of two services (Docs/cms/, a CC-CMS service; Docs/gadgets/, a service in the
// vendor's second layout) and gets a client target from each:
//
//     swift package --allow-writing-to-package-directory generate-cms-client --target WidgetClient --target GadgetClient
//
// Each client's cmsgen.json gives it a name of its own (WidgetsClient, GadgetsClient), so that the app uses both
// without qualifying a name. The client targets depend on CMSRuntime only; the generator runs from the plugin.
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
        .target(
            name: "GadgetClient",
            dependencies: [.product(name: "CMSRuntime", package: "CMSKit")],
            exclude: ["cmsgen.json"]
        ),
        .executableTarget(
            name: "WidgetApp",
            dependencies: ["WidgetClient", "GadgetClient", .product(name: "CMSRuntime", package: "CMSKit")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
