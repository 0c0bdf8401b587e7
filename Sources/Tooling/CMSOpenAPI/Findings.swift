import CMSSchema

/// The observations about one body (request or response), by the dotted path of the field they concern.
struct Findings: Sendable {
    private var byPath: [String: [Observation]] = [:]

    /// No observations.
    static let none = Findings()

    private init() {}

    /// The observations of `role`. Paths that start with the example's wrapper object (`queryParam.skillIds`)
    /// are taken relative to the documented fields (`skillIds`).
    init(_ observations: [Observation], role: Example.Role, wrapper: String?) {
        for observation in observations where observation.role == role {
            var path = observation.path
            if let wrapper, path.hasPrefix(wrapper + ".") { path.removeFirst(wrapper.count + 1) }
            byPath[path, default: []].append(observation)
        }
    }

    /// The observations about the field at `path`, in the order the schema lists them.
    func at(_ path: String) -> [Observation] { byPath[path] ?? [] }
}
