import CMSReading

/// The vendor's own name for an operation, where the page carries one: pages of the second layout link to the
/// vendor's API Explorer with the operation's name in the link (`…/apiexplorer/#/openapi/ECS/doc?api=ShowServer`).
/// Decided here, once, and recorded in the schema (`Interface.vendorOperationName`); the operation's Swift and
/// OpenAPI name is read from it (`showServer`).
enum VendorOperationName {
    /// The name the first API Explorer link of the page's text gives, if any.
    static func find(in page: PageDocument) -> String? {
        for block in page.blocks {
            guard case .paragraph(let text) = block else { continue }
            for link in text.links {
                if let name = name(in: link.href) { return name }
            }
        }
        return nil
    }

    /// The `api` item of an API Explorer link (in its query or its fragment): an ASCII name of at most 64 characters
    /// that starts with a letter; nil for any other link.
    static func name(in href: String) -> String? {
        guard href.lowercased().contains("apiexplorer") else { return nil }
        for item in href.split(whereSeparator: { $0 == "?" || $0 == "&" || $0 == "#" }) where item.hasPrefix("api=") {
            let value = item.dropFirst("api=".count)
            guard let first = value.first, first.isASCII, first.isLetter, value.count <= 64,
                  value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            return String(value)
        }
        return nil
    }
}
