import Foundation
import HTTPTypes
import HummingbirdCore
import NIOConcurrencyHelpers
import NIOCore

/// The memory that request bodies take while their requests are handled, across every connection: a server that caps
/// each body at 16 MiB still grows without bound when a hundred clients send one at the same time. Each body takes
/// what it costs (`CMSMockBodyCost`: about 5 times its length, more for JSON of many small values), from its first
/// byte until its request is answered. A request whose body would go over the budget is refused (503) instead.
final class BodyBudget: Sendable {
    /// The budget, in bytes.
    let capacity: Int
    private let used = NIOLockedValueBox(0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Takes `count` bytes from the budget; false (and nothing taken) when they do not fit.
    func reserve(_ count: Int) -> Bool {
        used.withLockedValue { used in
            guard count <= capacity - used else { return false }
            used += count
            return true
        }
    }

    /// Gives back bytes taken with `reserve`.
    func release(_ count: Int) {
        used.withLockedValue { $0 -= count }
    }

    /// Bytes taken now.
    var inUse: Int { used.withLockedValue { $0 } }
}

/// Reads a request body with the three limits the server puts on it: its size, the shared budget, and a deadline
/// from the end of the header to the end of the body.
///
/// The body is collected straight into the `Data` the engine reads, so that no second copy is held beside it.
struct BodyReader: Sendable {
    /// The largest body a request may have.
    let maximumBytes: Int
    /// Seconds from the end of the header to the end of the body.
    let timeout: TimeInterval
    let budget: BodyBudget

    /// What came of reading a body.
    enum Outcome: Sendable {
        /// The whole body; `reserved` bytes of the budget (its cost) are held for it until `release` is called.
        case body(Data, reserved: Int)
        /// Larger than `maximumBytes` (declared or sent).
        case tooLarge
        /// Would go over the budget shared by all requests.
        case overBudget
        /// Not complete within `timeout`.
        case timedOut
        /// The connection failed while the body was read.
        case failed
    }

    /// Reads `request`'s body within the limits, taking each part's cost from the budget as it arrives. A refused
    /// body's share is given back at once.
    func read(_ request: HummingbirdCore.Request) async -> Outcome {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maximumBytes { return .tooLarge }
        let body = request.body
        let maximumBytes = maximumBytes
        let budget = budget
        let nanoseconds = UInt64(max(timeout, 0.001) * 1_000_000_000)
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                var collected = Data()
                var reserved = 0
                do {
                    for try await chunk in body {
                        let count = chunk.readableBytes
                        guard collected.count + count <= maximumBytes else {
                            budget.release(reserved)
                            return .tooLarge
                        }
                        let cost = chunk.withUnsafeReadableBytes { CMSMockBodyCost.cost(of: $0) }
                        // A body that could not fit in the whole budget is too large, not a sign of a busy server.
                        guard reserved + cost <= budget.capacity else {
                            budget.release(reserved)
                            return .tooLarge
                        }
                        guard budget.reserve(cost) else {
                            budget.release(reserved)
                            return .overBudget
                        }
                        reserved += cost
                        chunk.withUnsafeReadableBytes { collected.append(contentsOf: $0) }
                    }
                } catch {
                    budget.release(reserved)
                    return .failed
                }
                if Task.isCancelled {
                    budget.release(reserved)
                    return .timedOut
                }
                return .body(collected, reserved: reserved)
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: nanoseconds)
                return .timedOut
            }
            let first = await group.next() ?? .failed
            group.cancelAll()
            // The reader may still finish with a body after the deadline won: its share goes back.
            for await late in group {
                if case .body(_, let reserved) = late { budget.release(reserved) }
            }
            return first
        }
    }

    /// Gives back what an `Outcome.body` holds of the budget, once the request is answered.
    func release(_ outcome: Outcome) {
        if case .body(_, let reserved) = outcome { budget.release(reserved) }
    }
}
