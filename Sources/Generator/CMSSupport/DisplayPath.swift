/// Paths as the tools show them: relative to the working directory, with `.` and `..` resolved, whatever the spelling.
package enum DisplayPath {
    /// `path` made absolute against `base`, standardised.
    package static func absolute(_ path: String, base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        return standardized(joined)
    }

    /// `path` (absolute) relative to `base` (absolute): `specs/x.html`, `../other/x.html`; `.` for `base` itself.
    package static func relative(_ path: String, to base: String) -> String {
        let target = standardized(path).split(separator: "/")
        let origin = standardized(base).split(separator: "/")
        var common = 0
        while common < target.count, common < origin.count, target[common] == origin[common] { common += 1 }
        let parts = Array(repeating: "..", count: origin.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `/a/./b/../c//d/` → `/a/c/d`, without touching the file system.
    package static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
