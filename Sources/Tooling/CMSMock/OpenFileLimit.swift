#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files, which caps the connections a server (or a client holding many) can have.
public enum CMSMockOpenFileLimit {
    /// Raises the soft limit to the hard one, as servers do: many systems start processes at 1,024 files, fewer than
    /// `cmsmock --max-connections 1100` needs. Returns the soft limit in force afterwards (or nil if it cannot be read).
    @discardableResult
    public static func raise() -> Int? {
        var limit = rlimit()
        guard getrlimit(resourceNumber, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resourceNumber, &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }

    #if canImport(Glibc)
    private static let resourceNumber = __rlimit_resource_t(UInt32(RLIMIT_NOFILE.rawValue))
    #else
    private static let resourceNumber = RLIMIT_NOFILE
    #endif
}
