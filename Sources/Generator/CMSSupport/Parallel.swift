import Foundation

/// Order-preserving parallel map over independent items: pages parse independently (libxml2 allows it), and files
/// render independently.
///
/// The work runs on threads of its own, one per processor, each with the stack of a main thread (`stackSize`), not
/// on Dispatch's workers, whose stacks are smaller: a stage behaves the same whichever thread an item lands on.
package enum Parallel {
    /// The stack of each worker: what Linux gives a main thread by default.
    package static let stackSize = 8 << 20

    package static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        let workers = min(inputs.count, ProcessInfo.processInfo.activeProcessorCount)
        guard workers > 1 else { return inputs.map(transform) }
        // The workers are done with `transform` before this returns.
        return withoutActuallyEscaping(transform) { transform in
            let work = Work(inputs: inputs, transform: transform)
            let done = DispatchGroup()
            for _ in 0..<workers {
                done.enter()
                let thread = Thread {
                    work.run()
                    done.leave()
                }
                thread.stackSize = stackSize
                thread.start()
            }
            done.wait()
            // The threads may outlive their last item by a moment: they must not hold `transform` past this block.
            work.release()
            return work.values
        }
    }

    /// The items, a cursor that hands each to one worker, and the results in input order.
    private final class Work<Input: Sendable, Output: Sendable>: @unchecked Sendable {
        private let inputs: [Input]
        private var transform: (@Sendable (Input) -> Output)?
        private var slots: [Output?]
        private var next = 0
        private let lock = NSLock()

        init(inputs: [Input], transform: @escaping @Sendable (Input) -> Output) {
            self.inputs = inputs
            self.transform = transform
            slots = Array(repeating: nil, count: inputs.count)
        }

        func run() {
            while let index = take(), let transform = currentTransform() {
                let value = transform(inputs[index])
                lock.lock()
                slots[index] = value
                lock.unlock()
            }
        }

        private func currentTransform() -> (@Sendable (Input) -> Output)? {
            lock.lock()
            defer { lock.unlock() }
            return transform
        }

        func release() {
            lock.lock()
            transform = nil
            lock.unlock()
        }

        private func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < inputs.count else { return nil }
            next += 1
            return next - 1
        }

        var values: [Output] { slots.map { $0! } }
    }
}
